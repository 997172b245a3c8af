"""Per-site hand-on settings: which seller systems get the returns, and how to reach them.

The app's ``Settings`` embeds it (``handon: HandonSettings``). Nothing is switched on by
default, and the app works fully with nothing switched on. Passwords are never here: they live
in the OS credential store (``handon.credentials``).

It sits with the settings, below the ``handon`` package that uses it, so that loading the
settings never loads the hand-on; the names the settings speak of (the destinations, the kinds
of return) are defined here for the same reason, and ``handon`` uses these.
"""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: The destinations, as the outbox, the credentials and the settings name them.
OMNI = "omni"
POS = "unicommerce_pos"


class ReturnKind(StrEnum):
    CUSTOMER_RETURN = "customer_return"  # Omni CUSTOMER_RETURN, POS CIR
    RETURN_TO_ORIGIN = "return_to_origin"  # Omni RETURN_TO_ORIGIN, POS RTO
    SELF_SHIP = "self_ship"  # Omni SELF_SHIP, POS CIR


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class WarehouseAddress(_Frozen):
    """The dock's own address: Omni's ``dropAddress`` (where the return is delivered)."""

    name: str = ""
    line1: str = ""
    line2: str = ""
    line3: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    country: str = "INDIA"
    email: str = ""
    phone: str = ""


class Dimensions(_Frozen):
    """Omni's ``shipmentDimension`` when the report has none (the docs' defaults)."""

    breadth: float = Field(default=1, gt=0)
    height: float = Field(default=1, gt=0)
    length: float = Field(default=1, gt=0)
    weight: float = Field(default=0.5, gt=0)


def _check_url(url: str, what: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{what}: the base URL must start with https:// (or http://)")


class OmniSettings(_Frozen):
    enabled: bool = False
    #: e.g. https://staging-common.omni.increff.com/assure-magic2 (the prefix included)
    base_url: str = ""
    location_code: str = ""
    #: "AWB integration with RMS": the conditional fields become mandatory
    awb_integration: bool = False
    currency_code: str = "INR"
    region_type: str = "INDIAN"
    seller_gstin: str = ""
    consignee_gstin: str = ""
    drop_address: WarehouseAddress | None = None
    #: Omni's logistics aggregator for this site (``logisticAggregatorType``): "CLICKPOST"
    #: makes sellerGstin, invoiceNumber and invoiceTime mandatory; "SHIPROCKET" or "" not
    logistic_aggregator: str = ""
    default_dimensions: Dimensions = Field(default_factory=Dimensions)
    #: ask ``POST /return/get/awb`` whether a return of unknown outcome arrived (Beta API)
    lookup_by_awb: bool = True
    #: words in a 400 that mean "this returnOrderCode exists already"
    duplicate_markers: tuple[str, ...] = ("already exist", "duplicate")

    @model_validator(mode="after")
    def _complete_when_enabled(self) -> OmniSettings:
        aggregator = self.logistic_aggregator.strip().upper()
        if aggregator not in ("", "CLICKPOST", "SHIPROCKET"):
            raise ValueError("Omni: the logistics aggregator is CLICKPOST, SHIPROCKET or empty")
        object.__setattr__(self, "logistic_aggregator", aggregator)
        if self.enabled:
            _check_url(self.base_url, "Omni")
            if not self.location_code.strip():
                raise ValueError("Omni: the location code is required")
        return self


class PosSettings(_Frozen):
    enabled: bool = False
    #: ``{posbaseurl}``; the app adds ``/v1/auth/Token`` and ``/v1/returns/{code}``
    base_url: str = ""
    facility_code: str = ""
    #: words in ``errors`` that mean "this package's return is recorded already"
    duplicate_markers: tuple[str, ...] = ("already", "duplicate")
    #: a duplicate answer counts as delivered (the POS keeps one return per package)
    duplicate_means_delivered: bool = True

    @model_validator(mode="after")
    def _complete_when_enabled(self) -> PosSettings:
        if self.enabled:
            _check_url(self.base_url, "Unicommerce POS")
            if not self.facility_code.strip():
                raise ValueError("Unicommerce POS: the facility code is required")
        return self


class RetrySettings(_Frozen):
    max_attempts: int = Field(default=8, ge=1, le=100)
    backoff_base_s: float = Field(default=30.0, gt=0)
    backoff_cap_s: float = Field(default=3600.0, gt=0)
    connect_timeout_s: float = Field(default=5.0, gt=0, le=60)
    read_timeout_s: float = Field(default=30.0, gt=0, le=300)


class HandonSettings(_Frozen):
    omni: OmniSettings = Field(default_factory=OmniSettings)
    pos: PosSettings = Field(default_factory=PosSettings)
    retry: RetrySettings = Field(default_factory=RetrySettings)
    #: the kind of a return whose report row does not say (None: the row must say)
    default_return_kind: ReturnKind | None = None

    def enabled_destinations(self) -> list[str]:
        return [name for name, on in ((OMNI, self.omni.enabled), (POS, self.pos.enabled)) if on]
