"""The settings' building block: a frozen record whose rules are checked when it is read.

The settings are read on the way to the desk, so they are msgspec structs, not pydantic
models: pydantic's import and its first model cost about 170 ms before the desk is ready,
msgspec about 15 ms (docs/gui.md, "Start-up"). The wire models (``api/``, ``handon/``) stay
on pydantic; they load on the threads that talk to the marketplace and the seller's systems.

Limits are written as ``Annotated[float, Meta(gt=0, le=60)]``; a rule across fields goes in
``__post_init__`` and raises ``InvalidSettings`` naming the field. ``from_dict`` checks
everything; the constructor and ``replace`` run only ``__post_init__`` (values the code
chose, not what an admin typed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Self

import msgspec


class InvalidSettings(ValueError):
    """Settings that break a rule: where (``("site", "lease_s")``) and why, in plain words."""

    def __init__(self, location: tuple[str, ...], reason: str) -> None:
        self.location, self.reason = location, reason
        super().__init__(f"{'.'.join(location)}: {reason}" if location else reason)

    @property
    def field(self) -> str | None:
        """The dotted name of the field (``site.lease_s``), for the form row that shows it."""
        return ".".join(self.location) or None


class SettingsModel(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A part of the settings: frozen, no unknown keys, read from plain data."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Plain data (a TOML table, a form's values) checked against every rule.

        Lax as a form is: ``"30"`` is read as 30. Raises ``InvalidSettings``.
        """
        try:
            return msgspec.convert(data, cls, strict=False)
        except msgspec.ValidationError as exc:
            raise invalid_settings(exc) from None

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes``; only the rules across fields are checked again."""
        return msgspec.structs.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: nested parts as dicts, enums as their values, ``None`` kept."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        return data


# --- msgspec's messages in the admin's words -------------------------------------------------

_WHERE = re.compile(r"^(?P<what>.*) - at `\$(?P<path>[^`]*)`$", re.S)
_PATH_PART = re.compile(r"\.([^.\[]+)|\[([^\]]*)\]")
_BOUND = re.compile(r"^Expected `[^`]*` (?P<op>>=|<=|>|<) (?P<limit>\S+)$")
_TYPE = re.compile(r"^Expected `(?P<want>[^`|]+)(?: \| [^`]*)?`, got `[^`]*`$")
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<name>[^`]*)`$")
_BOUNDS = {">=": "must be at least", "<=": "must be at most", ">": "must be more than"}
_KINDS = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "str": "text",
    "array": "a list",
    "object": "a table of settings",
}


def invalid_settings(exc: msgspec.ValidationError) -> InvalidSettings:
    """msgspec's error as ``InvalidSettings``: the full location and a reason an admin reads."""
    text = str(exc)
    match = _WHERE.match(text)
    what, path = (match["what"], match["path"]) if match else (text, "")
    location = tuple(dot or index for dot, index in _PATH_PART.findall(path) if index != "...")
    cause = exc.__cause__
    if isinstance(cause, InvalidSettings):  # a rule of __post_init__, with its own field
        return InvalidSettings(location + cause.location, cause.reason)
    if isinstance(cause, ValueError):
        return InvalidSettings(location, str(cause))
    if unknown := _UNKNOWN.match(what):
        return InvalidSettings((*location, unknown["name"]), "is not a setting this version knows")
    return InvalidSettings(location, _reason(what))


def _reason(what: str) -> str:
    if bound := _BOUND.match(what):
        limit = bound["limit"].removesuffix(".0")
        return f"{_BOUNDS.get(bound['op'], 'must be less than')} {limit}"
    if kind := _TYPE.match(what):
        return f"must be {_KINDS.get(kind['want'], kind['want'])}"
    if what.startswith("Expected `str` matching regex"):
        return "is not in the expected form"
    if what.startswith("Invalid enum value"):
        return "is not one of the values allowed here"
    return what
