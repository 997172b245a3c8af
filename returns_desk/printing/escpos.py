"""Raw ESC/POS for receipt printers whose Windows driver wastes paper or will not cut.

The bytes are built here from the same ``Layout`` as the PDF (pure Python, testable
anywhere); ``send_raw`` hands them to the Windows print queue as a RAW job through
pywin32, so the normal driver stays installed (never a USB driver swap). Commands are the
common Epson subset (TM-T20/T88 class): native Code 128 (GS k) and QR (GS ( k), cut (GS V).

The printer's own characters come from a code page (cp437 here) with no Devanagari, so a
slip whose words do not fit it (Hindi, or an FE's name typed in Hindi) is sent as a picture
instead (``raster``, GS v 0), drawn by the same renderer as the PDF: ``printers.escpos_bytes``
decides and the notice says so.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Self

from returns_desk.printing import code128
from returns_desk.printing.errors import (
    PaperSizeError,
    PrinterUnavailableError,
    RawPrintingUnavailableError,
)
from returns_desk.printing.layout import (
    Align,
    Barcode,
    Field,
    Image,
    Items,
    Layout,
    Qr,
    Separator,
    Signature,
    Size,
    Space,
    Text,
    grid,
    wrap,
)
from returns_desk.printing.paper import PaperProfile

ESC, GS = b"\x1b", b"\x1d"
#: characters per line in font A (12 dots wide) on the common 384- and 576-dot heads
COLUMNS = {"58mm": 32, "80mm": 48}
#: dots across the print head: the width of a slip sent as a picture
HEAD_DOTS = {"58mm": 384, "80mm": 576}
_ALIGN = {Align.LEFT: 0, Align.CENTER: 1, Align.RIGHT: 2}


class EscPos:
    """A tiny ESC/POS byte builder; every method returns ``self`` for chaining."""

    def __init__(self, encoding: str = "cp437") -> None:
        self.encoding = encoding
        self._out = bytearray()

    def raw(self, data: bytes) -> Self:
        self._out += data
        return self

    def init(self) -> Self:
        return self.raw(ESC + b"@")

    def align(self, align: Align) -> Self:
        return self.raw(ESC + b"a" + bytes([_ALIGN[align]]))

    def style(self, *, bold: bool = False, scale: int = 1) -> Self:
        """Bold on/off and a character scale of 1..8 in both directions."""
        scale = max(1, min(8, scale)) - 1
        return self.raw(ESC + b"E" + bytes([int(bold)]) + GS + b"!" + bytes([scale << 4 | scale]))

    def text(self, line: str) -> Self:
        return self.raw(line.encode(self.encoding, errors="replace") + b"\n")

    def wrapped(self, text: str, columns: int) -> Self:
        """``text`` wrapped at word boundaries to ``columns`` characters, a line each."""
        for line in wrap(text, lambda s: len(s) <= columns):
            self.text(line)
        return self

    def feed(self, lines: int = 1) -> Self:
        return self.raw(ESC + b"d" + bytes([max(0, min(255, lines))]))

    def feed_dots(self, dots: int) -> Self:
        return self.raw(ESC + b"J" + bytes([max(0, min(255, dots))]))

    def cut(self) -> Self:
        """Feed to the cutter and cut, leaving a hinge (partial cut)."""
        return self.raw(GS + b"V" + bytes([66, 0]))

    def code128(self, content: str, *, height: int = 80, module: int = 2) -> Self:
        """GS k type 73 with explicit code sets, the digit runs in code set C."""
        data = bytearray()
        for seg in code128.segments(content):
            if seg.code_set == "C":
                data += b"{C" + bytes(int(seg.text[i : i + 2]) for i in range(0, len(seg.text), 2))
            else:
                data += b"{B" + seg.text.replace("{", "{{").encode("ascii")
        if len(data) > 255:
            raise ValueError("Code 128 content too long for GS k")
        self.raw(GS + b"h" + bytes([height]) + GS + b"w" + bytes([module]) + GS + b"H\x02")
        return self.raw(GS + b"k" + bytes([73, len(data)]) + bytes(data))

    def qr(self, content: str, *, module: int = 6) -> Self:
        """GS ( k: model 2, module size, error correction M, store, print."""
        data = content.encode("utf-8")
        store = len(data) + 3
        self.raw(GS + b"(k\x04\x00\x31\x41\x32\x00")  # model 2
        self.raw(GS + b"(k\x03\x00\x31\x43" + bytes([module]))
        self.raw(GS + b"(k\x03\x00\x31\x45\x31")  # error correction M
        self.raw(GS + b"(k" + bytes([store & 0xFF, store >> 8]) + b"\x31\x50\x30" + data)
        return self.raw(GS + b"(k\x03\x00\x31\x51\x30")

    def build(self) -> bytes:
        return bytes(self._out)


def layout_texts(layout: Layout) -> list[str]:
    """Every piece of text the slip prints with the printer's characters."""
    texts: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Text):
            texts.append(block.text)
        elif isinstance(block, Field):
            texts += [block.label, block.value]
        elif isinstance(block, Items):
            texts += [*block.items, block.empty]
        elif isinstance(block, Qr):
            texts.append(block.caption or "")
        elif isinstance(block, Signature):
            texts.append(block.label)
    return texts


def encodable(layout: Layout, encoding: str = "cp437") -> bool:
    """Whether the printer's code page has every character of the slip."""
    try:
        "".join(layout_texts(layout)).encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


RASTER_BAND_ROWS = 256  # rows per GS v 0 command: small enough for every printer's buffer


def raster(rows: Sequence[bytes]) -> bytes:
    """A picture as ESC/POS (GS v 0, normal density), one bit per dot, 1 = black; then cut.

    ``rows`` are the picture's dot rows, all of the same length in bytes (8 dots a byte,
    the leftmost dot in the high bit), as wide as the print head at most.
    """
    out = EscPos().init().align(Align.LEFT)
    width = len(rows[0]) if rows else 0
    for start in range(0, len(rows), RASTER_BAND_ROWS):
        band = rows[start : start + RASTER_BAND_ROWS]
        header = GS + b"v0\x00" + width.to_bytes(2, "little") + len(band).to_bytes(2, "little")
        out.raw(header + b"".join(band))
    return out.feed(3).cut().build()


def layout_to_escpos(layout: Layout, paper: PaperProfile) -> bytes:
    """The slip as ESC/POS bytes for a 58 or 80 mm receipt printer, cut at the end."""
    columns = COLUMNS.get(paper.name)
    if columns is None:
        raise PaperSizeError(f"raw ESC/POS needs 58mm or 80mm paper, not {paper.name}")
    out = EscPos().init()
    for block in layout.blocks:
        if isinstance(block, Text):
            scale = {Size.LARGE: 2, Size.HUGE: 3}.get(block.size, 1)
            out.align(block.align).style(bold=block.bold, scale=scale)
            out.wrapped(block.text, columns // scale).style()
        elif isinstance(block, Field):
            out.align(Align.LEFT).style(bold=block.bold)
            _field(out, block, columns)
            out.style()
        elif isinstance(block, Items):
            out.align(Align.LEFT)
            _items(out, block, columns)
        elif isinstance(block, Barcode):
            out.align(Align.CENTER).code128(block.content).feed(1)
        elif isinstance(block, Qr):
            out.align(Align.CENTER).qr(block.content)
            if block.caption:
                out.wrapped(block.caption, columns)
        elif isinstance(block, Separator):
            out.align(Align.LEFT).text("-" * columns)
        elif isinstance(block, Space):
            out.feed_dots(round(block.height_mm * 8))  # 8 dots per mm at 203 dpi
        elif isinstance(block, Signature):
            out.align(Align.LEFT).feed(3).text("_" * columns).wrapped(block.label, columns)
        elif isinstance(block, Image):
            out.align(Align.LEFT).wrapped(block.caption, columns)
    return out.align(Align.LEFT).feed(3).cut().build()


def _field(out: EscPos, block: Field, columns: int) -> None:
    gap = columns - len(block.label) - len(block.value)
    if gap >= 1:
        out.text(block.label + " " * gap + block.value)
        return
    out.text(block.label)
    for line in wrap(block.value, lambda s: len(s) <= columns):
        out.text(line.rjust(columns))


def _items(out: EscPos, block: Items, columns: int) -> None:
    if not block.items:
        out.text(block.empty)
        return
    widest = max(len(item) for item in block.items)
    for items in grid(block.items, widest, 2, columns):
        out.text("".join(i.ljust(widest + 2) for i in items).rstrip())


def send_raw(printer_name: str, data: bytes, job_name: str = "Returns Desk slip") -> None:
    """Queue ``data`` as a RAW job on a Windows printer (bypassing its driver's layout)."""
    if sys.platform != "win32":
        raise RawPrintingUnavailableError(f"this is {sys.platform}, not Windows")
    try:
        import win32print  # pywin32, Windows only
    except ImportError:
        raise RawPrintingUnavailableError("pywin32 is not installed") from None
    try:
        handle = win32print.OpenPrinter(printer_name)
        try:
            win32print.StartDocPrinter(handle, 1, (job_name, None, "RAW"))
            try:
                win32print.StartPagePrinter(handle)
                win32print.WritePrinter(handle, data)
                win32print.EndPagePrinter(handle)
            finally:
                win32print.EndDocPrinter(handle)
        finally:
            win32print.ClosePrinter(handle)
    except Exception as exc:  # pywintypes.error: offline, no access, unknown printer
        raise PrinterUnavailableError(f'"{printer_name}": {exc}') from None
