"""Find a file among the app's resources, whether run from an install or a PyInstaller bundle.

The resources (icon, style sheet, sounds) live inside the package, beside this file, and are
package data (pyproject.toml), so any install finds them: editable, a wheel, or a plain
``pip install .``. A bundle carries them as ``resources/`` under ``sys._MEIPASS``
(packaging/returns-desk.spec). They are found relative to the code, never the working
directory, so a kiosk shortcut that starts the app from anywhere still works.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent


def resource_path(name: str) -> Path:
    """The path of the resource ``name`` (``sounds/matched.wav``); a missing one raises."""
    path = resources_root() / name
    if not path.is_file():
        raise FileNotFoundError(f"resource {name!r} is missing from {resources_root()}")
    return path
