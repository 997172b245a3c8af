"""Reading rendered slips back: text and word boxes (poppler), barcodes (zxing-cpp)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from returns_desk.printing import layout as L

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "pdfinfo"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")

NOW = datetime(2026, 11, 25, 14, 5, 0).astimezone()


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    x_max: float
    page_width: float


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_page_sizes(path: Path) -> list[tuple[float, float]]:
    """Page sizes in points, from ``pdfinfo``."""
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
    return [(float(w), float(h)) for w, h in sizes]


def pdf_words(path: Path) -> list[Word]:
    """Every word with its horizontal extent and its page's width (``pdftotext -bbox``)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words: list[Word] = []
    width = 0.0
    for line in out.splitlines():
        if page := re.search(r'<page width="([\d.]+)"', line):
            width = float(page.group(1))
        elif word := re.search(r'xMin="([\d.]+)".*xMax="([\d.]+)".*>(.*)</word>', line):
            words.append(Word(word.group(3), float(word.group(1)), float(word.group(2)), width))
    return words


def decode_barcodes(path: Path, dpi: int, tmp_path: Path) -> dict[str, set[str]]:
    """Rasterise every page at ``dpi`` and decode it: format name -> decoded texts."""
    import zxingcpp
    from PIL import Image

    prefix = tmp_path / f"raster-{path.stem}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
    found: dict[str, set[str]] = {}
    for png in sorted(tmp_path.glob(f"{prefix.name}*.png")):
        with Image.open(png) as image:
            for result in zxingcpp.read_barcodes(image.convert("L")):
                found.setdefault(result.format.name, set()).add(result.text)
    return found


def squash(text: str) -> str:
    """Text without any whitespace: a word broken across lines still matches."""
    return re.sub(r"\s+", "", text)


def layout_strings(layout: L.Layout) -> list[str]:
    """Every text a slip's layout carries (labels, values, lists, barcode contents)."""
    out: list[str] = []
    for block in layout.blocks:
        if isinstance(block, L.Text):
            out.append(block.text)
        elif isinstance(block, L.Field):
            out += [block.label, block.value]
        elif isinstance(block, L.Items):
            out += list(block.items) or [block.empty]
        elif isinstance(block, L.Barcode | L.Qr):
            out.append(block.content)
        elif isinstance(block, L.Signature):
            out.append(block.label)
    return out
