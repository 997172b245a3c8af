"""A device-independent slip: a list of blocks that any renderer (Qt, ESC/POS) can draw.

The builders in ``slips.py`` decide *what* is on a slip; the renderers decide only *how
big* things are on a given paper and printer. Keeping that split means the content is
tested without Qt, and the same slip goes to a PDF, a driver or a raw receipt printer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Size(StrEnum):
    SMALL = "small"
    NORMAL = "normal"
    LARGE = "large"
    HUGE = "huge"  # the OTC digits the FE types


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped at word boundaries to the printable width."""

    text: str
    size: Size = Size.NORMAL
    bold: bool = False
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Field:
    """``label ........ value`` on one line, or the value under its label when too long."""

    label: str
    value: str
    bold: bool = False


@dataclass(frozen=True)
class Barcode:
    """A Code 128 symbol of ``content`` with the content printed under it."""

    content: str
    height_mm: float = 12.0


@dataclass(frozen=True)
class Qr:
    """A QR code of ``content`` (error correction M) with an optional caption under it."""

    content: str
    caption: str = ""


@dataclass(frozen=True)
class Items:
    """Short codes (tracking ids) in as many columns as fit; ``empty`` when there are none."""

    items: tuple[str, ...]
    empty: str = ""


@dataclass(frozen=True)
class Separator:
    """A horizontal rule between sections."""


@dataclass(frozen=True)
class Space:
    height_mm: float = 2.0


@dataclass(frozen=True)
class Signature:
    """Room to sign, a line, and who signs under it."""

    label: str


@dataclass(frozen=True)
class Image:
    """A photo from a file, scaled to the width (at most ``height_mm`` tall), its caption
    under it. Only paged renderers draw it; a raw receipt printer prints the caption."""

    path: str
    caption: str = ""
    height_mm: float = 90.0


Block = Text | Field | Barcode | Qr | Items | Separator | Space | Signature | Image


@dataclass(frozen=True)
class Layout:
    """One slip. ``kind`` and ``key`` (the task id) name its PDF file."""

    kind: str
    key: str
    printed_at: datetime
    blocks: tuple[Block, ...]


def wrap(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Break ``text`` into lines that ``fits``; words too long for a line are split.

    Explicit newlines are kept. An empty text gives one empty line, so a block never
    vanishes from the slip.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if fits(candidate):
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while word and not fits(word):
                cut = _longest_prefix(word, fits)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def grid(items: Sequence[str], widest: int, gap: int, width: int) -> list[Sequence[str]]:
    """``items`` row by row, in as many columns ``widest`` wide and ``gap`` apart as fit in
    ``width`` (one at least); the renderers measure in dots or characters, the rule is one."""
    per_row = max(1, (width + gap) // (widest + gap))
    return [items[start : start + per_row] for start in range(0, len(items), per_row)]


def _longest_prefix(word: str, fits: Callable[[str], bool]) -> int:
    """How many leading characters fit (at least one, so wrapping always progresses)."""
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if fits(word[:mid]):
            low = mid
        else:
            high = mid - 1
    return low
