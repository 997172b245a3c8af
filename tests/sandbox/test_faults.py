"""Injected faults: each kind, the one-shot queue, and that a seed repeats a run."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

import pytest
import requests

from returns_desk.sandbox.server import Faults, Sandbox
from tests.sandbox.conftest import Api, FakeClock, error_code


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (500, "INTERNAL_SERVER_ERROR"),
        (502, "BAD_GATEWAY_ERROR"),
        (503, "SERVICE_UNAVAILABLE_ERROR"),
        (504, "GATEWAY_TIMEOUT_ERROR"),
    ],
)
def test_queued_errors_come_first_then_normal_answers(
    sb: Sandbox, api: Api, status: int, code: str
) -> None:
    sb.faults.queue.extend([f"error:{status}", f"error:{status}"])
    assert error_code(api.initial_load()) == (status, code)
    assert error_code(api.initial_load()) == (status, code)
    assert api.initial_load().status_code == 200
    assert [s for _, _, s in sb.requests_log] == [200, status, status, 200]  # token first


def test_faults_come_before_any_change(sb: Sandbox, api: Api) -> None:
    fe = sb.world.arrive()
    sb.faults.queue.append("error:503")
    assert api.start_otc().status_code == 503
    assert sb.world.start_otc_for(fe.fe_id) is None
    sb.faults.queue.append("error:502")
    sb.world.issue_start_otc(fe.fe_id)
    sb.world.validate_start_otc(fe.fe_id)
    sb.world.finish_scanning(fe.fe_id)
    assert api.shipments(fe.task_id, fe.fe_id).status_code == 502
    assert error_code(api.end_otc(fe.fe_id, fe.task_id)) == (400, "SHIPMENT_SYNC_ERROR")


def test_error_rate_uses_the_given_statuses(sb: Sandbox, api: Api) -> None:
    sb.set_faults(error_rate=1.0, error_statuses=[502])
    assert {error_code(api.initial_load()) for _ in range(5)} == {(502, "BAD_GATEWAY_ERROR")}
    assert api.fetch_token().status_code == 200  # the token endpoint is spared by default
    sb.faults.apply_to_token = True
    assert api.fetch_token().status_code == 502


def test_drop_closes_the_connection_without_an_answer(sb: Sandbox, api: Api) -> None:
    api.initial_load()
    sb.faults.queue.append("drop")
    with pytest.raises(requests.ConnectionError):
        api.initial_load()
    assert api.initial_load().status_code == 200  # a new connection works
    sb.faults.drop_rate = 1.0
    with pytest.raises(requests.ConnectionError):
        api.start_otc()
    assert [s for _, _, s in sb.requests_log] == [200, 200, 200]  # drops are not answers


def test_malformed_bodies_are_200_and_not_json(sb: Sandbox, api: Api) -> None:
    sb.faults.malformed_rate = 1.0
    for _ in range(8):
        response = api.initial_load()
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/json"
        with pytest.raises(ValueError):
            response.json()


def test_rate_limit_says_when_to_come_back(sb: Sandbox, api: Api) -> None:
    sb.faults.queue.append("rate_limit")
    response = api.initial_load()
    assert error_code(response) == (429, "RATE_LIMITED")
    assert response.headers["Retry-After"] == "1"


def test_early_token_expiry(sb: Sandbox, api: Api, clock: FakeClock) -> None:
    sb.faults.token_ttl_s = 10.0
    answer = api.fetch_token().json()
    assert answer["expires_in"] == 3600  # what the client is told...
    api.token = answer["access_token"]
    assert api.initial_load().status_code == 200
    clock.advance(10)  # ...is not what the server does
    assert error_code(api.initial_load()) == (401, "UNAUTHORIZED_ERROR")
    sb.faults.token_ttl_s = 0.0
    api.token = api.fetch_token().json()["access_token"]
    assert api.initial_load().status_code == 401


def test_clock_skew_shifts_the_date_header(sb: Sandbox, api: Api, clock: FakeClock) -> None:
    sb.faults.clock_skew_s = 120.0
    date = parsedate_to_datetime(api.initial_load().headers["Date"]).timestamp()
    assert date == clock.now + 120


def test_latency(api: Api, sb: Sandbox) -> None:
    sb.faults.queue.append("latency:0.2")
    started = time.monotonic()
    assert api.initial_load().status_code == 200
    assert time.monotonic() - started >= 0.2
    sb.faults.latency_s = 0.05
    started = time.monotonic()
    api.initial_load()
    assert 0.05 <= time.monotonic() - started < 0.2


def test_a_seed_repeats_the_run(clock: FakeClock) -> None:
    settings = {
        "error_rate": 0.2,
        "drop_rate": 0.1,
        "malformed_rate": 0.1,
        "rate_limit_rate": 0.1,
    }

    def outcomes(seed: int) -> list[object]:
        with Sandbox(clock=clock) as sb:
            api = Api(sb)
            sb.set_faults(seed=seed, **settings)
            seen: list[object] = []
            for _ in range(40):
                try:
                    response = api.initial_load()
                except requests.ConnectionError:
                    seen.append("drop")
                    continue
                try:
                    response.json()
                    seen.append(response.status_code)
                except ValueError:
                    seen.append("malformed")
            api.close()
        return seen

    first = outcomes(7)
    assert first == outcomes(7)
    assert first != outcomes(8)
    assert {"drop", "malformed", 429, 200} <= set(first)


def test_faults_object() -> None:
    faults = Faults(error_rate=1.0, seed=1)
    faults.update(error_statuses=[503], queue=["drop", "bogus"])
    assert faults.decide().kind == "drop"
    with pytest.raises(ValueError):
        faults.decide()
    assert faults.decide().status == 503
    with pytest.raises(TypeError):
        faults.update(no_such_setting=1)
    assert faults.to_json()["error_statuses"] == [503]


def test_an_unknown_queued_fault_is_a_visible_500(sb: Sandbox, api: Api) -> None:
    sb.faults.queue.append("meteor")
    assert api.initial_load().status_code == 500
    assert len(sb.server_errors) == 1
    sb.server_errors.clear()
