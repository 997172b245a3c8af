"""``returns-desk print-test``: a two-page sample per paper, or one clear line on failure."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from returns_desk.printing import cli
from returns_desk.printing.paper import get_paper
from tests.printing.conftest import needs_poppler, pdf_page_sizes, pdf_text


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="returns-desk print-test")
    cli.add_arguments(parser)
    return parser.parse_args(argv)


@needs_poppler
@pytest.mark.parametrize("paper", ["58mm", "80mm", "a4"])
def test_test_print_to_pdf(qapp, tmp_path: Path, paper: str, capsys) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "out" / "test.pdf"
    assert cli.run(_args("--paper", paper, "--pdf", str(pdf))) == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and str(pdf) in out and not err
    sizes = pdf_page_sizes(pdf)
    assert len(sizes) == 2
    assert all(w == pytest.approx(get_paper(paper).width_mm * 72 / 25.4, abs=0.6) for w, _ in sizes)
    text = pdf_text(pdf)
    assert "START OTC SLIP" in text and "HANDOVER RECEIPT" in text


def test_bad_printer_is_one_line_and_exit_1(qapp, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli.run(_args("--printer", "No Such Printer 42")) == 1
    out, err = capsys.readouterr()
    assert not out
    assert err.count("\n") == 1 and err.startswith("returns-desk print-test: ")
    assert "printer" in err.lower()


def test_unwritable_pdf_is_one_line_and_exit_1(qapp, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "file").write_text("")
    assert cli.run(_args("--pdf", str(tmp_path / "file" / "x.pdf"))) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "PDF" in err


def test_printer_and_pdf_exclude_each_other(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        _args("--printer", "A", "--pdf", "b.pdf")
    assert exited.value.code == 2
    capsys.readouterr()
