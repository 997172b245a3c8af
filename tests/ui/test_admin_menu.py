"""The Admin menu opens the admin's dialogs without blocking the desk."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from returns_desk.ui.admin import AboutDialog, SettingsDialog
from tests.ui.conftest import Desk


def _open_dialogs(cls: type) -> list:  # type: ignore[type-arg]
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]


def test_admin_menu_entries(desk: Desk) -> None:
    admin = desk.window.admin
    texts = [a.text() for a in desk.window.admin_menu.actions() if a.text()]
    assert {"Settings…", "Hand-on to OMS / POS…", "Import returns report…"} <= set(texts)

    admin.about_action.trigger()
    (about,) = _open_dialogs(AboutDialog)
    about.close()

    admin.settings_action.trigger()  # no admin PIN set yet: straight in
    (dialog,) = _open_dialogs(SettingsDialog)
    assert dialog.tabs.tabText(dialog.tabs.count() - 1) == "Hand-on"
    assert QApplication.activeModalWidget() in (None, dialog)
    dialog.reject()

    admin.handon_action.trigger()
    desk.wait(lambda: admin.handon_view.isVisible())
    close = admin.handon_view.close_button  # a visible way out, as in the other dialogs
    assert close.isVisible() and close.text() == "Close  (Esc)"
    close.click()
    assert not admin._handon_dialog.isVisible()  # type: ignore[union-attr]
