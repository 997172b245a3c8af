"""pydantic models of the four Returns V3 calls, tolerant where the documentation is not.

The documentation disagrees with itself in places (``../shared/spec/flipkart-returns-v3.md``),
so the models accept every documented variant: epoch times in seconds or milliseconds,
``has_more``/``hasMore`` and ``next_url``/``nextUrl``, ``NONLARGE``/``NON_LARGE``. Enumerated
strings whose values are not fully documented (task status, line of business, OTC mode)
keep their raw text and are parsed into an enum that has an ``UNKNOWN`` member, so a new
value never breaks the app. Unknown extra fields are ignored, except on a scanned shipment,
whose fields are all kept for the record.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    computed_field,
    field_validator,
)

from returns_desk.api.states import Lob, OtcMode, TaskState

TASK_TYPE_RETURN = "RETURN"

#: Below this an epoch value is taken as seconds, above as milliseconds. 1e11 seconds is
#: the year 5138 and 1e11 milliseconds is 1973, so no real time of either unit is misread.
_SECONDS_MS_BOUNDARY = 100_000_000_000


def parse_epoch(value: Any) -> Any:
    """An epoch number (seconds or milliseconds, int, float or digit string) as UTC datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, bool):
        raise ValueError("a timestamp cannot be a boolean")
    if isinstance(value, str):
        text = value.strip()
        try:
            value = float(text)
        except ValueError:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
    if isinstance(value, int | float):
        try:
            seconds = value / 1000 if abs(value) >= _SECONDS_MS_BOUNDARY else value
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):  # 1e400 is inf; 1e30 is past year 9999
            raise ValueError(f"timestamp out of range: {str(value)[:30]}") from None
    raise ValueError(f"not an epoch timestamp: {value!r}")


EpochTime = Annotated[datetime, BeforeValidator(parse_epoch)]


def _number_as_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: Ids and codes are documented as strings; a number is taken as its digits.
Text = Annotated[str, BeforeValidator(_number_as_text)]


def _status_text(value: Any) -> Any:
    """A status as text whatever its JSON type: a number as written, ``null`` as empty."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


#: An undocumented enumeration's raw value: kept as text, never a reason to refuse a page.
StatusText = Annotated[str, BeforeValidator(_status_text)]


def _null_is_empty(value: Any, empty: type) -> Any:
    return empty() if value is None else value


#: A map or list the marketplace may send as ``null``: the same as an empty one.
NullableDict = BeforeValidator(lambda v: _null_is_empty(v, dict))
NullableList = BeforeValidator(lambda v: _null_is_empty(v, list))


class _ApiModel(BaseModel):
    """Read-only models; unknown fields are ignored; fields may be filled by name or alias.

    Each validator is built when the model is first used (``defer_build``): on the engine
    loop's thread for the answers, not at import on the GUI thread before the desk is ready.
    """

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True, defer_build=True)


# --- requests ---------------------------------------------------------------------


class LocationRequest(_ApiModel):
    """Body of the initial-load and Start OTC calls."""

    seller_location_id: str = Field(alias="sellerLocationId", min_length=1)
    task_type: str = Field(default=TASK_TYPE_RETURN, alias="taskType")


class ShipmentsRequest(_ApiModel):
    """Body of the first shipments call (POST); later pages are GETs on ``next_url``."""

    task_id: str = Field(alias="taskId", min_length=1)
    fe_id: str = Field(alias="feId", min_length=1)
    page_size: int = Field(default=25, alias="pageSize", ge=1, le=100)


class EndOtcRequest(_ApiModel):
    fe_id: str = Field(alias="feId", min_length=1)
    task_id: str = Field(alias="taskId", min_length=1)
    task_type: str = Field(default=TASK_TYPE_RETURN, alias="taskType")


# --- responses --------------------------------------------------------------------


class SellerConfig(_ApiModel):
    enabled_for_raw: str | None = Field(default=None, alias="enabledFor")

    @computed_field  # type: ignore[prop-decorator]  # mypy: no decorator over a property
    @property
    def enabled_for(self) -> OtcMode:
        return OtcMode.parse(self.enabled_for_raw)


class Task(_ApiModel):
    id: Text
    status_raw: StatusText = Field(default="", alias="status")
    created_at: EpochTime | None = Field(default=None, alias="createdAt")

    @computed_field  # type: ignore[prop-decorator]  # mypy: no decorator over a property
    @property
    def state(self) -> TaskState:
        return TaskState.parse(self.status_raw)


class _FeFields(_ApiModel):
    """What the marketplace tells about a field executive in several answers."""

    fe_name: str = Field(default="", alias="feName")
    logistic_partner: str = Field(default="", alias="logisticPartner")
    lob_raw: str = Field(default="", alias="lob")

    @computed_field  # type: ignore[prop-decorator]  # mypy: no decorator over a property
    @property
    def lob(self) -> Lob:
        return Lob.parse(self.lob_raw)


class FeDetail(_FeFields):
    task: Task


class InitialLoad(_ApiModel):
    seller_config: SellerConfig = Field(default_factory=SellerConfig, alias="sellerConfig")
    fe_details: Annotated[dict[str, FeDetail], NullableDict] = Field(
        default_factory=dict, alias="feDetails"
    )


class StartOtc(_FeFields):
    task_id: Text = Field(alias="taskId")
    otc: Text
    expiry_time: EpochTime = Field(alias="expiryTime")
    created_at: EpochTime | None = Field(default=None, alias="createdAt")


class StartOtcDetails(_ApiModel):
    otc_details: Annotated[dict[str, StartOtc], NullableDict] = Field(
        default_factory=dict, alias="otcDetails"
    )


class ScannedShipment(BaseModel):
    """One parcel the FE scanned. Only ``trackingId`` is documented; every field is kept."""

    model_config = ConfigDict(frozen=True, extra="allow", populate_by_name=True, defer_build=True)

    tracking_id: str = Field(alias="trackingId", min_length=1)

    @field_validator("tracking_id", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @property
    def fields(self) -> dict[str, Any]:
        """Every field as the marketplace sent it, for the local record."""
        return self.model_dump(by_alias=True)


class ShipmentsPage(_ApiModel):
    scanned_shipments: Annotated[list[ScannedShipment], NullableList] = Field(
        default_factory=list, alias="scannedShipments"
    )
    has_more: bool = Field(default=False, validation_alias=AliasChoices("has_more", "hasMore"))
    next_url: str | None = Field(default=None, validation_alias=AliasChoices("next_url", "nextUrl"))

    @field_validator("next_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def finished(self) -> bool:
        """The FE has finished scanning and this was the last page."""
        return not self.has_more and self.next_url is None


class EndOtcDetails(_ApiModel):
    otc: Text
    total_scanned: int = Field(alias="totalScanned", ge=0)
    obd_eligible: int = Field(default=0, alias="obdEligible", ge=0)
    obd_failed: int = Field(default=0, alias="obdFailed", ge=0)
    flyer_eligible: int = Field(default=0, alias="flyerEligible", ge=0)
    flyer_failed: int = Field(default=0, alias="flyerFailed", ge=0)
