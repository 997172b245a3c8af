"""The language on screen: the compiled catalogue in a ``QTranslator``, the ``QLocale``.

``set_language("hi")`` swaps the translator; Qt then sends ``QEvent.LanguageChange`` to every
window, and each screen's ``retranslate()`` sets its words again (no restart). Dates and
numbers go through ``locale()`` so that a Hindi desk shows ``12,34,567``.

Module-level code translates with ``tr`` below. ``pyside6-lupdate`` files a ``tr()`` that is
not a method under the empty context, so this one looks the text up there, whichever module
calls it: the catalogue and the lookup agree by construction.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QTime, QTranslator

from returns_desk.errors import translate_with
from returns_desk.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES, catalogue
from returns_desk.printing.fonts_qt import add_bundled_fonts
from returns_desk.resources import resource_path

log = logging.getLogger(__name__)

# Qt's own words (dialog buttons, the wizard's buttons): Qt ships no Hindi catalogue of its
# own, so they are in ours, under the contexts Qt looks them up in.
QT_WORDS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QWizard", "< &Back"),
    QT_TRANSLATE_NOOP("QWizard", "&Next >"),
    QT_TRANSLATE_NOOP("QWizard", "&Finish"),
    QT_TRANSLATE_NOOP("QWizard", "Cancel"),
)

_state: dict[str, object] = {"code": DEFAULT_LANGUAGE, "translator": None}


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate module-level text; ``n`` picks the plural form (``"%n parcel(s)"``)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def current_language() -> str:
    return str(_state["code"])


def ensure_language() -> None:
    """Install the current language's catalogue if none is (a window made without
    ``run_app``, as in the tests): English needs its own for the plural forms."""
    if _state["translator"] is None:
        set_language(current_language())


def set_language(code: str) -> bool:
    """Show the desk in ``code`` from now on; False (the desk stays in English) when its
    catalogue cannot be loaded.

    Installing or removing the translator makes Qt send ``LanguageChange`` to every window.
    """
    app = QCoreApplication.instance()
    wanted = code if code in LANGUAGES else DEFAULT_LANGUAGE
    translator = QTranslator()
    loaded = _load(translator, wanted)
    shown = wanted
    if not loaded and wanted != DEFAULT_LANGUAGE:  # English then, with its plural forms
        shown, loaded = DEFAULT_LANGUAGE, _load(translator, DEFAULT_LANGUAGE)
    old = _state["translator"]
    if app is not None and isinstance(old, QTranslator):
        app.removeTranslator(old)
    _state["translator"] = translator if loaded else None
    _state["code"] = shown
    QLocale.setDefault(QLocale(LOCALES[shown]))
    translate_with(_error_words if loaded else str)
    if shown != DEFAULT_LANGUAGE:
        add_bundled_fonts()
    if app is not None and loaded:
        app.installTranslator(translator)
    return shown == code


def _error_words(text: str) -> str:
    """The errors' own words (``errors.py``, ``QT_TRANSLATE_NOOP("Errors", ...)``)."""
    return QCoreApplication.translate("Errors", text) if text else text


def _load(translator: QTranslator, code: str) -> bool:
    try:
        path = resource_path(catalogue(code))
    except FileNotFoundError:
        if code != DEFAULT_LANGUAGE:  # English reads its own source text without a catalogue
            log.warning("no compiled catalogue for %s: run scripts/i18n.py release", code)
        return False
    if not translator.load(str(path)):
        log.warning("the catalogue %s cannot be loaded", path)
        return False
    return True


def slip_words() -> dict[str, str]:
    """The slips' words (``printing.slips.TEXTS``) in the desk's language."""
    from returns_desk.printing.slips import TEXTS

    return {key: QCoreApplication.translate("Slips", text) for key, text in TEXTS.items()}


def locale() -> QLocale:
    return QLocale()


def number_text(value: int) -> str:
    """A count as the language writes it (Indian digit grouping: 12,34,567)."""
    return locale().toString(value)


def time_text(moment: datetime) -> str:
    """A time of day in the terminal's local time, 24-hour with seconds, in the language's
    digits (both of ours write 0-9)."""
    local = moment.astimezone()
    return locale().toString(QTime(local.hour, local.minute, local.second), "HH:mm:ss")
