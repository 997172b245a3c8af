"""The sandbox marketplace's state machine: FEs, tasks, OTCs, scanned parcels, tokens.

No HTTP here, so tests can drive it directly. One lock guards everything; time comes from an
injectable ``clock`` (epoch seconds) so tests move time without sleeping. FEs on autopilot
are moved on lazily by ``advance()``, which every public method calls first: no background
thread is needed, and what happens depends only on the clock and the seed.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from returns_desk.sandbox.model import (
    Autopilot,
    EndOtcStats,
    FeHandle,
    FeRecord,
    FeState,
    FeView,
    MarketplaceError,
    OtcView,
    Page,
    SandboxRuleError,
    Shipment,
)

__all__ = ["FeHandle", "FeState", "MarketplaceError", "SandboxRuleError", "World"]

_FE_NAMES = (
    "Ravi Kumar", "Shyam Patel", "Anita Rao", "Suresh Yadav", "Priya Nair", "Mohammed Irfan",
    "Lakshmi Iyer", "Arjun Singh", "Deepa Menon", "Vikram Reddy", "Kavita Joshi", "Rahul Das",
)  # fmt: skip


@dataclass
class _Location:
    returns_due: bool = True
    tripsheet_closed: bool = False


def _normalise_lob(lob: str) -> str:
    """``NON_LARGE`` and ``NON-LARGE`` become the documented ``NONLARGE``; others stay."""
    text = lob.strip()
    if text.upper().replace("_", "").replace("-", "").replace(" ", "") in {"LARGE", "NONLARGE"}:
        return "LARGE" if text.upper() == "LARGE" else "NONLARGE"
    return text


def _rng(seed: int | None, purpose: str) -> random.Random:
    """One generator per purpose, so e.g. tracking ids do not depend on how many OTCs were made."""
    return random.Random(None if seed is None else f"{seed}:{purpose}")


class World:
    """Everything the marketplace knows; thread-safe; see the module docstring."""

    def __init__(
        self,
        *,
        locations: Iterable[str] = ("LOC1",),
        otc_ttl_s: float = 600.0,
        seed: int | None = 0,
        clock: Callable[[], float] = time.time,
        static_start_otc: str | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._clock = clock
        #: a static OTC mode: every FE validates this fixed code, none is generated
        self.static_start_otc = static_start_otc
        self.otc_ttl_s = float(otc_ttl_s)
        self._locations = {loc: _Location() for loc in locations}
        self._parcel_rng = _rng(seed, "parcels")
        self._otc_rng = _rng(seed, "otc")
        self._name_rng = _rng(seed, "names")
        self._fes: dict[str, FeRecord] = {}  # fe id -> his latest task
        self._tasks: dict[str, FeRecord] = {}
        self._autopilots: list[FeRecord] = []
        self._used_tracking_ids: set[str] = set()
        self._tokens: dict[str, float] = {}
        self._fe_counter = 10000
        self._task_counter = 0

    # --- time ----------------------------------------------------------------------

    def now(self) -> float:
        return float(self._clock())

    def advance(self) -> float:
        """Let every FE on autopilot do what he would have done by now; returns now."""
        with self._lock:
            now = self.now()
            if self._autopilots:
                for fe in list(self._autopilots):
                    self._advance_fe(fe, now)
                    if fe.state is FeState.COMPLETED:
                        self._autopilots.remove(fe)
            return now

    def _advance_fe(self, fe: FeRecord, now: float) -> None:
        ap = fe.autopilot
        assert ap is not None
        while True:
            if fe.state is FeState.START_OTC:
                if self.static_start_otc is not None:  # he has the fixed code from the start
                    at = max(fe.created_at + ap.validate_after_s, ap.started_at)
                    if at > now:
                        return
                    self._to_scanning(fe, at)
                    continue
                if fe.otc_created_at is None or fe.otc_expires_at is None:
                    return
                at = max(fe.otc_created_at + ap.validate_after_s, ap.started_at)
                if at > now or at >= fe.otc_expires_at:
                    return
                self._to_scanning(fe, at)
            elif fe.state is FeState.SCANNING:
                last = ap.started_at if ap.last_event_at is None else ap.last_event_at
                while len(fe.shipments) < ap.parcels:
                    at = last + ap.scan_interval_s
                    if at > now:
                        return
                    planned = [ap.planned_ids.pop(0)] if ap.planned_ids else None
                    self._scan(fe, at, 1, planned)
                    last = ap.last_event_at = at
                if last + ap.finish_after_s > now:
                    return
                fe.state = FeState.END_OTC
            elif fe.state is FeState.END_OTC:
                if fe.end_otc_created_at is None:
                    return
                if max(fe.end_otc_created_at + ap.verify_after_s, ap.started_at) > now:
                    return
                fe.state = FeState.COMPLETED
            else:
                return

    # --- the simulated FEs (SandboxRuleError on a broken rule) -----------------------

    def arrive(
        self,
        location: str = "LOC1",
        *,
        fe_id: str | None = None,
        name: str | None = None,
        lob: str = "LARGE",
        logistic_partner: str = "eKart",
        task_id: str | None = None,
    ) -> FeHandle:
        """An FE reaches the location and opens the Start OTC page; a new task starts."""
        with self._lock:
            now = self.advance()
            if location not in self._locations:
                raise SandboxRuleError(f"unknown location {location!r}")
            if fe_id is None:
                while fe_id is None or fe_id in self._fes:
                    self._fe_counter += 1
                    fe_id = f"fe{self._fe_counter}"
            elif fe_id in self._fes and self._fes[fe_id].state is not FeState.COMPLETED:
                raise SandboxRuleError(f"FE {fe_id} is already at a location with a task")
            if task_id is None:
                while task_id is None or task_id in self._tasks:
                    self._task_counter += 1
                    task_id = f"T{self._task_counter:04d}"
            elif task_id in self._tasks:
                raise SandboxRuleError(f"task {task_id} exists already")
            fe = FeRecord(
                fe_id=fe_id,
                task_id=task_id,
                name=name or self._name_rng.choice(_FE_NAMES),
                lob=_normalise_lob(lob),
                logistic_partner=logistic_partner,
                location=location,
                created_at=now,
            )
            self._fes[fe_id] = self._tasks[task_id] = fe
            return fe.handle(now)

    def issue_start_otc(self, fe_id: str) -> str:
        """As if the Seller Hub's Generate Start OTC was clicked for this FE; returns the code."""
        with self._lock:
            now = self.advance()
            fe = self._fe(fe_id)
            if fe.state is not FeState.START_OTC:
                raise SandboxRuleError(f"FE {fe_id} is not on the Start OTC page")
            if self.static_start_otc is not None:
                return self.static_start_otc
            return self._ensure_start_otc(fe, now)

    def start_otc_for(self, fe_id: str) -> str | None:
        """The FE's current valid Start OTC, None when none was made or it expired."""
        with self._lock:
            now = self.advance()
            fe = self._fe(fe_id)
            return fe.valid_otc(now) if fe.state is FeState.START_OTC else None

    def validate_start_otc(self, fe_id: str, otc: str | None = None) -> FeHandle:
        """The FE types the Start OTC into his device (None: the right one) and starts scanning."""
        with self._lock:
            now = self.advance()
            fe = self._fe(fe_id)
            if fe.state is not FeState.START_OTC:
                raise SandboxRuleError(f"FE {fe_id} is not on the Start OTC page ({fe.state})")
            if self.static_start_otc is not None:
                if otc is not None and str(otc) != self.static_start_otc:
                    raise SandboxRuleError(f"wrong static Start OTC for FE {fe_id}")
                self._to_scanning(fe, now)
                return fe.handle(now)
            current = fe.valid_otc(now)
            if current is None:
                what = "has expired" if fe.otc is not None else "was never generated"
                raise SandboxRuleError(f"the Start OTC of FE {fe_id} {what}")
            if otc is not None and str(otc) != current:
                raise SandboxRuleError(f"wrong Start OTC for FE {fe_id}")
            self._to_scanning(fe, now)
            return fe.handle(now)

    def scan(
        self, fe_id: str, count: int = 1, tracking_ids: Sequence[str] | None = None
    ) -> list[str]:
        """The FE scans parcels (given ids, or ``count`` new ones); returns their tracking ids."""
        with self._lock:
            now = self.advance()
            fe = self._fe(fe_id)
            if fe.state is not FeState.SCANNING:
                raise SandboxRuleError(f"FE {fe_id} is not scanning ({fe.state})")
            if tracking_ids is None and count < 0:
                raise SandboxRuleError("count must not be negative")
            return self._scan(fe, now, count, tracking_ids)

    def finish_scanning(self, fe_id: str) -> FeHandle:
        """The FE is done scanning and opens the End OTC page (there is no way back)."""
        with self._lock:
            now = self.advance()
            fe = self._fe(fe_id)
            if fe.state is not FeState.SCANNING:
                raise SandboxRuleError(f"FE {fe_id} is not scanning ({fe.state})")
            fe.state = FeState.END_OTC
            return fe.handle(now)

    def verify_end_otc(self, fe_id: str) -> FeHandle:
        """The FE verifies the End OTC: the task is complete and leaves initial-load."""
        with self._lock:
            now = self.advance()
            fe = self._fe(fe_id)
            if fe.state is not FeState.END_OTC:
                raise SandboxRuleError(f"FE {fe_id} is not on the End OTC page ({fe.state})")
            if fe.end_otc is None:
                raise SandboxRuleError(f"no End OTC was generated for FE {fe_id} yet")
            fe.state = FeState.COMPLETED
            return fe.handle(now)

    def autopilot(
        self,
        fe_id: str,
        *,
        parcels: int,
        scan_interval_s: float = 2.0,
        validate_after_s: float = 15.0,
        finish_after_s: float = 5.0,
        verify_after_s: float = 20.0,
        tracking_ids: Sequence[str] | None = None,
    ) -> FeHandle:
        """From now on the FE moves on by himself (see ``advance``) until ``parcels`` scanned."""
        times = (scan_interval_s, validate_after_s, finish_after_s, verify_after_s)
        if parcels < 0 or min(times) < 0:
            raise SandboxRuleError("parcels and times must not be negative")
        with self._lock:
            now = self.advance()
            fe = self._fe(fe_id)
            if fe.state is FeState.COMPLETED:
                raise SandboxRuleError(f"FE {fe_id} has completed his task")
            fe.autopilot = Autopilot(
                parcels=parcels,
                scan_interval_s=scan_interval_s,
                validate_after_s=validate_after_s,
                finish_after_s=finish_after_s,
                verify_after_s=verify_after_s,
                started_at=now,
                planned_ids=list(tracking_ids or ()),
                last_event_at=now if fe.state is FeState.SCANNING else None,
            )
            if fe not in self._autopilots:
                self._autopilots.append(fe)
            self.advance()
            return fe.handle(now)

    def plan_tracking_ids(self, count: int) -> list[str]:
        """Fresh tracking ids, reserved, for parcels an FE will scan later (the demo's dock)."""
        with self._lock:
            return [self._new_tracking_id() for _ in range(count)]

    # --- the location and the seller -----------------------------------------------

    @property
    def locations(self) -> tuple[str, ...]:
        return tuple(self._locations)

    def close_tripsheet(self, location: str, closed: bool = True) -> None:
        with self._lock:
            self.advance()
            self._location(location).tripsheet_closed = closed

    def set_returns_due(self, location: str, due: bool) -> None:
        with self._lock:
            self.advance()
            self._location(location).returns_due = due

    def issue_token(self, ttl_s: float) -> str:
        with self._lock:
            token = uuid.uuid4().hex
            self._tokens[token] = self.now() + ttl_s
            return token

    def token_valid(self, token: str) -> bool:
        with self._lock:
            expires = self._tokens.get(token)
            return expires is not None and self.now() < expires

    def revoke_tokens(self) -> None:
        with self._lock:
            self._tokens.clear()

    def fe(self, fe_id: str) -> FeHandle:
        with self._lock:
            now = self.advance()
            return self._fe(fe_id).handle(now)

    def fes(self) -> list[FeHandle]:
        with self._lock:
            now = self.advance()
            return [fe.handle(now) for fe in self._tasks.values()]

    def snapshot(self) -> dict[str, Any]:
        """Everything, as JSON-able data (the control API's ``/state``)."""
        with self._lock:
            now = self.advance()
            fes = []
            for fe in self._tasks.values():
                entry = fe.handle(now).to_json()
                entry["stats"] = fe.stats()._asdict()
                fes.append(entry)
            return {
                "now": now,
                "locations": {
                    loc: {"returns_due": s.returns_due, "tripsheet_closed": s.tripsheet_closed}
                    for loc, s in self._locations.items()
                },
                "fes": fes,
                "live_tokens": sum(1 for exp in self._tokens.values() if now < exp),
            }

    # --- what the marketplace API sees (MarketplaceError on a refusal) ---------------

    def initial_load(self, location: str) -> list[FeView]:
        with self._lock:
            self.advance()
            self._check_location(location)
            return [
                FeView(f.fe_id, f.task_id, f.name, f.lob, f.logistic_partner, f.state, f.created_at)
                for f in self._tasks.values()
                if f.location == location and f.state is not FeState.COMPLETED
            ]

    def start_otc_details(self, location: str) -> list[OtcView]:
        with self._lock:
            now = self.advance()
            self._check_location(location, start_otc=True)
            views: list[OtcView] = []
            if self.static_start_otc is not None:
                return views  # a static mode: no FE gets a generated code
            for f in self._tasks.values():
                if f.location == location and f.state is FeState.START_OTC:
                    otc = self._ensure_start_otc(f, now)
                    assert f.otc_created_at is not None and f.otc_expires_at is not None
                    who = (f.fe_id, f.task_id, f.name, f.lob, f.logistic_partner)
                    views.append(OtcView(*who, otc, f.otc_created_at, f.otc_expires_at))
            return views

    def shipments_page(
        self, task_id: str, fe_id: str, page_size: int, offset: int = 0, *, opening: bool = False
    ) -> Page:
        """``opening``: the POST, which the End OTC rules require at least once."""
        with self._lock:
            self.advance()
            fe = self._task(task_id, fe_id)
            total = len(fe.shipments)
            if offset > total:
                raise MarketplaceError("BAD_REQUEST", "the cursor points past the scanned parcels")
            if opening:
                fe.shipments_call_made = True
            end = min(offset + page_size, total)
            fe.fetched_upto = max(fe.fetched_upto, end)
            has_more = fe.state in (FeState.START_OTC, FeState.SCANNING) or end < total
            return Page(fe.shipments[offset:end], has_more, end if has_more else None)

    def end_otc_details(self, task_id: str, fe_id: str) -> EndOtcStats:
        with self._lock:
            now = self.advance()
            fe = self._task(task_id, fe_id)
            if fe.state in (FeState.START_OTC, FeState.SCANNING):
                where = "still scanning" if fe.state is FeState.SCANNING else "on Start OTC page"
                raise MarketplaceError(
                    "NOT_ON_END_OTC_PAGE_ERROR", f"FE {fe_id} is not on End OTC page, {where}"
                )
            if not fe.shipments_call_made:
                raise MarketplaceError(
                    "SHIPMENT_SYNC_ERROR", "Shipment scanning API was not called for this task"
                )
            missing = len(fe.shipments) - fe.fetched_upto
            if missing > 0:
                raise MarketplaceError(
                    "SHIPMENT_SYNC_ERROR", f"{missing} scanned shipments are not synced yet"
                )
            if fe.end_otc is None:
                fe.end_otc = f"{self._otc_rng.randrange(1_000_000):06d}"
                fe.end_otc_created_at = now
            return fe.stats()

    # --- internals (lock held) --------------------------------------------------------

    def _fe(self, fe_id: str) -> FeRecord:
        fe = self._fes.get(fe_id)
        if fe is None:
            raise SandboxRuleError(f"unknown FE {fe_id!r}")
        return fe

    def _location(self, location: str) -> _Location:
        state = self._locations.get(location)
        if state is None:
            raise SandboxRuleError(f"unknown location {location!r}")
        return state

    def _task(self, task_id: str, fe_id: str) -> FeRecord:
        fe = self._tasks.get(task_id)
        if fe is None:
            raise MarketplaceError("TRIPSHEET_TASK_NOT_FOUND", f"No RETURN task {task_id} found")
        if fe.fe_id != fe_id:
            raise MarketplaceError(
                "FE_OTC_BAD_REQUEST_ERROR", f"FE {fe_id} does not belong to task {task_id}"
            )
        return fe

    def _check_location(self, location: str, *, start_otc: bool = False) -> None:
        state = self._locations.get(location)
        if state is None:
            raise MarketplaceError(
                "UNAUTHORIZED_ERROR",
                f"Seller location {location} does not belong to this seller",
                401,
            )
        if not state.returns_due:
            raise MarketplaceError(
                "TRIPSHEET_TASK_NOT_FOUND", f"No RETURN task found for seller at {location} today"
            )
        if start_otc and state.tripsheet_closed:
            raise MarketplaceError("TRIPSHEET_CLOSED_ERROR", f"Tripsheet at {location} is closed")

    def _ensure_start_otc(self, fe: FeRecord, now: float) -> str:
        current = fe.valid_otc(now)
        if current is None:
            current = fe.otc = f"{self._otc_rng.randrange(1_000_000):06d}"
            fe.otc_created_at = now
            fe.otc_expires_at = now + self.otc_ttl_s
        return current

    def _to_scanning(self, fe: FeRecord, at: float) -> None:
        fe.state = FeState.SCANNING
        fe.otc = fe.otc_created_at = fe.otc_expires_at = None
        if fe.autopilot is not None:
            fe.autopilot.last_event_at = at

    def _scan(
        self, fe: FeRecord, at: float, count: int, tracking_ids: Sequence[str] | None
    ) -> list[str]:
        if tracking_ids is None:
            ids = [self._new_tracking_id() for _ in range(count)]
        else:
            ids = [str(t).strip() for t in tracking_ids]
            if any(not t for t in ids) or len(set(ids)) != len(ids):
                raise SandboxRuleError("tracking ids must be non-empty and distinct")
            again = [t for t in ids if t in fe.tracking_set]
            if again:
                raise SandboxRuleError(f"already scanned in this task: {', '.join(again)}")
            self._used_tracking_ids.update(ids)
        rng = self._parcel_rng
        for tracking_id in ids:
            obd, flyer = rng.random() < 0.3, rng.random() < 0.25
            fe.shipments.append(
                Shipment(
                    tracking_id=tracking_id,
                    shipment_id=f"SHP{rng.randrange(10**12):012d}",
                    scanned_at=at,
                    obd_eligible=obd,
                    obd_failed=obd and rng.random() < 0.15,
                    flyer_eligible=flyer,
                    flyer_failed=flyer and rng.random() < 0.1,
                )
            )
            fe.tracking_set.add(tracking_id)
        return ids

    def _new_tracking_id(self) -> str:
        rng = self._parcel_rng
        while True:
            prefix = "FMPP" if rng.random() < 0.2 else "FMPC"
            tracking_id = f"{prefix}{rng.randrange(10**10):010d}"
            if tracking_id not in self._used_tracking_ids:
                self._used_tracking_ids.add(tracking_id)
                return tracking_id
