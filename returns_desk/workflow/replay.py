"""A handover's two sides rebuilt from the local record: one way, for every reader.

The engine replays a session when it resumes after a restart; a slip printed or reprinted
from the record replays it the same way, so both give the same counts and the same lists.
A scan the dock recorded as a duplicate is kept in the record but not replayed: it was never
counted.
"""

from __future__ import annotations

from collections.abc import Sequence

from returns_desk.store import Store
from returns_desk.store.models import ScanRecord, ScanResult, counted_scans
from returns_desk.workflow.reconcile import Reconciler


def replay_parcels(
    store: Store,
    session_id: int,
    reconciler: Reconciler,
    scans: Sequence[ScanRecord] | None = None,
) -> Reconciler:
    """Feed the session's reported shipments and counted dock scans into ``reconciler``.

    ``scans``: the session's scans when the caller has read them already (for more than
    the replay), so that they are not read twice.
    """
    for shipment in store.shipments(session_id):
        reconciler.add_reported([shipment.tracking_id], shipment.first_seen_at)
    for scan in counted_scans(store.scans(session_id) if scans is None else scans):
        if scan.result is not ScanResult.DUPLICATE:
            reconciler.scan(scan.code, scan.scanned_at)
    return reconciler
