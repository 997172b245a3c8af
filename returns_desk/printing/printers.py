"""Where slips go: an installed printer (silently, no dialog), a PDF folder, or both.

Every failure is a ``PrintingError`` with a clerk-facing text, never a crash: the caller
(a QThreadPool job in the GUI) shows it and the handover carries on. The PDF is written
first, so the evidence exists even when the paper copy fails.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QImage, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from returns_desk.printing import escpos
from returns_desk.printing.errors import (
    NoPrintersError,
    PaperSizeError,
    PdfFolderError,
    PrinterNotFoundError,
    PrinterUnavailableError,
    PrintingError,
)
from returns_desk.printing.layout import Layout
from returns_desk.printing.paper import PaperProfile, get_paper
from returns_desk.printing.render_qt import render_images, render_pdf, render_printer

if TYPE_CHECKING:
    from returns_desk.settings import Settings

log = logging.getLogger(__name__)
_app: QGuiApplication | None = None


@dataclass(frozen=True)
class PrintTarget:
    """The printing settings of a terminal."""

    paper: str = "80mm"
    printer: str | None = None  # installed printer name; None: no paper copy
    pdf_folder: Path | None = None  # also keep every slip here as a PDF
    page_size_name: str | None = None  # a driver form, for drivers refusing custom sizes
    raw_escpos: bool = False  # send ESC/POS bytes through the Windows queue instead


@dataclass(frozen=True)
class PrintResult:
    pdf_paths: tuple[Path, ...]
    printer: str | None
    pages: int  # printed on paper (0 when only PDFs were written)
    pictures: int = 0  # of them, raw ESC/POS slips sent as a picture (no Devanagari code page)


def ensure_gui_application() -> QGuiApplication:
    """Qt needs an application object for fonts; without a display, render offscreen."""
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]  # a QCoreApplication would fail as before
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv else "returns-desk"])
    return _app


def pdf_file_name(layout: Layout) -> str:
    """``YYYYmmdd-HHMMSS-<kind>-<task>.pdf``, in local time, safe on any file system."""
    stamp = layout.printed_at.astimezone().strftime("%Y%m%d-%H%M%S")
    key = re.sub(r"[^A-Za-z0-9._-]+", "_", layout.key).strip("._") or "slip"
    return f"{stamp}-{layout.kind}-{key}.pdf"


def save_pdf(layouts: Sequence[Layout], path: Path, paper: PaperProfile) -> Path:
    """Write ``layouts`` as one PDF at ``path``, atomically (a part file, then a rename)."""
    path = Path(path)
    part = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(b"")  # Qt would only warn; Python says why it cannot write
    except OSError as exc:
        raise PdfFolderError(f"{path.parent}: {exc.strerror or exc}") from None
    try:
        render_pdf(layouts, part, paper)
        os.replace(part, path)
    except OSError as exc:
        raise PdfFolderError(f"{path}: {exc.strerror or exc}") from None
    finally:
        part.unlink(missing_ok=True)
    return path


def _unique(path: Path) -> Path:
    """A reprint in the same second does not overwrite the first PDF."""
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def find_printer(name: str) -> QPrinterInfo:
    """The installed printer called ``name`` (exact, then case-insensitive)."""
    names = QPrinterInfo.availablePrinterNames()
    if not names:
        raise NoPrintersError(f'looking for "{name}"')
    match = name if name in names else next((n for n in names if n.lower() == name.lower()), None)
    if match is None:
        shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        raise PrinterNotFoundError(f'"{name}" is not installed; installed: {shown}')
    return QPrinterInfo.printerInfo(match)


def default_printer_name() -> str:
    name = QPrinterInfo.defaultPrinterName()
    if not name:
        if not QPrinterInfo.availablePrinterNames():
            raise NoPrintersError("and no default printer")
        raise PrinterNotFoundError("no default printer is set")
    return name


def find_form(name: str, forms: Sequence[QPageSize], printer: str = "") -> QPageSize:
    """The driver form called ``name`` (by its name or key, ignoring case and spaces)."""

    def norm(text: str) -> str:
        return re.sub(r"\s+", "", text).lower()

    for form in forms:
        if norm(name) in (norm(form.name()), norm(form.key())):
            return form
    known = ", ".join(f.name() for f in forms[:8]) + (", ..." if len(forms) > 8 else "")
    where = f' of "{printer}"' if printer else ""
    raise PaperSizeError(f'"{name}" is not a paper form{where}; forms: {known or "none"}')


def print_to_printer(
    layouts: Sequence[Layout], name: str, paper: PaperProfile, page_size_name: str | None = None
) -> int:
    """Print silently on the installed printer ``name``; pages printed."""
    info = find_printer(name)
    if getattr(info.state(), "name", "") == "Error":  # QPrint::Error: offline or faulted
        raise PrinterUnavailableError(f'"{info.printerName()}" reports an error state')
    form = find_form(page_size_name, info.supportedPageSizes(), name) if page_size_name else None
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(", ".join(f"{layout.kind} {layout.key}" for layout in layouts))
    pages = render_printer(
        layouts,
        printer,
        paper,
        dpi=printer.resolution(),
        form=form,
        custom_sizes=info.supportsCustomPageSizes(),
    )
    if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrinterUnavailableError(f'"{info.printerName()}" failed the job')
    return pages


def print_layouts(layouts: Sequence[Layout], target: PrintTarget) -> PrintResult:
    """Save and/or print ``layouts`` as ``target`` says; PrintingError on any failure."""
    paper = get_paper(target.paper)
    if not target.printer and target.pdf_folder is None:
        raise PrintingError("no printer and no PDF folder", message="No slip printer is set up.")
    pdfs: tuple[Path, ...] = ()
    if (folder := target.pdf_folder) is not None:
        pdfs = tuple(
            save_pdf([layout], _unique(Path(folder) / pdf_file_name(layout)), paper)
            for layout in layouts
        )
    pages = pictures = 0
    if target.printer:
        try:
            if target.raw_escpos:
                find_printer(target.printer)
                for layout in layouts:
                    data, picture = escpos_bytes(layout, paper)
                    escpos.send_raw(target.printer, data)
                    pictures += picture
                pages = len(layouts)
            else:
                pages = print_to_printer(layouts, target.printer, paper, target.page_size_name)
        except PrintingError as exc:
            if not pdfs:
                raise
            raise type(exc)(f"{exc.detail}; the PDF was saved: {pdfs[-1].name}") from exc
    return PrintResult(pdfs, target.printer, pages, pictures)


def escpos_bytes(layout: Layout, paper: PaperProfile) -> tuple[bytes, bool]:
    """The slip for a raw ESC/POS printer, and whether it goes as a picture.

    In the printer's own characters when its code page has them all; otherwise (Hindi) the
    slip drawn as for the PDF at the head's 203 dpi, its middle as wide as the head, as dots.
    """
    if escpos.encodable(layout):
        return escpos.layout_to_escpos(layout, paper), False
    if paper.name not in escpos.HEAD_DOTS:
        raise PaperSizeError(f"raw ESC/POS needs 58mm or 80mm paper, not {paper.name}")
    rows: list[bytes] = []
    for image in render_images(layout, paper, ESCPOS_DPI):
        width = min(escpos.HEAD_DOTS[paper.name], image.width() // 8 * 8)
        left = max(0, (image.width() - width) // 2)
        grey = image.copy(left, 0, width, image.height()).convertToFormat(
            QImage.Format.Format_Grayscale8
        )
        line = grey.bytesPerLine()
        data = bytes(grey.constBits())
        for y in range(grey.height()):
            dots = data[y * line : y * line + width].translate(_DARK)
            rows.append(int(dots, 2).to_bytes(width // 8, "big"))
    log.info("raw ESC/POS slip %s sent as a picture: its code page has no Devanagari", layout.key)
    return escpos.raster(rows), True


ESCPOS_DPI = 203  # the common thermal head: 8 dots per mm
#: a grey byte -> "1" (black) below mid-grey, else "0"
_DARK = bytes(ord("1") if value < 128 else ord("0") for value in range(256))


def target_for(settings: Settings) -> PrintTarget:
    """The terminal's printing settings as a target.

    No printer named means the system's default; with no printer installed at all, a PDF
    folder alone still keeps the slip (and without one either, that is the error).
    """
    pdf_folder = Path(settings.pdf_dir) if settings.pdf_dir else None
    printer = settings.printer_name
    if not printer:
        try:
            printer = default_printer_name()
        except PrintingError:
            if pdf_folder is None:
                raise
            printer = None
    return PrintTarget(
        paper=settings.paper,
        printer=printer,
        pdf_folder=pdf_folder,
        page_size_name=settings.page_size_name,
        raw_escpos=settings.print_raw_escpos,
    )


def print_layout(layout: Layout, target: PrintTarget) -> PrintResult:
    """One slip, as ``target`` says (the everyday call after a Start OTC or a handover)."""
    return print_layouts([layout], target)
