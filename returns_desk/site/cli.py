"""``returns-desk site init|check``: set up the site database, and check a terminal reaches it.

``init`` creates or upgrades the schema (versioned, ``site/schema.py``); a password given in
the URL, or on standard input, goes to the OS credential store, never to settings.toml or a
log; ``--join`` also switches this terminal to site mode. ``check`` prints one line and
exits 0 (the database answers, with this version's schema) or 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any
from urllib.parse import parse_qs, urlsplit

from returns_desk.credentials import load_site_password, save_site_password
from returns_desk.errors import ReturnsDeskError, SiteSchemaError
from returns_desk.settings import load_settings, save_settings
from returns_desk.settings.site import SiteSettings
from returns_desk.site.connection import connect, redacted, split_password
from returns_desk.site.schema import SCHEMA, SCHEMA_VERSION, migrate, require_current

PROG = "returns-desk site"
EXIT_OK, EXIT_FAILED = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="site_action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="create or upgrade the site database's schema")
    check = actions.add_parser("check", help="check this terminal reaches the site database")
    for sub in (init, check):
        sub.add_argument(
            "--database-url",
            metavar="URL",
            help="postgresql://USER@HOST:5432/DB?sslmode=verify-full (default: the settings')",
        )
    init.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the database password from the first line of standard input",
    )
    init.add_argument("--join", action="store_true", help="also switch this terminal to site mode")


def run(args: argparse.Namespace) -> int:
    try:
        line = init(args) if args.site_action == "init" else check(args.database_url)
    except ReturnsDeskError as exc:
        print(f"FAILED: {exc.user_text}", flush=True)
        return EXIT_FAILED
    except ValueError as exc:
        print(f"FAILED: {exc}", flush=True)
        return EXIT_FAILED
    print(line, flush=True)
    return EXIT_OK


def init(args: argparse.Namespace) -> str:
    url, password = split_password(_url(args.database_url))
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    SiteSettings(database_url=url)  # the URL's form, as the settings will check it
    with connect(url, password=_password(url, password)) as conn:
        before, after = migrate(conn)
        terminals = _terminals(conn)
    if password:
        save_site_password(url, password)
    done = f"schema version {before} -> {after}" if before != after else "schema up to date"
    line = f"OK: site database {redacted(url)} ({_tls(url)}): {done}, {terminals} terminals"
    if args.join:
        settings = load_settings()
        site = settings.site.replace(enabled=True, database_url=url)
        path = save_settings(settings.replace(site=site))
        line += f"; this terminal joins the site ({path})"
    return line


def check(database_url: str | None, *, password: str | None = None, timeout_s: float = 3.0) -> str:
    """The one line of ``site check``; the settings dialog's "Check connection" runs it too,
    with a password typed but not stored yet (else the URL's, else the credential store's)."""
    url, in_url = split_password(_url(database_url))
    with connect(url, password=_password(url, password or in_url), timeout_s=timeout_s) as conn:
        require_current(conn)
        terminals = _terminals(conn)
    return (
        f"OK: site database {redacted(url)} ({_tls(url)}): schema version {SCHEMA_VERSION}, "
        f"{terminals} terminals"
    )


def _url(given: str | None) -> str:
    url = (given or load_settings().site.database_url).strip()
    if not url:
        raise ValueError("no site database: pass --database-url or set [site] database_url")
    return url


def _password(url: str, given: str | None) -> str | None:
    return given if given else load_site_password(url)


def _terminals(conn: Any) -> int:
    try:
        return int(conn.execute(f"SELECT count(*) FROM {SCHEMA}.terminals").fetchone()[0])
    except Exception as exc:  # a schema without the table: not ours
        raise SiteSchemaError(str(exc).splitlines()[0]) from None


def _tls(url: str) -> str:
    """What the URL asks of TLS (libpq's default, ``prefer``, encrypts when it can but does
    not check whom it talks to: the docs recommend ``verify-full``)."""
    mode = parse_qs(urlsplit(url).query).get("sslmode", ["prefer"])[0]
    return f"TLS {mode}"
