"""Made-up slips for the test print, the documentation images and the tests.

The names and the location are deliberately long, so a test print shows at once whether
text wraps on the admin's paper instead of running off it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from returns_desk.printing.slips import (
    DockCounts,
    EndStats,
    HandoverReceipt,
    SlipFe,
    StartOtcSlip,
)

SAMPLE_FE = SlipFe(
    fe_id="FE-20931",
    name="Venkata Ramanathan Subrahmanyam",
    logistic_partner="Ekart Logistics",
    lob="NONLARGE",
)
SAMPLE_LOCATION = "LOC1 - Bhiwandi Returns Dock 3, Building B (Sample Warehouse Pvt Ltd)"


def sample_start_slip(now: datetime) -> StartOtcSlip:
    return StartOtcSlip(
        location=SAMPLE_LOCATION,
        fe=SAMPLE_FE,
        task_id="T0042",
        otc="482917",
        created_at=now - timedelta(minutes=2),
        expires_at=now + timedelta(minutes=28),
        terminal="DOCK-3-PC",
        printed_at=now,
    )


def sample_receipt(now: datetime, *, missing_count: int = 2) -> HandoverReceipt:
    """A finished handover with ``missing_count`` parcels missing at the dock."""
    missing = tuple(f"FMPC{1270000000 + 7919 * n:010d}" for n in range(missing_count))
    unexpected = ("FMPP0127902385",)
    received = tuple(f"FMPC{1280000000 + 31 * n:010d}" for n in range(14)) + unexpected
    return HandoverReceipt(
        location=SAMPLE_LOCATION,
        fe=SAMPLE_FE,
        task_id="T0042",
        start_otc="482917",
        end_otc="739204",
        api_stats=EndStats(
            total_scanned=14 + missing_count,
            obd_eligible=12,
            obd_failed=1,
            flyer_eligible=3,
            flyer_failed=0,
        ),
        dock=DockCounts(
            fe_scanned=14 + missing_count,
            dock_scanned=15,
            matched=14,
            missing_at_dock=missing_count,
            unexpected_at_dock=len(unexpected),
        ),
        missing=missing,
        unexpected=unexpected,
        session_id="S-20261125-0007",
        started_at=now - timedelta(minutes=24),
        ended_at=now - timedelta(minutes=1),
        terminal="DOCK-3-PC",
        printed_at=now,
        operator="Priya Nair",
        received=received,
    )
