"""Command line entry point: the GUI (default), the demo, and the admin subcommands.

Each subcommand lives in its own module and is imported only when it runs, so that
``returns-desk check`` never loads Qt and the GUI starts without loading the sandbox.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from returns_desk import __version__
from returns_desk.errors import ReturnsDeskError
from returns_desk.options import add_connection_arguments

#: subcommand name -> (module with ``add_arguments(parser)`` and ``run(args) -> int``, help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "sandbox": ("returns_desk.sandbox.cli", "run the local stand-in for the marketplace API"),
    "check": ("returns_desk.api.check", "check credentials and connectivity, print one line"),
    "export": ("returns_desk.export_cli", "export the session report (CSV or JSON) for a schedule"),
    "claims": ("returns_desk.store.claims_cli", "write the claim candidates (CSV or JSON)"),
    "evidence": ("returns_desk.printing.evidence_cli", "write a parcel's evidence pack (PDF)"),
    "print-test": ("returns_desk.printing.cli", "print or save a sample of both slips"),
    "admin-pin": ("returns_desk.admin_cli", "set the admin PIN in the admin file (as admin)"),
    "site": ("returns_desk.site.cli", "site mode: set up (init) or check the site database"),
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``argv``, only the subcommand named in it loads its module.

    Loading every subcommand would import requests, pydantic and the sandbox before the GUI
    starts: a fifth of a second on a dock terminal's start-up, for options nobody gave.
    """
    named = None if argv is None else set(argv)
    parser = argparse.ArgumentParser(
        prog="returns-desk",
        description="Returns Desk: receive marketplace customer returns at the dock.",
    )
    parser.add_argument("--version", action="version", version=f"returns-desk {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start on the built-in demo: an embedded sandbox marketplace, no account needed",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (Qt plugins, window, slip, database) and exit 0 or 1",
    )
    add_connection_arguments(parser)
    parser.add_argument("--data-dir", metavar="DIR", help="folder for the database and logs")
    parser.add_argument("--pdf-dir", metavar="DIR", help="folder where every slip is also saved")
    parser.add_argument(
        "--lang",
        choices=("en", "hi"),
        help="the language of the screens and slips for this run (default: the setting)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(_module=module_name)
        if named is None or name in named:
            importlib.import_module(module_name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        if args.command:
            return int(importlib.import_module(args._module).run(args))
        if args.self_test:
            from returns_desk.selftest import run_self_test

            return run_self_test()
        from returns_desk.ui.app import run_app, run_first_run_wizard

        return run_app(args, first_run=run_first_run_wizard)
    except ReturnsDeskError as exc:
        print(f"returns-desk: {exc.user_text}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
