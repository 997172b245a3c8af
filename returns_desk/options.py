"""Command-line options shared by the app and its subcommands (argparse only: cheap to load).

They are the options that override the settings for one run (``Settings.with_overrides``).
Both the top-level parser (``returns_desk.cli``) and ``returns-desk check`` take them; they
live below both, so that a subcommand never imports the CLI that loads it.
"""

from __future__ import annotations

import argparse


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by the GUI and every subcommand that talks to the marketplace."""
    parser.add_argument("--api-base-url", metavar="URL", help="marketplace API base URL")
    parser.add_argument("--seller-location-id", metavar="ID", help="seller location id")
    parser.add_argument(
        "--token-url", metavar="URL", help="OAuth token URL (default: derived from the base URL)"
    )
