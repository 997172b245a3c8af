"""The languages the desk speaks, without Qt: codes, names, where the catalogues are.

The words themselves are translated the Qt way (``returns_desk.ui.i18n`` loads the compiled
catalogues with ``QTranslator``); this module is what the settings, the command line and the
build need to know about them. ``resources/i18n/returns_desk_<code>.ts`` are the sources
(``scripts/i18n.py update`` refreshes them from the code with ``pyside6-lupdate``) and the
build compiles them to ``.qm`` next to them (``scripts/i18n.py release``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from returns_desk.paths import LAST_GOOD_FILE, settings_path

#: code -> the language's own name, as the switch shows it
LANGUAGES: dict[str, str] = {"en": "English", "hi": "हिन्दी"}
DEFAULT_LANGUAGE = "en"
#: code -> the QLocale name used for dates and numbers
LOCALES: dict[str, str] = {"en": "en_IN", "hi": "hi_IN"}
CATALOGUE_FOLDER = "i18n"


def catalogue(code: str, suffix: str = ".qm") -> str:
    """The resource name of a language's catalogue: ``i18n/returns_desk_hi.qm``."""
    return f"{CATALOGUE_FOLDER}/returns_desk_{code}{suffix}"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation in ``context`` and returns it unchanged.

    Qt-free code (the slip builders) keeps its English words; ``pyside6-lupdate`` finds them
    by this name, and the Qt side translates them when it draws.
    """
    return text


def configured_language(override: str | None = None) -> str:
    """The language of this run, known before the window shows.

    ``--lang`` first, then ``language`` from the settings file (or its last good copy), read
    with the standard TOML parser as ``paths.configured_data_dir`` does, so the first frame
    is already in the clerk's language without waiting for the settings model; a code that
    is not known counts as no choice.
    """
    if override in LANGUAGES:
        return override
    path = settings_path()
    for candidate in (path, path.with_name(LAST_GOOD_FILE)):
        try:
            chosen = tomllib.loads(candidate.read_text(encoding="utf-8")).get("language")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def catalogue_sources(root: Path) -> list[Path]:
    """The ``.ts`` sources under a resources folder, one per language."""
    return [root / catalogue(code, ".ts") for code in LANGUAGES]
