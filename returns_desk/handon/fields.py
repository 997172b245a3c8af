"""Field types shared by the destination models: bounded strings and the two time formats.

Omni caps every string at 255 characters and wants ISO-8601 times with an offset; the
Unicommerce POS contract wants UTC times as ``yyyy-MM-dd'T'HH:mm:ss`` without one. Both are
checked on the way out, so a wrong time never reaches a seller's system.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

MAX_CHARS = 255

_ISO_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$")
_POS_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
POS_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _iso_with_offset(value: str) -> str:
    if not _ISO_OFFSET.match(value):
        raise ValueError("must be ISO-8601 with an offset, e.g. 2020-10-16T20:22:28.000+05:30")
    datetime.fromisoformat(value)  # a 31 February is refused here
    return value


def _pos_utc(value: str) -> str:
    if not _POS_UTC.match(value):
        raise ValueError("must be UTC as yyyy-MM-ddTHH:mm:ss, e.g. 2017-01-02T08:12:53")
    datetime.strptime(value, POS_TIME_FORMAT)
    return value


#: an optional Omni string: at most 255 characters
Text = Annotated[str, StringConstraints(max_length=MAX_CHARS)]
#: a mandatory Omni string: present, not blank, at most 255 characters
Required = Annotated[str, StringConstraints(max_length=MAX_CHARS), AfterValidator(_not_blank)]
#: a mandatory string without a documented length limit (the POS contract)
Filled = Annotated[str, AfterValidator(_not_blank)]
IsoTime = Annotated[str, AfterValidator(_iso_with_offset)]
PosTime = Annotated[str, AfterValidator(_pos_utc)]


def omni_time(at: datetime) -> str:
    """``2020-10-16T20:22:28.000+05:30``: the form of Omni's own samples."""
    if at.tzinfo is None:
        raise ValueError("a naive time has no offset")
    return at.isoformat(timespec="milliseconds")


def pos_time(at: datetime) -> str:
    """``2017-01-02T08:12:53`` in UTC, as Unicommerce's notes for the reader say."""
    if at.tzinfo is None:
        raise ValueError("a naive time cannot be converted to UTC")
    return at.astimezone(UTC).strftime(POS_TIME_FORMAT)
