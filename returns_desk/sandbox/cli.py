"""``returns-desk sandbox``: the sandbox marketplace alone, until Ctrl+C.

Importing this module is cheap (argparse only): the server is imported inside ``run``.
"""

from __future__ import annotations

import argparse
import time


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8765, help="TCP port (0: any free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--location",
        dest="locations",
        action="append",
        metavar="ID",
        help="a seller location id of the sandbox seller (repeatable; default LOC1)",
    )
    parser.add_argument("--client-id", default="sandbox", help="OAuth client id to accept")
    parser.add_argument("--client-secret", default="sandbox", help="OAuth client secret to accept")
    parser.add_argument("--seed", type=int, default=None, help="seed for codes and parcels")
    parser.add_argument("--page-size", type=int, default=25, help="default shipments page size")
    parser.add_argument(
        "--otc-ttl", type=float, default=600.0, metavar="SECONDS", help="Start OTC lifetime"
    )
    parser.add_argument(
        "--pagination",
        choices=("snake", "camel"),
        default="snake",
        help="has_more/next_url (snake) or hasMore/nextUrl (camel)",
    )
    parser.add_argument(
        "--status-style",
        choices=("named", "summary", "otc-pending", "blank", "numeric"),
        default="named",
        help="how task statuses are spelled (the documents name only Scanning)",
    )
    parser.add_argument(
        "--otc-mode",
        choices=("DynamicStartEnd", "DynamicEnd", "OldStatic", "NewStatic"),
        default="DynamicStartEnd",
        help="sellerConfig.enabledFor; the static modes give every FE a fixed Start OTC",
    )
    parser.add_argument(
        "--demo-fes", action="store_true", help="seed the demo FEs at the first location"
    )


def run(args: argparse.Namespace) -> int:
    from returns_desk.sandbox.demo import seed_demo
    from returns_desk.sandbox.server import Sandbox, SandboxConfig

    locations = tuple(args.locations or ("LOC1",))
    config = SandboxConfig(
        locations=locations,
        client_id=args.client_id,
        client_secret=args.client_secret,
        default_page_size=args.page_size,
        otc_ttl_s=args.otc_ttl,
        pagination_naming=args.pagination,
        status_style=args.status_style,
        enabled_for=args.otc_mode,
        seed=args.seed,
    )
    sandbox = Sandbox(config).start(host=args.host, port=args.port)
    try:
        if args.demo_fes:
            seed_demo(sandbox.world, locations[0])
        print(
            f"Sandbox marketplace: base URL {sandbox.base_url} token URL {sandbox.token_url} "
            f"control {sandbox.control_url} (locations {', '.join(locations)}; Ctrl+C stops)",
            flush=True,
        )
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    finally:
        sandbox.stop()
