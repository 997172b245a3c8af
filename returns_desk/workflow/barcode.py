"""What a USB scanner types, turned into the code to match, and what kind of label it was.

Scanners in keyboard-wedge mode add terminators (CR, LF, CRLF, Tab, sometimes as the
literal text ``\\n``), configured prefixes and suffixes, AIM symbology identifiers (``]C1``)
and group separators, and send lower case when Caps Lock is on. None of that is part of a
tracking id, so it is removed before matching.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from enum import StrEnum

from returns_desk.errors import ScanTextError

# The rules are settings (``settings.scanner``); they are offered here beside what uses them.
from returns_desk.settings.scanner import DEFAULT_SHIPMENT_PATTERN as DEFAULT_SHIPMENT_PATTERN
from returns_desk.settings.scanner import BarcodeRules as BarcodeRules

#: The longest read kept: a GS1-128 or QR label on a parcel is well under this.
MAX_RAW_SCAN = 512

_AIM_IDENTIFIER = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_LITERAL_TERMINATOR = re.compile(r"(\\[rnt])+$")
_ORDER_ID = re.compile(r"OD[0-9]{18}")
_ORDER_ITEM_ID = re.compile(r"[0-9]{17}")
_DEFAULT_RULES = BarcodeRules()


class LabelKind(StrEnum):
    """What a normalised code looks like."""

    SHIPMENT = "shipment"  # fits the configured tracking-id shape
    ORDER_ID = "order_id"  # Flipkart order id: OD + 18 digits
    ORDER_ITEM_ID = "order_item_id"  # 17 digits
    INVALID = "invalid"  # anything else
    EMPTY = "empty"  # nothing left after normalising


def normalise(raw: str, rules: BarcodeRules = _DEFAULT_RULES) -> str:
    """The code to match: terminators, prefixes, AIM ids and control characters gone, upper case."""
    text = _LITERAL_TERMINATOR.sub("", raw.strip())
    text = "".join(ch for ch in text if not _is_control(ch)).strip()
    upper = text.upper()
    for prefix in rules.prefixes:
        if prefix and upper.startswith(prefix.upper()):
            text, upper = text[len(prefix) :], upper[len(prefix) :]
            break
    for suffix in rules.suffixes:
        if suffix and upper.endswith(suffix.upper()):
            text, upper = text[: -len(suffix)], upper[: -len(suffix)]
            break
    upper = _AIM_IDENTIFIER.sub("", upper)
    return upper.strip()


def check_raw_scan(raw: str) -> None:
    """``ScanTextError`` for a read the record cannot keep as it came.

    Longer than ``MAX_RAW_SCAN`` characters (a stuck key, a pasted file), or text that
    cannot be written as UTF-8 (a lone surrogate from a broken input method).
    """
    if len(raw) > MAX_RAW_SCAN:
        raise ScanTextError(f"{len(raw)} characters, at most {MAX_RAW_SCAN} are kept")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ScanTextError(f"character {exc.start + 1} is not valid text") from None


def label_kind(code: str, rules: BarcodeRules = _DEFAULT_RULES) -> LabelKind:
    """Which label a normalised code came from (the shape only, never a match)."""
    if not code:
        return LabelKind.EMPTY
    if _compiled(rules.shipment_pattern).fullmatch(code):
        return LabelKind.SHIPMENT
    if _ORDER_ID.fullmatch(code):
        return LabelKind.ORDER_ID
    if _ORDER_ITEM_ID.fullmatch(code):
        return LabelKind.ORDER_ITEM_ID
    return LabelKind.INVALID


def _is_control(ch: str) -> bool:
    # Cc: C0/C1 controls incl. CR, LF, Tab, GS (29); Cf: invisible format characters.
    return unicodedata.category(ch) in ("Cc", "Cf")


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
