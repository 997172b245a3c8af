"""Raw ESC/POS: the byte commands and a whole slip, built without a printer."""

from __future__ import annotations

import sys

import pytest

from returns_desk.printing.errors import PaperSizeError, RawPrintingUnavailableError
from returns_desk.printing.escpos import EscPos, layout_to_escpos, send_raw
from returns_desk.printing.layout import Align
from returns_desk.printing.paper import get_paper
from returns_desk.printing.samples import sample_receipt, sample_start_slip
from returns_desk.printing.slips import (
    build_handover_receipt,
    build_start_otc_slip,
    receipt_summary,
)
from tests.printing.conftest import NOW


def test_basic_commands() -> None:
    out = EscPos().init().align(Align.CENTER).style(bold=True, scale=2).text("OTC").cut()
    assert out.build() == (
        b"\x1b@" + b"\x1ba\x01" + b"\x1bE\x01\x1d!\x11" + b"OTC\n" + b"\x1dVB\x00"
    )
    assert EscPos().feed(3).feed_dots(400).build() == b"\x1bd\x03\x1bJ\xff"
    assert EscPos().text("café ✓").build() == b"caf\x82 ?\n"  # cp437, unknown as '?'


def test_code128_uses_code_set_c_for_digits() -> None:
    data = EscPos().code128("FMPC0127902385", height=60, module=2).build()
    payload = b"{BFMPC{C" + bytes([1, 27, 90, 23, 85])
    assert data.endswith(b"\x1dk\x49" + bytes([len(payload)]) + payload)
    assert data.startswith(b"\x1dh\x3c\x1dw\x02\x1dH\x02")
    assert b"{B{{" in EscPos().code128("{").build()  # a brace is escaped


def test_qr_store_length_and_print() -> None:
    data = EscPos().qr("RD1;S=1", module=5).build()
    assert b"\x1d(k\x03\x00\x31\x43\x05" in data
    assert b"\x1d(k\x0a\x00\x31\x50\x30RD1;S=1" in data  # 7 bytes + 3
    assert data.endswith(b"\x1d(k\x03\x00\x31\x51\x30")


@pytest.mark.parametrize("paper", ["58mm", "80mm"])
def test_whole_slips(paper: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lines: list[str] = []
    original = EscPos.text

    def record(self: EscPos, line: str) -> EscPos:
        lines.append(line)
        return original(self, line)

    monkeypatch.setattr(EscPos, "text", record)
    start = layout_to_escpos(build_start_otc_slip(sample_start_slip(NOW)), get_paper(paper))
    assert b"482917" in start and b"\x1dk\x49" in start and start.endswith(b"\x1dVB\x00")
    receipt = sample_receipt(NOW)
    data = layout_to_escpos(build_handover_receipt(receipt), get_paper(paper))
    assert receipt_summary(receipt).encode() in data
    for code in (*receipt.missing, *receipt.unexpected, receipt.end_otc):
        assert code.encode() in data
    width = 32 if paper == "58mm" else 48
    assert receipt.fe.name in " ".join(lines)
    assert max(len(line) for line in lines) <= width  # the OTC at triple size: 6 x 3 <= 32


def test_a4_has_no_raw_mode() -> None:
    with pytest.raises(PaperSizeError):
        layout_to_escpos(build_start_otc_slip(sample_start_slip(NOW)), get_paper("a4"))


@pytest.mark.skipif(sys.platform == "win32", reason="tests the non-Windows refusal")
def test_raw_sending_needs_windows() -> None:
    with pytest.raises(RawPrintingUnavailableError, match="Windows"):
        send_raw("Receipt", b"\x1b@")
