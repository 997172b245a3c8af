"""The destination bodies: the seeds' samples, and every mandatory and conditional rule."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pydantic import ValidationError

from returns_desk.handon import OMNI, POS, validate_body
from returns_desk.handon.fields import omni_time, pos_time
from returns_desk.handon.omni_models import (
    AWB_ITEM_FIELDS,
    AWB_ORDER_FIELDS,
    OmniReturnOrder,
)
from returns_desk.handon.pos_models import PosAnswer, PosReturn
from tests.handon.conftest import START, sample


def omni_sample() -> dict[str, Any]:
    return sample("omni_return_order.json")


def pos_sample() -> dict[str, Any]:
    return sample("pos_return.json")


def paths(problems: list) -> list[str]:
    return [p.path for p in problems]


# --- the seeds' samples --------------------------------------------------------------------


@pytest.mark.parametrize("awb", [False, True])
def test_the_omni_sample_validates_and_round_trips(awb: bool) -> None:
    body = omni_sample()
    model, problems = validate_body(OMNI, body, awb_integration=awb)
    assert problems == []
    assert model is not None
    assert model.to_json() == body  # type: ignore[attr-defined]
    again = OmniReturnOrder.model_validate_json(json.dumps(model.to_json()))  # type: ignore[attr-defined]
    assert again == model


def test_the_pos_sample_validates_and_round_trips() -> None:
    body = pos_sample()
    model, problems = validate_body(POS, body)
    assert problems == []
    assert model is not None and model.to_json() == body  # type: ignore[attr-defined]
    assert PosReturn.model_validate_json(json.dumps(body)) == model


def test_the_pos_seed_with_only_its_syntax_fixed_is_refused_for_its_placeholders() -> None:
    _, problems = validate_body(POS, sample("pos_return_seed_fixed.json"))
    found = paths(problems)
    assert "returnTime" in found  # "string" is no time
    assert "returnInvoiceDetails.invoiceItems[0].quantity" in found  # "number" is no number
    assert all(p.kind == "invalid" for p in problems)


def test_the_pos_answers_of_the_seed_and_of_a_real_failure_parse() -> None:
    ok = PosAnswer.model_validate(sample("pos_answer_seed.json"))
    assert ok.successful is True and ok.warnings[0].message == "string"
    assert "errorParams" in (ok.errors[0].model_extra or {})
    failed = PosAnswer.model_validate(sample("pos_answer_failure.json"))
    assert failed.successful is False and failed.errors[0].message == "INVALID_PACKAGE_STATE"
    assert PosAnswer.model_validate({"successful": True, "errors": None}).errors == []


# --- Omni: always mandatory -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["forwardOrderCode", "returnOrderCode", "locationCode"])
@pytest.mark.parametrize("how", ["absent", "blank"])
def test_omni_mandatory_top_level_fields(name: str, how: str) -> None:
    body = omni_sample()
    if how == "absent":
        del body[name]
    else:
        body[name] = "  "
    _, problems = validate_body(OMNI, body)
    assert paths(problems) == [name]
    assert problems[0].kind == ("missing" if how == "absent" else "invalid")


@pytest.mark.parametrize("name", ["itemCode", "reason", "channelSkuCode"])
def test_omni_mandatory_item_fields(name: str) -> None:
    body = omni_sample()
    del body["orderItems"][0][name]
    _, problems = validate_body(OMNI, body)
    assert paths(problems) == [f"orderItems[0].{name}"]


def test_omni_needs_at_least_one_item() -> None:
    body = omni_sample()
    body["orderItems"] = []
    _, problems = validate_body(OMNI, body)
    assert paths(problems) == ["orderItems"]


def test_omni_one_entry_per_unit_each_with_its_own_item_code() -> None:
    body = omni_sample()
    unit = body["orderItems"][0]
    body["orderItems"] = [dict(unit, itemCode=f"I10098-{n}") for n in (1, 2, 3)]
    assert validate_body(OMNI, body)[1] == []
    body["orderItems"][2]["itemCode"] = "I10098-1"
    _, problems = validate_body(OMNI, body)
    assert "own itemCode" in problems[0].text


@pytest.mark.parametrize(
    "path",
    [
        ("forwardOrderCode",),
        ("transporter",),
        ("orderItems", 0, "name"),
        ("dropAddress", "line1"),
        ("orderDetails", "invoiceNumber"),
    ],
)
def test_omni_strings_are_at_most_255_characters(path: tuple) -> None:
    body = omni_sample()
    target = body
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = "x" * 255
    assert validate_body(OMNI, body)[1] == []
    target[path[-1]] = "x" * 256
    _, problems = validate_body(OMNI, body)
    assert len(problems) == 1 and "255" in problems[0].text


@pytest.mark.parametrize(
    "value, ok",
    [
        ("2020-10-16T20:22:28.000+05:30", True),
        ("2021-06-18T12:00:01Z", True),
        ("2021-06-18T12:00:01-03:00", True),
        ("2021-06-18T12:00:01", False),  # no offset
        ("2021-06-18 12:00:01+05:30", False),
        ("18-06-2021T12:00:01+05:30", False),
        ("2021-02-31T12:00:01+05:30", False),
    ],
)
def test_omni_times_are_iso_8601_with_an_offset(value: str, ok: bool) -> None:
    body = omni_sample()
    body["returnOrderTime"] = value
    body["orderDetails"]["invoiceTime"] = value
    _, problems = validate_body(OMNI, body)
    assert (problems == []) is ok
    assert omni_time(START) == "2026-01-15T10:00:00.000+00:00"


@pytest.mark.parametrize("value", ["SELF_SHIP", "CUSTOMER_RETURN", "RETURN_TO_ORIGIN", "RTO"])
def test_omni_order_type_values(value: str) -> None:
    body = omni_sample()
    body["orderType"] = value
    _, problems = validate_body(OMNI, body)
    assert (problems == []) is (value != "RTO")


def test_omni_cod_needs_a_cod_value() -> None:
    body = omni_sample()
    body["orderDetails"]["isCod"] = True
    _, problems = validate_body(OMNI, body)
    assert paths(problems) == ["orderDetails"] and "codValue" in problems[0].text
    body["orderDetails"]["codValue"] = 100.0
    assert validate_body(OMNI, body)[1] == []


@pytest.mark.parametrize("obj", ["dropAddress", "pickupAddress"])
@pytest.mark.parametrize(
    "name", ["name", "line1", "city", "state", "zip", "country", "email", "phone"]
)
def test_omni_address_fields_mandatory_inside_an_address(obj: str, name: str) -> None:
    body = omni_sample()
    del body[obj][name]
    _, problems = validate_body(OMNI, body)
    assert paths(problems) == [f"{obj}.{name}"]


@pytest.mark.parametrize("name", ["breadth", "height", "length", "weight"])
def test_omni_dimensions_mandatory_inside_shipment_dimension(name: str) -> None:
    body = omni_sample()
    del body["shipmentDimension"][name]
    assert paths(validate_body(OMNI, body)[1]) == [f"shipmentDimension.{name}"]


@pytest.mark.parametrize("name", ["codValue", "invoiceValue", "isCod"])
def test_omni_order_details_mandatory_fields(name: str) -> None:
    body = omni_sample()
    del body["orderDetails"][name]
    assert paths(validate_body(OMNI, body)[1]) == [f"orderDetails.{name}"]


def test_omni_unknown_fields_are_refused() -> None:
    body = omni_sample()
    body["logisticAggregatorType"] = "CLICKPOST"  # an RMS field, not Omni's (notes A.4)
    assert paths(validate_body(OMNI, body)[1]) == ["logisticAggregatorType"]


# --- Omni: "AWB integration with RMS" -------------------------------------------------------


def _minimal_omni() -> dict[str, Any]:
    body = omni_sample()
    keep = ("forwardOrderCode", "returnOrderCode", "locationCode", "orderItems")
    minimal = {k: body[k] for k in keep}
    minimal["orderItems"] = [
        {k: body["orderItems"][0][k] for k in ("itemCode", "reason", "channelSkuCode")}
    ]
    return minimal


def test_without_awb_integration_the_conditional_fields_are_optional() -> None:
    assert validate_body(OMNI, _minimal_omni())[1] == []


def test_with_awb_integration_every_conditional_field_is_named() -> None:
    _, problems = validate_body(OMNI, _minimal_omni(), awb_integration=True)
    expected = list(AWB_ORDER_FIELDS) + [f"orderItems[0].{n}" for n in AWB_ITEM_FIELDS]
    assert paths(problems) == expected
    assert all(p.kind == "missing" for p in problems)


@pytest.mark.parametrize("name", AWB_ORDER_FIELDS)
def test_awb_integration_makes_each_order_field_mandatory(name: str) -> None:
    body = omni_sample()
    del body[name]
    assert validate_body(OMNI, body)[1] == []
    assert paths(validate_body(OMNI, body, awb_integration=True)[1]) == [name]
    with pytest.raises(ValidationError, match=name):
        OmniReturnOrder.model_validate(body, context={"awb_integration": True})


@pytest.mark.parametrize("name", AWB_ITEM_FIELDS)
def test_awb_integration_makes_each_item_field_mandatory(name: str) -> None:
    body = omni_sample()
    body["orderItems"].append(dict(body["orderItems"][0], itemCode="I10099"))
    del body["orderItems"][1][name]
    assert validate_body(OMNI, body)[1] == []
    assert paths(validate_body(OMNI, body, awb_integration=True)[1]) == [f"orderItems[1].{name}"]


def test_awb_integration_counts_an_empty_tax_list_as_missing() -> None:
    body = omni_sample()
    body["orderItems"][0]["subTaxItemData"] = []
    assert paths(validate_body(OMNI, body, awb_integration=True)[1]) == [
        "orderItems[0].subTaxItemData"
    ]


@pytest.mark.parametrize("name", ["type", "rate", "taxPerUnit", "taxTotal"])
def test_a_tax_entry_needs_all_its_fields(name: str) -> None:
    body = omni_sample()
    del body["orderItems"][0]["subTaxItemData"][0][name]
    assert paths(validate_body(OMNI, body)[1]) == [f"orderItems[0].subTaxItemData[0].{name}"]


# --- the POS return -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["saleOrderID", "shipmentCode", "returnTime", "facilityCode", "type"]
)
def test_pos_mandatory_fields(name: str) -> None:
    body = pos_sample()
    del body[name]
    assert paths(validate_body(POS, body)[1]) == [name]


@pytest.mark.parametrize("name", ["invoiceNumber", "invoiceDate", "invoiceItems"])
def test_pos_mandatory_invoice_fields(name: str) -> None:
    body = pos_sample()
    del body["returnInvoiceDetails"][name]
    assert paths(validate_body(POS, body)[1]) == [f"returnInvoiceDetails.{name}"]


@pytest.mark.parametrize("name", ["skuCode", "quantity", "orderItems"])
def test_pos_mandatory_invoice_item_fields(name: str) -> None:
    body = pos_sample()
    del body["returnInvoiceDetails"]["invoiceItems"][0][name]
    found = paths(validate_body(POS, body)[1])
    assert found == [f"returnInvoiceDetails.invoiceItems[0].{name}"]


def test_pos_order_item_needs_its_id() -> None:
    body = pos_sample()
    del body["returnInvoiceDetails"]["invoiceItems"][0]["orderItems"][0]["orderItemId"]
    assert paths(validate_body(POS, body)[1]) == [
        "returnInvoiceDetails.invoiceItems[0].orderItems[0].orderItemId"
    ]


@pytest.mark.parametrize("value, ok", [("RTO", True), ("CIR", True), ("CUSTOMER_RETURN", False)])
def test_pos_type_is_rto_or_cir(value: str, ok: bool) -> None:
    body = pos_sample()
    body["type"] = value
    assert (validate_body(POS, body)[1] == []) is ok


def test_pos_order_status_is_returned() -> None:
    body = pos_sample()
    body["orderStatus"] = "DISPATCHED"
    assert paths(validate_body(POS, body)[1]) == ["orderStatus"]


@pytest.mark.parametrize(
    "value, ok",
    [
        ("2021-08-17T14:02:42", True),
        ("2021-08-17T14:02:42Z", False),
        ("2021-08-17T14:02:42+05:30", False),
        ("2021-08-17T14:02:42.000", False),
        ("17-08-2021T14:02:42", False),
        ("2021-08-17 14:02:42", False),
    ],
)
def test_pos_times_are_utc_without_offset(value: str, ok: bool) -> None:
    body = pos_sample()
    body["returnTime"] = value
    body["returnInvoiceDetails"]["invoiceDate"] = value
    assert (validate_body(POS, body)[1] == []) is ok


def test_pos_time_is_converted_to_utc() -> None:
    from datetime import datetime

    local = datetime.fromisoformat("2021-08-17T19:32:42+05:30")
    assert pos_time(local) == "2021-08-17T14:02:42"


def test_pos_quantity_equals_its_order_items_and_may_be_a_numeric_string() -> None:
    body = pos_sample()
    item = body["returnInvoiceDetails"]["invoiceItems"][0]
    item["quantity"] = "1"  # as Unicommerce's own Dispatch sample sends it
    model, problems = validate_body(POS, body)
    assert (
        problems == []
        and model.to_json()["returnInvoiceDetails"]["invoiceItems"][0]["quantity"] == 1
    )  # type: ignore[union-attr]
    item["quantity"] = 2
    _, problems = validate_body(POS, body)
    assert "one per unit" in problems[0].text
    item["orderItems"].append(copy.deepcopy(item["orderItems"][0]) | {"orderItemId": "SOI112"})
    assert validate_body(POS, body)[1] == []
