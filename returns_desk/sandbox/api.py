"""The marketplace's wire format: OAuth token endpoint and the four Returns V3 calls.

Pure functions of (request, world) -> ``Reply`` with the body already encoded, so the HTTP
plumbing in ``server.py`` stays generic. Spelling choices the real API leaves open (epoch
unit, pagination field names, task status names) come from ``SandboxConfig``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol
from urllib.parse import parse_qs, unquote

from returns_desk.sandbox.model import FeState, MarketplaceError, Shipment

if TYPE_CHECKING:
    from returns_desk.sandbox.faults import Faults
    from returns_desk.sandbox.model import SandboxConfig
    from returns_desk.sandbox.world import World


class Headers(Protocol):
    """A request's headers: the server's ``email.message.Message`` (any case), or a dict."""

    def get(self, name: str, /) -> str | None: ...


TOKEN_PATH = "/oauth-service/oauth/token"
INITIAL_LOAD = "/sellers/v3/returns/tasks/initial-load"
START_OTC = "/sellers/v3/returns/otc/start/details"
SHIPMENTS = "/sellers/v3/returns/tasks/shipments"
END_OTC = "/sellers/v3/returns/otc/end/details"
SCOPE = "Seller_Api"
TASK_TYPE = "RETURN"


class Reply(NamedTuple):
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def json_reply(status: int, data: Any, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    return Reply(status, json.dumps(data, separators=(",", ":")).encode(), headers)


def api_error(status: int, code: str, message: str, **headers: str) -> Reply:
    return json_reply(status, {"errorCode": code, "message": message}, tuple(headers.items()))


def bad_request(message: str) -> MarketplaceError:
    return MarketplaceError("BAD_REQUEST", message)


def encode_cursor(task_id: str, fe_id: str, page_size: int, offset: int) -> str:
    """Like the real ``next_url``: base64 of 4-space-indented JSON whose first key is taskId."""
    state = {"taskId": task_id, "feId": fe_id, "pageSize": page_size, "offset": offset}
    return base64.b64encode(json.dumps(state, indent=4).encode()).decode("ascii")


def decode_cursor(raw: str) -> tuple[str, str, int, int]:
    """Percent-encoded or not, standard or URL-safe alphabet, padded or not."""
    text = unquote(raw).strip().replace("-", "+").replace("_", "/").rstrip("=")
    try:
        data = json.loads(base64.b64decode(text + "=" * (-len(text) % 4), validate=True))
        task_id, fe_id = str(data["taskId"]), str(data["feId"])
        page_size, offset = data["pageSize"], data["offset"]
    except (binascii.Error, ValueError, TypeError, KeyError):
        raise bad_request("The next_url cursor cannot be read") from None
    if not (_is_int(page_size) and 1 <= page_size <= 100 and _is_int(offset) and offset >= 0):
        raise bad_request("The next_url cursor cannot be read")
    return task_id, fe_id, page_size, offset


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class MarketplaceApi:
    """Answers ``/oauth-service/oauth/token`` and ``/sellers/v3/returns/...`` requests."""

    def __init__(self, config: SandboxConfig, world: World, faults: Faults) -> None:
        self.config = config
        self.world = world
        self.faults = faults  # changed in place by the control interface
        self._statuses = {
            FeState.START_OTC: self.config.status_names["start"],
            FeState.SCANNING: self.config.status_names["scanning"],
            FeState.END_OTC: self.config.status_names["end"],
        }
        self._scale = 1000 if self.config.epoch_unit == "ms" else 1
        camel = self.config.pagination_naming == "camel"
        self._has_more, self._next_url = (
            ("hasMore", "nextUrl") if camel else ("has_more", "next_url")
        )
        self._routes: dict[str, Callable[[dict[str, Any]], Any]] = {
            INITIAL_LOAD: self._initial_load,
            START_OTC: self._start_otc,
            SHIPMENTS: self._first_shipments,
            END_OTC: self._end_otc,
        }

    # --- OAuth ---------------------------------------------------------------------

    def token(self, method: str, query: str, headers: Headers, body: bytes) -> Reply:
        if method not in ("GET", "POST"):
            return json_reply(405, {"error": "method_not_allowed"}, (("Allow", "GET, POST"),))
        params = parse_qs(query)
        if method == "POST" and "x-www-form-urlencoded" in (headers.get("Content-Type") or ""):
            params.update(parse_qs(body.decode("latin-1")))
        if not self._client_ok(headers.get("Authorization") or ""):
            return json_reply(
                401,
                {"error": "invalid_client", "error_description": "Bad client credentials"},
                (("WWW-Authenticate", 'Basic realm="oauth2/client"'),),
            )
        grant = params.get("grant_type", [""])[0]
        if grant != "client_credentials":
            description = f"Unsupported grant type: {grant}" if grant else "Missing grant type"
            return json_reply(
                400, {"error": "unsupported_grant_type", "error_description": description}
            )
        scopes = [s for s in re.split(r"[\s,]+", params.get("scope", [SCOPE])[0]) if s]
        if not scopes or any(s != SCOPE for s in scopes):
            return json_reply(
                400, {"error": "invalid_scope", "error_description": f"Invalid scope: {scopes}"}
            )
        ttl = self.faults.token_ttl_s
        token = self.world.issue_token(self.config.token_ttl_s if ttl is None else ttl)
        return json_reply(
            200,
            {
                "access_token": token,
                "token_type": "bearer",
                "expires_in": int(self.config.token_ttl_s),
                "scope": SCOPE,
            },
        )

    def _client_ok(self, header: str) -> bool:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            client_id, sep, secret = base64.b64decode(value.strip()).decode().partition(":")
        except (binascii.Error, ValueError):
            return False
        return bool(sep) and (
            secrets.compare_digest(client_id.encode(), self.config.client_id.encode())
            & secrets.compare_digest(secret.encode(), self.config.client_secret.encode())
        )

    # --- the Returns V3 calls -----------------------------------------------------------

    def handle(self, method: str, path: str, headers: Headers, body: bytes) -> Reply:
        """One ``/sellers/...`` request (faults were already applied by the caller)."""
        path = path.rstrip("/") or path
        route = self._routes.get(path)
        cursor = path[len(SHIPMENTS) + 1 :] if path.startswith(SHIPMENTS + "/") else None
        if route is None and cursor is None:
            return api_error(404, "NOT_FOUND", f"No API at {path}")
        allowed = "GET" if cursor is not None else "POST"
        if method != allowed:
            return api_error(405, "METHOD_NOT_ALLOWED", f"Use {allowed} here", Allow=allowed)
        if not self._bearer_ok(headers.get("Authorization") or ""):
            return api_error(
                401, "UNAUTHORIZED_ERROR", "Access token is missing, invalid or expired"
            )
        try:
            if cursor is not None:
                return json_reply(200, self._page(*decode_cursor(cursor), opening=False))
            assert route is not None
            return json_reply(200, route(self._json_body(headers, body)))
        except MarketplaceError as exc:
            return api_error(exc.http_status, exc.error_code, exc.message)

    def _bearer_ok(self, header: str) -> bool:
        scheme, _, token = header.partition(" ")
        return scheme.lower() == "bearer" and self.world.token_valid(token.strip())

    @staticmethod
    def _json_body(headers: Headers, body: bytes) -> dict[str, Any]:
        content_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise bad_request("Content-Type must be application/json")
        try:
            data = json.loads(body)
        except ValueError:
            raise bad_request("The request body is not valid JSON") from None
        if not isinstance(data, dict):
            raise bad_request("The request body must be a JSON object")
        return data

    @staticmethod
    def _field(data: dict[str, Any], name: str) -> str:
        value = data.get(name)
        if _is_int(value):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise bad_request(f"Missing mandatory field: {name}")
        return value.strip()

    def _location(self, data: dict[str, Any]) -> str:
        location = self._field(data, "sellerLocationId")
        self._check_task_type(data)
        return location

    def _check_task_type(self, data: dict[str, Any]) -> None:
        task_type = self._field(data, "taskType")
        if task_type != TASK_TYPE:
            raise MarketplaceError(
                "INVALID_TASK_TYPE_ERROR", f"Task type {task_type} is not RETURN"
            )

    def _epoch(self, t: float) -> int:
        return int(t * self._scale)

    def _initial_load(self, data: dict[str, Any]) -> dict[str, Any]:
        views = self.world.initial_load(self._location(data))
        return {
            "sellerConfig": {"enabledFor": self.config.enabled_for},
            "feDetails": {
                v.fe_id: {
                    "feName": v.name,
                    "logisticPartner": v.logistic_partner,
                    "lob": v.lob,
                    "task": {
                        "id": v.task_id,
                        "status": self._statuses[v.state],
                        "createdAt": self._epoch(v.created_at),
                    },
                }
                for v in views
            },
        }

    def _start_otc(self, data: dict[str, Any]) -> dict[str, Any]:
        views = self.world.start_otc_details(self._location(data))
        return {
            "otcDetails": {
                v.fe_id: {
                    "feName": v.name,
                    "taskId": v.task_id,
                    "otc": v.otc,
                    "expiryTime": self._epoch(v.expires_at),
                    "createdAt": self._epoch(v.created_at),
                    "logisticPartner": v.logistic_partner,
                    "lob": v.lob,
                }
                for v in views
            }
        }

    def _first_shipments(self, data: dict[str, Any]) -> dict[str, Any]:
        task_id, fe_id = self._field(data, "taskId"), self._field(data, "feId")
        page_size = data.get("pageSize")
        if page_size is None:
            page_size = self.config.default_page_size
        if not _is_int(page_size) or not 1 <= page_size <= 100:
            raise bad_request("pageSize must be an integer from 1 to 100")
        return self._page(task_id, fe_id, page_size, 0, opening=True)

    def _page(
        self, task_id: str, fe_id: str, page_size: int, offset: int, *, opening: bool
    ) -> dict[str, Any]:
        page = self.world.shipments_page(task_id, fe_id, page_size, offset, opening=opening)
        scale = self._scale
        shipments = [_wire(s, scale) for s in page.items]
        next_url = None
        if page.next_offset is not None:
            next_url = encode_cursor(task_id, fe_id, page_size, page.next_offset)
        return {
            "scannedShipments": shipments,
            self._has_more: page.has_more,
            self._next_url: next_url,
        }

    def _end_otc(self, data: dict[str, Any]) -> dict[str, Any]:
        fe_id, task_id = self._field(data, "feId"), self._field(data, "taskId")
        self._check_task_type(data)
        stats = self.world.end_otc_details(task_id, fe_id)
        return {
            "otc": stats.otc,
            "totalScanned": stats.total_scanned,
            "obdEligible": stats.obd_eligible,
            "obdFailed": stats.obd_failed,
            "flyerEligible": stats.flyer_eligible,
            "flyerFailed": stats.flyer_failed,
        }


def _wire(s: Shipment, scale: int) -> dict[str, Any]:
    return {
        "trackingId": s.tracking_id,
        "shipmentId": s.shipment_id,
        "scannedAt": int(s.scanned_at * scale),
    }
