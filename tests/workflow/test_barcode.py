"""Barcode normalisation: whatever the scanner adds, the tracking id comes out the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from returns_desk.workflow.barcode import BarcodeRules, LabelKind, label_kind, normalise

TRACKING = "FMPC0127902385"
tracking_ids = st.from_regex(r"[A-Z]{4}[0-9]{10}", fullmatch=True)


@pytest.mark.parametrize(
    "raw",
    [
        "FMPC0127902385",
        "FMPC0127902385\r",
        "FMPC0127902385\n",
        "FMPC0127902385\r\n",
        "FMPC0127902385\t",
        "  FMPC0127902385  ",
        "fmpc0127902385",  # Caps Lock on
        "]C0FMPC0127902385",  # AIM symbology identifier, Code 128
        "]C1FMPC0127902385",
        "]E0FMPC0127902385",
        "\x1dFMPC0127902385",  # leading GS
        "FMPC01279\x1d02385",  # inner GS
        "FMPC0127902385\\n",  # a scanner configured with the literal text \n
        "FMPC0127902385\\r\\n",
        "\x02FMPC0127902385\x03",  # STX/ETX framing
        "FMPC0127902385\u200b",  # zero-width space
    ],
)
def test_scanner_noise_is_removed(raw: str) -> None:
    assert normalise(raw) == TRACKING


def test_configured_prefix_and_suffix_are_removed() -> None:
    rules = BarcodeRules(prefixes=("*",), suffixes=("#END",))
    assert normalise("*FMPC0127902385#end\r\n", rules) == TRACKING
    assert normalise("*]C1FMPC0127902385", rules) == TRACKING


def test_prefix_only_at_the_start() -> None:
    rules = BarcodeRules(prefixes=("FM",))
    assert normalise("XFMPC0127902385", rules) == "XFMPC0127902385"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("FMPC0127902385", LabelKind.SHIPMENT),
        ("MYNP1295598124", LabelKind.SHIPMENT),
        ("OD225674723130604000", LabelKind.ORDER_ID),
        ("12345678901234567", LabelKind.ORDER_ITEM_ID),
        ("FMPC012790238", LabelKind.INVALID),  # one digit short
        ("HELLO", LabelKind.INVALID),
        ("", LabelKind.EMPTY),
    ],
)
def test_label_kinds(code: str, kind: LabelKind) -> None:
    assert label_kind(code) is kind


def test_shipment_shape_is_a_setting() -> None:
    rules = BarcodeRules(shipment_pattern=r"[A-Z]{3}[0-9]{9}")
    assert label_kind("ABC123456789", rules) is LabelKind.SHIPMENT
    assert label_kind("FMPC0127902385", rules) is LabelKind.INVALID


def test_a_broken_pattern_is_refused_at_once() -> None:
    with pytest.raises(Exception, match=r"(?i)unterminated|missing|error"):
        BarcodeRules(shipment_pattern="[A-Z")


noise_before = st.sampled_from(["", " ", "\t", "]C0", "]C1", "]E0", "\x1d", "\x02"])
noise_after = st.sampled_from(["", "\r", "\n", "\r\n", "\t", " ", "\\n", "\x03", "\x1d"])


@given(tracking_ids, noise_before, noise_after, st.booleans())
def test_any_noise_any_case_gives_the_id(
    tracking: str, before: str, after: str, lower: bool
) -> None:
    raw = before + (tracking.lower() if lower else tracking) + after
    assert normalise(raw) == tracking


@given(st.text())
def test_normalise_never_fails_and_is_idempotent(raw: str) -> None:
    once = normalise(raw)
    assert normalise(once) == once
    assert not any(ord(ch) < 32 for ch in once)
    assert once == once.strip()
