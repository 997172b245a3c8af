"""Spare every later import PySide6's search for ``__feature__`` in its source.

Once PySide6 is loaded, it reads the whole source text of each module imported after it,
to learn whether the module switches on one of PySide's ``__feature__`` options
(``snake_case``, ``true_property``): PYSIDE-2029, ``shibokensupport/feature.py``. On a
dock terminal that is every module of pydantic, the store, the engine and the screens,
read from disk and decoded while the clerk waits: 60-100 ms of the start-up
(``bench/startup.py``). Returns Desk switches on no feature anywhere
(``tests/ui/test_pyside_features.py`` keeps it so), so every module gets PySide's
"ignore this module" mark without being read.
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType

log = logging.getLogger(__name__)


def _uses_no_features(module: ModuleType) -> bool:
    """PySide's ``_mod_uses_pyside`` for an app that uses no ``__feature__``: nothing to read."""
    return False


def skip_feature_scan() -> bool:
    """Install the shortcut; False (and PySide left as it is) when this PySide6 has no such
    search, e.g. a later version that dropped it."""
    try:  # not in PySide's stubs: an internal module
        feature = importlib.import_module("PySide6.support.feature")
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        log.debug("PySide6 has no feature scan to skip")
        return False
    setattr(feature, "_mod_uses_pyside", _uses_no_features)  # noqa: B010
    return True
