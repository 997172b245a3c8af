"""Package namespaces that import their modules when a name is first used (PEP 562).

A package ``__init__`` that imports all its modules makes every import of one submodule pay
for all of them: the hand-on's settings model would load its HTTP clients, the crash dialog
the whole admin UI, and the dock's start-up would wait for both.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: each name from its module, on first use.

    ``exports`` maps a public name to the submodule (relative to ``package``) defining it, or
    to a full module name (with a dot) for a name the package offers from a lower layer.
    """
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        full = module if "." in module else f"{package}.{module}"
        value = getattr(importlib.import_module(full), name)
        namespace[name] = value  # found directly from now on
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *exports})

    return __getattr__, __dir__
