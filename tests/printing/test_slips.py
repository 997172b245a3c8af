"""The pure slip builders: every field on the layout, the QR summary, no Qt needed."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from returns_desk.printing import layout as L
from returns_desk.printing.samples import sample_receipt, sample_start_slip
from returns_desk.printing.slips import (
    HANDOVER_KIND,
    START_OTC_KIND,
    TEXTS,
    build_handover_receipt,
    build_start_otc_slip,
    format_time,
    receipt_summary,
    verify_summary,
)
from tests.printing.conftest import NOW, layout_strings

PURE_MODULES = [
    "returns_desk.printing",
    "returns_desk.printing.code128",
    "returns_desk.printing.layout",
    "returns_desk.printing.paper",
    "returns_desk.printing.slips",
    "returns_desk.printing.samples",
    "returns_desk.printing.errors",
    "returns_desk.printing.escpos",
    "returns_desk.printing.cli",
]


def test_pure_modules_import_without_qt() -> None:
    code = (
        "import sys\n"
        "for name in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):\n"
        "    sys.modules[name] = None\n"
        + "".join(f"import {m}\n" for m in PURE_MODULES)
        + "assert not [m for m in sys.modules if m.startswith('PySide6.')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_start_slip_has_every_field() -> None:
    slip = sample_start_slip(NOW)
    layout = build_start_otc_slip(slip)
    assert (layout.kind, layout.key, layout.printed_at) == (START_OTC_KIND, "T0042", NOW)
    strings = layout_strings(layout)
    for value in (
        slip.location,
        slip.fe.name,
        slip.fe.fe_id,
        slip.fe.logistic_partner,
        slip.fe.lob,
        slip.task_id,
        slip.otc,
        format_time(slip.created_at),
        format_time(slip.expires_at),
        slip.terminal,
        format_time(slip.printed_at),
    ):
        assert value in strings
    otc = [b for b in layout.blocks if isinstance(b, L.Text) and b.text == slip.otc]
    assert otc and otc[0].size is L.Size.HUGE and otc[0].bold
    assert [b.content for b in layout.blocks if isinstance(b, L.Barcode)] == [slip.task_id]


def test_receipt_has_every_field_and_discrepancy() -> None:
    receipt = sample_receipt(NOW, missing_count=3)
    layout = build_handover_receipt(receipt)
    assert (layout.kind, layout.key) == (HANDOVER_KIND, "T0042")
    strings = layout_strings(layout)
    api, dock = receipt.api_stats, receipt.dock
    for label, value in [
        (TEXTS["end_otc"], receipt.end_otc),
        (TEXTS["start_otc"], receipt.start_otc),
        (TEXTS["session"], receipt.session_id),
        (TEXTS["obd_eligible"], str(api.obd_eligible)),
        (TEXTS["flyer_failed"], str(api.flyer_failed)),
        (TEXTS["matched"], str(dock.matched)),
        (TEXTS["started"], format_time(receipt.started_at)),
        (TEXTS["ended"], format_time(receipt.ended_at)),
    ]:
        assert label in strings and value in strings
    assert set(receipt.missing) | set(receipt.unexpected) <= set(strings)
    assert len([b for b in layout.blocks if isinstance(b, L.Signature)]) == 2
    assert any(receipt.operator in s for s in strings if receipt.operator)
    assert [b.content for b in layout.blocks if isinstance(b, L.Qr)] == [receipt_summary(receipt)]


def test_no_start_otc_and_no_discrepancies_print_placeholders() -> None:
    receipt = dataclasses.replace(
        sample_receipt(NOW), start_otc=None, missing=[], unexpected=[], operator=None
    )
    strings = layout_strings(build_handover_receipt(receipt))
    assert TEXTS["not_available"] in strings
    assert strings.count(TEXTS["none"]) == 2
    assert TEXTS["sign_clerk"] in strings


def test_lists_are_stored_as_tuples() -> None:
    receipt = dataclasses.replace(sample_receipt(NOW), missing=["B", "A"])
    assert receipt.missing == ("B", "A")


def test_summary_is_compact_and_verifies() -> None:
    receipt = sample_receipt(NOW)
    summary = receipt_summary(receipt)
    assert summary.startswith("RD1;S=S-20261125-0007;T=T0042;A=16/12/1/3/0;D=16/15/14/2/1;H=")
    assert len(summary.split("H=")[1]) == 16
    assert len(summary) < 100
    assert verify_summary(summary + "\n", receipt)
    # the hash does not depend on the order of the lists
    shuffled = dataclasses.replace(receipt, received=tuple(reversed(receipt.received)))
    assert verify_summary(summary, shuffled)


@pytest.mark.parametrize(
    "change",
    [
        {"missing": ("FMPC0000000001",)},
        {"unexpected": ()},
        {"received": ("FMPC9999999999",)},
        {"session_id": "S-other"},
    ],
)
def test_a_changed_record_does_not_verify(change: dict[str, object]) -> None:
    receipt = sample_receipt(NOW)
    assert not verify_summary(receipt_summary(receipt), dataclasses.replace(receipt, **change))


def test_times_are_local_with_the_date() -> None:
    assert format_time(NOW) == NOW.strftime("%Y-%m-%d %H:%M")


def test_wrap_keeps_words_and_splits_only_overlong_ones() -> None:
    def fits(s: str) -> bool:
        return len(s) <= 10

    assert L.wrap("the quick brown fox", fits) == ["the quick", "brown fox"]
    assert L.wrap("ABCDEFGHIJKLMNOPQRSTUVW x", fits) == ["ABCDEFGHIJ", "KLMNOPQRST", "UVW x"]
    assert L.wrap("", fits) == [""]
    assert L.wrap("a\nb", fits) == ["a", "b"]


def test_noted_parcels_print_with_the_fes_signature_and_escpos_keeps_them() -> None:
    from returns_desk.printing.escpos import layout_to_escpos
    from returns_desk.printing.paper import get_paper

    plain = build_handover_receipt(sample_receipt(NOW))
    assert not any(TEXTS["sign_fe_noted"] in s for s in layout_strings(plain))
    noted = dataclasses.replace(
        sample_receipt(NOW),
        noted=[
            ("FMPC0000000007", "damaged", "corner crushed"),
            ("FMPC0000000008", "good", "wet tape"),
        ],
    )
    layout = build_handover_receipt(noted)
    strings = layout_strings(layout)
    assert "Parcels noted at handover (2)" in strings
    assert "Damaged - corner crushed" in strings and "wet tape" in strings
    signatures = [b.label for b in layout.blocks if isinstance(b, L.Signature)]
    # one line for the FE, covering the noted parcels too; the clerk's beside it
    assert [label.split(":")[0] for label in signatures] == [
        TEXTS["sign_clerk"],
        TEXTS["sign_fe_noted"],
    ]
    # the QR summary covers the parcel lists, not the remarks: the same as without them
    assert receipt_summary(noted) == receipt_summary(sample_receipt(NOW))
    raw = layout_to_escpos(layout, get_paper("80mm"))
    assert b"Damaged - corner crushed" in raw and b"Parcels noted at handover (2)" in raw
    assert b"Field executive signature, also for the parcels" in raw  # then it wraps
