"""What a burst of keys was: a scan or typing. Pure functions, no Qt, tested without a display.

A USB scanner in keyboard mode types a label faster than anyone can and ends it with Enter
or Tab. The thresholds are settings, because scanners differ (some have an adjustable
inter-character delay); the scanner test screen shows the measured gaps against them.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from enum import StrEnum

import msgspec


class BurstVerdict(StrEnum):
    SCAN = "scan"
    DOUBLE_READ = "double_read"  # a scan of the same label within the duplicate window
    TOO_SHORT = "too_short"
    TOO_SLOW = "too_slow"  # mean gap over the threshold: typing
    GAP_TOO_LONG = "gap_too_long"  # one gap over the threshold (before Enter/Tab)
    NO_TERMINATOR = "no_terminator"  # ended by a pause or another key, not Enter/Tab


class BurstRules(msgspec.Struct, frozen=True):
    min_length: int = 8
    mean_gap_ms: float = 35.0
    max_gap_ms: float = 80.0


class Burst(msgspec.Struct, frozen=True):
    """One burst as received; immutable, so it can be kept and shown later."""

    text: str  # the characters, without the terminator
    gaps_ms: tuple[float, ...]  # between key presses; the last one is the terminator's
    terminator: str  # "Enter", "Tab", or "" when a pause or another key ended it
    verdict: BurstVerdict
    at: datetime
    code: str = ""  # normalised (recognised scans and double reads)

    @property
    def mean_gap_ms(self) -> float:
        return sum(self.gaps_ms) / len(self.gaps_ms) if self.gaps_ms else 0.0

    @property
    def max_gap_ms(self) -> float:
        return max(self.gaps_ms, default=0.0)

    @property
    def is_scan(self) -> bool:
        return self.verdict in (BurstVerdict.SCAN, BurstVerdict.DOUBLE_READ)


def gaps_between(times_s: list[float]) -> tuple[float, ...]:
    """Milliseconds between successive key presses."""
    return tuple((b - a) * 1000.0 for a, b in itertools.pairwise(times_s))


def classify(
    text: str, gaps_ms: tuple[float, ...], terminated: bool, rules: BurstRules
) -> BurstVerdict:
    """Scan or typing, by length, terminator and timing (the duplicate window is separate)."""
    if not terminated:
        return BurstVerdict.NO_TERMINATOR
    if len(text) < rules.min_length:
        return BurstVerdict.TOO_SHORT
    if gaps_ms and max(gaps_ms) > rules.max_gap_ms:
        return BurstVerdict.GAP_TOO_LONG
    if gaps_ms and sum(gaps_ms) / len(gaps_ms) >= rules.mean_gap_ms:
        return BurstVerdict.TOO_SLOW
    return BurstVerdict.SCAN


def looks_like_caps_lock(text: str) -> bool | None:
    """True when a scan's letters all arrived in lower case (Caps Lock flips a scanner's
    Shift+letter), False when some are upper case, None without letters."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    return not any(ch.isupper() for ch in letters) and any(ch.islower() for ch in letters)
