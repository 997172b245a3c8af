"""Omni and POS payloads to the letter of seeds 003 and 004, from the seeds' samples.

Omni: CLICKPOST makes sellerGstin, invoiceNumber and invoiceTime mandatory; shipmentDimension
values are Integers. POS: every field of the seed's sample comes from a report column (the
provider is not the courier; bundle, gift wrap, COD charges, transfer price; a tax entry
per cost head). The column mapping is the one ``suggest_mapping`` guesses from usual headers.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from returns_desk.handon import OMNI, POS, OmniClient, ParcelContext, build_body, validate_body
from returns_desk.handon.build import whole_up
from returns_desk.handon.errors import HandonError
from returns_desk.handon.report import import_rows, suggest_mapping
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.settings.model import InvalidSettings
from tests.handon.conftest import OMNI_CREDS, fast_transport, full_record, sample, site_settings

CTX = ParcelContext("FMPR1", datetime(2026, 1, 15, 10, 0, tzinfo=UTC), "Ekart")
CLICKPOST_FIELDS = ["sellerGstin", "orderDetails.invoiceNumber", "orderDetails.invoiceTime"]


def clickpost_settings(stand_ins: DestinationStandIns | None = None, **omni: Any):  # type: ignore[no-untyped-def]
    settings = site_settings(stand_ins)
    changes = {"logistic_aggregator": "CLICKPOST", **omni}
    return settings.replace(omni=settings.omni.replace(**changes))


def without(body: dict[str, Any], path: str) -> dict[str, Any]:
    body = json.loads(json.dumps(body))
    *parents, last = path.split(".")
    target = body
    for part in parents:
        target = target[part]
    del target[last]
    return body


# --- Omni: the CLICKPOST aggregator -----------------------------------------------------


@pytest.mark.parametrize("aggregator", ["", "SHIPROCKET", "CLICKPOST"])
def test_the_omni_sample_is_complete_for_every_aggregator(aggregator: str) -> None:
    assert validate_body(OMNI, sample("omni_return_order.json"), aggregator=aggregator)[1] == []


@pytest.mark.parametrize("path", CLICKPOST_FIELDS)
def test_clickpost_makes_gstin_invoice_number_and_time_mandatory(path: str) -> None:
    body = without(sample("omni_return_order.json"), path)
    _, problems = validate_body(OMNI, body, aggregator="CLICKPOST")
    assert [(p.path, p.kind) for p in problems] == [(path, "missing")]
    assert validate_body(OMNI, body, aggregator="SHIPROCKET")[1] == []  # "can be null"
    assert validate_body(OMNI, body)[1] == []


def test_a_clickpost_site_names_the_report_columns_it_needs() -> None:
    record = full_record("FMPR1", seller_gstin=None, invoice_number=None, invoice_time=None)
    settings = clickpost_settings(seller_gstin="")
    built = build_body(OMNI, record, CTX, settings)
    assert built.body is None
    assert built.needs == ["seller_gstin", "invoice_number", "invoice_time"]
    assert build_body(OMNI, record, CTX, site_settings()).body is not None  # not CLICKPOST
    complete = build_body(OMNI, full_record("FMPR1"), CTX, clickpost_settings()).body
    assert complete is not None
    assert complete["sellerGstin"] == "29AADCP7081J1ZY"
    assert complete["orderDetails"]["invoiceNumber"] == "INV-10"
    assert complete["orderDetails"]["invoiceTime"] == "2026-01-05T10:00:00.000+00:00"


def test_the_aggregator_setting_is_checked() -> None:
    assert clickpost_settings(logistic_aggregator="clickpost").omni.logistic_aggregator
    with pytest.raises(InvalidSettings, match="CLICKPOST, SHIPROCKET or empty"):
        site_settings().omni.replace(logistic_aggregator="DELHIVERY")


def test_a_clickpost_site_over_http_refuses_what_the_app_would_never_send() -> None:
    with DestinationStandIns(omni_aggregator="CLICKPOST") as stand_ins:
        client = OmniClient(clickpost_settings(stand_ins).omni, OMNI_CREDS, fast_transport())
        try:
            body = without(sample("omni_return_order.json"), "orderDetails.invoiceTime")
            with pytest.raises(HandonError, match="invoiceTime"):
                client.send(body)
            built = build_body(OMNI, full_record("FMPR1"), CTX, clickpost_settings(stand_ins))
            assert built.body is not None
            assert client.send(built.body).duplicate is False
            assert stand_ins.accepted("omni") == {"R-FMPR1": 1}
        finally:
            client.close()


# --- Omni: shipmentDimension values are Integers -----------------------------------------


@pytest.mark.parametrize("name", ["breadth", "height", "length", "weight"])
def test_a_fractional_or_float_dimension_is_refused(name: str) -> None:
    for value in (0.5, 10.0):
        body = sample("omni_return_order.json")
        body["shipmentDimension"][name] = value
        _, problems = validate_body(OMNI, body)
        assert [p.path for p in problems] == [f"shipmentDimension.{name}"]


def test_dimensions_are_sent_as_whole_numbers_rounded_up() -> None:
    assert [whole_up(v) for v in (10.0, 10.2, 0.5, 0.01, 10.0000001, 3)] == [10, 11, 1, 1, 10, 3]
    record = full_record("FMPR1", breadth=10.0, height=7.4, length=20.0, weight=None)
    body = build_body(OMNI, record, CTX, site_settings()).body  # weight: the setting's 0.5
    assert body is not None
    assert body["shipmentDimension"] == {"breadth": 10, "height": 8, "length": 20, "weight": 1}
    text = json.dumps(body["shipmentDimension"])
    assert "." not in text  # 10, not 10.0: what an Integer field reads


def test_whole_dimensions_reach_a_strict_stand_in(stand_ins: DestinationStandIns) -> None:
    client = OmniClient(site_settings(stand_ins).omni, OMNI_CREDS, fast_transport())
    try:
        body = sample("omni_return_order.json")
        body["shipmentDimension"]["weight"] = 0.5  # the seed's "default 0.5", sent as is
        with pytest.raises(HandonError, match="must be an integer"):
            client.send(body)
        record = full_record("FMPR1", weight=0.5, breadth=10.0, height=10.0, length=10.0)
        built = build_body(OMNI, record, CTX, site_settings(stand_ins))
        assert built.body is not None
        client.send(built.body)
        assert stand_ins.accepted("omni") == {"R-FMPR1": 1}
    finally:
        client.close()


# --- POS: every field of the sample, from a report's columns -----------------------------

#: the returns report's header -> the value in seed 004's sample (pos_return_all_fields.json)
POS_REPORT = {
    "Tracking ID": "FMPR0012345678",
    "Sale Order Code": "SO00937",
    "Shipping Package Code": "VARAAA07998",
    "Return Type": "RTO",
    "Shipping Provider": "testga",
    "Courier Name": "TESTGA",
    "Credit Note Number": "CN-0001",
    "Return Invoice Date": "2017-01-02T08:12:53Z",
    "SKU": "dettol1",
    "Product Name": "dettol1",
    "Description": "Dettol",
    "HSN Code": "12311625",
    "Quantity": "1",
    "Bundle SKU": "DETTOL-COMBO-2",
    "Order Item ID": "SOI111",
    "Serial Number": "ACB3434",
    "COD Charges": "40",
    "Selling Price": "549",
    "Shipping Charges": "32.37",
    "Discount": "0",
    "Total Price": "549",
    "Transfer Price": "480",
    "Gift Wrap Message": "Get well soon",
    "Gift Wrap Charges": "25",
    "Bundle Identifier": "BNDL-7",
    "IGST": "14.24",
    "IGST Rate": "5",
    "CGST": "0",
    "CGST Rate": "0",
    "SGST": "0",
    "SGST Rate": "0",
    "UTGST": "0",
    "UTGST Rate": "0",
    "Shipping IGST": "1.62",
    "Shipping IGST Rate": "5",
    "Shipping CGST": "0",
    "Shipping CGST Rate": "0",
    "Shipping SGST": "0",
    "Shipping SGST Rate": "0",
    "Shipping UTGST": "0",
    "Shipping UTGST Rate": "0",
    "Gift Wrap IGST": "1.25",
    "Gift Wrap IGST Rate": "5",
    "COD IGST": "2",
    "COD IGST Rate": "5",
}


def test_a_report_with_every_column_builds_the_seeds_pos_body() -> None:
    headers = list(POS_REPORT)
    mapping = suggest_mapping(headers)
    assert sorted(mapping.columns.values()) == sorted(headers)  # every column understood
    result = import_rows([headers, list(POS_REPORT.values())], mapping)
    assert result.problems == []
    record = result.records["FMPR0012345678"]
    ctx = ParcelContext("FMPR0012345678", datetime(2021, 8, 17, 14, 2, 42, tzinfo=UTC), "Ekart")
    built = build_body(POS, record, ctx, site_settings())
    assert built.problems == []
    assert built.body == sample("pos_return_all_fields.json")


def test_the_provider_is_not_the_courier() -> None:
    record = full_record("FMPR1", courier="Delhivery", shipping_provider="Shiprocket")
    body = build_body(POS, record, CTX, site_settings()).body
    assert body is not None
    assert (body["shippingProviderName"], body["shippingCourierName"]) == (
        "Shiprocket",
        "Delhivery",
    )
    # Without a provider column nothing is copied into it; the courier falls back to the
    # FE's logistics partner, who carried the parcel to the dock.
    body = build_body(POS, full_record("FMPR1", courier=None), CTX, site_settings()).body
    assert body is not None
    assert "shippingProviderName" not in body and body["shippingCourierName"] == "Ekart"


def test_bundle_identifiers_may_be_given_per_unit() -> None:
    line = (
        full_record("X", quantity=2)
        .lines[0]
        .model_copy(update={"bundle_identifier": "B1,B2", "bundle_sku": "COMBO"})
    )
    body = build_body(POS, full_record("FMPR1", lines=[line]), CTX, site_settings()).body
    assert body is not None
    (item,) = body["returnInvoiceDetails"]["invoiceItems"]
    assert item["bundleSku"] == "COMBO"
    assert [u["bundleIdentifier"] for u in item["orderItems"]] == ["B1", "B2"]
    one = line.model_copy(update={"bundle_identifier": "B9"})
    body = build_body(POS, full_record("FMPR1", lines=[one]), CTX, site_settings()).body
    assert body is not None
    units = body["returnInvoiceDetails"]["invoiceItems"][0]["orderItems"]
    assert [u["bundleIdentifier"] for u in units] == ["B9", "B9"]
    wrong = line.model_copy(update={"bundle_identifier": "B1,B2,B3"})
    built = build_body(POS, full_record("FMPR1", lines=[wrong]), CTX, site_settings())
    assert built.body is None and "bundle_identifier" in built.summary


def test_charge_taxes_are_totals_of_the_line_per_cost_head() -> None:
    line = (
        full_record("X", quantity=2)
        .lines[0]
        .model_copy(
            update={"shipping_charges": 30.0, "shipping_igst": 1.5, "shipping_igst_rate": 5.0}
        )
    )
    body = build_body(POS, full_record("FMPR1", lines=[line]), CTX, site_settings()).body
    assert body is not None
    taxes = body["returnInvoiceDetails"]["invoiceItems"][0]["taxBreakUp"]
    assert taxes == [
        {"costHead": "SELLING_PRICE", "integratedGst": 20.0, "integratedGstPercentage": 10.0},
        {"costHead": "SHIPPING_CHARGES", "integratedGst": 3.0, "integratedGstPercentage": 5.0},
    ]
