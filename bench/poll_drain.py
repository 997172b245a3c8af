"""Drain 10,000 scanned shipments (400 pages of 25) through the client and through bare requests.

Both loops hit the same sandbox over loopback in the same run, alternating, so that the
machine's noise affects both alike; the figure that matters is the ratio of the medians.
Last line: one JSON object ``{"shipments", "client_s", "bare_s", "ratio"}``.

    .venv/bin/python bench/poll_drain.py [--shipments 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from urllib.parse import quote

import requests
from pydantic import SecretStr

from returns_desk.api.client import ReturnsClient
from returns_desk.credentials import Credentials
from returns_desk.sandbox.server import Sandbox, SandboxConfig

PAGE_SIZE = 25


def drain_with_client(sb: Sandbox, task_id: str, fe_id: str) -> int:
    creds = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))
    with ReturnsClient(creds, sb.base_url) as client:
        page = client.first_shipments(task_id, fe_id, PAGE_SIZE)
        count = len(page.scanned_shipments)
        while page.next_url:
            page = client.next_shipments(page.next_url)
            count += len(page.scanned_shipments)
    return count


def drain_bare(sb: Sandbox, task_id: str, fe_id: str) -> int:
    """The least a caller could do: a session, a token, json() and a loop."""
    with requests.Session() as session:
        token = session.get(
            sb.token_url,
            params={"grant_type": "client_credentials", "scope": "Seller_Api"},
            auth=("sandbox", "sandbox"),
            timeout=10,
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        body = session.post(
            f"{sb.base_url}/v3/returns/tasks/shipments",
            json={"taskId": task_id, "feId": fe_id, "pageSize": PAGE_SIZE},
            headers=headers,
            timeout=10,
        ).json()
        count = len(body["scannedShipments"])
        while body.get("next_url"):
            url = f"{sb.base_url}/v3/returns/tasks/shipments/{quote(body['next_url'], safe='=+')}"
            body = session.get(url, headers=headers, timeout=10).json()
            count += len(body["scannedShipments"])
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shipments", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    with Sandbox(SandboxConfig(default_page_size=PAGE_SIZE)) as sb:
        world = sb.world
        fe = world.arrive("LOC1", name="Bench FE")
        creds = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))
        with ReturnsClient(creds, sb.base_url) as client:
            client.start_otc("LOC1")
        world.validate_start_otc(fe.fe_id)
        world.scan(fe.fe_id, args.shipments)
        world.finish_scanning(fe.fe_id)

        client_times, bare_times = [], []
        for _ in range(args.rounds):
            for drain, times in ((drain_with_client, client_times), (drain_bare, bare_times)):
                started = time.perf_counter()
                count = drain(sb, fe.task_id, fe.fe_id)
                times.append(time.perf_counter() - started)
                assert count == args.shipments, f"{drain.__name__} drained {count}"

    client_s, bare_s = statistics.median(client_times), statistics.median(bare_times)
    pages = -(-args.shipments // PAGE_SIZE)
    print(
        f"{args.shipments} shipments in {pages} pages, median of {args.rounds} rounds: "
        f"client {client_s:.3f} s, bare requests {bare_s:.3f} s"
    )
    print(
        json.dumps(
            {
                "shipments": args.shipments,
                "client_s": round(client_s, 4),
                "bare_s": round(bare_s, 4),
                "ratio": round(client_s / bare_s, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
