"""The API client against the sandbox marketplace, over real loopback sockets."""

from __future__ import annotations

import logging
import time

import pytest
from pydantic import SecretStr

from returns_desk import errors
from returns_desk.api.client import ReturnsClient
from returns_desk.api.models import LocationRequest, StartOtcDetails
from returns_desk.api.states import Lob, TaskState
from returns_desk.api.transport import RetryPolicy, Timeouts, Transport
from returns_desk.credentials import Credentials
from returns_desk.sandbox.server import Sandbox, SandboxConfig
from tests.clocks import FakeClock


def api_calls(sandbox: Sandbox, path_part: str = "/sellers/") -> list[tuple[str, str, int]]:
    return [entry for entry in sandbox.requests_log if path_part in entry[1]]


def token_calls(sandbox: Sandbox) -> list[tuple[str, str, int]]:
    return api_calls(sandbox, "/oauth-service/")


def make_client(sb: Sandbox, secret: str = "sandbox", **transport_kw) -> ReturnsClient:
    transport_kw.setdefault("retry", RetryPolicy(backoff_base_s=0.001, backoff_cap_s=0.01))
    transport_kw.setdefault("timeouts", Timeouts(2.0, 5.0))
    creds = Credentials(client_id="sandbox", client_secret=SecretStr(secret))
    return ReturnsClient(creds, sb.base_url, transport=Transport(**transport_kw))


# --- authentication -------------------------------------------------------------------


def test_token_is_fetched_once_and_reused(sandbox: Sandbox, client: ReturnsClient) -> None:
    for _ in range(3):
        client.initial_load("LOC1")
    assert len(token_calls(sandbox)) == 1
    assert len(api_calls(sandbox)) == 3


def test_token_url_is_derived_from_the_base_url(sandbox: Sandbox, client: ReturnsClient) -> None:
    assert client.tokens.token_url == sandbox.token_url


def test_token_url_can_be_overridden(sandbox: Sandbox) -> None:
    creds = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))
    with ReturnsClient(creds, sandbox.base_url, token_url=sandbox.token_url + "x") as client:
        with pytest.raises(errors.ReturnsDeskError):
            client.initial_load("LOC1")
    assert any(path.endswith("/tokenx") for _, path, _ in sandbox.requests_log)


def test_wrong_secret_is_an_authentication_error(sandbox: Sandbox) -> None:
    with make_client(sandbox, secret="not-the-secret") as client:
        with pytest.raises(errors.AuthenticationError) as caught:
            client.initial_load("LOC1")
    assert "not-the-secret" not in caught.value.user_text
    assert "client id or secret" in caught.value.user_text
    assert api_calls(sandbox) == []


def test_expired_token_is_renewed_once_transparently(
    sandbox: Sandbox, client: ReturnsClient
) -> None:
    client.initial_load("LOC1")
    sandbox.world.revoke_tokens()
    client.initial_load("LOC1")
    assert len(token_calls(sandbox)) == 2
    assert [status for _, _, status in api_calls(sandbox)] == [200, 401, 200]


def test_token_that_expires_early_is_renewed(sandbox: Sandbox, client: ReturnsClient) -> None:
    sandbox.faults.token_ttl_s = 0.0  # the server forgets this token at once; expires_in: 1 h
    client.tokens.token()
    sandbox.faults.token_ttl_s = None
    client.initial_load("LOC1")
    assert [status for _, _, status in api_calls(sandbox)] == [401, 200]
    assert len(token_calls(sandbox)) == 2


def test_persistent_401_gives_up_after_one_renewal(sandbox: Sandbox, client: ReturnsClient) -> None:
    sandbox.faults.token_ttl_s = 0.0
    with pytest.raises(errors.UnauthorizedError):
        client.initial_load("LOC1")
    assert len(api_calls(sandbox)) == 2
    assert len(token_calls(sandbox)) == 2


def test_unknown_location_is_refused(sandbox: Sandbox, client: ReturnsClient) -> None:
    with pytest.raises(errors.UnauthorizedError) as caught:
        client.initial_load("NOWHERE")
    assert "seller location" in caught.value.user_text


# --- the four calls ---------------------------------------------------------------------


def test_initial_load_lists_fes_with_their_state(sandbox: Sandbox, client: ReturnsClient) -> None:
    world = sandbox.world
    large = world.arrive("LOC1", name="Ravi", lob="LARGE")
    small = world.arrive("LOC1", name="Asha", lob="NON_LARGE", logistic_partner="Ekart")
    client.start_otc("LOC1")
    world.validate_start_otc(small.fe_id)
    load = client.initial_load("LOC1")
    assert set(load.fe_details) == {large.fe_id, small.fe_id}
    ravi, asha = load.fe_details[large.fe_id], load.fe_details[small.fe_id]
    assert (ravi.fe_name, ravi.lob, ravi.task.state) == ("Ravi", Lob.LARGE, TaskState.START_OTC)
    assert (asha.lob, asha.task.state, asha.logistic_partner) == (
        Lob.NON_LARGE,
        TaskState.SCANNING,
        "Ekart",
    )
    assert asha.task.id == small.task_id
    assert load.seller_config.enabled_for.offers_generate_start_otc


def test_no_returns_today_is_its_own_error(sandbox: Sandbox, client: ReturnsClient) -> None:
    sandbox.world.set_returns_due("LOC1", False)
    with pytest.raises(errors.TripsheetTaskNotFoundError):
        client.initial_load("LOC1")


@pytest.mark.parametrize("unit", ["ms", "s"])
def test_start_otc_expiry_is_right_in_either_unit(unit: str) -> None:
    with Sandbox(SandboxConfig(epoch_unit=unit, otc_ttl_s=600)) as sb, make_client(sb) as client:
        fe = sb.world.arrive("LOC1", name="Ravi")
        details = client.start_otc("LOC1")
    otc = details.otc_details[fe.fe_id]
    assert otc.otc.isdigit() and len(otc.otc) == 6
    assert otc.task_id == fe.task_id
    remaining = otc.expiry_time.timestamp() - time.time()
    assert 590 < remaining <= 601


def test_start_otc_is_empty_when_nobody_waits(sandbox: Sandbox, client: ReturnsClient) -> None:
    assert client.start_otc("LOC1").otc_details == {}


def test_closed_tripsheet(sandbox: Sandbox, client: ReturnsClient) -> None:
    sandbox.world.arrive("LOC1")
    sandbox.world.close_tripsheet("LOC1")
    with pytest.raises(errors.TripsheetClosedError):
        client.start_otc("LOC1")


def scanning_fe(sandbox: Sandbox, client: ReturnsClient, parcels: int):  # type: ignore[no-untyped-def]
    fe = sandbox.world.arrive("LOC1", name="Ravi")
    client.start_otc("LOC1")
    sandbox.world.validate_start_otc(fe.fe_id)
    ids = sandbox.world.scan(fe.fe_id, parcels)
    return fe, ids


def drain(client: ReturnsClient, fe) -> tuple[list[str], list[int], object]:  # type: ignore[no-untyped-def]
    page = client.first_shipments(fe.task_id, fe.fe_id)
    seen = [s.tracking_id for s in page.scanned_shipments]
    sizes = [len(page.scanned_shipments)]
    while page.next_url and len(page.scanned_shipments) == 25:
        page = client.next_shipments(page.next_url)
        seen += [s.tracking_id for s in page.scanned_shipments]
        sizes.append(len(page.scanned_shipments))
    return seen, sizes, page


def test_shipments_drain_pages_in_order(sandbox: Sandbox, client: ReturnsClient) -> None:
    fe, ids = scanning_fe(sandbox, client, 60)
    seen, sizes, last = drain(client, fe)
    assert seen == ids
    assert sizes == [25, 25, 10]
    assert last.has_more and last.next_url  # the FE is still scanning


def test_cursor_picks_up_new_scans(sandbox: Sandbox, client: ReturnsClient) -> None:
    fe, _ids = scanning_fe(sandbox, client, 3)
    _, _, last = drain(client, fe)
    more = sandbox.world.scan(fe.fe_id, 2)
    page = client.next_shipments(last.next_url)
    assert [s.tracking_id for s in page.scanned_shipments] == more


def test_last_page_after_the_fe_finished(sandbox: Sandbox, client: ReturnsClient) -> None:
    fe, ids = scanning_fe(sandbox, client, 30)
    sandbox.world.finish_scanning(fe.fe_id)
    seen, _, last = drain(client, fe)
    assert seen == ids
    assert last.finished and last.next_url is None


def test_camel_case_pagination() -> None:
    with Sandbox(SandboxConfig(pagination_naming="camel")) as sb, make_client(sb) as client:
        fe, ids = scanning_fe(sb, client, 40)
        seen, sizes, _ = drain(client, fe)
    assert seen == ids and sizes == [25, 15]


def test_shipment_fields_are_kept(sandbox: Sandbox, client: ReturnsClient) -> None:
    fe, ids = scanning_fe(sandbox, client, 1)
    shipment = client.first_shipments(fe.task_id, fe.fe_id).scanned_shipments[0]
    assert shipment.fields["trackingId"] == ids[0]
    assert len(shipment.fields) > 1  # the sandbox sends more than the documented trackingId


def test_next_url_as_full_url_or_path(sandbox: Sandbox, client: ReturnsClient) -> None:
    fe, ids = scanning_fe(sandbox, client, 30)
    token = client.first_shipments(fe.task_id, fe.fe_id).next_url
    full = f"{sandbox.base_url}/v3/returns/tasks/shipments/{token}"
    assert [s.tracking_id for s in client.next_shipments(full).scanned_shipments] == ids[25:]
    path = full.split("://", 1)[1].split("/", 1)[1]
    assert len(client.next_shipments("/" + path).scanned_shipments) == 5


def test_next_url_to_another_host_is_refused(client: ReturnsClient) -> None:
    with pytest.raises(errors.InvalidResponseError):
        client.next_shipments("https://evil.example/v3/returns/tasks/shipments/abc")


def test_end_otc_rules_and_statistics(sandbox: Sandbox, client: ReturnsClient) -> None:
    fe, _ids = scanning_fe(sandbox, client, 30)
    with pytest.raises(errors.NotOnEndOtcPageError):
        client.end_otc(fe.fe_id, fe.task_id)
    sandbox.world.finish_scanning(fe.fe_id)
    with pytest.raises(errors.ShipmentSyncError):  # the shipments call was never made
        client.end_otc(fe.fe_id, fe.task_id)
    client.first_shipments(fe.task_id, fe.fe_id)
    with pytest.raises(errors.ShipmentSyncError):  # 5 parcels not fetched yet
        client.end_otc(fe.fe_id, fe.task_id)
    drain(client, fe)
    end = client.end_otc(fe.fe_id, fe.task_id)
    assert end.total_scanned == 30
    assert end.obd_failed <= end.obd_eligible <= 30
    assert end.flyer_failed <= end.flyer_eligible <= 30
    assert client.end_otc(fe.fe_id, fe.task_id).otc == end.otc


def test_unknown_task_and_wrong_fe(sandbox: Sandbox, client: ReturnsClient) -> None:
    fe, _ = scanning_fe(sandbox, client, 1)
    with pytest.raises(errors.TripsheetTaskNotFoundError):
        client.first_shipments("NO-SUCH-TASK", fe.fe_id)
    with pytest.raises(errors.FeOtcBadRequestError):
        client.first_shipments(fe.task_id, "fe-somebody-else")


def test_invalid_task_type(client: ReturnsClient) -> None:
    body = LocationRequest(seller_location_id="LOC1", task_type="FORWARD")
    with pytest.raises(errors.InvalidTaskTypeError):
        client._call("POST", "/v3/returns/otc/start/details", StartOtcDetails, body)


# --- faults, retries, timeouts -------------------------------------------------------


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_retried(sandbox: Sandbox, client: ReturnsClient, status: int) -> None:
    sandbox.faults.queue.extend([f"error:{status}", f"error:{status}"])
    client.initial_load("LOC1")
    assert [s for _, _, s in api_calls(sandbox)] == [status, status, 200]


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (502, errors.BadGatewayError),
        (503, errors.ServiceUnavailableError),
        (504, errors.GatewayTimeoutError),
    ],
)
def test_retries_are_bounded_in_count(
    sandbox: Sandbox, client: ReturnsClient, status: int, cls: type
) -> None:
    sandbox.faults.queue.extend([f"error:{status}"] * 10)
    with pytest.raises(cls):
        client.initial_load("LOC1")
    assert len(api_calls(sandbox)) == 4  # the first try and three retries


def test_internal_server_error_is_not_retried(sandbox: Sandbox, client: ReturnsClient) -> None:
    sandbox.faults.queue.append("error:500")
    with pytest.raises(errors.InternalServerError) as caught:
        client.initial_load("LOC1")
    assert len(api_calls(sandbox)) == 1
    assert caught.value.retryable  # the caller's own backoff tries again later


def test_retries_are_bounded_in_total_time(sandbox: Sandbox) -> None:
    sandbox.faults.error_rate = 1.0
    sandbox.faults.error_statuses = (503,)
    clock = FakeClock()
    retry = RetryPolicy(max_retries=1000, backoff_base_s=0.1, backoff_cap_s=0.1, max_total_s=1.0)
    with make_client(sandbox, retry=retry, sleep=clock.sleep, clock=clock) as client:
        with pytest.raises(errors.ServiceUnavailableError):
            client.initial_load("LOC1")
    assert 1 <= len(api_calls(sandbox)) < 1000
    assert sum(clock.sleeps) <= 1.0
    assert all(0 <= s <= 0.1 for s in clock.sleeps)


def test_backoff_grows_exponentially_up_to_the_cap() -> None:
    import random

    policy = RetryPolicy(backoff_base_s=0.5, backoff_cap_s=3.0)
    rng = random.Random(1)
    ceilings = [max(policy.delay(n, rng, None) for _ in range(300)) for n in (1, 2, 3, 4, 5)]
    assert ceilings[0] <= 0.5 < ceilings[1] <= 1.0 < ceilings[2] <= 2.0 < ceilings[3] <= 3.0
    assert ceilings[4] <= 3.0


def test_rate_limit_waits_as_asked(sandbox: Sandbox) -> None:
    sleeps: list[float] = []
    with make_client(sandbox, sleep=sleeps.append) as client:
        client.tokens.token()
        sandbox.faults.queue.append("rate_limit")
        client.initial_load("LOC1")
    assert sleeps == [1.0]  # the sandbox's Retry-After: 1


def test_dropped_connection_is_retried(sandbox: Sandbox, client: ReturnsClient) -> None:
    client.initial_load("LOC1")
    sandbox.faults.queue.append("drop")
    client.initial_load("LOC1")
    assert len(api_calls(sandbox)) >= 2


def test_connection_that_keeps_dropping_is_a_network_error(
    sandbox: Sandbox, client: ReturnsClient
) -> None:
    client.tokens.token()
    sandbox.faults.drop_rate = 1.0
    with pytest.raises(errors.NetworkError) as caught:
        client.initial_load("LOC1")
    assert "cannot be reached" in caught.value.user_text


def test_malformed_body_is_a_clear_error(sandbox: Sandbox, client: ReturnsClient) -> None:
    client.tokens.token()
    sandbox.faults.queue.append("malformed")
    with pytest.raises(errors.InvalidResponseError) as caught:
        client.initial_load("LOC1")
    assert "cannot read" in caught.value.user_text
    assert len(api_calls(sandbox)) == 1


def test_slow_answer_times_out(sandbox: Sandbox) -> None:
    with make_client(sandbox, timeouts=Timeouts(1.0, 0.2)) as client:
        client.tokens.token()
        sandbox.faults.queue.append("latency:0.6")
        started = time.monotonic()
        with pytest.raises(errors.RequestTimeoutError):
            client.initial_load("LOC1")
        assert time.monotonic() - started < 0.6 + 0.5


def test_nobody_listening_is_a_network_error(sandbox: Sandbox) -> None:
    client = make_client(sandbox)
    sandbox.stop()
    with client, pytest.raises(errors.NetworkError):
        client.initial_load("LOC1")


def test_server_clock_offset_from_date_header(sandbox: Sandbox, client: ReturnsClient) -> None:
    sandbox.faults.clock_skew_s = 120.0
    client.initial_load("LOC1")
    assert client.server_clock_offset_s is not None
    assert 118 <= client.server_clock_offset_s <= 122


def test_random_faults_still_get_through(sandbox: Sandbox) -> None:
    """With a third of answers failing, bounded retries still complete a whole drain."""
    with make_client(sandbox, retry=RetryPolicy(10, 0.001, 0.005, 10.0)) as client:
        fe, ids = scanning_fe(sandbox, client, 100)
        sandbox.set_faults(error_rate=0.2, error_statuses=(502, 503, 504), drop_rate=0.1, seed=7)
        seen, _, _ = drain(client, fe)
    assert seen == ids


def test_bad_base_url_is_a_configuration_error() -> None:
    creds = Credentials(client_id="x", client_secret=SecretStr("y"))
    with pytest.raises(errors.ConfigurationError):
        ReturnsClient(creds, "api.flipkart.net/sellers")


def test_secrets_never_reach_logs_or_errors(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    with make_client(sandbox) as client:
        _fe, _ = scanning_fe(sandbox, client, 3)
        token = client.tokens.token()
        sandbox.faults.queue.extend(["error:503", "malformed"])
        for call in (lambda: client.initial_load("LOC1"), lambda: client.end_otc("x", "y")):
            try:
                call()
            except errors.ReturnsDeskError as exc:
                texts.append(repr(exc) + str(exc) + exc.user_text)
        assert "**********" in repr(client.tokens._credentials)
    with make_client(sandbox, secret="wrong-secret-123") as bad:
        with pytest.raises(errors.AuthenticationError) as caught:
            bad.initial_load("LOC1")
        texts.append(repr(caught.value) + str(caught.value))
    everything = caplog.text + "".join(texts)
    assert texts
    for secret in ("sandbox:", token, "wrong-secret-123", "Bearer", "Basic "):
        assert secret not in everything
