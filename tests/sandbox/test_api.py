"""The marketplace over real loopback sockets: OAuth, the four calls, every error they give."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest
import requests

from returns_desk.sandbox.api import encode_cursor
from returns_desk.sandbox.model import SandboxRuleError
from returns_desk.sandbox.server import Sandbox, SandboxConfig
from tests.sandbox.conftest import T0, Api, FakeClock, error_code

# --- OAuth ------------------------------------------------------------------------------


def test_token_endpoint(sb: Sandbox, api: Api) -> None:
    good = api.fetch_token()
    assert good.status_code == 200 and good.headers["Content-Type"] == "application/json"
    body = good.json()
    assert body["token_type"] == "bearer" and body["scope"] == "Seller_Api"
    assert body["expires_in"] == 3600 and len(body["access_token"]) >= 32
    assert body["access_token"] != api.token

    wrong = api.fetch_token(auth=("sandbox", "nope"))
    assert wrong.status_code == 401
    assert wrong.json() == {
        "error": "invalid_client",
        "error_description": "Bad client credentials",
    }
    assert api.fetch_token(auth=None).status_code == 401
    grant = api.fetch_token(grant_type="password")
    assert (grant.status_code, grant.json()["error"]) == (400, "unsupported_grant_type")
    scope = api.fetch_token(scope="Everything")
    assert (scope.status_code, scope.json()["error"]) == (400, "invalid_scope")
    assert [entry[2] for entry in sb.requests_log] == [200, 200, 401, 401, 400, 400]


def test_api_needs_a_live_token(sb: Sandbox, api: Api, clock: FakeClock) -> None:
    assert api.initial_load().status_code == 200
    assert error_code(api.post("/v3/returns/tasks/initial-load", {}, token=None)) == (
        401, "UNAUTHORIZED_ERROR",
    )  # fmt: skip
    assert api.post("/v3/returns/tasks/initial-load", {}, token="made-up").status_code == 401
    clock.advance(3599)
    assert api.initial_load().status_code == 200
    clock.advance(1)  # the token's hour is over by the world clock
    assert error_code(api.initial_load()) == (401, "UNAUTHORIZED_ERROR")
    api.token = api.fetch_token().json()["access_token"]
    assert api.initial_load().status_code == 200
    sb.world.revoke_tokens()
    assert error_code(api.initial_load()) == (401, "UNAUTHORIZED_ERROR")


# --- the four calls: happy paths and the full handover ------------------------------------


def test_full_handover_over_http(sb: Sandbox, api: Api, clock: FakeClock) -> None:
    world = sb.world
    fe = world.arrive("LOC1", name="Ravi Kumar", lob="LARGE")
    other = world.arrive("LOC1", name="Asha Rao", lob="NON_LARGE", logistic_partner="Ekart")

    load = api.initial_load().json()
    assert load["sellerConfig"] == {"enabledFor": "DynamicStartEnd"}
    assert load["feDetails"][fe.fe_id] == {
        "feName": "Ravi Kumar",
        "logisticPartner": "eKart",
        "lob": "LARGE",
        "task": {"id": fe.task_id, "status": "StartOtcPage", "createdAt": int(T0 * 1000)},
    }
    assert load["feDetails"][other.fe_id]["lob"] == "NONLARGE"

    clock.advance(5)
    otcs = api.start_otc().json()["otcDetails"]
    assert set(otcs) == {fe.fe_id, other.fe_id}
    mine = otcs[fe.fe_id]
    assert mine["taskId"] == fe.task_id and len(mine["otc"]) == 6 and mine["otc"].isdigit()
    assert (mine["createdAt"], mine["expiryTime"]) == (int((T0 + 5) * 1000), int((T0 + 605) * 1000))
    assert api.start_otc().json()["otcDetails"][fe.fe_id]["otc"] == mine["otc"]  # reused

    world.validate_start_otc(fe.fe_id, mine["otc"])
    assert fe.fe_id not in api.start_otc().json()["otcDetails"]
    assert api.initial_load().json()["feDetails"][fe.fe_id]["task"]["status"] == "Scanning"
    ids = world.scan(fe.fe_id, 60)

    first = api.shipments(fe.task_id, fe.fe_id).json()  # pageSize defaults to 25
    seen, sizes, page = [s["trackingId"] for s in first["scannedShipments"]], [25], first
    assert set(first["scannedShipments"][0]) == {"trackingId", "shipmentId", "scannedAt"}
    while page["next_url"] and len(page["scannedShipments"]) == 25:
        page = api.page(page["next_url"]).json()
        seen += [s["trackingId"] for s in page["scannedShipments"]]
        sizes.append(len(page["scannedShipments"]))
    assert seen == ids and sizes == [25, 25, 10]
    assert page["has_more"] is True and page["next_url"]  # he is still scanning

    world.finish_scanning(fe.fe_id)
    assert api.initial_load().json()["feDetails"][fe.fe_id]["task"]["status"] == "EndOtcPage"
    last = api.page(page["next_url"]).json()
    assert last == {"scannedShipments": [], "has_more": False, "next_url": None}

    end = api.end_otc(fe.fe_id, fe.task_id).json()
    assert set(end) == {
        "otc", "totalScanned", "obdEligible", "obdFailed", "flyerEligible", "flyerFailed",
    }  # fmt: skip
    assert end["totalScanned"] == 60 and len(end["otc"]) == 6
    assert end["obdFailed"] <= end["obdEligible"] <= 60
    assert end["flyerFailed"] <= end["flyerEligible"] <= 60
    assert api.end_otc(fe.fe_id, fe.task_id).json() == end  # stable
    world.verify_end_otc(fe.fe_id)
    assert set(api.initial_load().json()["feDetails"]) == {other.fe_id}


def test_last_page_in_one_go_after_finishing(sb: Sandbox, api: Api) -> None:
    world = sb.world
    fe = world.arrive()
    world.issue_start_otc(fe.fe_id)
    world.validate_start_otc(fe.fe_id)
    world.scan(fe.fe_id, 25)
    world.finish_scanning(fe.fe_id)
    page = api.shipments(fe.task_id, fe.fe_id, 25).json()
    assert len(page["scannedShipments"]) == 25 and page["has_more"] is False
    assert page["next_url"] is None


def test_empty_start_otc_and_no_fes(api: Api) -> None:
    assert api.start_otc().json() == {"otcDetails": {}}
    assert api.initial_load().json()["feDetails"] == {}


def test_otc_expiry_over_http(sb: Sandbox, api: Api, clock: FakeClock) -> None:
    fe = sb.world.arrive()
    old = api.start_otc().json()["otcDetails"][fe.fe_id]
    clock.advance(600)
    new = api.start_otc().json()["otcDetails"][fe.fe_id]
    assert new["createdAt"] == int(clock.now * 1000) and new["createdAt"] > old["expiryTime"] - 1
    assert new["otc"] != old["otc"]
    with pytest.raises(SandboxRuleError, match="wrong"):
        sb.world.validate_start_otc(fe.fe_id, old["otc"])
    sb.world.validate_start_otc(fe.fe_id, new["otc"])


# --- pagination details -------------------------------------------------------------------


def scanning_fe(sb: Sandbox, parcels: int):  # type: ignore[no-untyped-def]
    fe = sb.world.arrive()
    sb.world.issue_start_otc(fe.fe_id)
    sb.world.validate_start_otc(fe.fe_id)
    return fe, sb.world.scan(fe.fe_id, parcels)


def test_next_url_is_base64_of_pretty_json_and_accepted_in_any_spelling(
    sb: Sandbox, api: Api
) -> None:
    fe, ids = scanning_fe(sb, 40)
    cursor = api.shipments(fe.task_id, fe.fe_id, 10).json()["next_url"]
    assert cursor.startswith("ewogICAgInRhc2tJZC")
    decoded = base64.b64decode(cursor).decode()
    assert decoded.startswith('{\n    "taskId"')
    assert json.loads(decoded) == {
        "taskId": fe.task_id, "feId": fe.fe_id, "pageSize": 10, "offset": 10,
    }  # fmt: skip
    # the cursor of a page of 7 from offset 3, with "+" and "/" in its base64, as clients send it
    tricky = next(
        text
        for n in range(200)
        if {"+", "/"} <= set(text := cursor_with_padding(fe.task_id, fe.fe_id, "?>" * n))
    )
    urlsafe = tricky.replace("+", "-").replace("/", "_")
    for spelling in (tricky, quote(tricky, safe=""), urlsafe, urlsafe.rstrip("=")):
        page = api.page(spelling)
        assert page.status_code == 200, spelling
        assert [s["trackingId"] for s in page.json()["scannedShipments"]] == ids[3:10]


def cursor_with_padding(task_id: str, fe_id: str, filler: str) -> str:
    state = {"taskId": task_id, "feId": fe_id, "pageSize": 7, "offset": 3, "filler": filler}
    return base64.b64encode(json.dumps(state, indent=4).encode()).decode()


def test_undecodable_cursor_is_a_bad_request(sb: Sandbox, api: Api) -> None:
    fe, _ = scanning_fe(sb, 3)
    for bad in ("not-base64!!", base64.b64encode(b"[1, 2]").decode(), "eyJ0YXNrSWQiOiAxfQ"):
        assert error_code(api.page(bad)) == (400, "BAD_REQUEST")
    past_the_end = encode_cursor(fe.task_id, fe.fe_id, 25, 99)
    assert error_code(api.page(past_the_end)) == (400, "BAD_REQUEST")
    assert error_code(api.page(encode_cursor("T404", fe.fe_id, 25, 0))) == (
        400, "TRIPSHEET_TASK_NOT_FOUND",
    )  # fmt: skip


def test_camel_case_naming_and_epoch_seconds(clock: FakeClock) -> None:
    config = SandboxConfig(pagination_naming="camel", epoch_unit="s", default_page_size=10)
    with Sandbox(config, clock=clock) as sb:
        api = Api(sb)
        try:
            fe, _ = scanning_fe(sb, 15)
            page = api.shipments(fe.task_id, fe.fe_id).json()
            assert set(page) == {"scannedShipments", "hasMore", "nextUrl"}
            assert len(page["scannedShipments"]) == 10 and page["hasMore"] is True
            assert page["scannedShipments"][0]["scannedAt"] == int(T0)
            sb.world.arrive()
            otc = next(iter(api.start_otc().json()["otcDetails"].values()))
            assert otc["expiryTime"] == int(T0) + 600
            load = api.initial_load().json()["feDetails"]
            assert load[fe.fe_id]["task"]["createdAt"] == int(T0)
        finally:
            api.close()


def test_status_names_and_enabled_for_are_configurable() -> None:
    config = SandboxConfig(status_names={"start": "START_OTC"}, enabled_for="DynamicEnd")
    with Sandbox(config) as sb:
        api = Api(sb)
        try:
            fe = sb.world.arrive()
            load = api.initial_load().json()
            assert load["feDetails"][fe.fe_id]["task"]["status"] == "START_OTC"
            assert load["sellerConfig"]["enabledFor"] == "DynamicEnd"
        finally:
            api.close()


# --- every documented error --------------------------------------------------------------


def test_location_calls_refuse(sb: Sandbox, api: Api) -> None:
    for call in (api.initial_load, api.start_otc):
        assert error_code(call(task_type="FORWARD")) == (400, "INVALID_TASK_TYPE_ERROR")
        refused = call("LOC9")
        assert error_code(refused) == (401, "UNAUTHORIZED_ERROR")
        assert "does not belong to this seller" in refused.json()["message"]
    sb.world.close_tripsheet("LOC1")
    assert error_code(api.start_otc()) == (400, "TRIPSHEET_CLOSED_ERROR")
    assert api.initial_load().status_code == 200
    sb.world.set_returns_due("LOC1", False)
    for call in (api.initial_load, api.start_otc):
        assert error_code(call()) == (400, "TRIPSHEET_TASK_NOT_FOUND")


def test_bad_requests(sb: Sandbox, api: Api) -> None:
    fe, _ = scanning_fe(sb, 1)
    missing = api.post("/v3/returns/tasks/initial-load", {"taskType": "RETURN"})
    assert error_code(missing) == (400, "BAD_REQUEST") and "sellerLocationId" in missing.text
    assert "feId" in api.post("/v3/returns/tasks/shipments", {"taskId": "T1"}).text
    assert "taskType" in api.post("/v3/returns/otc/end/details", {"taskId": "1", "feId": "f"}).text
    for size in (0, 101, "25", True):
        assert error_code(api.shipments(fe.task_id, fe.fe_id, size)) == (400, "BAD_REQUEST")
    url = sb.base_url + "/v3/returns/tasks/initial-load"
    headers = {"Authorization": f"Bearer {api.token}"}
    as_text = api.session.post(url, data='{"sellerLocationId": "LOC1"}', headers=headers)
    assert error_code(as_text) == (400, "BAD_REQUEST")
    for body in ("[1]", "{not json"):
        json_headers = {**headers, "Content-Type": "application/json; charset=utf-8"}
        answer = api.session.post(url, data=body, headers=json_headers)
        assert error_code(answer) == (400, "BAD_REQUEST")
    assert error_code(api.get("/v3/returns/nothing-here")) == (404, "NOT_FOUND")
    assert error_code(api.get("/v3/returns/tasks/initial-load")) == (405, "METHOD_NOT_ALLOWED")
    assert api.session.get(sb.root_url + "/favicon.ico").status_code == 404


def test_shipments_and_end_otc_refuse(sb: Sandbox, api: Api) -> None:
    fe, _ = scanning_fe(sb, 30)
    assert error_code(api.shipments("T404", fe.fe_id)) == (400, "TRIPSHEET_TASK_NOT_FOUND")
    assert error_code(api.shipments(fe.task_id, "fe-other")) == (400, "FE_OTC_BAD_REQUEST_ERROR")
    assert error_code(api.end_otc(fe.fe_id, fe.task_id, "FORWARD")) == (
        400, "INVALID_TASK_TYPE_ERROR",
    )  # fmt: skip
    assert error_code(api.end_otc(fe.fe_id, "T404")) == (400, "TRIPSHEET_TASK_NOT_FOUND")
    assert error_code(api.end_otc("fe-other", fe.task_id)) == (400, "FE_OTC_BAD_REQUEST_ERROR")
    assert error_code(api.end_otc(fe.fe_id, fe.task_id)) == (400, "NOT_ON_END_OTC_PAGE_ERROR")
    waiting = sb.world.arrive()
    assert error_code(api.end_otc(waiting.fe_id, waiting.task_id)) == (
        400, "NOT_ON_END_OTC_PAGE_ERROR",
    )  # fmt: skip
    sb.world.finish_scanning(fe.fe_id)
    assert error_code(api.end_otc(fe.fe_id, fe.task_id)) == (400, "SHIPMENT_SYNC_ERROR")
    cursor = api.shipments(fe.task_id, fe.fe_id).json()["next_url"]
    assert error_code(api.end_otc(fe.fe_id, fe.task_id)) == (400, "SHIPMENT_SYNC_ERROR")
    assert api.page(cursor).json()["next_url"] is None
    assert api.end_otc(fe.fe_id, fe.task_id).json()["totalScanned"] == 30


def test_keep_alive_and_date_header(sb: Sandbox, api: Api, clock: FakeClock) -> None:
    for _ in range(3):
        response = api.initial_load()
        assert "close" not in response.headers.get("Connection", "")
    assert response.headers["Date"] == "Sun, 15 Jun 2025 15:06:40 GMT"  # the world clock
    with requests.get(sb.base_url + "/v3/x", timeout=5) as bare:
        assert bare.headers["Content-Length"] == str(len(bare.content))
