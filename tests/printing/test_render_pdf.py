"""Each slip at each paper size, rendered to PDF and read back as a person or scanner would."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from returns_desk.printing.paper import get_paper
from returns_desk.printing.samples import sample_receipt, sample_start_slip
from returns_desk.printing.slips import (
    TEXTS,
    build_handover_receipt,
    build_start_otc_slip,
    format_time,
    receipt_summary,
)
from tests.printing.conftest import (
    NOW,
    decode_barcodes,
    needs_poppler,
    pdf_page_sizes,
    pdf_text,
    pdf_words,
    squash,
)

pytestmark = needs_poppler

PAPERS = ["58mm", "80mm", "a4"]
KINDS = ["start-otc", "handover"]
PT_PER_MM = 72 / 25.4


def _render(layouts, path: Path, paper: str) -> Path:  # type: ignore[no-untyped-def]
    from returns_desk.printing.render_qt import render_pdf

    render_pdf(layouts, path, get_paper(paper))
    return path


@pytest.fixture(scope="module")
def pdfs(qapp, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("slips")
    start = build_start_otc_slip(sample_start_slip(NOW))
    receipt = build_handover_receipt(sample_receipt(NOW))
    return {
        (paper, kind): _render([layout], folder / f"{kind}-{paper}.pdf", paper)
        for paper in PAPERS
        for kind, layout in (("start-otc", start), ("handover", receipt))
    }


def _expected(kind: str) -> list[str]:
    """Label-value pairs and values, whitespace-free, that the slip must show."""
    if kind == "start-otc":
        s = sample_start_slip(NOW)
        common = [s.location, s.fe.name, s.otc, TEXTS["start_title"]]
        pairs = [
            (TEXTS["fe_id"], s.fe.fe_id),
            (TEXTS["partner"], s.fe.logistic_partner),
            (TEXTS["lob"], s.fe.lob),
            (TEXTS["task"], s.task_id),
            (TEXTS["created"], format_time(s.created_at)),
            (TEXTS["expires"], format_time(s.expires_at)),
            (TEXTS["terminal"], s.terminal),
            (TEXTS["printed"], format_time(s.printed_at)),
        ]
        return [squash(v) for v in common] + [squash(a + b) for a, b in pairs]
    r = sample_receipt(NOW)
    api, dock = r.api_stats, r.dock
    pairs = [
        (TEXTS["fe_id"], r.fe.fe_id),
        (TEXTS["partner"], r.fe.logistic_partner),
        (TEXTS["lob"], r.fe.lob),
        (TEXTS["task"], r.task_id),
        (TEXTS["session"], r.session_id),
        (TEXTS["start_otc"], r.start_otc or ""),
        (TEXTS["started"], format_time(r.started_at)),
        (TEXTS["ended"], format_time(r.ended_at)),
        (TEXTS["total_scanned"], str(api.total_scanned)),
        (TEXTS["obd_eligible"], str(api.obd_eligible)),
        (TEXTS["obd_failed"], str(api.obd_failed)),
        (TEXTS["flyer_eligible"], str(api.flyer_eligible)),
        (TEXTS["flyer_failed"], str(api.flyer_failed)),
        (TEXTS["fe_scanned"], str(dock.fe_scanned)),
        (TEXTS["dock_scanned"], str(dock.dock_scanned)),
        (TEXTS["matched"], str(dock.matched)),
        (TEXTS["missing_at_dock"], str(dock.missing_at_dock)),
        (TEXTS["unexpected_at_dock"], str(dock.unexpected_at_dock)),
        (TEXTS["terminal"], r.terminal),
        (TEXTS["printed"], format_time(r.printed_at)),
    ]
    values = [
        r.location,
        r.fe.name,
        r.end_otc,
        TEXTS["handover_title"],
        f"{TEXTS['sign_clerk']}: {r.operator}",
        f"{TEXTS['sign_fe']}: {r.fe.name}",
        *r.missing,
        *r.unexpected,
    ]
    return [squash(v) for v in values] + [squash(a + b) for a, b in pairs]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("paper", PAPERS)
def test_every_field_reads_back(pdfs, paper: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    text = squash(pdf_text(pdfs[paper, kind]))
    missing = [value for value in _expected(kind) if value not in text]
    assert not missing


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("paper", PAPERS)
def test_page_is_paper_wide_and_text_stays_inside(pdfs, paper: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    profile = get_paper(paper)
    (width, height), *rest = pdf_page_sizes(pdfs[paper, kind])
    assert not rest
    assert width == pytest.approx(profile.width_mm * PT_PER_MM, abs=0.6)  # Qt rounds to 1 pt
    if paper == "a4":
        assert (width, height) == (595, 842)
    margin = profile.side_margin_mm * PT_PER_MM
    words = pdf_words(pdfs[paper, kind])
    assert len(words) > 30
    outside = [w.text for w in words if w.x_min < margin - 1 or w.x_max > width - margin + 1]
    assert not outside


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("paper", PAPERS)
def test_codes_decode_to_what_was_encoded(pdfs, paper: str, kind: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    found = decode_barcodes(pdfs[paper, kind], get_paper(paper).pdf_dpi, tmp_path)
    if kind == "start-otc":
        assert found == {"Code128": {"T0042"}}
    else:
        assert found == {"QRCode": {receipt_summary(sample_receipt(NOW))}}


def test_bars_are_whole_dots_and_crisp(pdfs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    import zxingcpp
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", "203", "-png", str(pdfs["58mm", "start-otc"]), str(tmp_path / "r")],
        check=True,
    )
    with Image.open(next(tmp_path.glob("r*.png"))) as image:
        gray = image.convert("L")
    (result,) = zxingcpp.read_barcodes(gray)
    y = (result.position.top_left.y + result.position.bottom_left.y) // 2
    left, right = result.position.top_left.x - 4, result.position.top_right.x + 4
    row = [gray.getpixel((x, y)) for x in range(left, right)]
    assert set(row) <= {0, 255}  # no grey: every edge falls on a whole dot
    runs, current = [], 1
    for a, b in itertools.pairwise(row):
        if a == b:
            current += 1
        else:
            runs.append((a, current))
            current = 1
    inner = runs[1:]  # the first run is the quiet zone
    assert inner and all(length % 2 == 0 for _, length in inner)  # 2 dots = 0.25 mm a module


def test_roll_length_follows_the_content(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    short = _render(
        [build_handover_receipt(sample_receipt(NOW, missing_count=2))], tmp_path / "s.pdf", "58mm"
    )
    long = _render(
        [build_handover_receipt(sample_receipt(NOW, missing_count=200))], tmp_path / "l.pdf", "58mm"
    )
    (_, short_h), (_, long_h) = pdf_page_sizes(short)[0], pdf_page_sizes(long)[0]
    assert long_h > short_h + 198 * 8  # at least one 3 mm line per extra tracking id
    text = squash(pdf_text(long))
    assert all(code in text for code in sample_receipt(NOW, missing_count=200).missing)


def test_long_a4_receipt_continues_on_more_sheets(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    receipt = sample_receipt(NOW, missing_count=700)
    pdf = _render([build_handover_receipt(receipt)], tmp_path / "a4.pdf", "a4")
    sizes = pdf_page_sizes(pdf)
    assert len(sizes) >= 2 and set(sizes) == {(595, 842)}
    text = squash(pdf_text(pdf))
    assert all(code in text for code in receipt.missing)


@pytest.mark.parametrize("paper", PAPERS)
def test_long_names_wrap_instead_of_running_off(qapp, tmp_path: Path, paper: str) -> None:  # type: ignore[no-untyped-def]
    slip = sample_start_slip(NOW)
    slip = dataclasses.replace(
        slip,
        location="Warehouse " * 12 + "X" * 70,
        fe=dataclasses.replace(slip.fe, name="Sri " + "Venkatasubramanian" * 4),
        otc="12345678901234",
    )
    pdf = _render([build_start_otc_slip(slip)], tmp_path / "long.pdf", paper)
    text = squash(pdf_text(pdf))
    for value in (slip.location, slip.fe.name, slip.otc):
        assert squash(value) in text
    width, _ = pdf_page_sizes(pdf)[0]
    margin = get_paper(paper).side_margin_mm * PT_PER_MM
    assert all(margin - 1 <= w.x_min and w.x_max <= width - margin + 1 for w in pdf_words(pdf))


@pytest.mark.parametrize("paper", PAPERS)
def test_noted_parcels_leave_one_fe_signature_on_the_receipt(
    qapp, tmp_path: Path, paper: str
) -> None:  # type: ignore[no-untyped-def]
    plain = sample_receipt(NOW)
    noted = dataclasses.replace(plain, noted=[("FMPC0000000007", "damaged", "corner crushed")])
    texts = {
        name: pdf_text(_render([build_handover_receipt(r)], tmp_path / f"{name}.pdf", paper))
        for name, r in (("plain", plain), ("noted", noted))
    }
    # the FE's name is printed as often as without noted parcels: no second signature line
    name = squash(plain.fe.name)  # whitespace-free: a long name wraps on a narrow roll
    assert squash(texts["noted"]).count(name) == squash(texts["plain"]).count(name) == 2
    text = squash(texts["noted"])
    assert squash(f"{TEXTS['sign_fe_noted']}: {plain.fe.name}") in text
    assert squash(TEXTS["sign_clerk"]) in text
    assert squash("Damaged - corner crushed") in text
    assert squash(f"{TEXTS['sign_fe']}: {plain.fe.name}") in squash(texts["plain"])
