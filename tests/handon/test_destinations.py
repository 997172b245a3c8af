"""The stand-ins themselves: what they record, and a clean stop with connections still open."""

from __future__ import annotations

import contextlib
import socket
import threading

import requests

from returns_desk.sandbox.destinations import DestinationStandIns
from tests.handon.conftest import sample


def test_accept_again_records_a_repeat_twice() -> None:
    with DestinationStandIns() as stand_ins:
        stand_ins.omni.duplicate = "accept_again"
        headers = {"authUsername": "omni-user", "authPassword": "omni-pass"}
        with requests.Session() as http:
            for _ in range(2):
                answer = http.post(
                    stand_ins.omni_base_url + "/return/return-orders",
                    json=sample("omni_return_order.json"),
                    headers=headers,
                )
                assert answer.status_code == 200 and answer.content == b""
    assert stand_ins.accepted("omni") == {"100078": 2}  # what exactly-once tests must catch


def test_a_seeded_failure_rate_repeats() -> None:
    fates = []
    for _ in range(2):
        with DestinationStandIns() as stand_ins:
            stand_ins.pos.failure_rate = 0.3
            stand_ins.pos.reseed(42)
            fates.append([stand_ins.pos.fate() for _ in range(50)])
    assert fates[0] == fates[1] and 5 < fates[0].count("500") < 25


def test_stop_closes_idle_and_held_connections_and_joins_their_threads() -> None:
    stand_ins = DestinationStandIns().start()
    stand_ins.pos.hold_after_accepts = 1
    idle = socket.create_connection(("127.0.0.1", int(stand_ins.root_url.rsplit(":", 1)[1])))
    http = requests.Session()
    token = http.post(
        stand_ins.pos_base_url + "/v1/auth/Token",
        headers={"username": "pos-user", "password": "pos-pass", "grant_type": "password"},
    ).json()["access_token"]
    body = sample("pos_return.json")

    def post() -> None:
        with contextlib.suppress(requests.ConnectionError):  # stopped before answering
            http.post(
                stand_ins.pos_base_url + "/v1/returns/" + body["shipmentCode"],
                json=body,
                headers={"Authorization": f"bearer {token}"},
                timeout=10,
            )

    client = threading.Thread(target=post)
    client.start()
    assert stand_ins.holding.wait(5)
    stand_ins.stop()
    client.join(5)
    idle.close()
    http.close()
    assert not client.is_alive()
    assert stand_ins.accepted("pos") == {"VARAAA07998": 1}
    assert stand_ins.server_errors == []
