"""The Admin menu: settings behind the PIN, the hand-on view, the report import, About.

Kept out of the main window so that it only wires: each entry opens its dialog with
``open()`` (never a nested event loop that would stop scans from being handled). The
dialogs' modules are imported when an entry is chosen: a clerk's start-up never needs them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QVBoxLayout, QWidget

from returns_desk import __version__
from returns_desk.errors import ReturnsDeskError
from returns_desk.logs import log_folder
from returns_desk.settings import save_settings
from returns_desk.ui.services import DeskServices

if TYPE_CHECKING:
    from returns_desk.ui.admin import SettingsDialog
    from returns_desk.ui.handon import HandonSettingsPage

log = logging.getLogger(__name__)


class AdminMenu(QObject):
    """Adds its actions to ``menu`` and opens the admin's dialogs over ``window``."""

    def __init__(
        self,
        window: QMainWindow,
        menu: QMenu,
        services: DeskServices,
        notify: object,
    ) -> None:
        super().__init__(window)
        self._window, self._services = window, services
        self._notify = notify  # (kind, text) -> None: the window's calm notice
        self._handon_dialog: QDialog | None = None
        self.handon_view = None  # the HandonView once opened
        self._disk_timer = QTimer(self)
        self._disk_timer.setInterval(3_600_000)
        self._disk_timer.timeout.connect(self.check_disk)
        self.settings_action = self._add(menu, self.tr("Settings…"), self._on_settings_triggered)
        self.handon_action = self._add(menu, self.tr("Hand-on to OMS / POS…"), self._on_handon)
        self.import_action = self._add(
            menu, self.tr("Import returns report…"), self._on_import_triggered
        )
        menu.addSeparator()
        self.about_action = self._add(menu, self.tr("About Returns Desk"), self._on_about)

    def _add(self, menu: QMenu, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        menu.addAction(action)
        return action

    def check_disk(self) -> bool:
        """Warn (the window's notice) when the disk under the record is nearly full.

        Called at start and then every hour; a few ``stat`` calls, on the GUI thread.
        """
        from returns_desk.store import database_path
        from returns_desk.store.integrity import disk_use
        from returns_desk.ui.admin.forms import disk_text

        folder = self._services.data_dir
        if not disk_use(database_path(folder), folder / "backups").low:
            return False
        self._notify("warn", disk_text(folder))
        return True

    def start(self) -> None:
        self.check_disk()
        self._disk_timer.start()

    def close(self) -> None:
        """The app is closing: the hand-on view stops reading before the record closes."""
        self._disk_timer.stop()
        if self.handon_view is not None:
            self.handon_view.close_reader()

    # --- settings --------------------------------------------------------------------

    @Slot()
    def _on_settings_triggered(self) -> None:
        from returns_desk.ui.admin import SettingsDialog, ask_admin_pin
        from returns_desk.ui.handon import HandonSettingsPage

        settings = self._services.settings
        if not ask_admin_pin(self._window, settings):
            return
        dialog = SettingsDialog(settings, self._window, data_dir=self._services.data_dir)
        page = HandonSettingsPage(dialog)
        page.set_values(settings.handon)
        dialog.add_page(page, self.tr("Hand-on"))
        dialog.accepted.connect(lambda: self._apply(dialog, page))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _apply(self, dialog: SettingsDialog, page: HandonSettingsPage) -> None:
        from returns_desk.ui.admin import apply_settings_dialog

        try:
            handon = page.values()
            saved = apply_settings_dialog(dialog)
            if not page.save_credentials():
                raise ReturnsDeskError(message="The hand-on passwords could not be stored.")
            save_settings(saved.model_copy(update={"handon": handon}))
        except ValidationError as exc:
            self._notify(
                "error",
                self.tr("Hand-on settings not saved: %1").replace(
                    "%1", str(exc.errors()[0]["msg"])
                ),
            )
            return
        except ReturnsDeskError as exc:
            self._notify("error", exc.user_text)
            return
        self._notify(
            "info", self.tr("Settings saved. Restart Returns Desk to use them everywhere.")
        )

    # --- hand-on ---------------------------------------------------------------------

    @Slot()
    def _on_handon(self) -> None:
        from returns_desk.ui.handon import HandonView

        if self._handon_dialog is None:
            dialog = QDialog(self._window)
            dialog.setWindowTitle(self.tr("Hand-on to the seller's systems"))
            dialog.resize(1200, 760)
            view = HandonView(self._services.store, self._services.data_dir, dialog)
            layout = QVBoxLayout(dialog)
            layout.addWidget(view)
            outbox = self._services.outbox
            if outbox is not None:
                outbox.changed.connect(view.entries_changed)  # throttled, read off-thread
                outbox.problems.connect(view.show_problems)
                view.retry_requested.connect(outbox.trigger)
            view.import_requested.connect(self._on_import_triggered)
            self._handon_dialog = dialog
            self.handon_view = view
        self.handon_view.refresh_now()
        self._handon_dialog.open()

    @Slot()
    def _on_import_triggered(self) -> None:
        from returns_desk.ui.handon import ImportReportDialog

        services = self._services
        parent: QWidget = self._handon_dialog if self._handon_dialog is not None else self._window
        dialog = ImportReportDialog(services.store, services.settings, services.data_dir, parent)
        if services.outbox is not None:
            dialog.imported.connect(services.outbox.trigger)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- about -----------------------------------------------------------------------

    @Slot()
    def _on_about(self) -> None:
        from returns_desk.ui.admin import AboutDialog

        folder = self._services.data_dir
        dialog = AboutDialog(__version__, folder, log_folder(folder), self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
