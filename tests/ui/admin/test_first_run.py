"""The first-run wizard walked through page by page, and when it is needed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from returns_desk.admin_pin import verify_pin
from returns_desk.credentials import load_credentials
from returns_desk.settings import Settings, load_settings, needs_first_run, save_settings
from returns_desk.ui.admin import FirstRunWizard, apply_settings_dialog
from tests.ui.admin.conftest import quick_hash


def test_needs_first_run(settings_file: Path) -> None:
    assert needs_first_run(settings_file)
    save_settings(Settings(), settings_file)
    assert needs_first_run(settings_file)  # no seller location yet
    save_settings(Settings(seller_location_id="LOC1"), settings_file)
    assert not needs_first_run(settings_file)


def next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_walk_through_to_complete_settings(
    qtbot, sandbox, admin_widgets, settings_file: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    admin_widgets.append(wizard)
    wizard.open()
    assert wizard.currentPage().title() == "Welcome to Returns Desk"
    wizard.next()

    # Marketplace: complete only once the fields are valid and the test passed
    assert wizard.currentPage() is wizard.marketplace_page and not next_enabled(wizard)
    m = wizard.marketplace
    m.base_url.setText(sandbox.base_url)
    qtbot.keyClicks(m.location, "LOC1")
    qtbot.keyClicks(m.client_id, "sandbox")
    assert not m.test_button.isEnabled()  # no secret yet
    assert "secret" in m.error_text("client_secret")
    qtbot.keyClicks(m.secret, "sandbox")
    assert not next_enabled(wizard)
    with qtbot.waitSignal(m.tested, timeout=10000) as tested:
        qtbot.mouseClick(m.test_button, Qt.MouseButton.LeftButton)
    assert tested.args == [True] and next_enabled(wizard)
    qtbot.keyClick(m.secret, Qt.Key.Key_Return)  # Enter means Next

    # Terminal
    assert wizard.currentPage().title() == "Terminal"
    wizard.terminal.terminal_id.setText("")
    assert not next_enabled(wizard) and wizard.terminal.error_text("terminal_id")
    qtbot.keyClicks(wizard.terminal.terminal_id, "DOCK-3")
    qtbot.keyClicks(wizard.terminal.operator, "Ravi")
    assert next_enabled(wizard)
    wizard.next()

    # Printer: a PDF folder only, the test print is optional
    assert wizard.currentPage().title() == "Slip printer"
    wizard.printing.pdf_dir.setText(str(tmp_path / "pdf"))
    assert next_enabled(wizard)
    wizard.next()

    # Admin PIN: required
    assert wizard.currentPage().title() == "Admin PIN" and not next_enabled(wizard)
    qtbot.keyClicks(wizard.pin.new_pin, "987654")
    qtbot.keyClicks(wizard.pin.repeat_pin, "9875")
    assert not next_enabled(wizard)
    wizard.pin.repeat_pin.setText("987654")
    assert next_enabled(wizard)
    wizard.next()

    assert wizard.currentPage() is wizard.finish_page
    summary = wizard.finish_page.summary.text()
    assert "LOC1" in summary and "DOCK-3" in summary and "passed" in summary
    assert "sandbox" not in summary  # no credentials shown
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )

    result = wizard.result_settings()
    assert result.replace(admin_pin_hash=None) == Settings(
        api_base_url=sandbox.base_url,
        seller_location_id="LOC1",
        terminal_id="DOCK-3",
        operator_name="Ravi",
        pdf_dir=str(tmp_path / "pdf"),
    )
    assert verify_pin("987654", result.admin_pin_hash)
    apply_settings_dialog(wizard, settings_file)
    assert load_settings(settings_file) == result and not needs_first_run(settings_file)
    assert load_credentials().client_secret.get_secret_value() == "sandbox"
    assert "sandbox" not in settings_file.read_text(encoding="utf-8")


def test_the_connection_test_may_be_skipped_on_purpose(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(Settings(api_base_url="https://unreachable.example.test/sellers"))
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.next()
    m = wizard.marketplace
    m.location.setText("LOC7")
    m.client_id.setText("id")
    m.secret.setText("secret")
    assert not next_enabled(wizard)
    wizard.marketplace_page.skip_test.setChecked(True)
    assert next_enabled(wizard)
    m.base_url.setText("not a url")
    assert not next_enabled(wizard) and "http" in m.error_text("api_base_url")


def test_a_pin_the_admin_already_set_is_kept(qtbot, admin_widgets) -> None:  # type: ignore[no-untyped-def]
    """Set beforehand with returns-desk admin-pin: the wizard need not (and cannot) replace it."""
    existing = quick_hash("7391")
    wizard = FirstRunWizard(Settings(admin_pin_hash=existing), credentials=None)
    qtbot.addWidget(wizard)
    admin_widgets.append(wizard)
    assert wizard.pin.problem() is None  # no PIN required
    assert "A PIN is set" in wizard.pin.findChildren(QLabel)[0].text()
    wizard.pin.new_pin.setText("12")
    assert wizard.pin.problem() is not None  # a new one must still be long enough
