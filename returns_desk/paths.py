"""Where the app keeps its files: one function per folder, overridable for one run.

Data and logs live in the user's local app-data folder (``%LOCALAPPDATA%\\ReturnsDesk`` on
Windows, ``~/.local/share/ReturnsDesk`` on Linux), never in the install folder.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import platformdirs

APP_NAME = "ReturnsDesk"
DATA_DIR_ENV = "RETURNS_DESK_DATA_DIR"
SETTINGS_FILE = "settings.toml"
LAST_GOOD_FILE = "settings.last-good.toml"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--data-dir`` first, then ``RETURNS_DESK_DATA_DIR``, then the OS's."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def config_dir() -> Path:
    """The folder of the settings file."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=False))


def settings_path() -> Path:
    """The settings file (``returns_desk.settings`` reads and validates it)."""
    return config_dir() / SETTINGS_FILE


def demo_settings_path(folder: Path) -> Path:
    """The demo's own settings file, in its data folder: the demo never writes the real one."""
    return folder / "demo-settings.toml"


def configured_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder this run will use, known before the settings are validated.

    The start-up needs it before the window shows (one instance per data folder), and the
    settings model loads pydantic, which would double the time to the window. So this reads
    only ``data_dir`` from the settings file (or its last good copy) with the standard TOML
    parser, in the same order as ``data_dir(settings.data_dir)`` after ``--data-dir``: the
    option, the file, the environment, the OS's folder. A file that cannot be read counts as
    no choice; ``load_settings`` reports it.
    """
    if override:
        return data_dir(override)
    path = settings_path()
    for candidate in (path, path.with_name(LAST_GOOD_FILE)):
        try:
            chosen = tomllib.loads(candidate.read_text(encoding="utf-8")).get("data_dir")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        return data_dir(chosen if isinstance(chosen, str) else None)
    return data_dir()
