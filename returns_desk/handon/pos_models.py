"""The Unicommerce POS contract's return, ``POST {posbaseurl}/v1/returns/{shippingPackage.code}``.

The contract documents no mandatory column, so the rules here are ours, chosen so that a POS
can record the return: the sale order and package codes, the facility, the kind (``RTO`` or
``CIR``), the return time (UTC ``yyyy-MM-dd'T'HH:mm:ss``) and a return invoice with at least
one item, whose ``quantity`` equals its number of ``orderItems`` (one per unit, notes B.5).
``invoiceItems``, ``orderItems`` and ``taxBreakUp`` are arrays of objects: the seed's sample
writes them as bare key/value pairs, which is not JSON (notes B.5).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from returns_desk.handon.fields import Filled, PosTime


class PosReturnType(StrEnum):
    RTO = "RTO"  # return to origin: never delivered, came back
    CIR = "CIR"  # customer initiated return, after delivery


def _none_as_empty(value: Any) -> Any:
    return [] if value is None else value


def _number_text(value: Any) -> Any:
    """``quantity`` arrives as ``"1"`` in Unicommerce's own Dispatch sample: accept it."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class OrderItemPrice(_Model):
    cashOnDeliveryCharges: float | None = None
    sellingPrice: float | None = None
    shippingCharges: float | None = None
    discount: float | None = None
    totalPrice: float | None = None
    transferPrice: float | None = None


class GiftWrap(_Model):
    giftWrapMessage: str | None = None
    giftWrapCharges: float | None = None


class PosOrderItem(_Model):
    orderItemId: Filled
    serialNumber: str | None = None
    orderItemPrice: OrderItemPrice | None = None
    giftWrap: GiftWrap | None = None
    bundleIdentifier: str | None = None


class TaxBreakUp(_Model):
    costHead: Filled
    integratedGst: float | None = None
    unionTerritoryGst: float | None = None
    stateGst: float | None = None
    centralGst: float | None = None
    centralGstPercentage: float | None = None
    stateGstPercentage: float | None = None
    unionTerritoryGstPercentage: float | None = None
    integratedGstPercentage: float | None = None


class InvoiceItem(_Model):
    product: str | None = None
    description: str | None = None
    skuCode: Filled
    hsnCode: str | None = None
    quantity: Annotated[int, BeforeValidator(_number_text), Field(ge=1)]
    bundleSku: str | None = None
    orderItems: list[PosOrderItem] = Field(min_length=1)
    taxBreakUp: list[TaxBreakUp] | None = None

    @model_validator(mode="after")
    def _one_order_item_per_unit(self) -> InvoiceItem:
        if self.quantity != len(self.orderItems):
            raise ValueError(
                f"quantity {self.quantity} but {len(self.orderItems)} orderItems (one per unit)"
            )
        return self


class ReturnInvoiceDetails(_Model):
    invoiceNumber: Filled
    invoiceDate: PosTime
    invoiceItems: list[InvoiceItem] = Field(min_length=1)


class PosReturn(_Model):
    saleOrderID: Filled
    shipmentCode: Filled
    orderStatus: Literal["RETURNED"] = "RETURNED"
    trackingNumber: str | None = None
    shippingProviderName: str | None = None
    shippingCourierName: str | None = None
    returnTime: PosTime
    facilityCode: Filled
    type: PosReturnType
    returnInvoiceDetails: ReturnInvoiceDetails

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class PosMessage(BaseModel):
    """One entry of ``errors`` or ``warnings``; extra keys (``errorParams``) are kept."""

    model_config = ConfigDict(extra="allow", frozen=True)

    code: Any = None
    fieldName: str | None = None
    message: str | None = None
    description: str | None = None


class PosAnswer(BaseModel):
    """``{successful, message, errors, warnings}``: ``successful`` decides, not the status."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    successful: bool | None = None
    message: str | None = None
    errors: Annotated[list[PosMessage], BeforeValidator(_none_as_empty)] = Field(
        default_factory=list
    )
    warnings: Annotated[list[PosMessage], BeforeValidator(_none_as_empty)] = Field(
        default_factory=list
    )
