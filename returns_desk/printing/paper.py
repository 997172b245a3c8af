"""Paper profiles: 58 mm and 80 mm thermal rolls and A4 sheets.

The printable widths are the common norm for thermal heads (48 mm on 58 mm paper, 72 mm
on 80 mm paper); on a real printer the renderer narrows them further to what the driver
reports as printable. On A4 the slip is a 130 mm column in the middle of the sheet, so a
label and its value stay close enough to read across. Rolls get a page length sized to
the content, so a short slip does not waste paper and a long receipt is not truncated.
"""

from __future__ import annotations

from dataclasses import dataclass

from returns_desk.printing.errors import PaperSizeError
from returns_desk.printing.layout import Size


@dataclass(frozen=True)
class PaperProfile:
    name: str
    width_mm: float
    printable_width_mm: float
    height_mm: float | None  # None: a roll, cut to the content's length
    pdf_dpi: int  # 203 is the common thermal head; integer-dot barcodes hold in the PDF too
    font_pt: dict[Size, float]
    margin_top_mm: float = 3.0
    margin_bottom_mm: float = 8.0  # the tear bar sits a few mm above the last line
    qr_mm: float = 24.0  # aimed-for QR width, quiet zone included
    min_length_mm: float = 60.0
    max_length_mm: float = 3000.0  # longer receipts continue on a second page

    @property
    def is_roll(self) -> bool:
        return self.height_mm is None

    @property
    def side_margin_mm(self) -> float:
        return (self.width_mm - self.printable_width_mm) / 2

    def page_length_mm(self, content_mm: float) -> float:
        """The page length for ``content_mm`` of content: fixed for sheets, fitted for rolls."""
        if self.height_mm is not None:
            return self.height_mm
        length = content_mm + self.margin_top_mm + self.margin_bottom_mm
        return min(self.max_length_mm, max(self.min_length_mm, length))

    @property
    def printable_height_mm(self) -> float:
        """Content height available on one page (the longest roll page for rolls)."""
        total = self.height_mm if self.height_mm is not None else self.max_length_mm
        return total - self.margin_top_mm - self.margin_bottom_mm


PAPERS: dict[str, PaperProfile] = {
    "58mm": PaperProfile(
        name="58mm",
        width_mm=58.0,
        printable_width_mm=48.0,
        height_mm=None,
        pdf_dpi=203,
        font_pt={Size.SMALL: 6.5, Size.NORMAL: 7.5, Size.LARGE: 10.0, Size.HUGE: 26.0},
        qr_mm=26.0,
    ),
    "80mm": PaperProfile(
        name="80mm",
        width_mm=80.0,
        printable_width_mm=72.0,
        height_mm=None,
        pdf_dpi=203,
        font_pt={Size.SMALL: 7.5, Size.NORMAL: 9.0, Size.LARGE: 12.0, Size.HUGE: 34.0},
        qr_mm=30.0,
    ),
    "a4": PaperProfile(
        name="a4",
        width_mm=210.0,
        printable_width_mm=130.0,  # a centred column: labels stay near their values
        height_mm=297.0,
        pdf_dpi=300,
        font_pt={Size.SMALL: 8.5, Size.NORMAL: 10.0, Size.LARGE: 14.0, Size.HUGE: 36.0},
        margin_top_mm=15.0,
        margin_bottom_mm=15.0,
        qr_mm=34.0,
    ),
}


def get_paper(name: str) -> PaperProfile:
    """The profile called ``name`` (``58mm``, ``80mm``, ``a4``; case-insensitive)."""
    try:
        return PAPERS[name.strip().lower()]
    except KeyError:
        raise PaperSizeError(f"unknown paper {name!r}; use one of {', '.join(PAPERS)}") from None
