"""The report columns the importer understands: canonical names, their kind, usual headers.

A column mapping (``handon.report.ColumnMapping``) ties each canonical name to a header of
the seller's export; ``suggest_mapping`` guesses it from these usual headers (seller panels
and OMS exports, case and punctuation ignored). Money and tax amounts are per unit.
"""

from __future__ import annotations

import re

TEXT, NUMBER, INT, BOOL, TIME, KIND = "text", "number", "int", "bool", "time", "kind"

#: canonical name -> (kind, usual headers); one value per return (the first row's wins)
RETURN_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tracking_id": (TEXT, ("tracking id", "awb", "awb number", "awb no", "tracking number")),
    "return_id": (TEXT, ("return id", "return order id", "return order code", "rma id")),
    "return_type": (KIND, ("return type", "type of return", "return kind")),
    "order_id": (TEXT, ("order id", "order code", "sale order code", "forward order code")),
    "shipment_code": (TEXT, ("shipment code", "shipping package code", "package code")),
    "return_time": (TIME, ("return requested date", "return created", "return date")),
    "courier": (TEXT, ("courier", "courier name", "transporter", "logistics partner")),
    "shipping_provider": (
        TEXT,
        ("shipping provider", "shipping provider name", "logistics aggregator", "aggregator"),
    ),
    "return_reason": (TEXT, ("order return reason",)),
    "currency": (TEXT, ("currency", "currency code")),
    "region_type": (TEXT, ("region type",)),
    "seller_gstin": (TEXT, ("seller gstin",)),
    "consignee_gstin": (TEXT, ("consignee gstin",)),
    "invoice_number": (TEXT, ("invoice number", "invoice no", "invoice id")),
    "invoice_time": (TIME, ("invoice date", "invoice time")),
    "invoice_value": (NUMBER, ("invoice value", "invoice amount")),
    "is_cod": (BOOL, ("is cod", "cod", "payment type", "payment mode")),
    "cod_value": (NUMBER, ("cod value", "cod amount")),
    "forward_shipment_number": (TEXT, ("forward shipment number",)),
    "return_invoice_number": (TEXT, ("return invoice number", "credit note number")),
    "return_invoice_date": (TIME, ("return invoice date", "credit note date")),
    "breadth": (NUMBER, ("breadth", "width")),
    "height": (NUMBER, ("height",)),
    "length": (NUMBER, ("length",)),
    "weight": (NUMBER, ("weight", "dead weight")),
    "customer_name": (TEXT, ("customer name", "buyer name")),
    "customer_line1": (TEXT, ("customer address line 1", "address line 1", "address 1")),
    "customer_line2": (TEXT, ("customer address line 2", "address line 2", "address 2")),
    "customer_line3": (TEXT, ("customer address line 3", "address line 3")),
    "customer_city": (TEXT, ("customer city", "city")),
    "customer_state": (TEXT, ("customer state", "state")),
    "customer_zip": (TEXT, ("customer pincode", "pincode", "pin code", "zip")),
    "customer_country": (TEXT, ("customer country", "country")),
    "customer_email": (TEXT, ("customer email", "email")),
    "customer_phone": (TEXT, ("customer phone", "phone", "mobile")),
}

#: canonical name -> (kind, usual headers); one value per row (a SKU line of the return)
LINE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "sku": (TEXT, ("sku", "seller sku", "sku code", "channel sku code")),
    "quantity": (INT, ("quantity", "qty", "return quantity")),
    "order_item_id": (TEXT, ("order item id", "order item code", "sale order item code")),
    "reason": (TEXT, ("return reason", "item return reason", "return sub reason")),
    "product_name": (TEXT, ("product name", "product title", "product")),
    "description": (TEXT, ("description", "product description")),
    "brand": (TEXT, ("brand",)),
    "color": (TEXT, ("color", "colour")),
    "category": (TEXT, ("category",)),
    "sub_category": (TEXT, ("sub category", "subcategory")),
    "serial_number": (TEXT, ("serial number", "serial no", "imei")),
    "price": (NUMBER, ("price", "selling price", "unit price", "mrp")),
    "final_amount_paid": (NUMBER, ("final amount paid", "amount paid", "total price")),
    "image_url": (TEXT, ("image url", "image")),
    "store_credits_used": (NUMBER, ("store credits used", "store credit")),
    "hsn_code": (TEXT, ("hsn", "hsn code")),
    "shipping_charges": (NUMBER, ("shipping charges", "shipping fee")),
    "discount": (NUMBER, ("discount",)),
    "igst": (NUMBER, ("igst", "igst amount")),
    "igst_rate": (NUMBER, ("igst rate", "igst %")),
    "cgst": (NUMBER, ("cgst", "cgst amount")),
    "cgst_rate": (NUMBER, ("cgst rate", "cgst %")),
    "sgst": (NUMBER, ("sgst", "sgst amount")),
    "sgst_rate": (NUMBER, ("sgst rate", "sgst %")),
    "utgst": (NUMBER, ("utgst", "utgst amount")),
    "utgst_rate": (NUMBER, ("utgst rate", "utgst %")),
    "bundle_sku": (TEXT, ("bundle sku", "combo sku", "parent sku")),
    "bundle_identifier": (TEXT, ("bundle identifier", "bundle id", "combo id")),
    "gift_wrap_message": (TEXT, ("gift wrap message", "gift message")),
    "gift_wrap_charges": (NUMBER, ("gift wrap charges", "gift wrap fee")),
    "cod_charges": (NUMBER, ("cod charges", "cash on delivery charges", "cod fee")),
    "transfer_price": (NUMBER, ("transfer price",)),
}

#: The tax columns: the GST kinds, and per POS ``taxBreakUp.costHead`` (seed 004's values)
#: the prefix of its columns. SELLING_PRICE reads ``igst``, ``igst_rate`` ...; the charges
#: read e.g. ``shipping_igst``, ``shipping_igst_rate``. Amounts per unit, rates in percent.
TAXES = ("igst", "cgst", "sgst", "utgst")
TAX_HEADS = {
    "SELLING_PRICE": "",
    "SHIPPING_CHARGES": "shipping_",
    "GIFT_WRAP_CHARGES": "gift_wrap_",
    "CASH_ON_DELIVERY_CHARGES": "cod_",
}
for _prefix in filter(None, TAX_HEADS.values()):
    _words = _prefix.replace("_", " ").strip()
    for _tax in TAXES:
        LINE_FIELDS[f"{_prefix}{_tax}"] = (NUMBER, (f"{_words} {_tax}", f"{_words} {_tax} amount"))
        LINE_FIELDS[f"{_prefix}{_tax}_rate"] = (
            NUMBER,
            (f"{_words} {_tax} rate", f"{_words} {_tax} %"),
        )

ALL_FIELDS = {**RETURN_FIELDS, **LINE_FIELDS}


def header_key(text: object) -> str:
    """``"Tracking ID "`` and ``"tracking_id"`` compare equal."""
    return re.sub(r"[^a-z0-9%]+", " ", str(text or "").lower()).strip()
