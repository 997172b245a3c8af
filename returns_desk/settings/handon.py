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
from typing import Annotated
from urllib.parse import urlsplit

import msgspec
from msgspec import Meta, field

from returns_desk.settings.model import InvalidSettings, SettingsModel

#: The destinations, as the outbox, the credentials and the settings name them.
OMNI = "omni"
POS = "unicommerce_pos"


class ReturnKind(StrEnum):
    CUSTOMER_RETURN = "customer_return"  # Omni CUSTOMER_RETURN, POS CIR
    RETURN_TO_ORIGIN = "return_to_origin"  # Omni RETURN_TO_ORIGIN, POS RTO
    SELF_SHIP = "self_ship"  # Omni SELF_SHIP, POS CIR


class WarehouseAddress(SettingsModel, frozen=True):
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


class Dimensions(SettingsModel, frozen=True):
    """Omni's ``shipmentDimension`` when the report has none (the docs' defaults)."""

    breadth: Annotated[float, Meta(gt=0)] = 1.0
    height: Annotated[float, Meta(gt=0)] = 1.0
    length: Annotated[float, Meta(gt=0)] = 1.0
    weight: Annotated[float, Meta(gt=0)] = 0.5


def _check_url(url: str, what: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        reason = f"{what}: the base URL must start with https:// (or http://)"
        raise InvalidSettings(("base_url",), reason)


class OmniSettings(SettingsModel, frozen=True):
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
    default_dimensions: Dimensions = field(default_factory=Dimensions)
    #: ask ``POST /return/get/awb`` whether a return of unknown outcome arrived (Beta API)
    lookup_by_awb: bool = True
    #: words in a 400 that mean "this returnOrderCode exists already"
    duplicate_markers: tuple[str, ...] = ("already exist", "duplicate")

    def __post_init__(self) -> None:
        aggregator = self.logistic_aggregator.strip().upper()
        if aggregator not in ("", "CLICKPOST", "SHIPROCKET"):
            reason = "Omni: the logistics aggregator is CLICKPOST, SHIPROCKET or empty"
            raise InvalidSettings(("logistic_aggregator",), reason)
        msgspec.structs.force_setattr(self, "logistic_aggregator", aggregator)
        if self.enabled:
            _check_url(self.base_url, "Omni")
            if not self.location_code.strip():
                raise InvalidSettings(("location_code",), "Omni: the location code is required")


class PosSettings(SettingsModel, frozen=True):
    enabled: bool = False
    #: ``{posbaseurl}``; the app adds ``/v1/auth/Token`` and ``/v1/returns/{code}``
    base_url: str = ""
    facility_code: str = ""
    #: words in ``errors`` that mean "this package's return is recorded already"
    duplicate_markers: tuple[str, ...] = ("already", "duplicate")
    #: a duplicate answer counts as delivered (the POS keeps one return per package)
    duplicate_means_delivered: bool = True

    def __post_init__(self) -> None:
        if self.enabled:
            _check_url(self.base_url, "Unicommerce POS")
            if not self.facility_code.strip():
                reason = "Unicommerce POS: the facility code is required"
                raise InvalidSettings(("facility_code",), reason)


class RetrySettings(SettingsModel, frozen=True):
    max_attempts: Annotated[int, Meta(ge=1, le=100)] = 8
    backoff_base_s: Annotated[float, Meta(gt=0)] = 30.0
    backoff_cap_s: Annotated[float, Meta(gt=0)] = 3600.0
    connect_timeout_s: Annotated[float, Meta(gt=0, le=60)] = 5.0
    read_timeout_s: Annotated[float, Meta(gt=0, le=300)] = 30.0


class HandonSettings(SettingsModel, frozen=True):
    omni: OmniSettings = field(default_factory=OmniSettings)
    pos: PosSettings = field(default_factory=PosSettings)
    retry: RetrySettings = field(default_factory=RetrySettings)
    #: the kind of a return whose report row does not say (None: the row must say)
    default_return_kind: ReturnKind | None = None

    def enabled_destinations(self) -> list[str]:
        return [name for name, on in ((OMNI, self.omni.enabled), (POS, self.pos.enabled)) if on]
