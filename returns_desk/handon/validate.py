"""One way to check a destination body and say what is wrong in words an admin can act on.

``validate_body`` never raises: it returns the validated model or a list of problems, each
with the path in the body (``orderItems[0].brand``) and whether it is missing or invalid.
The outbox uses it before queueing, so nothing half-filled is ever sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from returns_desk.handon.omni_models import OmniReturnOrder, aggregator_missing, awb_missing
from returns_desk.handon.pos_models import PosReturn
from returns_desk.settings.handon import OMNI, POS

DESTINATIONS = (OMNI, POS)


@dataclass(frozen=True)
class Problem:
    path: str  # where in the body, e.g. ``orderItems[0].brand``
    kind: str  # "missing" or "invalid"
    text: str = ""

    def __str__(self) -> str:
        return self.path if self.kind == "missing" else f"{self.path} ({self.text})"


def path_of(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(body)"


def problems_of(error: ValidationError) -> list[Problem]:
    found = []
    for entry in error.errors(include_url=False):
        kind = "missing" if entry["type"] == "missing" else "invalid"
        message = str(entry["msg"]).removeprefix("Value error, ")
        found.append(Problem(path_of(tuple(entry["loc"])), kind, message))
    return found


def validate_body(
    destination: str,
    body: Mapping[str, Any],
    *,
    awb_integration: bool = False,
    aggregator: str = "",
) -> tuple[BaseModel | None, list[Problem]]:
    """The body as its model, or the problems that keep it from being sent.

    ``awb_integration`` and ``aggregator`` (Omni's site settings) make more fields mandatory.
    """
    model_type: type[BaseModel] = OmniReturnOrder if destination == OMNI else PosReturn
    if destination not in DESTINATIONS:
        raise ValueError(f"unknown destination {destination!r}")
    try:
        model = model_type.model_validate(dict(body))
    except ValidationError as exc:
        problems = problems_of(exc)
        model = None
    else:
        problems = []
    if destination == OMNI:
        known = {p.path for p in problems}
        required = awb_missing(body) if awb_integration else []
        required += aggregator_missing(body, aggregator)
        problems += [Problem(p, "missing") for p in dict.fromkeys(required) if p not in known]
    return (model if not problems else None), problems
