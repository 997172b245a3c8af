"""Fixtures of the sandbox tests: a fake clock, a sandbox on it, a bare requests helper."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from returns_desk.sandbox.server import Sandbox, SandboxConfig
from tests.clocks import FakeClock

T0 = 1_750_000_000.0  # 2025-06-15, a plausible "now"


class Api:
    """The least a caller does: a session, a token, JSON. Status checks are the test's job."""

    def __init__(self, sb: Sandbox) -> None:
        self.sb = sb
        self.session = requests.Session()
        self.token = self.fetch_token().json()["access_token"]

    def close(self) -> None:
        self.session.close()

    def fetch_token(
        self, auth: tuple[str, str] | None = ("sandbox", "sandbox"), **params: str
    ) -> requests.Response:
        query = {"grant_type": "client_credentials", "scope": "Seller_Api", **params}
        return self.session.get(self.sb.token_url, params=query, auth=auth, timeout=5)

    def headers(self, token: str | None) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def post(self, path: str, body: Any, *, token: str | None = "", **kw: Any) -> requests.Response:
        token = self.token if token == "" else token
        return self.session.post(
            self.sb.base_url + path, json=body, headers=self.headers(token), timeout=5, **kw
        )

    def get(self, path: str, *, token: str | None = "") -> requests.Response:
        token = self.token if token == "" else token
        return self.session.get(self.sb.base_url + path, headers=self.headers(token), timeout=5)

    def page(self, cursor: str) -> requests.Response:
        return self.get(f"/v3/returns/tasks/shipments/{cursor}")

    def initial_load(self, location: str = "LOC1", task_type: str = "RETURN") -> requests.Response:
        body = {"sellerLocationId": location, "taskType": task_type}
        return self.post("/v3/returns/tasks/initial-load", body)

    def start_otc(self, location: str = "LOC1", task_type: str = "RETURN") -> requests.Response:
        body = {"sellerLocationId": location, "taskType": task_type}
        return self.post("/v3/returns/otc/start/details", body)

    def shipments(self, task_id: str, fe_id: str, page_size: Any = None) -> requests.Response:
        body: dict[str, Any] = {"taskId": task_id, "feId": fe_id}
        if page_size is not None:
            body["pageSize"] = page_size
        return self.post("/v3/returns/tasks/shipments", body)

    def end_otc(self, fe_id: str, task_id: str, task_type: str = "RETURN") -> requests.Response:
        body = {"feId": fe_id, "taskId": task_id, "taskType": task_type}
        return self.post("/v3/returns/otc/end/details", body)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def sb(clock: FakeClock) -> Iterator[Sandbox]:
    with Sandbox(SandboxConfig(), clock=clock) as sandbox:
        yield sandbox
    assert sandbox.server_errors == []


@pytest.fixture
def api(sb: Sandbox) -> Iterator[Api]:
    helper = Api(sb)
    yield helper
    helper.close()


def error_code(response: requests.Response) -> tuple[int, str]:
    return response.status_code, response.json()["errorCode"]
