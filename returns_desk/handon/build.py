"""From a report record and a received parcel to the body a destination gets, or what is missing.

``build_body`` fills every field it can (the record first, then the site's settings, then what
the dock knows: the tracking id, the courier, when the parcel arrived), validates the body with
the destination's model, and on any problem returns no body but the report columns (canonical
field names) or settings that must be filled: a half-filled return is never sent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from returns_desk.handon.fields import omni_time, pos_time
from returns_desk.handon.omni_models import OrderType
from returns_desk.handon.pos_models import PosReturnType
from returns_desk.handon.records import RecordLine, ReturnRecord
from returns_desk.handon.report_fields import TAX_HEADS
from returns_desk.handon.validate import Problem, validate_body
from returns_desk.settings.handon import OMNI, POS, HandonSettings, ReturnKind

OMNI_ORDER_TYPE = {
    ReturnKind.CUSTOMER_RETURN: OrderType.CUSTOMER_RETURN,
    ReturnKind.RETURN_TO_ORIGIN: OrderType.RETURN_TO_ORIGIN,
    ReturnKind.SELF_SHIP: OrderType.SELF_SHIP,
}
POS_TYPE = {
    ReturnKind.CUSTOMER_RETURN: PosReturnType.CIR,
    ReturnKind.RETURN_TO_ORIGIN: PosReturnType.RTO,
    ReturnKind.SELF_SHIP: PosReturnType.CIR,
}
_TAXES = (("IGST", "igst"), ("CGST", "cgst"), ("SGST", "sgst"), ("UTGST", "utgst"))
_TAX_FIELDS = "igst/cgst/sgst/utgst and their rates"

#: body path (without indices) -> what the admin fills: a report field, or a setting
_SOURCES = {
    "forwardOrderCode": "order_id",
    "locationCode": "setting: Omni location code",
    "orderItems": "sku",
    "orderItems.reason": "reason",
    "orderItems.channelSkuCode": "sku",
    "orderItems.name": "product_name",
    "orderItems.subCategory": "sub_category",
    "orderItems.serialNumber": "serial_number",
    "orderItems.finalAmountPaid": "final_amount_paid",
    "orderItems.imageUrl": "image_url",
    "orderItems.storeCreditsUsed": "store_credits_used",
    "orderItems.subTaxItemData": _TAX_FIELDS,
    "orderType": "return_type",
    "currencyCode": "currency",
    "regionType": "region_type",
    "sellerGstin": "seller_gstin",
    "consigneeGstin": "consignee_gstin",
    "returnReason": "return_reason",
    "dropAddress": "setting: Omni warehouse (drop) address",
    "pickupAddress": "customer address",
    "orderDetails": "invoice_value, is_cod, cod_value",
    "orderDetails.codValue": "cod_value",
    "orderDetails.isCod": "is_cod",
    "orderDetails.invoiceValue": "invoice_value",
    "orderDetails.invoiceNumber": "invoice_number",
    "orderDetails.invoiceTime": "invoice_time",
    "returnOrderTime": "return_time",
    "saleOrderID": "order_id",
    "shipmentCode": "shipment_code",
    "facilityCode": "setting: POS facility code",
    "type": "return_type",
    "returnInvoiceDetails.invoiceNumber": "return_invoice_number",
    "returnInvoiceDetails.invoiceItems": "sku",
    "returnInvoiceDetails.invoiceItems.skuCode": "sku",
    "returnInvoiceDetails.invoiceItems.quantity": "quantity",
    "returnInvoiceDetails.invoiceItems.orderItems": "order_item_id",
    "returnInvoiceDetails.invoiceItems.orderItems.orderItemId": "order_item_id",
    "returnInvoiceDetails.invoiceItems.taxBreakUp": _TAX_FIELDS,
}


@dataclass(frozen=True)
class ParcelContext:
    """What the dock knows of a received parcel, whatever the report says."""

    tracking_id: str
    received_at: datetime
    courier: str = ""  # the FE's logistics partner


@dataclass(frozen=True)
class Built:
    body: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)
    #: report fields or settings to fill, in words for the admin
    needs: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        invalid = [str(p) for p in self.problems if p.kind == "invalid"]
        parts = []
        if self.needs:
            parts.append("needs " + ", ".join(self.needs))
        if invalid:
            parts.append("invalid: " + "; ".join(invalid))
        return "; ".join(parts)


def build_body(
    destination: str, record: ReturnRecord | None, ctx: ParcelContext, settings: HandonSettings
) -> Built:
    """The destination's body for this parcel, or why there is none yet."""
    if record is None:
        return Built(None, [Problem("(record)", "missing")], ["a row in the returns report"])
    extra: list[Problem] = []
    kind = record.kind or settings.default_return_kind
    awb, aggregator = False, ""
    if destination == OMNI:
        body = _omni(record, ctx, settings, kind, extra)
        awb, aggregator = settings.omni.awb_integration, settings.omni.logistic_aggregator
    elif destination == POS:
        body = _pos(record, ctx, settings, kind, extra)
    else:
        raise ValueError(f"unknown destination {destination!r}")
    body = _clean(body)
    _, problems = validate_body(destination, body, awb_integration=awb, aggregator=aggregator)
    problems = extra + problems
    if not problems:
        return Built(body)
    needs: list[str] = []
    for problem in problems:
        source = _source(problem.path)
        if problem.kind == "missing" and source not in needs:
            needs.append(source)
    return Built(None, problems, needs)


def _source(path: str) -> str:
    bare = ".".join(part.split("[")[0] for part in path.split("."))
    if bare in _SOURCES:
        return _SOURCES[bare]
    if bare.startswith("dropAddress."):
        return _SOURCES["dropAddress"]
    if bare.startswith("pickupAddress."):
        return "customer_" + bare.split(".", 1)[1]
    if bare.startswith("orderItems.subTaxItemData") or ".taxBreakUp" in bare:
        return _TAX_FIELDS
    return bare.rsplit(".", 1)[-1]


def _split(value: str | None) -> list[str]:
    """A report cell holding one value, or one per unit separated by commas."""
    return [p.strip() for p in (value or "").split(",") if p.strip()]


def _per_unit(value: str | None, quantity: int, what: str, extra: list[Problem]) -> list[str]:
    """``"A,B,C"`` for three units; an empty list when not given."""
    parts = _split(value)
    if parts and len(parts) != quantity:
        extra.append(Problem(what, "invalid", f"{len(parts)} values for quantity {quantity}"))
    return parts


def _each_unit(
    value: str | None, quantity: int, what: str, extra: list[Problem]
) -> list[str | None]:
    """One value per unit: given per unit (``"A,B"``), or one value for every unit."""
    parts: list[str | None] = list(_split(value))
    if len(parts) == 1:
        return parts * quantity
    if not parts:
        return [None] * quantity
    if len(parts) != quantity:
        extra.append(Problem(what, "invalid", f"{len(parts)} values for quantity {quantity}"))
        return [None] * quantity
    return parts


def whole_up(value: float) -> int:
    """Omni's shipmentDimension values are Integers: rounded up, never under 1.

    Up, because a parcel declared smaller or lighter than it is gets re-weighed and
    charged by the courier; the float noise of a report cell (10.0000001) is ignored.
    """
    return max(1, math.ceil(round(value, 6)))


def _omni(
    r: ReturnRecord,
    ctx: ParcelContext,
    settings: HandonSettings,
    kind: ReturnKind | None,
    extra: list[Problem],
) -> dict[str, Any]:
    omni = settings.omni
    code = r.return_id or ctx.tracking_id
    items: list[dict[str, Any]] = []
    for line_no, line in enumerate(r.lines, 1):
        qty = line.quantity or 1
        ids = _split(line.order_item_id)
        if len(ids) not in (0, 1, qty):
            extra.append(Problem("order_item_id", "invalid", f"{len(ids)} ids for quantity {qty}"))
        serials = _per_unit(line.serial_number, qty, "serial_number", extra)
        for unit in range(qty):
            if len(ids) == qty:
                item_code = ids[unit]
            else:
                base = ids[0] if ids else f"{code}-{line_no}"
                item_code = base if qty == 1 else f"{base}-{unit + 1}"
            serial = serials[unit] if len(serials) == qty else None
            items.append(_omni_item(line, r, item_code, serial))
    dims = settings.omni.default_dimensions
    dimension = {
        "breadth": whole_up(r.breadth or dims.breadth),
        "height": whole_up(r.height or dims.height),
        "length": whole_up(r.length or dims.length),
        "weight": whole_up(r.weight or dims.weight),
    }
    details = None
    invoice = (r.invoice_value, r.is_cod, r.cod_value, r.invoice_number, r.invoice_time)
    if any(v is not None for v in invoice):
        details = {
            "codValue": r.cod_value
            if r.cod_value is not None
            else (0 if r.is_cod is False else None),
            "invoiceNumber": r.invoice_number,
            "invoiceTime": omni_time(r.invoice_time) if r.invoice_time else None,
            "invoiceValue": r.invoice_value,
            "isCod": r.is_cod,
            "forwardShipmentNumber": r.forward_shipment_number,
        }
    customer = r.customer.model_dump()
    drop = omni.drop_address.to_dict() if omni.drop_address else None
    return {
        "forwardOrderCode": r.order_id,
        "returnOrderCode": code,
        "locationCode": omni.location_code,
        "returnOrderTime": omni_time(r.return_time) if r.return_time else None,
        "orderItems": items,
        "orderType": OMNI_ORDER_TYPE[kind].value if kind else None,
        "awbNumber": ctx.tracking_id,
        "transporter": r.courier or ctx.courier,
        "currencyCode": r.currency or omni.currency_code,
        "regionType": (r.region_type or omni.region_type or "").upper() or None,
        "returnReason": r.return_reason or next((ln.reason for ln in r.lines if ln.reason), None),
        "sellerGstin": r.seller_gstin or omni.seller_gstin,
        "consigneeGstin": r.consignee_gstin or omni.consignee_gstin,
        "shipmentDimension": dimension,
        "dropAddress": drop if drop and any(drop.values()) else None,
        "pickupAddress": customer if any(customer.values()) else None,
        "orderDetails": details,
    }


def _omni_item(
    line: RecordLine, r: ReturnRecord, item_code: str, serial: str | None
) -> dict[str, Any]:
    taxes = [
        {
            "type": name,
            "rate": getattr(line, f"{key}_rate"),
            "taxPerUnit": amount,
            "taxTotal": amount,
        }
        for name, key in _TAXES
        if (amount := getattr(line, key)) is not None or getattr(line, f"{key}_rate") is not None
    ]
    return {
        "itemCode": item_code,
        "reason": line.reason or r.return_reason,
        "channelSkuCode": line.sku,
        "name": line.product_name,
        "brand": line.brand,
        "color": line.color,
        "category": line.category,
        "subCategory": line.sub_category,
        "serialNumber": serial,
        "price": line.price,
        "finalAmountPaid": line.final_amount_paid,
        "imageUrl": line.image_url,
        "storeCreditsUsed": line.store_credits_used,
        "subTaxItemData": taxes or None,
    }


def _pos(
    r: ReturnRecord,
    ctx: ParcelContext,
    settings: HandonSettings,
    kind: ReturnKind | None,
    extra: list[Problem],
) -> dict[str, Any]:
    items = []
    for line in r.lines:
        qty = line.quantity or 1
        ids = _per_unit(line.order_item_id, qty, "order_item_id", extra)
        serials = _per_unit(line.serial_number, qty, "serial_number", extra)
        bundles = _each_unit(line.bundle_identifier, qty, "bundle_identifier", extra)
        price = {
            "cashOnDeliveryCharges": line.cod_charges,
            "sellingPrice": line.price,
            "shippingCharges": line.shipping_charges,
            "discount": line.discount,
            "totalPrice": line.final_amount_paid,
            "transferPrice": line.transfer_price,
        }
        gift = {
            "giftWrapMessage": line.gift_wrap_message,
            "giftWrapCharges": line.gift_wrap_charges,
        }
        units = [
            {
                "orderItemId": ids[unit] if len(ids) == qty else None,
                "serialNumber": serials[unit] if len(serials) == qty else None,
                "orderItemPrice": price if any(v is not None for v in price.values()) else None,
                "giftWrap": gift if any(v is not None for v in gift.values()) else None,
                "bundleIdentifier": bundles[unit],
            }
            for unit in range(qty)
        ]
        items.append(
            {
                "product": line.product_name,
                "description": line.description,
                "skuCode": line.sku,
                "hsnCode": line.hsn_code,
                "quantity": qty,
                "bundleSku": line.bundle_sku,
                "orderItems": units,
                "taxBreakUp": _pos_taxes(line, qty),
            }
        )
    return {
        "saleOrderID": r.order_id,
        "shipmentCode": r.shipment_code,
        "orderStatus": "RETURNED",
        "trackingNumber": ctx.tracking_id,
        # the provider the seller contracts (an aggregator, say); the courier who carried it
        "shippingProviderName": r.shipping_provider,
        "shippingCourierName": r.courier or ctx.courier or None,
        "returnTime": pos_time(ctx.received_at),
        "facilityCode": settings.pos.facility_code,
        "type": POS_TYPE[kind].value if kind else None,
        "returnInvoiceDetails": {
            "invoiceNumber": r.return_invoice_number,
            "invoiceDate": pos_time(r.return_invoice_date or ctx.received_at),
            "invoiceItems": items,
        },
    }


_POS_TAX_NAMES = {
    "igst": "integratedGst",
    "cgst": "centralGst",
    "sgst": "stateGst",
    "utgst": "unionTerritoryGst",
}


def _pos_taxes(line: RecordLine, qty: int) -> list[dict[str, Any]] | None:
    """One entry per cost head the report gives taxes for (the price, each charge)."""
    entries = []
    for head, prefix in TAX_HEADS.items():
        entry: dict[str, Any] = {"costHead": head}
        for key, name in _POS_TAX_NAMES.items():
            amount = getattr(line, f"{prefix}{key}")
            rate = getattr(line, f"{prefix}{key}_rate")
            if amount is not None:
                entry[name] = round(amount * qty, 2)  # the line's total; the report: per unit
            if rate is not None:
                entry[f"{name}Percentage"] = rate
        if len(entry) > 1:
            entries.append(entry)
    return entries or None


def _clean(value: Any) -> Any:
    """Without ``None`` values and blank strings at any depth: absent, not empty."""
    if isinstance(value, dict):
        return {
            k: _clean(v)
            for k, v in value.items()
            if v is not None and not (isinstance(v, str) and not v.strip())
        }
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
