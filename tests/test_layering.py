"""The core packages never import Qt, so they run and are tested without a display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import returns_desk

ROOT = Path(__file__).resolve().parents[1]


def _no_qt_contract() -> dict[str, Any]:
    """The import-linter contract (pyproject.toml) that keeps Qt out of the core."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["id"] == "no-qt-in-core")


# lint-imports checks every import statically (scripts/test.sh); this test runs each core
# module in a fresh interpreter without Qt, for what static analysis cannot see (an import
# through importlib or a plugin). One list for both: the contract's source modules.
_CONTRACT = _no_qt_contract()
#: Qt adapters that live beside the pure code they render (conventions, habit 12).
QT_ADAPTERS = {line.split("->")[0].strip() for line in _CONTRACT.get("ignore_imports", [])}
#: Loaded without Qt although they start Qt later, inside a function: the command line's
#: subcommands and ``--self-test`` must not pay for Qt.
LAZY_QT = ["cli", "selftest"]
CORE_PACKAGES = [m.removeprefix("returns_desk.") for m in _CONTRACT["source_modules"]] + LAZY_QT


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(returns_desk.__path__, "returns_desk."):
        top = info.name.split(".")[1]
        if top in CORE_PACKAGES and info.name not in QT_ADAPTERS:
            names.append(info.name)
    return names


def test_every_core_package_is_checked() -> None:
    found = {name.split(".")[1] for name in _core_modules()}
    assert {"api", "store", "workflow", "sandbox", "errors", "settings", "cli", "devices"} <= found
    adapters = sorted(name.removeprefix("returns_desk.") for name in QT_ADAPTERS)
    assert adapters == ["printing.fonts_qt", "printing.printers", "printing.render_qt"]


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


def import_circles(package: str) -> list[list[str]]:
    """Every set of modules of ``package`` that import each other round a circle.

    The ``acyclic`` contract (lint-imports) compares siblings; this also sees a circle
    between a package and one of its own modules. Imports inside functions and under
    TYPE_CHECKING count: grimp reads them all.
    """
    import grimp

    graph = grimp.build_graph(package, cache_dir=None)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while (top := stack.pop()) != module:
                component.append(top)
            if component:
                circles.append(sorted([module, *component]))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return circles


def test_no_module_imports_itself_round_a_circle() -> None:
    assert import_circles("returns_desk") == []


def test_the_circle_check_finds_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A package whose __init__ imports a module that imports the package back, lazily."""
    package = tmp_path / "circled"
    package.mkdir()
    (package / "__init__.py").write_text("from circled import a\n")
    (package / "a.py").write_text("def f():\n    from circled import b\n")
    (package / "b.py").write_text("import circled\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_circles("circled") == [["circled", "circled.a", "circled.b"]]
