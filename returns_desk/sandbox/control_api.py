"""The sandbox's own control interface under ``/_sandbox`` (no auth, JSON in and out).

Lets a test in another process, or a person with curl, play the FEs and set faults on a
running sandbox. Body keys are accepted in camelCase or snake_case; rule violations answer
409 ``{"error": message}``, bad input 400, unknown paths 404.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from returns_desk.sandbox.api import Reply, json_reply
from returns_desk.sandbox.model import SandboxRuleError

if TYPE_CHECKING:
    from returns_desk.sandbox.faults import Faults
    from returns_desk.sandbox.world import World

CONTROL_PREFIX = "/_sandbox"


def _get(body: dict[str, Any], camel: str, default: Any = None) -> Any:
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in camel)
    if camel in body:
        return body[camel]
    return body.get(snake, default)


class ControlApi:
    def __init__(self, world: World, faults: Faults) -> None:
        self.world = world
        self.faults = faults

    def handle(self, method: str, path: str, raw_body: bytes) -> Reply:
        parts = [unquote(p) for p in path[len(CONTROL_PREFIX) :].strip("/").split("/")]
        try:
            body = json.loads(raw_body) if raw_body.strip() else {}
            if not isinstance(body, dict):
                raise ValueError("the body must be a JSON object")
            result = self._route(method, parts, body)
        except SandboxRuleError as exc:
            return json_reply(409, {"error": str(exc)})
        except LookupError as exc:
            return json_reply(404, {"error": str(exc).strip("'\"")})
        except (ValueError, TypeError) as exc:
            return json_reply(400, {"error": str(exc)})
        return json_reply(200, result)

    def _route(self, method: str, parts: list[str], body: dict[str, Any]) -> Any:
        world = self.world
        match method, parts:
            case "GET", ["state"]:
                return world.snapshot()
            case "GET", ["faults"]:
                return self.faults.to_json()
            case "POST", ["faults"]:
                self.faults.update(**body)
                return self.faults.to_json()
            case "POST", ["tokens", "revoke"]:
                world.revoke_tokens()
                return {}
            case "POST", ["locations", location, "tripsheet"]:
                world.close_tripsheet(location, bool(_get(body, "closed", True)))
                return {}
            case "POST", ["locations", location, "returns-due"]:
                world.set_returns_due(location, bool(_get(body, "due", True)))
                return {}
            case "POST", ["fe", "arrive"]:
                kwargs = {
                    key: value
                    for key, value in (
                        ("fe_id", _get(body, "feId")),
                        ("name", _get(body, "name")),
                        ("lob", _get(body, "lob")),
                        ("logistic_partner", _get(body, "logisticPartner")),
                        ("task_id", _get(body, "taskId")),
                    )
                    if value is not None
                }
                return world.arrive(_get(body, "location") or "LOC1", **kwargs).to_json()
            case "GET", ["fe", fe_id]:
                return world.fe(fe_id).to_json()
            case "POST", ["fe", fe_id, action]:
                return self._fe_action(fe_id, action, body)
        raise LookupError(f"no control endpoint {method} {CONTROL_PREFIX}/{'/'.join(parts)}")

    def _fe_action(self, fe_id: str, action: str, body: dict[str, Any]) -> Any:
        world = self.world
        if action == "issue-start-otc":
            return {"otc": world.issue_start_otc(fe_id)}
        if action == "validate-start-otc":
            otc = _get(body, "otc")
            return world.validate_start_otc(fe_id, None if otc is None else str(otc)).to_json()
        if action == "scan":
            ids = _get(body, "trackingIds")
            return {"trackingIds": world.scan(fe_id, int(_get(body, "count", 1)), ids)}
        if action == "finish":
            return world.finish_scanning(fe_id).to_json()
        if action == "verify-end-otc":
            return world.verify_end_otc(fe_id).to_json()
        if action == "autopilot":
            if _get(body, "parcels") is None:
                raise ValueError("parcels is required")
            options = {
                name: float(value)
                for name, key in (
                    ("scan_interval_s", "scanIntervalS"),
                    ("validate_after_s", "validateAfterS"),
                    ("finish_after_s", "finishAfterS"),
                    ("verify_after_s", "verifyAfterS"),
                )
                if (value := _get(body, key)) is not None
            }
            handle = world.autopilot(
                fe_id,
                parcels=int(_get(body, "parcels")),
                tracking_ids=_get(body, "trackingIds"),
                **options,
            )
            return handle.to_json()
        raise LookupError(f"no FE action {action!r}")
