"""English plural forms for ``tr("%n handover(s)", "", n)``, without a translation file.

Qt picks a plural form only through a translation; with none, "%n handover(s)" would stay as
written. This translator gives the English forms ("1 handover", "3 handovers") for every
text with ``n`` and "(s)"; it is installed first, so a real translation (Hindi) installed
after it answers before it does.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

_installed: list[QTranslator] = []


class EnglishPlurals(QTranslator):
    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if n < 0 or ("(s)" not in source and "(S)" not in source):
            return None  # not ours: a null text, so the next translator (or the source) is used
        one = n == 1
        return source.replace("(s)", "" if one else "s").replace("(S)", "" if one else "S")

    def isEmpty(self) -> bool:
        return False


def install_english_plurals() -> None:
    """Once per process: the application's English plural forms."""
    app = QCoreApplication.instance()
    if app is not None and not _installed:
        translator = EnglishPlurals(app)
        app.installTranslator(translator)
        _installed.append(translator)
