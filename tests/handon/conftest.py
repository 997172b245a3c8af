"""Hand-on fixtures: a real store in the test's folder, the destination stand-ins on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from returns_desk.api.transport import RetryPolicy, Timeouts, Transport
from returns_desk.handon import (
    DestinationCredentials,
    HandonSettings,
    OmniClient,
    PosClient,
    ReturnRecord,
)
from returns_desk.handon.records import RecordLine
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.settings.handon import OmniSettings, PosSettings, ReturnKind, WarehouseAddress
from returns_desk.store import Store
from tests.clocks import FakeClock

SAMPLES = Path(__file__).with_name("samples")
START = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
OMNI_CREDS = DestinationCredentials(username="omni-user", password=SecretStr("omni-pass"))
POS_CREDS = DestinationCredentials(username="pos-user", password=SecretStr("pos-pass"))


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(tmp_path / "data", clock=clock) as opened:
        yield opened


@pytest.fixture
def stand_ins() -> Iterator[DestinationStandIns]:
    with DestinationStandIns() as running:
        yield running


def fast_transport() -> Transport:
    return Transport(timeouts=Timeouts(2.0, 5.0), retry=RetryPolicy(max_retries=0))


def site_settings(
    stand_ins: DestinationStandIns | None = None, *, awb: bool = False, **changes: Any
) -> HandonSettings:
    omni_url = stand_ins.omni_base_url if stand_ins else "https://omni.example/assure-magic2"
    pos_url = stand_ins.pos_base_url if stand_ins else "https://pos.example"
    return HandonSettings(
        omni=OmniSettings(
            enabled=True,
            base_url=omni_url,
            location_code="Wid234",
            awb_integration=awb,
            seller_gstin="29AADCP7081J1ZY",
            consignee_gstin="29AAHCT2518N1ZW",
            drop_address=WarehouseAddress(
                name="Dock POC",
                line1="Plot 4, KIADB",
                city="Bengaluru",
                state="Karnataka",
                zip="560076",
                email="dock@example.in",
                phone="9999999999",
            ),
        ),
        pos=PosSettings(enabled=True, base_url=pos_url, facility_code="Store1"),
        **changes,
    )


@pytest.fixture
def omni(stand_ins: DestinationStandIns) -> Iterator[OmniClient]:
    client = OmniClient(site_settings(stand_ins).omni, OMNI_CREDS, fast_transport())
    yield client
    client.close()


@pytest.fixture
def pos(stand_ins: DestinationStandIns) -> Iterator[PosClient]:
    client = PosClient(site_settings(stand_ins).pos, POS_CREDS, fast_transport())
    yield client
    client.close()


def full_record(tracking_id: str, *, quantity: int = 1, **changes: Any) -> ReturnRecord:
    """A record with everything both destinations can use (AWB integration included)."""
    ids = ",".join(f"OI-{tracking_id}-{n}" for n in range(1, quantity + 1))
    serials = ",".join(f"SN-{tracking_id}-{n}" for n in range(1, quantity + 1))
    line = RecordLine(
        sku="10007345",
        quantity=quantity,
        order_item_id=ids,
        reason="Different Size",
        product_name="Runner",
        description="Running shoe",
        brand="Brand1",
        color="Black",
        category="Footwear",
        sub_category="Shoe",
        serial_number=serials,
        price=100.0,
        final_amount_paid=100.0,
        image_url="https://img.example/1.jpg",
        store_credits_used=0.0,
        hsn_code="640411",
        igst=10.0,
        igst_rate=10.0,
    )
    fields: dict[str, Any] = {
        "tracking_id": tracking_id,
        "return_id": f"R-{tracking_id}",
        "kind": ReturnKind.CUSTOMER_RETURN,
        "order_id": f"OD-{tracking_id}",
        "shipment_code": f"SP-{tracking_id}",
        "return_time": START - timedelta(days=3),
        "courier": "Ekart",
        "return_reason": "damaged product",
        "invoice_number": "INV-10",
        "invoice_time": START - timedelta(days=10),
        "invoice_value": 100.0,
        "is_cod": False,
        "cod_value": 0.0,
        "return_invoice_number": f"CN-{tracking_id}",
        "customer": {
            "name": "Asha",
            "line1": "12 MG Road",
            "city": "Bengaluru",
            "state": "Karnataka",
            "zip": "560001",
            "country": "INDIA",
            "email": "asha@example.in",
            "phone": "9876543210",
        },
        "lines": [line],
    }
    fields.update(changes)
    return ReturnRecord(**fields)


def received_session(store: Store, tracking_ids: list[str], **session: Any) -> int:
    """A closed-ready handover where the FE reported and the dock scanned these parcels."""
    opened = store.open_session(
        "LOC1", session.get("task_id", "T1"), "fe1", state="EndOtcPage", logistic_partner="Ekart"
    )
    store.record_shipments_page(opened.id, [{"trackingId": t} for t in tracking_ids], None, True)
    for code in tracking_ids:
        store.record_scan(opened.id, code, code, "matched", terminal="DOCK-1", operator="t")
    return opened.id


def records_for(tracking_ids: list[str]) -> dict[str, ReturnRecord]:
    return {t: full_record(t) for t in tracking_ids}
