"""Find a file under ``resources/``, whether run from the source tree or a PyInstaller bundle.

Resources are found relative to the code (or the bundle's ``sys._MEIPASS``), never the
working directory, so a kiosk shortcut that starts the app from anywhere still works.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    """The path of ``resources/<name>``; a name that does not exist is a bug: it raises."""
    path = resources_root() / name
    if not path.is_file():
        raise FileNotFoundError(f"resource {name!r} is missing from {resources_root()}")
    return path
