"""What the seller's returns report says about one return: the canonical record.

The marketplace's scanning API gives only a tracking id; order codes, SKUs, reasons, prices
and taxes come from the seller panel's or OMS's returns report, imported by the admin
(``handon.report``). One ``ReturnRecord`` per tracking id, with one ``RecordLine`` per SKU
line; the destination bodies are built from it (``handon.build``). ``RecordBook`` keeps the
imported records in a small JSON file in the data folder, so an import made before or after
a handover serves it, and survives a restart.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from returns_desk.atomic import write_text_atomically
from returns_desk.handon.errors import ReportImportError
from returns_desk.settings.handon import ReturnKind

RECORDS_FILE = "handon-records.json"


def normalise_tracking_id(value: str) -> str:
    """As the store keeps it (``store.tracking_id_of``): trimmed, upper case."""
    return str(value).strip().upper()


class RecordLine(BaseModel):
    """One SKU line of a return; money and tax amounts are per unit."""

    model_config = ConfigDict(extra="forbid")

    sku: str | None = None
    quantity: int | None = Field(default=None, ge=1)
    #: the order item id(s): one, or one per unit separated by commas
    order_item_id: str | None = None
    reason: str | None = None
    product_name: str | None = None
    description: str | None = None
    brand: str | None = None
    color: str | None = None
    category: str | None = None
    sub_category: str | None = None
    #: one, or one per unit separated by commas
    serial_number: str | None = None
    price: float | None = None
    final_amount_paid: float | None = None
    image_url: str | None = None
    store_credits_used: float | None = None
    hsn_code: str | None = None
    shipping_charges: float | None = None
    discount: float | None = None
    igst: float | None = None
    igst_rate: float | None = None
    cgst: float | None = None
    cgst_rate: float | None = None
    sgst: float | None = None
    sgst_rate: float | None = None
    utgst: float | None = None
    utgst_rate: float | None = None
    bundle_sku: str | None = None
    #: one, or one per unit separated by commas
    bundle_identifier: str | None = None
    gift_wrap_message: str | None = None
    gift_wrap_charges: float | None = None
    cod_charges: float | None = None
    transfer_price: float | None = None
    # taxes on the charges, per POS cost head (``report_fields.TAX_HEADS``)
    shipping_igst: float | None = None
    shipping_igst_rate: float | None = None
    shipping_cgst: float | None = None
    shipping_cgst_rate: float | None = None
    shipping_sgst: float | None = None
    shipping_sgst_rate: float | None = None
    shipping_utgst: float | None = None
    shipping_utgst_rate: float | None = None
    gift_wrap_igst: float | None = None
    gift_wrap_igst_rate: float | None = None
    gift_wrap_cgst: float | None = None
    gift_wrap_cgst_rate: float | None = None
    gift_wrap_sgst: float | None = None
    gift_wrap_sgst_rate: float | None = None
    gift_wrap_utgst: float | None = None
    gift_wrap_utgst_rate: float | None = None
    cod_igst: float | None = None
    cod_igst_rate: float | None = None
    cod_cgst: float | None = None
    cod_cgst_rate: float | None = None
    cod_sgst: float | None = None
    cod_sgst_rate: float | None = None
    cod_utgst: float | None = None
    cod_utgst_rate: float | None = None


class CustomerAddress(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    line1: str | None = None
    line2: str | None = None
    line3: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    email: str | None = None
    phone: str | None = None


class ReturnRecord(BaseModel):
    """One return as the report describes it; every field but the tracking id may be absent."""

    model_config = ConfigDict(extra="forbid")

    tracking_id: str
    return_id: str | None = None
    kind: ReturnKind | None = None
    order_id: str | None = None  # Omni forwardOrderCode, POS saleOrderID
    shipment_code: str | None = None  # Uniware shipping package code (the POS path)
    return_time: AwareDatetime | None = None  # when the customer asked for the return
    courier: str | None = None
    shipping_provider: str | None = None  # POS shippingProviderName (e.g. an aggregator)
    return_reason: str | None = None
    currency: str | None = None
    region_type: str | None = None
    seller_gstin: str | None = None
    consignee_gstin: str | None = None
    invoice_number: str | None = None
    invoice_time: AwareDatetime | None = None
    invoice_value: float | None = None
    is_cod: bool | None = None
    cod_value: float | None = None
    forward_shipment_number: str | None = None
    return_invoice_number: str | None = None
    return_invoice_date: AwareDatetime | None = None
    breadth: float | None = None
    height: float | None = None
    length: float | None = None
    weight: float | None = None
    customer: CustomerAddress = Field(default_factory=CustomerAddress)
    lines: list[RecordLine] = Field(default_factory=list)
    imported_at: datetime | None = None
    source: str | None = None  # the report file's name

    @property
    def key(self) -> str:
        return normalise_tracking_id(self.tracking_id)


class RecordBook:
    """The imported records, one JSON file; the newest import of a tracking id wins."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    @classmethod
    def in_folder(cls, data_folder: str | os.PathLike[str]) -> RecordBook:
        return cls(Path(data_folder) / RECORDS_FILE)

    def load(self) -> dict[str, ReturnRecord]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise ReportImportError(f"{self.path.name}: {exc.strerror}") from None
        try:
            records = [ReturnRecord.model_validate(item) for item in _record_items(text)]
        except (ValueError, KeyError, TypeError, IndexError, ValidationError):
            raise ReportImportError(
                f"{self.path.name} is damaged", message="The imported returns cannot be read."
            ) from None
        return {record.key: record for record in records}

    def merge(self, records: Iterable[ReturnRecord]) -> dict[str, ReturnRecord]:
        """Add or replace records by tracking id, write the file atomically; all records."""
        merged = self.load()
        merged.update((record.key, record) for record in records)
        self.save(merged)
        return merged

    def save(self, records: Mapping[str, ReturnRecord]) -> None:
        body = {
            "version": 1,
            "records": [r.model_dump(mode="json", exclude_none=True) for r in records.values()],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(self.path, json.dumps(body, ensure_ascii=False, indent=1))


_RECORDS_START = re.compile(r'\s*\{\s*"version"\s*:\s*\d+\s*,\s*"records"\s*:\s*\[')
_SEPARATOR = re.compile(r"\s*(,|\])\s*")


def _record_items(text: str) -> Iterator[Any]:
    """The items of ``{"version": 1, "records": [...]}`` one by one.

    A file of weeks of records is tens of megabytes: ``json.loads`` parses it in one call
    that holds the GIL throughout, and every scan on the GUI thread waits. Decoding one
    record at a time lets the other threads run between records. A file of any other shape
    is parsed whole, as before.
    """
    start = _RECORDS_START.match(text)
    if start is None:
        yield from json.loads(text)["records"]
        return
    decoder = json.JSONDecoder()
    at = start.end()
    if text[at:].lstrip().startswith("]"):
        at = text.index("]", at) + 1
    else:
        while True:
            while text[at].isspace():
                at += 1
            item, at = decoder.raw_decode(text, at)
            yield item
            separator = _SEPARATOR.match(text, at)
            if separator is None:
                raise ValueError("records: , or ] expected")
            at = separator.end()
            if separator.group(1) == "]":
                break
    if text[at:].strip() != "}":
        raise ValueError("records: } expected at the end")
