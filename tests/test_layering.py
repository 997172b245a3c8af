"""The core packages never import Qt, so they run and are tested without a display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import returns_desk

#: Qt adapters that live beside the pure code they render (conventions, habit 12).
QT_ADAPTERS = {
    "returns_desk.printing.render_qt",
    "returns_desk.printing.printers",
    "returns_desk.printing.fonts_qt",
}
CORE_PACKAGES = [
    "printing",
    "admin_pin",
    "resources",
    "selftest",
    "api",
    "store",
    "workflow",
    "sandbox",
    "handon",
    "errors",
    "cli",
    "logs",
    "paths",
    "settings",
    "credentials",
    "devices",
    "i18n",
    "i18n_tools",
]


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(returns_desk.__path__, "returns_desk."):
        top = info.name.split(".")[1]
        if top in CORE_PACKAGES and info.name not in QT_ADAPTERS:
            names.append(info.name)
    return names


def test_every_core_package_is_checked() -> None:
    found = {name.split(".")[1] for name in _core_modules()}
    assert {"api", "store", "workflow", "sandbox", "errors", "cli", "devices"} <= found


@pytest.mark.parametrize("module", _core_modules())
def test_core_module_imports_without_qt(module: str) -> None:
    # PySide6 is made unimportable in a fresh interpreter: any import of it, however
    # indirect, raises ImportError and fails the check.
    code = (
        "import sys\n"
        "for name in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):\n"
        "    sys.modules[name] = None\n"
        f"import {module}\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6.')], 'Qt was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"{module} imports Qt or fails:\n{result.stderr}"


def test_the_check_finds_a_qt_import(tmp_path) -> None:
    """The mechanism itself works: a module importing Qt is caught."""
    (tmp_path / "qt_user.py").write_text("from PySide6 import QtCore\n")
    code = (
        "import sys\nsys.modules['PySide6'] = None\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\nimport qt_user\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "ImportError" in result.stderr or "ModuleNotFoundError" in result.stderr
