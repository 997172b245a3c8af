"""The names the screens share, as enums rather than strings: screens and banner kinds.

Both are ``StrEnum``s, so the style sheet's properties and the colour tables, which are
keyed by the same words, keep working.
"""

from __future__ import annotations

from enum import StrEnum

from returns_desk.store.models import ScanResult


class Screen(StrEnum):
    OPENING = "opening"
    IDLE = "idle"
    START = "start"
    SCANNING = "scanning"
    END = "end"
    SCANNER_TEST = "scanner_test"


class BannerKind(StrEnum):
    READY = "ready"
    MATCHED = "matched"
    DUPLICATE = "duplicate"
    NOT_YET_REPORTED = "not_yet_reported"
    UNEXPECTED = "unexpected"
    WRONG_LABEL = "wrong_label"
    INVALID = "invalid"
    ERROR = "error"
    HELD = "held"  # read while a dialog was in front: not recorded, offered (F3)
    TEST = "test"

    @classmethod
    def of(cls, result: ScanResult) -> BannerKind:
        """The banner of a scan's result (the same word)."""
        return cls(result.value)
