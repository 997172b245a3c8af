"""Screenshots of the settings dialog and the first-run wizard for docs/screenshots/.

Run under a display the size of a dock terminal's screen::

    xvfb-run -s "-screen 0 1366x768x24" \
        .venv/bin/python -m tests.ui.admin.make_screenshots docs/screenshots

Both show a passed connection test against an embedded sandbox; nothing is saved.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from pydantic import SecretStr
from PySide6.QtWidgets import QApplication, QWidget

from returns_desk.credentials import Credentials
from returns_desk.sandbox.server import Sandbox, SandboxConfig
from returns_desk.settings import Settings
from returns_desk.ui.admin import FirstRunWizard, SettingsDialog


def settle(app: QApplication, widget: QWidget, predicate=lambda: True) -> None:  # type: ignore[no-untyped-def]
    while not predicate():
        app.processEvents()
    for _ in range(20):
        app.processEvents()


def main(out: Path) -> None:
    app = QApplication(sys.argv[:1])
    try:
        from returns_desk.ui.theme import apply_theme

        apply_theme(app)
    except ImportError:  # the dock theme is optional for these pictures
        pass
    out.mkdir(parents=True, exist_ok=True)
    credentials = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))
    with Sandbox(SandboxConfig()) as sandbox, tempfile.TemporaryDirectory() as data:
        settings = Settings(
            api_base_url=sandbox.base_url,
            seller_location_id="LOC1",
            terminal_id="DOCK-3",
            operator_name="Asha",
            pdf_dir=str(Path(data) / "slips"),
        )
        dialog = SettingsDialog(settings, credentials=credentials, data_dir=Path(data))
        dialog.show()
        dialog.marketplace.test_button.click()
        settle(app, dialog, lambda: not dialog.marketplace.busy())
        dialog.grab().save(str(out / "settings-dialog.png"))
        dialog.tabs.setCurrentIndex(dialog.page_index(dialog.scanner))  # the serial port picker
        settle(app, dialog)
        dialog.grab().save(str(out / "settings-scanner.png"))
        dialog.close()

        wizard = FirstRunWizard(credentials=credentials)
        wizard.show()
        wizard.next()
        wizard.marketplace.base_url.setText(sandbox.base_url)
        wizard.marketplace.location.setText("LOC1")
        wizard.marketplace.test_button.click()
        settle(app, wizard, lambda: not wizard.marketplace.busy())
        wizard.grab().save(str(out / "first-run-wizard.png"))
        wizard.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
