"""``returns-desk print-test``: both slips with made-up data, for setting up a printer.

Importing this module is cheap (no Qt): ``returns-desk --help`` imports every
subcommand's module, so Qt is loaded only inside ``run``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from returns_desk.errors import ReturnsDeskError
from returns_desk.printing.paper import PAPERS, get_paper
from returns_desk.printing.samples import sample_receipt, sample_start_slip
from returns_desk.printing.slips import build_handover_receipt, build_start_otc_slip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--paper", choices=sorted(PAPERS), default="80mm", help="paper profile (default 80mm)"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAME", help="installed printer (default: the default)")
    where.add_argument("--pdf", metavar="FILE", help="save the test print as this PDF instead")
    parser.add_argument(
        "--page-size",
        metavar="FORM",
        help="one of the printer's own paper forms, for drivers that refuse custom sizes",
    )
    parser.add_argument(
        "--escpos", action="store_true", help="send raw ESC/POS through the Windows queue"
    )


def run(args: argparse.Namespace) -> int:
    """Exit 0 when the test print went out, 1 with one line on stderr otherwise."""
    try:
        print(_print_test(args))
    except ReturnsDeskError as exc:
        print(f"returns-desk print-test: {exc.user_text}", file=sys.stderr)
        return 1
    return 0


def _print_test(args: argparse.Namespace) -> str:
    from returns_desk.printing import printers  # Qt from here on

    printers.ensure_gui_application()
    paper = get_paper(args.paper)
    now = datetime.now().astimezone()
    layouts = [
        build_start_otc_slip(sample_start_slip(now)),
        build_handover_receipt(sample_receipt(now)),
    ]
    if args.pdf:
        path = printers.save_pdf(layouts, Path(args.pdf), paper)
        return f"Test print ({paper.name}, 2 slips) saved as {path}"
    name = args.printer or printers.default_printer_name()
    target = printers.PrintTarget(
        paper=paper.name, printer=name, page_size_name=args.page_size, raw_escpos=args.escpos
    )
    printers.print_layouts(layouts, target)
    return f'Test print ({paper.name}, 2 slips) sent to "{name}"'
