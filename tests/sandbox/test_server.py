"""The server as a program: clean stop, concurrency, speed, the control interface, the CLI."""

from __future__ import annotations

import contextlib
import gc
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings

import pytest
import requests

from returns_desk.sandbox.api import encode_cursor
from returns_desk.sandbox.control import SandboxControl
from returns_desk.sandbox.model import FeState
from returns_desk.sandbox.server import Sandbox, SandboxConfig
from returns_desk.sandbox.world import SandboxRuleError
from tests.sandbox.conftest import Api, FakeClock

REQUEST = (
    b"POST /sellers/v3/returns/tasks/initial-load HTTP/1.1\r\nHost: x\r\n"
    b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
)


def open_fds() -> int | None:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None


def test_stop_closes_every_connection_and_joins_every_thread() -> None:
    gc.collect()
    threads_before, fds_before = set(threading.enumerate()), open_fds()
    sb = Sandbox().start()
    sessions = [Api(sb) for _ in range(3)]  # idle keep-alive connections afterwards
    for api in sessions:
        assert api.initial_load().status_code == 200
    idle = socket.create_connection(sb.address)  # connected, never says a word
    sb.faults.queue.append("latency:30")
    slow = socket.create_connection(sb.address)  # waiting for a 30 s answer
    slow.sendall(REQUEST)
    time.sleep(0.1)
    assert len(threading.enumerate()) >= len(threads_before) + 5

    started = time.monotonic()
    sb.stop()
    assert time.monotonic() - started < 1.0
    assert set(threading.enumerate()) == threads_before
    for raw in (idle, slow):
        raw.settimeout(2)
        with contextlib.suppress(ConnectionResetError):
            assert raw.recv(100) == b""  # closed by the server
        raw.close()
    for api in sessions:
        api.close()
    sb.stop()  # idempotent
    if fds_before is not None:
        assert open_fds() == fds_before
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


def test_life_cycle_rules() -> None:
    sb = Sandbox()
    sb.stop()  # never started: nothing to do
    with pytest.raises(RuntimeError):
        sb.start()
    with pytest.raises(RuntimeError):
        _ = sb.base_url
    with Sandbox() as running:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/sellers", running.base_url)
        assert running.token_url.endswith(f":{running.address[1]}/oauth-service/oauth/token")
        assert running.control_url.endswith("/_sandbox")
        with pytest.raises(RuntimeError):
            running.start()
        port = running.address[1]
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    with pytest.raises(ValueError):
        SandboxConfig(epoch_unit="us")  # type: ignore[arg-type]


def test_concurrent_clients(sb: Sandbox) -> None:
    fe = sb.world.arrive()
    sb.world.issue_start_otc(fe.fe_id)
    sb.world.validate_start_otc(fe.fe_id)
    sb.world.scan(fe.fe_id, 200)
    statuses: list[int] = []

    def worker() -> None:
        api = Api(sb)
        try:
            page = api.shipments(fe.task_id, fe.fe_id, 10).json()
            for _ in range(10):
                response = api.page(page["next_url"])
                statuses.append(response.status_code)
                page = response.json()
                statuses.append(api.initial_load().status_code)
        finally:
            api.close()

    workers = [threading.Thread(target=worker) for _ in range(8)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert statuses == [200] * 160


def test_pages_are_cheap_to_serve(sb: Sandbox, api: Api) -> None:
    fe = sb.world.arrive()
    sb.world.issue_start_otc(fe.fe_id)
    sb.world.validate_start_otc(fe.fe_id)
    sb.world.scan(fe.fe_id, 10_000)
    sb.world.finish_scanning(fe.fe_id)
    path = "/sellers/v3/returns/tasks/shipments/" + encode_cursor(fe.task_id, fe.fe_id, 25, 9000)
    headers = {"Authorization": f"Bearer {api.token}"}
    started = time.perf_counter()
    for _ in range(400):
        sb.api.handle("GET", path, headers, b"")
    assert (time.perf_counter() - started) / 400 < 0.001  # Python work per page

    started = time.perf_counter()
    page, count = api.shipments(fe.task_id, fe.fe_id).json(), 25
    while page["next_url"]:
        page = api.page(page["next_url"]).json()
        count += len(page["scannedShipments"])
    assert count == 10_000
    assert time.perf_counter() - started < 5.0  # 400 round trips; about 0.3 s usually


# --- the control interface ---------------------------------------------------------------


def test_control_interface(clock: FakeClock) -> None:
    with Sandbox(clock=clock) as sb, SandboxControl(sb.control_url) as control:
        fe = control.arrive("LOC1", name="Ravi Kumar", lob="NON_LARGE", fe_id="fe777")
        assert (fe.fe_id, fe.lob, fe.state) == ("fe777", "NONLARGE", FeState.START_OTC)
        with pytest.raises(SandboxRuleError, match="never generated"):
            control.validate_start_otc(fe.fe_id)
        code = control.issue_start_otc(fe.fe_id)
        with pytest.raises(SandboxRuleError, match="wrong"):
            control.validate_start_otc(fe.fe_id, "000000" if code != "000000" else "111111")
        assert control.validate_start_otc(fe.fe_id, code).state == FeState.SCANNING
        ids = control.scan(fe.fe_id, 3) + control.scan(fe.fe_id, tracking_ids=["FMPC1234567890"])
        assert control.fe(fe.fe_id).tracking_ids == tuple(ids) and len(ids) == 4
        assert control.autopilot(fe.fe_id, parcels=6, scan_interval_s=1).on_autopilot
        clock.advance(2)
        assert control.fe(fe.fe_id).scanned == 6
        clock.advance(5)
        assert control.fe(fe.fe_id).state == FeState.END_OTC
        with pytest.raises(SandboxRuleError):
            control.finish(fe.fe_id)
        with pytest.raises(SandboxRuleError):
            control.verify_end_otc(fe.fe_id)  # no End OTC generated yet
        with pytest.raises(SandboxRuleError, match="unknown FE"):
            control.scan("fe-nobody")

        other = control.arrive()
        control.issue_start_otc(other.fe_id)
        control.validate_start_otc(other.fe_id)
        assert control.finish(other.fe_id).state == FeState.END_OTC

        api = Api(sb)
        try:
            control.set_faults(queue=["error:503"], clock_skew_s=5)
            assert api.initial_load().status_code == 503
            assert control.set_faults(token_ttl_s=None)["clock_skew_s"] == 5
            control.revoke_tokens()
            assert api.initial_load().status_code == 401
            control.close_tripsheet("LOC1")
            api.token = api.fetch_token().json()["access_token"]
            assert api.start_otc().json()["errorCode"] == "TRIPSHEET_CLOSED_ERROR"
            control.set_returns_due("LOC1", False)
            assert api.initial_load().json()["errorCode"] == "TRIPSHEET_TASK_NOT_FOUND"
        finally:
            api.close()
        state = control.state()
        assert [f["fe_id"] for f in state["fes"]] == ["fe777", other.fe_id]
        assert state["locations"]["LOC1"] == {"returns_due": False, "tripsheet_closed": True}
        with pytest.raises(RuntimeError, match="404"):
            control._call("GET", "nothing")
        bad = requests.post(sb.control_url + "/faults", json={"nope": 1}, timeout=5)
        assert bad.status_code == 400 and "nope" in bad.json()["error"]
    assert not [entry for entry in sb.requests_log if "/_sandbox" in entry[1]]


# --- the command line ----------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child needs POSIX")
def test_sandbox_command_serves_until_ctrl_c() -> None:
    command = [sys.executable, "-m", "returns_desk", "sandbox", "--port", "0", "--demo-fes"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            line = process.stdout.readline() if process.stdout else ""
            base_url = re.search(r"base URL (http://\S+/sellers)", line)
            token_url = re.search(r"token URL (http://\S+/oauth/token)", line)
            assert base_url and token_url, line
            with requests.Session() as session:
                token = session.get(
                    token_url.group(1),
                    params={"grant_type": "client_credentials", "scope": "Seller_Api"},
                    auth=("sandbox", "sandbox"),
                    timeout=5,
                ).json()["access_token"]
                load = session.post(
                    base_url.group(1) + "/v3/returns/tasks/initial-load",
                    json={"sellerLocationId": "LOC1", "taskType": "RETURN"},
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=5,
                ).json()
            assert len(load["feDetails"]) == 3
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=10) == 0
            assert process.stderr is not None and process.stderr.read() == ""
        finally:
            if process.poll() is None:
                process.kill()


def test_cli_module_is_cheap_and_the_server_needs_no_requests() -> None:
    code = (
        "import sys\n"
        "import returns_desk.sandbox.cli\n"
        "assert 'http.server' not in sys.modules, 'cli imports the server eagerly'\n"
        "import returns_desk.sandbox.server, returns_desk.sandbox.demo\n"
        "assert 'requests' not in sys.modules, 'the server imports requests'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
