"""What the Omni and POS stand-ins check in a request, and how they word a refusal.

Kept apart from the server (``sandbox.destinations``) so that the contract checks read as
one list: each ``*_problem`` returns the first problem found, in the destination's words,
or None.
"""

from __future__ import annotations

from typing import Any

OMNI_ORDER_TYPES = {"SELF_SHIP", "CUSTOMER_RETURN", "RETURN_TO_ORIGIN"}


def field_text(body: Any, name: str) -> str:
    return str(body.get(name, "")) if isinstance(body, dict) else ""


def omni_bad_data(description: str, code: str = "BAD_DATA") -> dict[str, str]:
    return {"code": code, "message": "Input validation failed", "description": description}


def pos_failure(code: int, message: str, description: str) -> dict[str, Any]:
    error: dict[str, Any] = {
        "code": code,
        "fieldName": None,
        "description": description,
        "message": message,
        "errorParams": {},
    }
    return {"successful": False, "message": message, "errors": [error], "warnings": []}


def overlong_field(value: Any, path: str = "") -> str | None:
    if isinstance(value, str) and len(value) > 255:
        return path
    if isinstance(value, dict):
        return next(
            (p for k, v in value.items() if (p := overlong_field(v, f"{path}.{k}".strip(".")))),
            None,
        )
    if isinstance(value, list):
        return next(
            (p for i, v in enumerate(value) if (p := overlong_field(v, f"{path}[{i}]"))), None
        )
    return None


def omni_problem(body: Any, aggregator: str = "") -> str | None:
    """Increff's checks as notes section C suggests; the first problem found.

    ``shipmentDimension`` values must be JSON integers (the seed's type column); with the
    CLICKPOST aggregator, ``sellerGstin`` and the invoice number and time are mandatory.
    """
    if not isinstance(body, dict):
        return "[body: may not be null]"
    for name in ("forwardOrderCode", "returnOrderCode", "locationCode"):
        if not body.get(name):
            return f"[{name}: may not be null]"
    items = body.get("orderItems")
    if not isinstance(items, list) or not items:
        return "[orderItems: may not be empty]"
    for item in items:
        for name in ("itemCode", "reason", "channelSkuCode"):
            if not isinstance(item, dict) or not item.get(name):
                return f"[{name}: may not be null]"
    codes = [item["itemCode"] for item in items]
    if len(set(codes)) != len(codes):
        return "[orderItems.itemCode: must be unique]"
    if "orderType" in body and body["orderType"] not in OMNI_ORDER_TYPES:
        return "[orderType: invalid value]"
    too_long = overlong_field(body)
    if too_long:
        return f"[{too_long}: size must be between 0 and 255]"
    details = body.get("orderDetails") or {}
    if details.get("isCod") and not (details.get("codValue") or 0) > 0:
        return "[orderDetails.codValue: must be greater than 0 for COD]"
    dimension = body.get("shipmentDimension") or {}
    for name in ("breadth", "height", "length", "weight"):
        value = dimension.get(name) if isinstance(dimension, dict) else None
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            return f"[shipmentDimension.{name}: must be an integer]"
    if aggregator.upper() == "CLICKPOST":
        if not body.get("sellerGstin"):
            return "[sellerGstin: may not be null when logisticAggregatorType=CLICKPOST]"
        for name in ("invoiceNumber", "invoiceTime"):
            if not details.get(name):
                return (
                    f"[orderDetails.{name}: may not be null when logisticAggregatorType=CLICKPOST]"
                )
    return None


def pos_problem(code: str, body: Any) -> str | None:
    """The POS contract's checks as notes section C suggests; the first problem found."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    if body.get("type") not in ("RTO", "CIR"):
        return "type must be RTO or CIR"
    if body.get("orderStatus") != "RETURNED":
        return "orderStatus must be RETURNED"
    if body.get("shipmentCode") != code:
        return "shipmentCode differs from the package code in the URL"
    details = body.get("returnInvoiceDetails") or {}
    for item in details.get("invoiceItems") or []:
        quantity = item.get("quantity")
        try:
            quantity = int(quantity)
        except (TypeError, ValueError):
            return "quantity must be a number"
        if quantity != len(item.get("orderItems") or []):
            return "quantity differs from the number of orderItems"
    return None
