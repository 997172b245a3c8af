"""The bench's record generator (``bench/make_history.py``), for tests that need many handovers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def make_history_module() -> ModuleType:
    name = "bench_make_history"
    if name not in sys.modules:
        path = Path(__file__).resolve().parent.parent / "bench" / "make_history.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
