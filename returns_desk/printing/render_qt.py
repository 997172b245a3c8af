"""The Qt adapter: draws a ``Layout`` with QPainter in device dots, to a PDF or a QPrinter.

Why QPainter and not QTextDocument: a text document printed to a high-resolution printer
came out 4/3 too large (see docs/printing.md); QPainter with QFontMetricsF in the
device's own units is exact. Every bar and QR module is a filled rectangle a whole number
of dots wide, placed on whole dots, so nothing is resampled. Works in a worker thread
(QPainter on a QPdfWriter or QPrinter is thread-safe once a QGuiApplication exists).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import segno
from PySide6.QtCore import QMarginsF, QPointF, QRect, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
)

from returns_desk.printing import code128
from returns_desk.printing.errors import PdfFolderError, PrinterUnavailableError
from returns_desk.printing.fonts_qt import add_bundled_fonts
from returns_desk.printing.layout import (
    Align,
    Barcode,
    Block,
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

# Latin first; then Devanagari for Hindi slips: Windows' own Nirmala UI, else the Noto font
# shipped in resources/fonts (a fresh Debian has none). Qt takes each character from the
# first family that has it.
FONT_FAMILIES = [
    "Segoe UI",
    "Arial",
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
    "Nirmala UI",
    "Noto Sans Devanagari",
]

MIN_BAR_MM = 0.25  # narrowest Code 128 module: 2 dots at 203 dpi, 3 at 300, 6 at 600
MIN_QR_MODULE_MM = 0.375  # 3 dots at 203 dpi
QR_QUIET_MODULES = 4


Draw = Callable[[QPainter, int, int], None]  # painter, left, top of the row


@dataclass(frozen=True)
class Row:
    """One unbreakable strip of a slip: pages break only between rows."""

    height: int  # dots
    draw: Draw


def mm_to_dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / 25.4)


def min_dots(mm: float, dpi: int) -> int:
    """The fewest whole dots at least ``mm`` wide (one at the least): bars never go thinner."""
    return max(1, math.ceil(mm * dpi / 25.4 - 1e-6))


def dots_to_mm(dots: int, dpi: int) -> float:
    return dots * 25.4 / dpi


def make_font(points: float, bold: bool = False) -> QFont:
    add_bundled_fonts()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class _Planner:
    """Turns blocks into rows for one content width on one device."""

    def __init__(self, device: QPaintDevice, dpi: int, width: int, paper: PaperProfile) -> None:
        self.device, self.dpi, self.width, self.paper = device, dpi, width, paper

    def font(self, size: Size, bold: bool = False) -> tuple[QFont, QFontMetricsF]:
        font = make_font(self.paper.font_pt[size], bold)
        return font, QFontMetricsF(font, self.device)

    def fits(self, metrics: QFontMetricsF, width: int) -> Callable[[str], bool]:
        return lambda s: metrics.horizontalAdvance(s) <= width

    def line(self, text: str, font: QFont, fm: QFontMetricsF, align: Align, width: int) -> Row:
        advance = fm.horizontalAdvance(text)
        offset = {
            Align.LEFT: 0.0,
            Align.CENTER: (width - advance) / 2,
            Align.RIGHT: width - advance,
        }
        dx, ascent = offset[align], fm.ascent()

        def draw(p: QPainter, x: int, y: int) -> None:
            p.setFont(font)
            p.drawText(QPointF(x + dx, y + ascent), text)

        return Row(math.ceil(fm.lineSpacing()), draw)

    def gap(self, mm: float) -> Row:
        return Row(mm_to_dots(mm, self.dpi), lambda p, x, y: None)

    def plan(self, blocks: Sequence[Block]) -> list[Row]:
        rows: list[Row] = []
        for block in blocks:
            rows.extend(self.block(block))
        return rows

    def block(self, block: Block) -> list[Row]:
        if isinstance(block, Text):
            return self.text(block)
        if isinstance(block, Field):
            return self.field(block)
        if isinstance(block, Items):
            return self.items(block)
        if isinstance(block, Barcode):
            return self.barcode(block)
        if isinstance(block, Qr):
            return self.qr(block)
        if isinstance(block, Separator):
            return [self.rule()]
        if isinstance(block, Space):
            return [self.gap(block.height_mm)]
        if isinstance(block, Image):
            return self.image(block)
        return self.signature(block)

    def image(self, block: Image) -> list[Row]:
        """The photo scaled into the width and ``height_mm``, aspect kept; then its caption."""
        caption = self.text(Text(block.caption, Size.SMALL)) if block.caption else []
        picture = QImage(block.path)
        if picture.isNull():
            return self.text(Text("(photo file could not be read)", Size.SMALL)) + caption
        most = mm_to_dots(block.height_mm, self.dpi)
        scale = min(self.width / picture.width(), most / picture.height())
        width, height = max(1, int(picture.width() * scale)), max(1, int(picture.height() * scale))

        def draw(p: QPainter, x: int, y: int) -> None:
            p.drawImage(QRect(x, y, width, height), picture)

        return [Row(height + mm_to_dots(1.0, self.dpi), draw), *caption]

    def text(self, block: Text) -> list[Row]:
        font, fm = self.font(block.size, block.bold)
        if block.size is Size.HUGE:  # the OTC: shrink rather than break the digits
            while fm.horizontalAdvance(block.text) > self.width and font.pointSizeF() > 8:
                font.setPointSizeF(font.pointSizeF() * 0.9)
                fm = QFontMetricsF(font, self.device)
        lines = wrap(block.text, self.fits(fm, self.width))
        rows = [self.line(s, font, fm, block.align, self.width) for s in lines]
        if block.size in (Size.LARGE, Size.HUGE):
            rows.append(self.gap(0.8))
        return rows

    def field(self, block: Field) -> list[Row]:
        label_font, label_fm = self.font(Size.NORMAL)
        value_font, value_fm = self.font(Size.NORMAL, block.bold)
        spacing = mm_to_dots(2.0, self.dpi)
        label_w = math.ceil(label_fm.horizontalAdvance(block.label))
        room = self.width - label_w - spacing
        words_fit = room > 0 and all(
            value_fm.horizontalAdvance(w) <= room for w in block.value.split()
        )
        values = wrap(block.value, self.fits(value_fm, room)) if words_fit else []
        if not words_fit or len(values) > 3:  # label on its own line(s), value under it
            labels = self.text(Text(block.label))
            values = wrap(block.value, self.fits(value_fm, self.width))
            rest = [self.line(v, value_font, value_fm, Align.RIGHT, self.width) for v in values]
            return [*labels, *rest]
        label = self.line(block.label, label_font, label_fm, Align.LEFT, self.width)
        rows = [self.line(v, value_font, value_fm, Align.RIGHT, self.width) for v in values]
        first = rows[0]

        def draw_both(p: QPainter, x: int, y: int) -> None:
            label.draw(p, x, y)
            first.draw(p, x, y)

        return [Row(max(label.height, first.height), draw_both), *rows[1:]]

    def items(self, block: Items) -> list[Row]:
        font, fm = self.font(Size.NORMAL)
        if not block.items:
            return [self.line(block.empty, font, fm, Align.LEFT, self.width)]
        spacing = mm_to_dots(4.0, self.dpi)
        widest = math.ceil(max(fm.horizontalAdvance(s) for s in block.items))
        if widest > self.width:  # a code longer than the line: wrap each one
            return [r for s in block.items for r in self.text(Text(s))]
        column = widest + spacing
        rows = []
        for items in grid(block.items, widest, spacing, self.width):
            cells = [self.line(s, font, fm, Align.LEFT, self.width) for s in items]

            def draw_cells(p: QPainter, x: int, y: int, cells: list[Row] = cells) -> None:
                for n, cell in enumerate(cells):
                    cell.draw(p, x + n * column, y)

            rows.append(Row(cells[0].height, draw_cells))
        return rows

    def rule(self) -> Row:
        pad, thick = mm_to_dots(1.5, self.dpi), max(1, mm_to_dots(0.25, self.dpi))
        width = self.width

        def draw(p: QPainter, x: int, y: int) -> None:
            p.fillRect(QRect(x, y + pad, width, thick), Qt.GlobalColor.black)

        return Row(2 * pad + thick, draw)

    def barcode(self, block: Barcode) -> list[Row]:
        pattern = code128.modules(block.content)
        total = code128.width_in_modules(block.content)
        module = min_dots(MIN_BAR_MM, self.dpi)
        while module > 1 and total * module > self.width:
            module -= 1
        caption = self.text(Text(block.content, Size.NORMAL, align=Align.CENTER))
        if total * module > self.width:  # too long to scan on this paper: the text only
            return caption
        height = mm_to_dots(block.height_mm, self.dpi)
        quiet = code128.QUIET_ZONE_MODULES * module
        offset = (self.width - total * module) // 2  # whole dots: no resampled bars

        def draw(p: QPainter, x: int, y: int) -> None:
            bar_x = x + offset + quiet
            for n, widths in enumerate(pattern):
                if n % 2 == 0:
                    p.fillRect(QRect(bar_x, y, widths * module, height), Qt.GlobalColor.black)
                bar_x += widths * module

        return [Row(height + mm_to_dots(0.8, self.dpi), draw), *caption]

    def qr(self, block: Qr) -> list[Row]:
        matrix = segno.make(block.content, error="m", micro=False, boost_error=False).matrix
        span = len(matrix) + 2 * QR_QUIET_MODULES
        smallest = min_dots(MIN_QR_MODULE_MM, self.dpi)
        module = max(smallest, mm_to_dots(self.paper.qr_mm, self.dpi) // span)
        module = min(module, self.width // span)
        if module < 1:
            return self.text(Text(block.content, Size.SMALL))
        offset = (self.width - span * module) // 2 + QR_QUIET_MODULES * module
        runs = [(r, c, length) for r, line in enumerate(matrix) for c, length in _dark_runs(line)]

        def draw(p: QPainter, x: int, y: int) -> None:
            top = y + QR_QUIET_MODULES * module
            for r, c, length in runs:
                rect = QRect(x + offset + c * module, top + r * module, length * module, module)
                p.fillRect(rect, Qt.GlobalColor.black)

        rows = [Row(span * module, draw)]
        if block.caption:
            rows += self.text(Text(block.caption, Size.SMALL, align=Align.CENTER))
        return rows

    def signature(self, block: Signature) -> list[Row]:
        room, thick = mm_to_dots(12.0, self.dpi), max(1, mm_to_dots(0.2, self.dpi))
        width = self.width

        def draw(p: QPainter, x: int, y: int) -> None:
            p.fillRect(QRect(x, y + room, width, thick), Qt.GlobalColor.black)

        line = Row(room + thick + mm_to_dots(0.5, self.dpi), draw)
        return [line, *self.text(Text(block.label, Size.SMALL))]


def _dark_runs(line: Sequence[int]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in one QR row."""
    runs, start = [], None
    for c, dark in enumerate([*line, 0]):
        if dark and start is None:
            start = c
        elif not dark and start is not None:
            runs.append((start, c - start))
            start = None
    return runs


def plan_rows(
    layout: Layout, device: QPaintDevice, dpi: int, width: int, paper: PaperProfile
) -> list[Row]:
    """The rows of ``layout`` for a content ``width`` in dots on ``device``."""
    return _Planner(device, dpi, width, paper).plan(layout.blocks)


def paginate(rows: Sequence[Row], page_height: int) -> list[list[Row]]:
    """Rows grouped into pages of at most ``page_height`` dots (a taller row gets its own)."""
    pages: list[list[Row]] = [[]]
    used = 0
    for row in rows:
        if pages[-1] and used + row.height > page_height:
            pages.append([])
            used = 0
        pages[-1].append(row)
        used += row.height
    return pages


def _pages(
    layouts: Sequence[Layout],
    device: QPaintDevice,
    dpi: int,
    width: int,
    paper: PaperProfile,
    page_height: int,
) -> Iterator[tuple[list[Row], float]]:
    """Each page's rows and its length in mm: fitted to its rows on a roll, the sheet's on A4.

    The PDF, the preview's images and the printer all page through here, so their breaks
    and roll lengths cannot drift apart.
    """
    for layout in layouts:
        for rows in paginate(plan_rows(layout, device, dpi, width, paper), page_height):
            yield rows, paper.page_length_mm(dots_to_mm(sum(row.height for row in rows), dpi))


def draw_rows(painter: QPainter, rows: Sequence[Row], left: int, top: int) -> None:
    y = top
    for row in rows:
        row.draw(painter, left, y)
        y += row.height


def roll_page_size(paper: PaperProfile, length_mm: float) -> QPageSize:
    size = QSizeF(paper.width_mm, round(length_mm, 1))
    return QPageSize(
        size, QPageSize.Unit.Millimeter, f"{paper.name} roll", QPageSize.SizeMatchPolicy.ExactMatch
    )


def sheet_page_size(paper: PaperProfile) -> QPageSize:
    assert paper.height_mm is not None
    size = QSizeF(paper.width_mm, paper.height_mm)
    return QPageSize(
        size, QPageSize.Unit.Millimeter, paper.name, QPageSize.SizeMatchPolicy.FuzzyMatch
    )


def _set_page(device: QPagedPaintDevice, size: QPageSize) -> bool:
    layout = QPageLayout(
        size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter
    )
    return device.setPageLayout(layout)


def render_pdf(layouts: Sequence[Layout], path: Path, paper: PaperProfile) -> int:
    """Write ``layouts`` to a PDF at ``paper``'s width (rolls fitted to content); pages written.

    The PDF resolution is ``paper.pdf_dpi`` (203 or 300), so bars drawn on whole dots stay on
    whole dots of a printer of that resolution.
    """
    dpi = paper.pdf_dpi
    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    writer.setCreator("Returns Desk")
    writer.setTitle(", ".join(f"{layout.kind} {layout.key}" for layout in layouts))
    width = mm_to_dots(paper.printable_width_mm, dpi)
    top = mm_to_dots(paper.margin_top_mm, dpi)
    page_height = mm_to_dots(paper.printable_height_mm, dpi)
    painter = QPainter()
    pages = 0
    for chunk, length_mm in _pages(layouts, writer, dpi, width, paper, page_height):
        size = roll_page_size(paper, length_mm) if paper.is_roll else sheet_page_size(paper)
        _set_page(writer, size)
        if pages == 0:
            if not painter.begin(writer):
                raise PdfFolderError(f"cannot write {path}")
        elif not writer.newPage():
            raise PdfFolderError(f"cannot add a page to {path}")
        left = (writer.width() - width) // 2
        draw_rows(painter, chunk, left, top)
        pages += 1
    if pages and not painter.end():
        raise PdfFolderError(f"cannot finish {path}")
    return pages


def _image(width: int, height: int, dpi: int) -> QImage:
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(Qt.GlobalColor.white)
    return image


def render_images(layout: Layout, paper: PaperProfile, dpi: int | None = None) -> list[QImage]:
    """``layout`` as page images, one pixel per dot, as ``render_pdf`` lays it on paper.

    Same rows, same page breaks, same roll lengths and the same centred column as the PDF
    at ``dpi`` (the paper's PDF resolution by default): the print preview. Each image is
    the whole paper width (``paper.width_mm`` in dots), its DPI set so that fonts are
    measured as on the PDF. QImage is the thread-safe paint device, so this runs in a job.
    """
    dpi = dpi or paper.pdf_dpi
    width = mm_to_dots(paper.printable_width_mm, dpi)
    page_width = mm_to_dots(paper.width_mm, dpi)
    top = mm_to_dots(paper.margin_top_mm, dpi)
    page_height = mm_to_dots(paper.printable_height_mm, dpi)
    images = []
    for chunk, length_mm in _pages([layout], _image(1, 1, dpi), dpi, width, paper, page_height):
        image = _image(page_width, mm_to_dots(length_mm, dpi), dpi)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        draw_rows(painter, chunk, (page_width - width) // 2, top)
        painter.end()
        images.append(image)
    return images


def render_printer(
    layouts: Sequence[Layout],
    printer: QPagedPaintDevice,
    paper: PaperProfile,
    *,
    dpi: int,
    form: QPageSize | None = None,
    custom_sizes: bool = True,
) -> int:
    """Paint ``layouts`` on a printer (or a PDF-format QPrinter); the number of pages.

    Everything is laid out against the printer's own printable rectangle
    (``paintRectPixels``), never the paper, so nothing is clipped by the driver's
    margins. Rolls get a custom page fitted to each slip unless the driver takes no
    custom sizes or a ``form`` (one of the driver's own) is given; then slips are
    paginated on that form.
    """
    fitted = form is None and paper.is_roll and custom_sizes

    def set_size(length_mm: float) -> bool:
        if form is not None:
            size = form
        elif not paper.is_roll:
            size = sheet_page_size(paper)
        elif fitted:
            size = roll_page_size(paper, length_mm)
        else:
            return False  # no custom sizes: the driver's own form stays
        ok = printer.setPageSize(size)
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)  # clamped
        return ok

    fitted = set_size(paper.min_length_mm) and fitted  # refused: paginate on the driver's form
    rect = printer.pageLayout().paintRectPixels(dpi)
    width = min(rect.width(), mm_to_dots(paper.printable_width_mm, dpi))
    top = max(0, mm_to_dots(paper.margin_top_mm, dpi) - rect.top())
    if fitted:
        page_height = mm_to_dots(paper.printable_height_mm, dpi)
    else:  # a fixed form: our margins count only where the driver's are smaller
        below = printer.pageLayout().fullRectPixels(dpi).height() - rect.bottom() - 1
        bottom = max(0, mm_to_dots(paper.margin_bottom_mm, dpi) - below)
        page_height = max(1, rect.height() - top - bottom)
    painter = QPainter()
    pages = 0
    for chunk, length_mm in _pages(layouts, printer, dpi, width, paper, page_height):
        if fitted:
            set_size(length_mm)
            rect = printer.pageLayout().paintRectPixels(dpi)
        if pages == 0:
            if not painter.begin(printer):
                raise PrinterUnavailableError("the printer did not accept the job")
        elif not printer.newPage():
            painter.end()
            raise PrinterUnavailableError("the printer stopped during the job")
        draw_rows(painter, chunk, (rect.width() - width) // 2, top)
        pages += 1
    if pages and not painter.end():
        raise PrinterUnavailableError("the job could not be finished")
    return pages
