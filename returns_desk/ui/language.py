"""The window's quick language switch: one click, the desk speaks the other language at once.

The switch installs the other catalogue (``ui.i18n.set_language``): Qt sends
``LanguageChange`` and every screen re-labels itself, no restart. The choice is this
terminal's setting (``language`` in ``settings.toml``), saved on its own so that a clerk
needs no admin PIN for it; the demo and a run with ``--lang`` change nothing on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton

from returns_desk.errors import ReturnsDeskError
from returns_desk.i18n import LANGUAGES
from returns_desk.printing.fonts_qt import add_bundled_fonts
from returns_desk.ui.i18n import current_language, set_language
from returns_desk.ui.services import DeskServices

log = logging.getLogger(__name__)

Notify = Callable[[str, str], None]


def save_language(code: str) -> None:
    """Only ``language`` changes in the saved settings (ReturnsDeskError if unreadable)."""
    from returns_desk.settings import load_settings, save_settings

    save_settings(load_settings().replace(language=code))


class LanguageSwitch(QObject):
    """The action (Desk menu) and the status-bar button that flip English and Hindi."""

    def __init__(
        self, services: DeskServices, notify: Notify, *, persist: bool, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._services, self._notify, self._persist = services, notify, persist
        self.action = QAction(self)
        self.action.triggered.connect(self._on_action_triggered)
        self.button = QToolButton()
        self.button.setObjectName("languageSwitch")
        self.button.setDefaultAction(self.action)
        # the button names the other language in its own script: Devanagari must be there
        # even while the desk is in English (a fresh Debian has no Devanagari font)
        add_bundled_fonts()
        self.retranslate()

    def other(self) -> str:
        return next(code for code in LANGUAGES if code != current_language())

    def retranslate(self) -> None:
        """Named in the language it switches to, so a clerk who reads only that one finds it."""
        self.action.setText(LANGUAGES[self.other()])
        self.action.setToolTip(
            self.tr("Show the desk and print the slips in %1").replace(
                "%1", LANGUAGES[self.other()]
            )
        )

    def switch(self, code: str) -> bool:
        """Show the desk in ``code`` now and keep it as this terminal's language."""
        if not set_language(code):
            self._notify("error", self.tr("This language is not installed: %1").replace("%1", code))
            return False
        settings = self._services.settings
        self._services.settings = settings.replace(language=code)
        if self._persist:
            try:
                save_language(code)
            except (ReturnsDeskError, OSError) as exc:
                log.warning("the language could not be saved: %s", exc)
                self._notify(
                    "warn",
                    self.tr("The language is changed for now but could not be saved."),
                )
        return True

    @Slot()
    def _on_action_triggered(self) -> None:
        self.switch(self.other())
