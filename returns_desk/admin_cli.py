"""``returns-desk admin-pin``: set the admin PIN (and an off-host token URL) in the admin file.

Run from an administrator's prompt on a terminal set up by the installer: the admin file is
per-machine there (``returns_desk.admin_pin``), so a clerk's account can read it but not
change it. Without a per-machine folder it writes the per-user fallback and says so.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from returns_desk.admin_pin import (
    MAX_LENGTH,
    MIN_LENGTH,
    AdminPolicy,
    admin_file,
    hash_pin,
    is_per_machine,
    load_admin_policy,
    save_admin_policy,
)
from returns_desk.errors import ConfigurationError, ReturnsDeskError

PROG = "returns-desk admin-pin"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the new PIN from the first line of standard input (installers, scripts)",
    )
    parser.add_argument(
        "--keep-pin", action="store_true", help="change only --token-url, keep the PIN"
    )
    parser.add_argument(
        "--admin-token-url",
        metavar="URL",
        help="allow this OAuth token URL on another host than the API's ('' to remove)",
    )


def run(args: argparse.Namespace) -> int:
    path = admin_file()
    try:
        policy = load_admin_policy(path)
        pin_hash = policy.pin_hash if args.keep_pin else hash_pin(_read_pin(args.pin_stdin))
        token_url = policy.token_url
        if args.admin_token_url is not None:
            token_url = args.admin_token_url.strip() or None
            if token_url:
                from returns_desk.api.client import require_safe_url

                require_safe_url(token_url, "the token URL")
        save_admin_policy(AdminPolicy(pin_hash, token_url), path)
    except ReturnsDeskError as exc:
        print(f"{PROG}: {exc.user_text}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    where = "per-machine" if is_per_machine(path) else "per-user (no per-machine folder)"
    print(f"Saved the admin settings to {path} ({where}).", flush=True)
    return 0


def _read_pin(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().strip()
    if not sys.stdin.isatty():
        raise ConfigurationError(
            "no terminal to type the PIN in", message="The admin PIN was not set."
        )
    first = getpass.getpass(f"New admin PIN ({MIN_LENGTH} to {MAX_LENGTH} digits): ")
    if getpass.getpass("Repeat the PIN: ") != first:
        raise ValueError("the two PINs are not the same")
    return first
