"""The Omni (Increff) return order, ``POST {base}/return/return-orders``, as pydantic models.

Always mandatory: ``forwardOrderCode``, ``returnOrderCode``, ``locationCode`` and at least one
``orderItems`` entry with ``itemCode``, ``reason`` and ``channelSkuCode``. With the site setting
"AWB integration with RMS" the seed's "Conditional Yes" fields become mandatory too (they feed
Increff RMS's return-AWB generation). One ``orderItems`` entry is one unit, so item codes must
be unique. When the site's logistics aggregator is CLICKPOST, ``sellerGstin`` and the order
details' ``invoiceNumber`` and ``invoiceTime`` are mandatory (the seed: "If
logisticAggregatorType=CLICKPOST, then this field is mandatory"). ``shipmentDimension``
values are Integers, as the seed's type column says. Validate with ``validate_body`` (a list
of problems) or ``OmniReturnOrder.model_validate(data, context={"awb_integration": True,
"aggregator": "CLICKPOST"})`` (raises).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationInfo, model_validator

from returns_desk.handon.fields import IsoTime, Required, Text


class OrderType(StrEnum):
    SELF_SHIP = "SELF_SHIP"
    CUSTOMER_RETURN = "CUSTOMER_RETURN"
    RETURN_TO_ORIGIN = "RETURN_TO_ORIGIN"


class RegionType(StrEnum):
    INDIAN = "INDIAN"
    INTERNATIONAL = "INTERNATIONAL"


class _Model(BaseModel):
    # Outbound payloads: an unknown field is our typo, never something to send.
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class SubTaxItem(_Model):
    type: Required
    rate: float = Field(ge=0)
    taxPerUnit: float = Field(ge=0)
    taxTotal: float = Field(ge=0)


class OmniOrderItem(_Model):
    """One unit of one SKU."""

    itemCode: Required
    reason: Required
    channelSkuCode: Required
    name: Text | None = None
    brand: Text | None = None
    color: Text | None = None
    category: Text | None = None
    subCategory: Text | None = None
    serialNumber: Text | None = None
    enableDoorStepQc: bool | None = None
    price: float | None = Field(default=None, ge=0)
    finalAmountPaid: float | None = Field(default=None, ge=0)
    imageUrl: Text | None = None
    storeCreditsUsed: float | None = Field(default=None, ge=0)
    subTaxItemData: list[SubTaxItem] | None = None


class ShipmentDimension(_Model):
    """Integers, as the seed's type column says (``build`` rounds up; docs/handon.md)."""

    breadth: StrictInt = Field(gt=0)
    height: StrictInt = Field(gt=0)
    length: StrictInt = Field(gt=0)
    weight: StrictInt = Field(gt=0)


class OmniAddress(_Model):
    name: Required
    line1: Required
    line2: Text | None = None
    line3: Text | None = None
    city: Required
    state: Required
    zip: Required
    country: Required
    email: Required
    phone: Required


class OrderDetails(_Model):
    codValue: float = Field(ge=0)
    invoiceNumber: Text | None = None
    invoiceTime: IsoTime | None = None
    invoiceValue: float = Field(ge=0)
    isCod: bool
    forwardShipmentNumber: Text | None = None

    @model_validator(mode="after")
    def _cod_value(self) -> OrderDetails:
        if self.isCod and self.codValue <= 0:
            raise ValueError("codValue must be greater than 0 for a COD order")
        return self


#: Item fields that "AWB integration with RMS" makes mandatory (seed 003).
AWB_ITEM_FIELDS = (
    "name",
    "brand",
    "color",
    "category",
    "subCategory",
    "serialNumber",
    "price",
    "finalAmountPaid",
    "imageUrl",
    "storeCreditsUsed",
    "subTaxItemData",
)
#: Top-level fields that "AWB integration with RMS" makes mandatory (seed 003).
AWB_ORDER_FIELDS = (
    "orderType",
    "currencyCode",
    "regionType",
    "sellerGstin",
    "consigneeGstin",
    "returnReason",
    "shipmentDimension",
    "dropAddress",
    "pickupAddress",
    "orderDetails",
)


#: The logistics aggregators the seed names (``logisticAggregatorType``); a site setting.
CLICKPOST, SHIPROCKET = "CLICKPOST", "SHIPROCKET"
#: Fields the seed makes mandatory when the aggregator is CLICKPOST (SHIPROCKET: may be null).
CLICKPOST_FIELDS = ("sellerGstin", "orderDetails.invoiceNumber", "orderDetails.invoiceTime")


class OmniReturnOrder(_Model):
    forwardOrderCode: Required
    returnOrderCode: Required
    locationCode: Required
    returnOrderTime: IsoTime | None = None
    returnOrderStatus: Text | None = None
    expectedDate: IsoTime | None = None
    orderItems: list[OmniOrderItem] = Field(min_length=1)
    orderType: OrderType | None = None
    awbNumber: Text | None = None
    transporter: Text | None = None
    currencyCode: Text | None = None
    regionType: RegionType | None = None
    returnReason: Text | None = None
    sellerGstin: Text | None = None
    consigneeGstin: Text | None = None
    shipmentDimension: ShipmentDimension | None = None
    dropAddress: OmniAddress | None = None
    pickupAddress: OmniAddress | None = None
    orderDetails: OrderDetails | None = None

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> OmniReturnOrder:
        codes = [item.itemCode for item in self.orderItems]
        if len(set(codes)) != len(codes):
            raise ValueError("every orderItems entry (one unit each) needs its own itemCode")
        context = info.context or {}
        if context.get("awb_integration"):
            missing = awb_missing(self.model_dump())
            if missing:
                raise ValueError("mandatory with AWB integration: " + ", ".join(missing))
        missing = aggregator_missing(self.model_dump(), context.get("aggregator"))
        if missing:
            raise ValueError("mandatory with CLICKPOST: " + ", ".join(missing))
        return self

    def to_json(self) -> dict[str, Any]:
        """The body to send: camelCase names as documented, absent fields left out."""
        return self.model_dump(mode="json", exclude_none=True)


def _empty(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def awb_missing(order: Mapping[str, Any]) -> list[str]:
    """The conditional fields AWB integration with RMS requires and ``order`` (a body) lacks."""
    missing = [name for name in AWB_ORDER_FIELDS if _empty(order.get(name))]
    items = order.get("orderItems")
    for index, item in enumerate(items if isinstance(items, list) else []):
        item = item if isinstance(item, Mapping) else {}
        missing += [
            f"orderItems[{index}].{name}" for name in AWB_ITEM_FIELDS if _empty(item.get(name))
        ]
    return missing


def aggregator_missing(order: Mapping[str, Any], aggregator: str | None) -> list[str]:
    """The fields the site's logistics aggregator requires and ``order`` lacks."""
    if (aggregator or "").strip().upper() != CLICKPOST:
        return []
    missing = []
    for path in CLICKPOST_FIELDS:
        value: Any = order
        for part in path.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if _empty(value):
            missing.append(path)
    return missing
