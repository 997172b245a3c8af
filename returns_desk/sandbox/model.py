"""The sandbox's value types: errors, the FE snapshot, shipments and what the API reads.

Kept apart from ``world.py`` so that the state machine stays short and these types can be
imported by the server, the control client and tests without pulling in any logic. The
sandbox's fixed configuration is here too, so that the server's parts read it without
importing the server that holds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, NamedTuple


class SandboxRuleError(ValueError):
    """A simulated FE (or the test driving it) broke a rule of the handover."""


class MarketplaceError(Exception):
    """A business error the marketplace API answers with ``{"errorCode", "message"}``."""

    def __init__(self, error_code: str, message: str, http_status: int = 400) -> None:
        super().__init__(f"{error_code}: {message}")
        self.error_code = error_code
        self.message = message
        self.http_status = http_status


class FeState(StrEnum):
    """Where the FE is in the handover; the wire names come from ``SandboxConfig``."""

    START_OTC = "start_otc"
    SCANNING = "scanning"
    END_OTC = "end_otc"
    COMPLETED = "completed"


@dataclass(frozen=True, slots=True)
class Shipment:
    """One parcel the FE scanned; the flags are hidden and only feed the End OTC stats."""

    tracking_id: str
    shipment_id: str
    scanned_at: float
    obd_eligible: bool = False
    obd_failed: bool = False
    flyer_eligible: bool = False
    flyer_failed: bool = False


@dataclass(frozen=True)
class FeHandle:
    """A snapshot of one FE and his task, safe to keep after the world moves on."""

    fe_id: str
    task_id: str
    name: str
    lob: str
    logistic_partner: str
    location: str
    state: str
    created_at: float
    otc: str | None = None
    otc_expires_at: float | None = None
    end_otc: str | None = None
    tracking_ids: tuple[str, ...] = ()
    shipments_call_made: bool = False
    fetched_upto: int = 0
    on_autopilot: bool = False

    @property
    def scanned(self) -> int:
        return len(self.tracking_ids)

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["tracking_ids"] = list(self.tracking_ids)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeHandle:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["tracking_ids"] = tuple(known.get("tracking_ids", ()))
        return cls(**known)


class FeView(NamedTuple):
    """What initial-load tells about one FE."""

    fe_id: str
    task_id: str
    name: str
    lob: str
    logistic_partner: str
    state: FeState
    created_at: float


class OtcView(NamedTuple):
    """What Start OTC tells about one FE."""

    fe_id: str
    task_id: str
    name: str
    lob: str
    logistic_partner: str
    otc: str
    created_at: float
    expires_at: float


class Page(NamedTuple):
    """One page of scanned shipments; ``items`` is a slice, never the whole list."""

    items: list[Shipment]
    has_more: bool
    next_offset: int | None


class EndOtcStats(NamedTuple):
    otc: str
    total_scanned: int
    obd_eligible: int
    obd_failed: int
    flyer_eligible: int
    flyer_failed: int


@dataclass
class Autopilot:
    """How an FE on autopilot moves on by himself, as the world clock advances."""

    parcels: int
    scan_interval_s: float
    validate_after_s: float
    finish_after_s: float
    verify_after_s: float
    started_at: float
    planned_ids: list[str] = field(default_factory=list)
    #: when the last autopilot event happened (scanning start or last scan)
    last_event_at: float | None = None


@dataclass
class FeRecord:
    """The world's mutable record of one FE's task (guarded by the world's lock)."""

    fe_id: str
    task_id: str
    name: str
    lob: str
    logistic_partner: str
    location: str
    created_at: float
    state: FeState = FeState.START_OTC
    otc: str | None = None
    otc_created_at: float | None = None
    otc_expires_at: float | None = None
    end_otc: str | None = None
    end_otc_created_at: float | None = None
    shipments: list[Shipment] = field(default_factory=list)
    tracking_set: set[str] = field(default_factory=set)
    shipments_call_made: bool = False
    fetched_upto: int = 0
    autopilot: Autopilot | None = None

    def valid_otc(self, now: float) -> str | None:
        if self.otc is not None and self.otc_expires_at is not None and now < self.otc_expires_at:
            return self.otc
        return None

    def handle(self, now: float) -> FeHandle:
        otc = self.valid_otc(now) if self.state is FeState.START_OTC else None
        return FeHandle(
            fe_id=self.fe_id,
            task_id=self.task_id,
            name=self.name,
            lob=self.lob,
            logistic_partner=self.logistic_partner,
            location=self.location,
            state=self.state.value,
            created_at=self.created_at,
            otc=otc,
            otc_expires_at=self.otc_expires_at if otc else None,
            end_otc=self.end_otc,
            tracking_ids=tuple(s.tracking_id for s in self.shipments),
            shipments_call_made=self.shipments_call_made,
            fetched_upto=self.fetched_upto,
            on_autopilot=self.autopilot is not None,
        )

    def stats(self) -> EndOtcStats:
        ships = self.shipments
        return EndOtcStats(
            otc=self.end_otc or "",
            total_scanned=len(ships),
            obd_eligible=sum(s.obd_eligible for s in ships),
            obd_failed=sum(s.obd_failed for s in ships),
            flyer_eligible=sum(s.flyer_eligible for s in ships),
            flyer_failed=sum(s.flyer_failed for s in ships),
        )


DEFAULT_STATUS_NAMES = {"start": "StartOtcPage", "scanning": "Scanning", "end": "EndOtcPage"}
#: How task statuses are spelled, by style. The documents name only "Scanning", so the
#: sandbox can answer in spellings the app has never seen (an unknown word, one word for
#: two pages, an empty string, a number): none of them may keep an action from the clerk.
STATUS_STYLES: dict[str, dict[str, Any]] = {
    "named": DEFAULT_STATUS_NAMES,
    "summary": {"start": "StartOtcPage", "scanning": "Scanning", "end": "SUMMARY"},
    "otc-pending": {"start": "OTC_PENDING", "scanning": "Scanning", "end": "OTC_PENDING"},
    "blank": {"start": "", "scanning": "", "end": ""},
    "numeric": {"start": 1, "scanning": 2, "end": 3},
}
#: OTC modes whose Start OTC is fixed for the location (the FE has it; nothing to generate)
STATIC_START_MODES = ("OldStatic", "NewStatic", "DynamicEnd")


@dataclass(frozen=True)
class SandboxConfig:
    """What stays fixed for one sandbox: the seller, and the spellings the docs leave open."""

    locations: tuple[str, ...] = ("LOC1",)
    client_id: str = "sandbox"
    client_secret: str = "sandbox"
    default_page_size: int = 25
    otc_ttl_s: float = 600.0
    token_ttl_s: float = 3600.0
    pagination_naming: Literal["snake", "camel"] = "snake"
    epoch_unit: Literal["ms", "s"] = "ms"
    status_style: str = "named"
    #: spellings that override the style's, by "start", "scanning", "end"
    status_names: Mapping[str, Any] = field(default_factory=dict)
    enabled_for: str = "DynamicStartEnd"
    #: the location's fixed Start OTC in the static modes (``STATIC_START_MODES``)
    static_start_otc: str = "424242"
    seed: int | None = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "locations", tuple(self.locations))
        if self.status_style not in STATUS_STYLES:
            raise ValueError(f"status_style must be one of {', '.join(STATUS_STYLES)}")
        names = {**STATUS_STYLES[self.status_style], **self.status_names}
        object.__setattr__(self, "status_names", names)
        if self.pagination_naming not in ("snake", "camel"):
            raise ValueError("pagination_naming must be 'snake' or 'camel'")
        if self.epoch_unit not in ("ms", "s"):
            raise ValueError("epoch_unit must be 'ms' or 's'")
        if not 1 <= self.default_page_size <= 100:
            raise ValueError("default_page_size must be from 1 to 100")
