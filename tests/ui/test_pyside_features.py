"""PySide6 is kept from reading the source of each module imported after it (start-up time),
and nothing in Returns Desk relies on the ``__feature__`` switches that reading is for."""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6.QtCore  # noqa: F401  (the import hook is live once QtCore is loaded)
from PySide6.support import feature

import returns_desk.ui  # noqa: F401  (installs the shortcut)
from returns_desk.ui.pyside_features import skip_feature_scan

ROOT = Path(__file__).resolve().parents[2]


def test_a_module_imported_after_pyside_is_not_read(tmp_path: Path, monkeypatch) -> None:
    # Its source names PySide6: PySide's own search would read it and mark it 0 ("uses
    # PySide"); with the shortcut it is marked -1 ("ignore") without being opened.
    (tmp_path / "rd_probe_module.py").write_text("import PySide6  # uses PySide6\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    opened: list[str] = []
    real = feature.inspect.getsource
    monkeypatch.setattr(feature.inspect, "getsource", lambda m: opened.append(m) or real(m))
    __import__("rd_probe_module")  # an import statement: the way PySide hooks it
    try:
        assert feature.pyside_feature_dict["rd_probe_module"] == -1
        assert opened == []
    finally:
        sys.modules.pop("rd_probe_module", None)
        feature.pyside_feature_dict.pop("rd_probe_module", None)


def test_the_shortcut_is_installed_and_idempotent() -> None:
    assert skip_feature_scan() is True
    assert feature._mod_uses_pyside(sys.modules[__name__]) is False


def test_no_module_switches_on_a_pyside_feature() -> None:
    # The shortcut is only right while no module of the app or its tests does this.
    users = [
        str(path.relative_to(ROOT))
        for folder in ("returns_desk", "tests", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if "from __feature__ import" in path.read_text(encoding="utf-8")
        and path.name != "test_pyside_features.py"
    ]
    assert users == []
