"""The preview's page images: the PDF's pages, one pixel per dot, the ink inside the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from returns_desk.printing.paper import get_paper
from returns_desk.printing.samples import sample_receipt, sample_start_slip
from returns_desk.printing.slips import build_handover_receipt, build_start_otc_slip
from tests.printing.conftest import NOW, needs_poppler, pdf_page_sizes

PT_PER_MM = 72 / 25.4


def ink_columns(image) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The leftmost and rightmost columns with a dark pixel."""
    from PySide6.QtGui import QImage

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    data = bytes(grey.constBits())
    dark = [x for x in range(width) if any(data[y * stride + x] < 128 for y in range(0, height, 2))]
    return dark[0], dark[-1]


@pytest.mark.parametrize("paper_name", ["58mm", "80mm", "a4"])
@pytest.mark.parametrize("kind", ["start-otc", "handover"])
@needs_poppler
def test_images_are_the_pdf_pages_in_dots(qapp, tmp_path: Path, paper_name: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.printing.render_qt import mm_to_dots, render_images, render_pdf

    paper = get_paper(paper_name)
    if kind == "start-otc":
        layout = build_start_otc_slip(sample_start_slip(NOW))
    else:
        layout = build_handover_receipt(sample_receipt(NOW, missing_count=40))
    images = render_images(layout, paper)
    pdf = tmp_path / "slip.pdf"
    render_pdf([layout], pdf, paper)
    sizes = pdf_page_sizes(pdf)
    assert len(images) == len(sizes)
    dpi = paper.pdf_dpi
    for image, (width_pt, height_pt) in zip(images, sizes, strict=True):
        assert image.width() == mm_to_dots(paper.width_mm, dpi)
        assert abs(image.height() - mm_to_dots(height_pt / PT_PER_MM, dpi)) <= 1
        assert abs(width_pt / PT_PER_MM - paper.width_mm) < 0.2
        left, right = ink_columns(image)
        margin = (mm_to_dots(paper.width_mm, dpi) - mm_to_dots(paper.printable_width_mm, dpi)) // 2
        assert left >= margin - 1 and right <= margin + mm_to_dots(paper.printable_width_mm, dpi)
        assert right - left > mm_to_dots(paper.printable_width_mm, dpi) * 0.8  # fills the column
