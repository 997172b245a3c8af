"""The demo barcode sheet: the demo parcels' tracking ids as Code 128 on A4, to try a real
USB scanner against the demo. Bars come from ``returns_desk.printing.code128``; each module
is a whole number of device dots, so the bars stay crisp on paper and readable by a scanner.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from returns_desk.printing.code128 import QUIET_ZONE_MODULES, modules
from returns_desk.ui.i18n import tr

DPI = 300
MODULE_DOTS = 4  # 0.34 mm at 300 dpi: a common 13 mil X-dimension
BAR_MM = 12.0
COLUMNS = 2

Group = tuple[str, Sequence[str]]  # a heading and its codes


def _mm(mm: float) -> int:
    return round(mm * DPI / 25.4)


def pages(groups: Sequence[Group]) -> list[list[tuple[str, str]]]:
    """Lay the groups out: each page a list of ("heading", text) and ("code", text) items."""
    per_page_rows = 11
    result: list[list[tuple[str, str]]] = [[]]
    rows_used = 0
    for heading, codes in groups:
        needed = 1 + (len(codes) + COLUMNS - 1) // COLUMNS
        if rows_used and rows_used + min(needed, 3) > per_page_rows:
            result.append([])
            rows_used = 0
        result[-1].append(("heading", heading))
        rows_used += 1
        for n in range(0, len(codes), COLUMNS):
            if rows_used >= per_page_rows:
                result.append([("heading", heading + tr(" (continued)"))])
                rows_used = 1
            result[-1].extend(("code", code) for code in codes[n : n + COLUMNS])
            rows_used += 1
    return result


def draw_page(painter: QPainter, items: Sequence[tuple[str, str]], title: str) -> None:
    """One A4 page at ``DPI`` dots per inch, drawn in device dots."""
    left, top = _mm(15), _mm(14)
    column_width = _mm(90)
    painter.fillRect(QRect(0, 0, _mm(210), _mm(297)), QColor("#ffffff"))
    painter.setPen(QColor("#000000"))
    title_font = QFont(["DejaVu Sans", "Arial"])
    title_font.setPixelSize(_mm(4.5))
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.drawText(QRect(left, top, _mm(180), _mm(8)), Qt.AlignmentFlag.AlignLeft, title)
    heading_font = QFont(["DejaVu Sans", "Arial"])
    heading_font.setPixelSize(_mm(4))
    heading_font.setBold(True)
    code_font = QFont(["DejaVu Sans Mono", "Consolas"])
    code_font.setPixelSize(_mm(3.6))
    y = top + _mm(12)
    column = 0
    for kind, text in items:
        if kind == "heading":
            if column:
                y += _mm(24)
                column = 0
            painter.setFont(heading_font)
            painter.drawText(QRect(left, y, _mm(180), _mm(7)), Qt.AlignmentFlag.AlignLeft, text)
            y += _mm(9)
            continue
        x = left + column * column_width + MODULE_DOTS * QUIET_ZONE_MODULES
        bar_top, bar_height = y, _mm(BAR_MM)
        dark = True
        for width in modules(text):
            if dark:
                painter.fillRect(x, bar_top, width * MODULE_DOTS, bar_height, QColor("#000000"))
            x += width * MODULE_DOTS
            dark = not dark
        painter.setFont(code_font)
        painter.drawText(
            QRect(
                left + column * column_width, bar_top + bar_height + _mm(1), column_width, _mm(5)
            ),
            Qt.AlignmentFlag.AlignLeft,
            "   " + text,
        )
        column += 1
        if column == COLUMNS:
            column = 0
            y += _mm(24)


def write_demo_sheet(path: Path, groups: Sequence[Group]) -> Path:
    """Write the sheet as a PDF (A4, every page); returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF()
        )
    )
    writer.setTitle(tr("Returns Desk demo barcodes"))
    painter = QPainter(writer)
    try:
        laid_out = pages(groups)
        for number, items in enumerate(laid_out, start=1):
            if number > 1:
                writer.newPage()
            title = tr("Returns Desk demo barcodes · page %1 of %2")
            draw_page(
                painter, items, title.replace("%1", str(number)).replace("%2", str(len(laid_out)))
            )
    finally:
        painter.end()
    return path


def render_page_image(items: Sequence[tuple[str, str]]) -> QImage:
    """The same page as an image (tests read the barcodes back from it)."""
    image = QImage(_mm(210), _mm(297), QImage.Format.Format_Grayscale8)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        draw_page(painter, items, "test")
    finally:
        painter.end()
    return image


def demo_groups(parcels: dict[str, list[str]], names: dict[str, str]) -> list[Group]:
    """The demo FEs' parcels, then labels that show the other results."""
    groups: list[Group] = [
        (tr("%1 — parcels the FE scans").replace("%1", names.get(fe_id, fe_id)), codes)
        for fe_id, codes in parcels.items()
    ]
    groups.append(
        (tr("Not in any FE's list (unexpected) and an order id (wrong label)"),
         ["FMPC0000000001", "FMPP0000000002", "OD225674723130604000"])
    )  # fmt: skip
    return groups
