"""The Code 128 encoder alone: checksums, code sets, widths, and a decoder reading it back."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from returns_desk.printing import code128
from returns_desk.printing.code128 import Segment


def _image(text: str, module: int = 2):  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw

    widths = code128.modules(text)
    quiet = code128.QUIET_ZONE_MODULES * module
    image = Image.new("L", (sum(widths) * module + 2 * quiet, 40), 255)
    draw = ImageDraw.Draw(image)
    x = quiet
    for n, w in enumerate(widths):
        if n % 2 == 0:
            draw.rectangle([x, 0, x + w * module - 1, 39], fill=0)
        x += w * module
    return image


def _decode(text: str) -> list[str]:
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(_image(text))]


def test_known_symbols_and_checksum() -> None:
    # Start B, "T", CODE C, 00, 01; check = (104 + 52*1 + 99*2 + 0*3 + 1*4) % 103 = 49
    assert code128.symbol_values("T0001") == [104, 52, 99, 0, 1, 49]
    # all in set B: P J J 1 2 3 C; check = 879 % 103 = 55
    assert code128.symbol_values("PJJ123C") == [104, 48, 42, 42, 17, 18, 19, 35, 55]
    # an even digit string is set C from the start
    assert code128.symbol_values("1234") == [105, 12, 34, (105 + 12 + 2 * 34) % 103]


def test_pattern_starts_ends_and_every_symbol_is_eleven_modules() -> None:
    widths = code128.modules("FMPC0127902385")
    assert widths[:6] == [2, 1, 1, 2, 1, 4]  # Start B
    assert widths[-7:] == [2, 3, 3, 1, 1, 1, 2]  # stop
    body = widths[:-7]
    assert len(body) % 6 == 0
    assert all(sum(body[i : i + 6]) == 11 for i in range(0, len(body), 6))
    assert len(widths) % 2 == 1  # starts and ends with a bar
    assert code128.width_in_modules("FMPC0127902385") == sum(widths) + 20


def test_digit_runs_use_code_set_c() -> None:
    assert code128.segments("FMPC0127902385") == (Segment("B", "FMPC"), Segment("C", "0127902385"))
    assert code128.segments("2385") == (Segment("C", "2385"),)
    # an odd run leaves one digit in set B, and the result is still as short as possible
    assert len(code128.symbol_values("12345")) == 1 + 4 + 1
    # two digits in the middle are not worth two switches
    assert code128.segments("AB12CD") == (Segment("B", "AB12CD"),)


def _brute_force_length(text: str) -> int:
    """Fewest symbols (start and switches included) over every way of encoding ``text``."""
    best = None
    for plan in itertools.product("BC", repeat=len(text)):
        # plan[i] is the set of character i; a C character must pair with its neighbour
        i, symbols, current, ok = 0, 1, None, True
        while i < len(text):
            code_set = plan[i]
            if code_set == "C":
                if not (text[i : i + 2].isdigit() and len(text[i : i + 2]) == 2):
                    ok = False
                    break
                width = 2
            else:
                width = 1
            symbols += 1 + (current is not None and current != code_set)
            current, i = code_set, i + width
        if ok:
            best = symbols if best is None else min(best, symbols)
    assert best is not None
    return best


@pytest.mark.parametrize("text", ["1", "12", "123", "A1234", "12A34", "1234A5678", "0A000", "9"])
def test_encoding_is_as_short_as_any(text: str) -> None:
    assert len(code128.symbol_values(text)) - 1 == _brute_force_length(text)


def test_every_symbol_decodes() -> None:
    every_b = "".join(chr(c) for c in range(32, 127))
    every_c = "".join(f"{n:02d}" for n in range(100))
    for text in (every_b, every_c, "FMPC0127902385", "T0042", "OD123456789012345678"):
        assert _decode(text) == [text]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="0123456789ABCXYZ-/ ", min_size=1, max_size=20))
def test_random_codes_decode_back(text: str) -> None:
    assert _decode(text) == [text]


@pytest.mark.parametrize("bad", ["", "é", "tab\there"])
def test_unencodable_text_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        code128.modules(bad)
