"""Print preview: the slip exactly as it will print, at the terminal's paper.

The pages are drawn by the printing module's own renderer (``render_images``: the same
rows, page breaks and roll lengths as the PDF, one pixel per printer dot) in a job, so a
long receipt never freezes the window. Keyboard only: Enter or F9 prints, Ctrl+S saves a
PDF, Esc closes; the arrows and Page Up/Down scroll a long receipt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from returns_desk.printing.layout import Layout
from returns_desk.printing.paper import PaperProfile
from returns_desk.printing.slips import HANDOVER_KIND, REPRINT_KEY_SUFFIX
from returns_desk.ui.fit import fit_to_screen
from returns_desk.ui.texts import paper_text
from returns_desk.ui.workers import JobCrashed, JobDone, JobFailed, JobKind, JobRunner

#: Widest page shown at one screen pixel per printer dot; wider pages (A4) are scaled down.
MAX_PAGE_WIDTH_PX = 900
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreviewPages:
    """What the preview job hands to the dialog: the slip and its page images."""

    layout: Layout
    images: tuple[QImage, ...]


def render_pages(make: Callable[[], Layout], paper: PaperProfile) -> PreviewPages:
    """Build the slip and draw its pages (on a pool thread)."""
    from returns_desk.printing.render_qt import render_images

    layout = make()
    return PreviewPages(layout, tuple(render_images(layout, paper)))


class SlipPreviewDialog(QDialog):
    """Shows one slip; Print sends it through ``print_`` (a job) and closes the dialog."""

    ready = Signal()  # the pages are shown
    failed = Signal(str)  # the slip could not be made
    saved = Signal(str)  # the PDF written by Save as PDF
    printing = Signal()  # Print was chosen (the job is under way)

    def __init__(
        self,
        jobs: JobRunner,
        *,
        make: Callable[[], Layout],
        paper: PaperProfile,
        reprint: bool,
        print_: Callable[[Layout], None],
        pdf_folder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("slipPreview")
        self.setWindowTitle(self.tr("Print preview"))
        self._jobs, self._paper, self._print = jobs, paper, print_
        self._pdf_folder = Path(pdf_folder) if pdf_folder else Path.home()
        self.layout_: Layout | None = None
        self.pages: tuple[QImage, ...] = ()
        self.page_labels: list[QLabel] = []
        self.file_dialog: QFileDialog | None = None

        self.heading = QLabel(self.tr("Print preview"), self)
        self.heading.setObjectName("screenTitle")
        self.summary = QLabel(self.tr("Preparing the slip…"), self)
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.reprint_flag = QLabel(self.tr("REPRINT: marked as such on the slip"), self)
        self.reprint_flag.setObjectName("stateBadge")
        self.reprint_flag.setVisible(reprint)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.reprint_flag)
        top.addStretch(1)

        self.sheet = QWidget()
        self.sheet.setObjectName("previewGround")
        self.sheet.setStyleSheet("QWidget#previewGround { background: #5f6b76; }")
        self.sheet_layout = QVBoxLayout(self.sheet)
        self.sheet_layout.setContentsMargins(24, 24, 24, 24)
        self.sheet_layout.setSpacing(18)
        self.sheet_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.sheet)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setProperty("role", "error")
        self.status.hide()

        self.print_button = QPushButton(self.tr("Print  (Enter / F9)"), self)
        self.print_button.setProperty("primary", True)
        self.print_button.setDefault(True)
        self.print_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("Save as PDF…  (Ctrl+S)"), self)
        self.save_button.setAutoDefault(False)
        self.save_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close  (Esc)"), self)
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button, 2)
        buttons.addWidget(self.save_button, 1)
        buttons.addWidget(self.close_button, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self._f9 = QShortcut(QKeySequence(Qt.Key.Key_F9), self)
        self._f9.activated.connect(self._on_print_button_clicked)
        self._save_key = QShortcut(QKeySequence.StandardKey.Save, self)
        self._save_key.activated.connect(self._on_save_button_clicked)

        width = min(MAX_PAGE_WIDTH_PX, self._page_width_px()) + 110
        fit_to_screen(self, max(720, width), 900)
        self.scroll_area.setFocus()
        jobs.submit(
            JobKind.PREVIEW,
            lambda: render_pages(make, paper),
            done=self._on_rendered,
            failed=self._on_job_failed,
            crashed=self._on_job_crashed,
        )

    def _page_width_px(self) -> int:
        from returns_desk.printing.render_qt import mm_to_dots

        return mm_to_dots(self._paper.width_mm, self._paper.pdf_dpi)

    @property
    def scale(self) -> float:
        """Screen pixels per printer dot: 1 on rolls, less on a sheet too wide to show."""
        return min(1.0, MAX_PAGE_WIDTH_PX / self._page_width_px())

    def _show(self, pages: PreviewPages) -> None:
        self.layout_, self.pages = pages.layout, pages.images
        for image in pages.images:
            pixmap = QPixmap.fromImage(image)
            if self.scale < 1.0:
                pixmap = pixmap.scaledToWidth(
                    round(image.width() * self.scale), Qt.TransformationMode.SmoothTransformation
                )
            label = QLabel(self.sheet)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())
            label.setStyleSheet("border: 1px solid #2b3138;")
            self.sheet_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        kind = (
            self.tr("Handover receipt")
            if pages.layout.kind == HANDOVER_KIND
            else self.tr("Start OTC slip")
        )
        count = len(pages.images)
        text = self.tr("%1 · task %2 · %3 · %n page(s)", "", count)
        task = pages.layout.key.removesuffix(REPRINT_KEY_SUFFIX)
        for n, value in enumerate((kind, task, paper_text(self._paper.name))):
            text = text.replace(f"%{n + 1}", value)
        self.summary.setText(text)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.print_button.setFocus()
        self.ready.emit()

    def _fail(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.summary.setText(self.tr("The slip could not be shown."))
        self.failed.emit(text)

    # --- slots ---------------------------------------------------------------------

    def _on_rendered(self, done: JobDone) -> None:
        self._show(done.result)

    def _on_saved(self, done: JobDone) -> None:
        self.status.setProperty("role", "info")
        self.status.setText(self.tr("Saved as PDF: %1").replace("%1", str(done.result)))
        self.status.show()
        self.saved.emit(str(done.result))

    def _on_job_failed(self, failed: JobFailed) -> None:
        self._fail(failed.error.user_text)

    def _on_job_crashed(self, crashed: JobCrashed) -> None:
        log.error("the print preview's job hit a bug:\n%s", crashed.traceback)
        self._fail(self.tr("Internal error, logged for IT support."))

    @Slot()
    def _on_print_button_clicked(self) -> None:
        if self.layout_ is None:
            return
        self._print(self.layout_)
        self.printing.emit()
        self.accept()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        if self.layout_ is None:
            return
        from returns_desk.printing.printers import pdf_file_name

        dialog = QFileDialog(
            self,
            self.tr("Save the slip as PDF"),
            str(self._pdf_folder / pdf_file_name(self.layout_)),
            self.tr("PDF files (*.pdf)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(self.save_pdf_to)
        self.file_dialog = dialog
        dialog.open()

    @Slot(str)
    def save_pdf_to(self, path: str) -> None:
        """Write the previewed slip to ``path`` as a PDF (a job; ``saved`` when done)."""
        layout, paper = self.layout_, self._paper
        if layout is None or not path:
            return

        def job() -> Path:
            from returns_desk.printing.printers import save_pdf

            return save_pdf([layout], Path(path), paper)

        self._jobs.submit(
            JobKind.PREVIEW_PDF,
            job,
            done=self._on_saved,
            failed=self._on_job_failed,
            crashed=self._on_job_crashed,
        )
