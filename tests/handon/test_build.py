"""From a report record and a received parcel to each destination's body, or what is missing."""

from __future__ import annotations

from datetime import datetime

import pytest

from returns_desk.handon import OMNI, POS, ParcelContext, ReturnKind, build_body, validate_body
from returns_desk.handon.records import RecordLine
from tests.handon.conftest import START, full_record, site_settings

CTX = ParcelContext("FMPR1", datetime.fromisoformat("2026-01-15T15:30:00+05:30"), "Ekart")


def test_a_full_record_builds_valid_bodies_for_both_with_awb_integration() -> None:
    settings = site_settings(awb=True)
    omni = build_body(OMNI, full_record("FMPR1"), CTX, settings)
    pos = build_body(POS, full_record("FMPR1"), CTX, settings)
    assert omni.problems == [] and pos.problems == []
    assert validate_body(OMNI, omni.body or {}, awb_integration=True)[1] == []
    assert omni.body is not None and pos.body is not None
    assert omni.body["returnOrderCode"] == "R-FMPR1"  # the marketplace's return id
    assert omni.body["awbNumber"] == "FMPR1"
    assert omni.body["transporter"] == "Ekart"
    assert omni.body["locationCode"] == "Wid234"
    assert omni.body["dropAddress"]["name"] == "Dock POC"
    assert omni.body["pickupAddress"]["name"] == "Asha"
    assert omni.body["returnOrderTime"] == "2026-01-12T10:00:00.000+00:00"
    assert pos.body["shipmentCode"] == "SP-FMPR1"
    assert pos.body["returnTime"] == "2026-01-15T10:00:00"  # the dock's time, in UTC
    assert pos.body["facilityCode"] == "Store1"


def test_the_return_order_code_falls_back_to_the_tracking_id() -> None:
    built = build_body(OMNI, full_record("FMPR1", return_id=None), CTX, site_settings())
    assert built.body is not None and built.body["returnOrderCode"] == "FMPR1"


def test_quantity_three_is_three_omni_entries_each_with_its_own_item_code() -> None:
    record = full_record("FMPR1", quantity=3)
    body = build_body(OMNI, record, CTX, site_settings()).body
    assert body is not None
    assert [i["itemCode"] for i in body["orderItems"]] == ["OI-FMPR1-1", "OI-FMPR1-2", "OI-FMPR1-3"]
    assert {i["channelSkuCode"] for i in body["orderItems"]} == {"10007345"}
    pos = build_body(POS, record, CTX, site_settings()).body
    assert pos is not None
    (item,) = pos["returnInvoiceDetails"]["invoiceItems"]
    assert item["quantity"] == 3 and len(item["orderItems"]) == 3
    assert item["taxBreakUp"][0]["integratedGst"] == 30.0  # per unit x 3


def test_one_order_item_id_for_several_units_gets_stable_suffixes_for_omni() -> None:
    update = {"order_item_id": "OI7", "quantity": 2, "serial_number": None}
    line = full_record("X").lines[0].model_copy(update=update)
    record = full_record("FMPR1", lines=[line])
    first = build_body(OMNI, record, CTX, site_settings()).body
    again = build_body(OMNI, record, CTX, site_settings()).body
    assert first is not None and first == again
    assert [i["itemCode"] for i in first["orderItems"]] == ["OI7-1", "OI7-2"]
    # the POS needs Uniware's own order item code for every unit: never made up
    pos = build_body(POS, record, CTX, site_settings())
    assert pos.body is None and "order_item_id" in pos.summary


def test_without_order_item_ids_omni_item_codes_come_from_the_return_code() -> None:
    line = RecordLine(sku="S1", quantity=2, reason="Damaged")
    body = build_body(OMNI, full_record("FMPR1", lines=[line]), CTX, site_settings()).body
    assert body is not None
    assert [i["itemCode"] for i in body["orderItems"]] == ["R-FMPR1-1-1", "R-FMPR1-1-2"]


@pytest.mark.parametrize(
    "kind, omni, pos",
    [
        (ReturnKind.CUSTOMER_RETURN, "CUSTOMER_RETURN", "CIR"),
        (ReturnKind.RETURN_TO_ORIGIN, "RETURN_TO_ORIGIN", "RTO"),
        (ReturnKind.SELF_SHIP, "SELF_SHIP", "CIR"),
    ],
)
def test_the_kind_of_return_sets_order_type_and_type(kind: ReturnKind, omni: str, pos: str) -> None:
    record = full_record("FMPR1", kind=kind)
    assert build_body(OMNI, record, CTX, site_settings()).body["orderType"] == omni  # type: ignore[index]
    assert build_body(POS, record, CTX, site_settings()).body["type"] == pos  # type: ignore[index]


def test_a_missing_kind_falls_back_to_the_site_default_or_is_needed() -> None:
    record = full_record("FMPR1", kind=None)
    pos = build_body(POS, record, CTX, site_settings())
    assert pos.body is None and pos.needs == ["return_type"]
    omni = build_body(OMNI, record, CTX, site_settings())  # optional without AWB integration
    assert omni.body is not None and "orderType" not in omni.body
    defaulted = site_settings(default_return_kind=ReturnKind.RETURN_TO_ORIGIN)
    assert build_body(POS, record, CTX, defaulted).body["type"] == "RTO"  # type: ignore[index]


def test_no_record_needs_a_report_row() -> None:
    built = build_body(OMNI, None, CTX, site_settings())
    assert built.body is None and built.needs == ["a row in the returns report"]


def test_missing_fields_are_named_as_report_columns() -> None:
    record = full_record("FMPR1", order_id=None, shipment_code=None)
    record.lines[0].sku = None
    omni = build_body(OMNI, record, CTX, site_settings())
    assert omni.body is None
    assert omni.needs == ["order_id", "sku"]
    pos = build_body(POS, record, CTX, site_settings())
    assert pos.needs == ["order_id", "shipment_code", "sku"]


def test_awb_integration_names_the_conditional_report_columns() -> None:
    record = full_record("FMPR1", customer={}, seller_gstin=None)
    record.lines[0].brand = None
    settings = site_settings(awb=True).replace(
        omni=site_settings(awb=True).omni.replace(seller_gstin="")
    )
    built = build_body(OMNI, record, CTX, settings)
    assert built.body is None
    assert built.needs == ["seller_gstin", "customer address", "brand"]
    assert build_body(OMNI, record, CTX, site_settings(awb=False)).body is not None


def test_invalid_values_are_reported_not_sent() -> None:
    record = full_record("FMPR1", order_id="x" * 300)
    built = build_body(OMNI, record, CTX, site_settings())
    assert built.body is None and "forwardOrderCode" in built.summary and "255" in built.summary


def test_per_unit_serials_must_match_the_quantity() -> None:
    line = full_record("X", quantity=2).lines[0].model_copy(update={"serial_number": "A,B,C"})
    built = build_body(OMNI, full_record("FMPR1", lines=[line]), CTX, site_settings())
    assert built.body is None and "serial_number" in built.summary


def test_cod_details_come_from_the_record() -> None:
    record = full_record("FMPR1", is_cod=True, cod_value=None)
    built = build_body(OMNI, record, CTX, site_settings())
    assert built.body is None and built.needs == ["cod_value"]
    record = full_record("FMPR1", is_cod=True, cod_value=250.0)
    details = build_body(OMNI, record, CTX, site_settings()).body["orderDetails"]  # type: ignore[index]
    assert details == {
        "codValue": 250.0,
        "invoiceNumber": "INV-10",
        "invoiceTime": "2026-01-05T10:00:00.000+00:00",
        "invoiceValue": 100.0,
        "isCod": True,
    }


def test_settings_that_are_not_filled_in_are_named() -> None:
    settings = site_settings(awb=True)
    settings = settings.replace(omni=settings.omni.replace(drop_address=None))
    built = build_body(OMNI, full_record("FMPR1"), CTX, settings)
    assert built.needs == ["setting: Omni warehouse (drop) address"]
    assert START  # the fixed clock of these tests
