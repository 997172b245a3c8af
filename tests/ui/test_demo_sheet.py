"""The demo barcode sheet: every tracking id on it reads back as Code 128."""

from __future__ import annotations

import re
from pathlib import Path

import zxingcpp
from PIL import Image

from returns_desk.ui.demo_sheet import demo_groups, pages, render_page_image, write_demo_sheet

PARCELS = {
    "fe10001": [f"FMPC{n:010d}" for n in range(1, 41)],
    "fe10002": [f"FMPP{n:010d}" for n in range(100, 125)],
}


def read_back(items) -> set[str]:  # type: ignore[no-untyped-def]
    image = render_page_image(items)
    width, height = image.width(), image.height()
    pixels = bytes(image.constBits())[: image.bytesPerLine() * height]
    picture = Image.frombuffer("L", (width, height), pixels, "raw", "L", image.bytesPerLine(), 1)
    found = zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.Code128)
    return {result.text for result in found}


def test_every_code_on_every_page_reads_back(qapp) -> None:  # type: ignore[no-untyped-def]
    groups = demo_groups(PARCELS, {"fe10001": "Ravi Kumar", "fe10002": "Shyam Patel"})
    laid_out = pages(groups)
    assert len(laid_out) > 1
    expected = {code for _, codes in groups for code in codes}
    read: set[str] = set()
    for items in laid_out:
        read |= read_back(items)
    assert read == expected
    assert any(text.startswith("Ravi Kumar") for kind, text in laid_out[0] if kind == "heading")


def test_the_pdf_is_written(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    groups = demo_groups(PARCELS, {})
    path = write_demo_sheet(tmp_path / "sheets" / "demo.pdf", groups)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == len(pages(groups))
