"""Where the app keeps its files: one function per folder, overridable for one run.

Data and logs live in the user's local app-data folder (``%LOCALAPPDATA%\\ReturnsDesk`` on
Windows, ``~/.local/share/ReturnsDesk`` on Linux), never in the install folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ReturnsDesk"
DATA_DIR_ENV = "RETURNS_DESK_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--data-dir`` first, then ``RETURNS_DESK_DATA_DIR``, then the OS's."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def config_dir() -> Path:
    """The folder of the settings file."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=False))
