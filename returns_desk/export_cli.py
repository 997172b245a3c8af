"""``returns-desk export``: this terminal's record (``store/cli.py``), or with ``--site`` the
whole site's from the site database (``site/export.py``)."""

from __future__ import annotations

import argparse
import sys

from returns_desk.errors import command_failure
from returns_desk.paths import configured_data_dir
from returns_desk.store import cli as local
from returns_desk.store.export import check_export_target

PROG = local.PROG


def add_arguments(parser: argparse.ArgumentParser) -> None:
    local.add_arguments(parser)
    parser.add_argument(
        "--site",
        action="store_true",
        help="the whole site's handovers, from the site database (site mode)",
    )


def run(args: argparse.Namespace) -> int:
    if not getattr(args, "site", False):
        return local.run(args)
    try:
        from returns_desk.settings import load_settings
        from returns_desk.site.export import export_site

        settings = load_settings()
        if not settings.site.database_url:
            raise ValueError("this terminal has no site database ([site] database_url)")
        since = local.parse_since(getattr(args, "since", None))
        folder = configured_data_dir(getattr(args, "data_dir", None))
        out = check_export_target(args.out, folder, force=getattr(args, "force", False))
        result = export_site(settings, out, args.format, since=since)
    except Exception as exc:  # expected or a bug: one line for the scheduled job's log
        print(command_failure(PROG, exc), file=sys.stderr)
        return 1
    print(f"Exported {local.plural(result.rows, 'row')} of the site to {result.path}", flush=True)
    return 0
