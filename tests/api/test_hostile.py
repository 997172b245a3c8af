"""What a hostile or broken server can send ends in a typed error, within the deadline.

Every case goes through the app's one client over real loopback sockets to
``tests/api/hostile.py``, and then through the engine: the error is typed, has a clerk's
text, the engine's normal backoff starts and the notice line says what to do.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from pydantic import SecretStr

from returns_desk import errors
from returns_desk.api.client import ReturnsClient
from returns_desk.api.models import parse_epoch
from returns_desk.api.transport import RetryPolicy, Timeouts, Transport, parse_json
from returns_desk.credentials import Credentials
from returns_desk.store.store import Store
from returns_desk.workflow.engine import DockEngine, EngineConfig
from tests.api.hostile import HostileServer
from tests.clocks import FakeClock

CREDS = Credentials(client_id="id", client_secret=SecretStr("secret"))


def hostile_client(server: HostileServer, **transport_kw: object) -> ReturnsClient:
    transport_kw.setdefault(
        "retry", RetryPolicy(max_retries=2, backoff_base_s=0.001, backoff_cap_s=0.01)
    )
    transport_kw.setdefault("timeouts", Timeouts(2.0, 30.0))
    transport_kw.setdefault("deadline_s", 30.0)
    return ReturnsClient(CREDS, server.base_url, transport=Transport(**transport_kw))  # type: ignore[arg-type]


MALFORMED = {
    "nested": errors.InvalidResponseError,
    "nested_objects": errors.InvalidResponseError,
    "deep_but_parsable": errors.InvalidResponseError,
    "overflow": errors.InvalidResponseError,
    "nan": errors.InvalidResponseError,
    "not_utf8": errors.InvalidResponseError,
    "retry_after_nan": errors.ServiceUnavailableError,
    "retry_after_inf": errors.RateLimitedError,
    "redirect_http": errors.UnknownApiError,
    "error_code_huge": errors.UnknownApiError,
}


@pytest.mark.parametrize("act", sorted(MALFORMED))
def test_a_malformed_answer_is_a_typed_error_with_a_clerks_text(act: str) -> None:
    with HostileServer(act) as server, hostile_client(server) as client:
        with pytest.raises(errors.ReturnsDeskError) as caught:
            client.initial_load("LOC1")
    assert type(caught.value) is MALFORMED[act]
    assert caught.value.message and caught.value.action
    assert len(caught.value.user_text) < 600  # a server's 10 kB code is not shown whole
    assert "hostile-token" not in caught.value.user_text


@pytest.mark.parametrize("act", ["nested", "overflow", "retry_after_nan", "endless", "trickle"])
def test_the_engine_backs_off_and_says_what_to_do(act: str, tmp_path: Path) -> None:
    """run_due never raises: the refresh error is kept, its backoff starts, the notice shows."""
    clock = FakeClock()
    with (
        HostileServer(act) as server,
        Store.open(tmp_path / "returns-desk.sqlite3") as store,
    ):
        client = hostile_client(server, deadline_s=1.0, max_response_bytes=1 << 20)
        engine = DockEngine(lambda: client, store, EngineConfig(location_id="LOC1"), clock=clock)
        try:
            wait = engine.run_due()
            first = engine.last_refresh_error
            clock.advance(wait)
            engine.run_due()
        finally:
            engine.close()
    assert isinstance(first, errors.RemoteError) and first.retryable
    assert isinstance(engine.last_refresh_error, errors.RemoteError)
    assert wait == pytest.approx(30.0)  # the first backoff step, not the worker's 5 s
    assert engine.run_due() > 30.0  # two failures: the wait grows
    from returns_desk.ui.notices import error_line  # the line the notice bar shows

    line = error_line(engine.last_refresh_error, 60.0)
    assert "Next try in 60 s." in line
    assert engine.last_refresh_error.action in line


def test_a_trickled_body_is_cut_at_the_deadline_whatever_the_read_timeout() -> None:
    """One byte every 50 ms never trips a 30 s read timeout; the 1 s deadline ends it."""
    with HostileServer("trickle") as server:
        with hostile_client(server, deadline_s=1.0) as client:
            with pytest.raises(errors.RequestTimeoutError) as caught:
                client.initial_load("LOC1")
        assert "within 1 s" in caught.value.user_text
        assert server.finished.wait(30)  # the server noticed the hang-up ...
        assert server.sent < 100_000  # ... long before its 100,000 bytes (~83 minutes)


def test_trickled_headers_are_cut_at_the_deadline_too() -> None:
    with HostileServer("trickle_headers") as server:
        with hostile_client(server, deadline_s=1.0) as client:
            with pytest.raises(errors.RequestTimeoutError):
                client.initial_load("LOC1")
        assert server.finished.wait(30)
        assert server.sent < 100_000


def test_an_endless_body_is_refused_at_the_cap_with_bounded_memory() -> None:
    with HostileServer("endless") as server:
        with hostile_client(server, max_response_bytes=2 << 20) as client:
            client.tokens.token()
            tracemalloc.start()
            try:
                with pytest.raises(errors.ResponseTooLargeError) as caught:
                    client.initial_load("LOC1")
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
        assert server.finished.wait(30)
    assert peak < 8 << 20  # the 2 MB cap, not the 256 MB the server would send
    assert server.sent < 64 << 20
    assert "more than 2 MB" in caught.value.user_text


def test_a_declared_huge_body_is_refused_before_reading() -> None:
    with HostileServer("huge_declared") as server, hostile_client(server) as client:
        with pytest.raises(errors.ResponseTooLargeError):
            client.initial_load("LOC1")


def test_json_without_non_finite_numbers_or_deep_nesting() -> None:
    assert parse_json(b'{"a": [1, 2.5, -3e10]}') == {"a": [1, 2.5, -3e10]}
    assert parse_json(b"[" * 32 + b"]" * 32) is not None  # 32 levels: fine
    deep = b"[" * 33 + b"]" * 33
    for bad in (b"1e400", b"-1e400", b"NaN", b"Infinity", b"[" * 100_000, deep):
        with pytest.raises(ValueError):
            parse_json(bad)


@pytest.mark.parametrize("value", [10**30, -(10**30), float("inf"), "nan", "1e400"])
def test_an_epoch_out_of_range_is_a_validation_error_not_a_crash(value: object) -> None:
    with pytest.raises(ValueError):
        parse_epoch(value)


# --- addresses: https, the API's host, no downgrade -------------------------------


@pytest.mark.parametrize(
    "base_url",
    ["http://api.example.com/sellers", "http://10.0.0.5/sellers", "http://127.0.0.1.example.com/x"],
)
def test_cleartext_base_url_off_this_computer_is_refused(base_url: str) -> None:
    with pytest.raises(errors.InsecureAddressError) as caught:
        ReturnsClient(CREDS, base_url)
    assert "not https" in caught.value.user_text


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:8765/sellers", "http://localhost:1/s", "http://[::1]:1/s"]
)
def test_cleartext_to_this_computer_is_allowed_for_the_sandbox(base_url: str) -> None:
    ReturnsClient(CREDS, base_url).close()


def test_token_url_on_another_host_is_refused_unless_the_admin_set_it() -> None:
    base, token = "https://api.example.com/sellers", "https://collector.example.net/token"
    with pytest.raises(errors.InsecureAddressError) as caught:
        ReturnsClient(CREDS, base, token_url=token)
    assert "collector.example.net" in caught.value.user_text
    ReturnsClient(CREDS, base, token_url=token, admin_token_url=token).close()
    ReturnsClient(CREDS, base, token_url="https://api.example.com/other/token").close()
    with pytest.raises(errors.InsecureAddressError):
        ReturnsClient(CREDS, base, token_url="http://api.example.com/t", admin_token_url="x")


@pytest.mark.parametrize(
    "cursor",
    ["http://api.example.com/sellers/v3/x", "ftp://api.example.com/sellers/v3/x"],
)
def test_next_url_may_not_leave_https(cursor: str) -> None:
    with ReturnsClient(CREDS, "https://api.example.com/sellers") as client:
        with pytest.raises(errors.InvalidResponseError) as caught:
            client.next_shipments(cursor)
    assert "clear text" in caught.value.user_text


def test_a_redirect_is_never_followed() -> None:
    """A 302 to http:// is an error answer: the token never goes to the Location."""
    with HostileServer("redirect_http") as server, hostile_client(server) as client:
        with pytest.raises(errors.UnknownApiError) as caught:
            client.initial_load("LOC1")
    assert "HTTP 302" in caught.value.user_text
