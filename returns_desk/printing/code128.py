"""A small Code 128 encoder (code sets B and C) producing bar/space widths in modules.

Our own rather than a library's because the renderers need the bare module pattern: the
Qt adapter draws each bar as a rectangle a whole number of printer dots wide, and the
ESC/POS builder needs the code-set segments. Digit runs are packed two per symbol in code
set C wherever that makes the symbol shorter (an exact minimum, found by dynamic
programming), which keeps tracking ids like ``FMPC0127902385`` narrow enough for 58 mm paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CodeSet = Literal["B", "C"]

#: Widths (bar, space, bar, ...) of symbol values 0..105, then the stop pattern.
_PATTERNS: tuple[str, ...] = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312",
    "132212", "221213", "221312", "231212", "112232", "122132", "122231", "113222",
    "123122", "123221", "223211", "221132", "221231", "213212", "223112", "312131",
    "311222", "321122", "321221", "312212", "322112", "322211", "212123", "212321",
    "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121",
    "313121", "211331", "231131", "213113", "213311", "213131", "311123", "311321",
    "331121", "312113", "312311", "332111", "314111", "221411", "431111", "111224",
    "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112",
    "421211", "212141", "214121", "412121", "111143", "111341", "131141", "114113",
    "114311", "411113", "411311", "113141", "114131", "311141", "411131", "211412",
    "211214", "211232",
)  # fmt: skip
_STOP = "2331112"

CODE_C = 99  # switch to code set C (from B)
CODE_B = 100  # switch to code set B (from C)
START_B = 104
START_C = 105
QUIET_ZONE_MODULES = 10  # the standard's minimum on each side


@dataclass(frozen=True)
class Segment:
    """A run of the text encoded in one code set."""

    code_set: CodeSet
    text: str


def segments(text: str) -> tuple[Segment, ...]:
    """The shortest split of ``text`` into code-set B and C runs (C runs have even length)."""
    if not text:
        raise ValueError("Code 128 needs at least one character")
    bad = [ch for ch in text if not 32 <= ord(ch) <= 126]
    if bad:
        raise ValueError(f"Code 128 set B cannot encode {bad[0]!r}")

    n = len(text)
    # best[i][s]: (symbols for text[i:] with code set s active, first step) — exact minimum
    best: list[dict[str, tuple[int, tuple[CodeSet, int] | None]]] = [{} for _ in range(n + 1)]
    best[n] = {"B": (0, None), "C": (0, None)}
    for i in range(n - 1, -1, -1):
        pair_ok = i + 1 < n and text[i : i + 2].isdigit() and text[i : i + 2].isascii()
        for current in ("B", "C"):
            options: list[tuple[int, tuple[CodeSet, int]]] = []
            target: CodeSet
            for target, width in (("B", 1), ("C", 2)):
                if target == "C" and not pair_ok:
                    continue
                switch = 0 if target == current else 1
                options.append((best[i + width][target][0] + 1 + switch, (target, width)))
            best[i][current] = min(options, key=lambda option: option[0])
    state: CodeSet = "C" if best[0]["C"][0] < best[0]["B"][0] else "B"
    steps: list[tuple[CodeSet, int]] = []
    i = 0
    while i < n:
        step = best[i][state][1]
        assert step is not None
        steps.append(step)
        state, i = step[0], i + step[1]
    runs: list[Segment] = []
    i = 0
    for code_set, width in steps:
        chunk = text[i : i + width]
        i += width
        if runs and runs[-1].code_set == code_set:
            runs[-1] = Segment(code_set, runs[-1].text + chunk)
        else:
            runs.append(Segment(code_set, chunk))
    return tuple(runs)


def symbol_values(text: str) -> list[int]:
    """Start, data and code-switch symbols, then the checksum (without the stop)."""
    runs = segments(text)
    values = [START_C if runs[0].code_set == "C" else START_B]
    for n, run in enumerate(runs):
        if n:
            values.append(CODE_C if run.code_set == "C" else CODE_B)
        if run.code_set == "C":
            values.extend(int(run.text[k : k + 2]) for k in range(0, len(run.text), 2))
        else:
            values.extend(ord(ch) - 32 for ch in run.text)
    values.append(checksum(values))
    return values


def checksum(values: list[int]) -> int:
    """Modulo-103 check: the start value plus each following value times its position."""
    return (values[0] + sum(pos * v for pos, v in enumerate(values[1:], start=1))) % 103


def modules(text: str) -> list[int]:
    """Bar/space widths in modules, starting with a bar and ending with the stop's last bar.

    Quiet zones are not included: the renderer adds ``QUIET_ZONE_MODULES`` on each side.
    """
    pattern = "".join(_PATTERNS[v] for v in symbol_values(text)) + _STOP
    return [int(ch) for ch in pattern]


def width_in_modules(text: str) -> int:
    """Total width, quiet zones included."""
    return sum(modules(text)) + 2 * QUIET_ZONE_MODULES
