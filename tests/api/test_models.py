"""The API models read the documented samples as written and survive the docs' quirks."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from returns_desk.api.models import (
    EndOtcDetails,
    InitialLoad,
    SellerConfig,
    ShipmentsPage,
    ShipmentsRequest,
    StartOtcDetails,
    parse_epoch,
)
from returns_desk.api.states import Lob, OtcMode, TaskState

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text())


def test_initial_load_sample_as_documented() -> None:
    load = InitialLoad.model_validate(sample("initial_load_200.json"))
    fe = load.fe_details["fe12303"]
    assert (fe.fe_name, fe.logistic_partner, fe.task.id) == ("Ram", "eKart", "123")
    assert fe.task.state is TaskState.SCANNING
    assert fe.task.status_raw == "Scanning"
    # The sample's lob is the literal enum list: kept raw, parsed as unknown, no crash.
    assert fe.lob is Lob.UNKNOWN and fe.lob_raw == "LARGE | NONLARGE"
    assert load.seller_config.enabled_for is OtcMode.UNKNOWN
    assert fe.task.created_at == datetime(2029, 5, 11, 11, 36, 41, tzinfo=UTC)


def test_start_otc_sample_with_epoch_seconds() -> None:
    details = StartOtcDetails.model_validate(sample("start_otc_200.json"))
    assert set(details.otc_details) == {"fe12303", "fe45601"}
    shyam = details.otc_details["fe45601"]
    assert (shyam.fe_name, shyam.task_id, shyam.otc) == ("Shyam", "456", "567890")
    # Documented as milliseconds, sent as seconds: both give 2025-02-12T17:56:21Z.
    assert shyam.expiry_time == datetime(2025, 2, 12, 17, 56, 21, tzinfo=UTC)


def test_start_otc_empty_sample() -> None:
    assert StartOtcDetails.model_validate(sample("start_otc_200_empty.json")).otc_details == {}


def test_end_otc_sample() -> None:
    end = EndOtcDetails.model_validate(sample("end_otc_200.json"))
    assert (end.otc, end.total_scanned, end.obd_eligible, end.obd_failed) == ("123456", 120, 15, 2)
    assert (end.flyer_eligible, end.flyer_failed) == (12, 1)


@pytest.mark.parametrize(
    "value",
    [1739382981, 1739382981000, 1739382981.0, "1739382981000", "1739382981", 1739382981000.0],
)
def test_epoch_seconds_and_milliseconds_give_the_same_time(value: object) -> None:
    assert parse_epoch(value) == datetime(2025, 2, 12, 17, 56, 21, tzinfo=UTC)


def test_epoch_keeps_milliseconds() -> None:
    assert parse_epoch(1739382981250).microsecond == 250_000


@pytest.mark.parametrize("value", [True, "soon", None, [1]])
def test_epoch_rejects_non_times(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        parse_epoch(value)


@pytest.mark.parametrize(
    ("raw", "lob"),
    [
        ("LARGE", Lob.LARGE),
        ("large", Lob.LARGE),
        ("NONLARGE", Lob.NON_LARGE),
        ("NON_LARGE", Lob.NON_LARGE),
        ("Non-Large", Lob.NON_LARGE),
        ("non large", Lob.NON_LARGE),
        ("HEAVY", Lob.UNKNOWN),
        ("", Lob.UNKNOWN),
    ],
)
def test_lob_spellings(raw: str, lob: Lob) -> None:
    assert Lob.parse(raw) is lob


@pytest.mark.parametrize(
    ("raw", "state"),
    [
        ("Scanning", TaskState.SCANNING),
        ("SCANNING", TaskState.SCANNING),
        ("scanning_in_progress", TaskState.SCANNING),
        ("START_OTC", TaskState.START_OTC),
        ("StartOtcPage", TaskState.START_OTC),
        ("on start otc page", TaskState.START_OTC),
        ("Start-OTC-Screen", TaskState.START_OTC),
        ("END_OTC", TaskState.END_OTC),
        ("EndOtcPage", TaskState.END_OTC),
        ("end otc pending", TaskState.END_OTC),
        ("SCANNING_COMPLETED", TaskState.END_OTC),
        ("COMPLETED", TaskState.COMPLETED),
        ("Waiting_For_End_OTC_Verification", TaskState.END_OTC),
        ("Awaiting start OTC validation", TaskState.START_OTC),
        ("BARCODE_SCAN_ACTIVE", TaskState.SCANNING),
        ("ON_HOLD", TaskState.UNKNOWN),
        ("", TaskState.UNKNOWN),
    ],
)
def test_task_state_spellings(raw: str, state: TaskState) -> None:
    assert TaskState.parse(raw) is state


def test_unknown_status_keeps_raw_text() -> None:
    load = InitialLoad.model_validate(
        {"feDetails": {"fe1": {"feName": "A", "task": {"id": 7, "status": "ON_HOLD"}}}}
    )
    task = load.fe_details["fe1"].task
    assert task.state is TaskState.UNKNOWN and task.status_raw == "ON_HOLD" and task.id == "7"


@pytest.mark.parametrize(
    ("raw", "offers"),
    [
        ("DynamicStartEnd", True),
        ("DYNAMIC_START_END", True),
        ("DynamicEnd", False),
        ("OldStatic", False),
        ("NewStatic", False),
        ("SomethingNew", True),
        (None, True),
    ],
)
def test_generate_start_otc_offered_only_for_dynamic_start(raw: str | None, offers: bool) -> None:
    assert SellerConfig(enabledFor=raw).enabled_for.offers_generate_start_otc is offers


@pytest.mark.parametrize(
    "body",
    [
        {"scannedShipments": [{"trackingId": "FMPC0000000001"}], "has_more": True, "next_url": "x"},
        {"scannedShipments": [{"trackingId": "FMPC0000000001"}], "hasMore": True, "nextUrl": "x"},
    ],
)
def test_both_pagination_spellings(body: dict) -> None:
    page = ShipmentsPage.model_validate(body)
    assert page.has_more and page.next_url == "x" and not page.finished


def test_last_page_is_finished() -> None:
    page = ShipmentsPage.model_validate(
        {"scannedShipments": [], "has_more": False, "next_url": None}
    )
    assert page.finished


def test_shipment_keeps_every_field() -> None:
    page = ShipmentsPage.model_validate(
        {"scannedShipments": [{"trackingId": " FMPC0000000001 ", "scannedAt": 1, "x": {"y": 2}}]}
    )
    shipment = page.scanned_shipments[0]
    assert shipment.tracking_id == "FMPC0000000001"
    assert shipment.fields == {"trackingId": "FMPC0000000001", "scannedAt": 1, "x": {"y": 2}}


def test_unknown_extra_fields_are_ignored() -> None:
    end = EndOtcDetails.model_validate({**sample("end_otc_200.json"), "newField": [1, 2]})
    assert end.total_scanned == 120


@pytest.mark.parametrize(
    "body",
    [
        {"totalScanned": 3},  # no otc
        {"otc": "1", "totalScanned": "many"},
        {"otc": "1", "totalScanned": -1},
        [],
    ],
)
def test_missing_or_wrong_required_fields_are_errors(body: object) -> None:
    with pytest.raises(ValidationError):
        EndOtcDetails.model_validate(body)


def test_shipment_without_tracking_id_is_an_error() -> None:
    with pytest.raises(ValidationError):
        ShipmentsPage.model_validate({"scannedShipments": [{"shipmentId": "S1"}]})


def test_requests_serialise_with_documented_names() -> None:
    body = ShipmentsRequest(task_id="123", fe_id="fe12303").model_dump(by_alias=True)
    assert body == {"taskId": "123", "feId": "fe12303", "pageSize": 25}
