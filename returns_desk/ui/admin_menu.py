"""The Admin menu: settings behind the PIN, the hand-on view, the report import, About.

Kept out of the main window so that it only wires: each entry opens its dialog with
``open()`` (never a nested event loop that would stop scans from being handled). The
dialogs' modules are imported when an entry is chosen: a clerk's start-up never needs them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QVBoxLayout, QWidget

from returns_desk import __version__
from returns_desk.errors import ReturnsDeskError
from returns_desk.logs import log_folder
from returns_desk.paths import demo_settings_path
from returns_desk.settings import save_settings
from returns_desk.settings.model import InvalidSettings
from returns_desk.ui.fit import fit_to_screen
from returns_desk.ui.services import DeskServices

if TYPE_CHECKING:
    from returns_desk.ui.admin import SettingsDialog
    from returns_desk.ui.handon import HandonSettingsPage, HandonView

log = logging.getLogger(__name__)


class AdminMenu(QObject):
    """Adds its actions to ``menu`` and opens the admin's dialogs over ``window``."""

    applied = Signal(object)  # the saved Settings: what can apply at once does

    def __init__(
        self,
        window: QMainWindow,
        menu: QMenu,
        services: DeskServices,
        notify: Callable[[str, str], None],
    ) -> None:
        super().__init__(window)
        self._window, self._services = window, services
        self._notify = notify  # (kind, text) -> None: the window's calm notice
        self._handon_dialog: QDialog | None = None
        self.handon_view: HandonView | None = None  # once opened
        self._disk_timer = QTimer(self)
        self._disk_timer.setInterval(3_600_000)
        self._disk_timer.timeout.connect(self.check_disk)
        self.settings_action = self._add(menu, self._on_settings_triggered)
        self.handon_action = self._add(menu, self._on_handon)
        self.import_action = self._add(menu, self._on_import_triggered)
        menu.addSeparator()
        self.about_action = self._add(menu, self._on_about)
        self.retranslate()

    def retranslate(self) -> None:
        self.settings_action.setText(self.tr("Settings…"))
        self.handon_action.setText(self.tr("Hand-on to OMS / POS…"))
        self.import_action.setText(self.tr("Import returns report…"))
        self.about_action.setText(self.tr("About Returns Desk"))

    def _add(self, menu: QMenu, slot: object) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def check_disk(self) -> bool:
        """Warn (the window's notice) when the disk under the record is nearly full.

        Called at start and then every hour; a few ``stat`` calls, on the GUI thread. The
        admin forms (and the serial port list they load) only when there is a warning.
        """
        from returns_desk.store import database_path
        from returns_desk.store.integrity import disk_use

        folder = self._services.data_dir
        if not disk_use(database_path(folder), folder / "backups").low:
            return False
        from returns_desk.ui.admin.forms import disk_text

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
        from returns_desk.ui.i18n import current_language

        demo = self._services.sandbox is not None  # the demo keeps its own settings
        path = demo_settings_path(self._services.data_dir) if demo else None
        try:
            handon = page.values()
            saved = apply_settings_dialog(dialog, path, keep_credentials=not demo)
            if not demo and not page.save_credentials():
                raise ReturnsDeskError(message="The hand-on passwords could not be stored.")
            saved = saved.replace(handon=handon)
            save_settings(saved, path)
        except InvalidSettings as exc:
            self._notify("error", self.tr("Hand-on settings not saved: %1").replace("%1", str(exc)))
            return
        except ReturnsDeskError as exc:
            self._notify("error", exc.user_text)
            return
        self.applied.emit(saved)
        text = self.tr(
            "Settings saved. The printer, PDF folder, sounds and scanner timings apply now; "
            "restart Returns Desk for the rest."
        )
        if demo:
            text = self.tr("Demo settings saved, for this demo only. ") + text
        self._notify("info", text)
        language = getattr(self._window, "language", None)
        if language is not None and saved.language != current_language():
            language.switch(saved.language)  # at once, as with the window's switch

    # --- hand-on ---------------------------------------------------------------------

    @Slot()
    def _on_handon(self) -> None:
        from returns_desk.ui.handon import HandonView

        if self._handon_dialog is None:
            dialog = QDialog(self._window)
            dialog.setWindowTitle(self.tr("Hand-on to the seller's systems"))
            fit_to_screen(dialog, 1200, 760)
            view = HandonView(self._services.store, self._services.data_dir, dialog)
            layout = QVBoxLayout(dialog)
            layout.addWidget(view)
            feed = self._services.handon
            feed.changed.connect(view.entries_changed)  # throttled, read off-thread
            feed.problems.connect(view.show_problems)
            view.show_problems(feed.last_problems)
            view.retry_requested.connect(self._on_handon_retry_requested)
            view.import_requested.connect(self._on_import_triggered)
            view.close_requested.connect(dialog.reject)
            self._handon_dialog = dialog
            self.handon_view = view
        if self.handon_view is not None:
            self.handon_view.refresh_now()
        self._handon_dialog.open()

    @Slot()
    def _on_handon_retry_requested(self) -> None:
        self._services.desk.trigger_handon()

    @Slot()
    def _on_import_triggered(self) -> None:
        from returns_desk.ui.handon import ImportReportDialog

        services = self._services
        parent: QWidget = self._handon_dialog if self._handon_dialog is not None else self._window
        dialog = ImportReportDialog(services.store, services.settings, services.data_dir, parent)
        dialog.imported.connect(self._on_handon_retry_requested)
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
