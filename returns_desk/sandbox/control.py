"""``SandboxControl``: drive a sandbox running elsewhere (another process) over ``/_sandbox``.

The one place in the sandbox that uses ``requests``; the server itself is standard library.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import requests

from returns_desk.sandbox.model import FeHandle, SandboxRuleError


class SandboxControl:
    """Play the FEs and set faults; a rule violation (HTTP 409) raises ``SandboxRuleError``."""

    def __init__(self, control_base_url: str, *, timeout_s: float = 10.0) -> None:
        self.url = control_base_url.rstrip("/")
        self.timeout_s = timeout_s
        self._session = requests.Session()

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> SandboxControl:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- the FEs ----------------------------------------------------------------------

    def arrive(
        self,
        location: str = "LOC1",
        *,
        fe_id: str | None = None,
        name: str | None = None,
        lob: str | None = None,
        logistic_partner: str | None = None,
        task_id: str | None = None,
    ) -> FeHandle:
        body = {
            "location": location,
            "feId": fe_id,
            "name": name,
            "lob": lob,
            "logisticPartner": logistic_partner,
            "taskId": task_id,
        }
        return FeHandle.from_json(self._post("fe/arrive", body))

    def fe(self, fe_id: str) -> FeHandle:
        return FeHandle.from_json(self._call("GET", f"fe/{fe_id}"))

    def issue_start_otc(self, fe_id: str) -> str:
        return str(self._post(f"fe/{fe_id}/issue-start-otc")["otc"])

    def validate_start_otc(self, fe_id: str, otc: str | None = None) -> FeHandle:
        return FeHandle.from_json(self._post(f"fe/{fe_id}/validate-start-otc", {"otc": otc}))

    def scan(
        self, fe_id: str, count: int = 1, tracking_ids: Sequence[str] | None = None
    ) -> list[str]:
        body = {"count": count, "trackingIds": None if tracking_ids is None else list(tracking_ids)}
        return list(self._post(f"fe/{fe_id}/scan", body)["trackingIds"])

    def finish(self, fe_id: str) -> FeHandle:
        return FeHandle.from_json(self._post(f"fe/{fe_id}/finish"))

    def verify_end_otc(self, fe_id: str) -> FeHandle:
        return FeHandle.from_json(self._post(f"fe/{fe_id}/verify-end-otc"))

    def autopilot(
        self,
        fe_id: str,
        *,
        parcels: int,
        scan_interval_s: float | None = None,
        validate_after_s: float | None = None,
        finish_after_s: float | None = None,
        verify_after_s: float | None = None,
    ) -> FeHandle:
        body = {
            "parcels": parcels,
            "scanIntervalS": scan_interval_s,
            "validateAfterS": validate_after_s,
            "finishAfterS": finish_after_s,
            "verifyAfterS": verify_after_s,
        }
        return FeHandle.from_json(self._post(f"fe/{fe_id}/autopilot", body))

    # --- the seller, faults, tokens -----------------------------------------------------

    def close_tripsheet(self, location: str = "LOC1", closed: bool = True) -> None:
        self._post(f"locations/{location}/tripsheet", {"closed": closed})

    def set_returns_due(self, location: str, due: bool) -> None:
        self._post(f"locations/{location}/returns-due", {"due": due})

    def set_faults(self, **changes: Any) -> dict[str, Any]:
        if "queue" in changes:
            changes["queue"] = list(changes["queue"])
        if "error_statuses" in changes:
            changes["error_statuses"] = list(changes["error_statuses"])
        return self._call("POST", "faults", changes)  # None is meaningful (token_ttl_s)

    def revoke_tokens(self) -> None:
        self._post("tokens/revoke")

    def state(self) -> dict[str, Any]:
        return self._call("GET", "state")

    # --- plumbing -------------------------------------------------------------------------

    def _post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        payload = {k: v for k, v in (body or {}).items() if v is not None}
        return self._call("POST", path, payload)

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self._session.request(
            method, f"{self.url}/{path}", json=body, timeout=self.timeout_s
        )
        if response.status_code == 409:
            raise SandboxRuleError(response.json().get("error", "rule violated"))
        if response.status_code != 200:
            raise RuntimeError(f"sandbox control {method} {path}: HTTP {response.status_code} "
                               f"{response.text[:200]}")  # fmt: skip
        return response.json()
