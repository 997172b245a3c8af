"""``returns-desk check``: one line, exit 0 only when credentials and connection are good."""

from __future__ import annotations

import socket

import pytest
from pydantic import SecretStr

from returns_desk.cli import main
from returns_desk.credentials import Credentials, save_credentials
from returns_desk.sandbox.server import Sandbox


@pytest.fixture
def env_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETURNS_DESK_CLIENT_ID", "sandbox")
    monkeypatch.setenv("RETURNS_DESK_CLIENT_SECRET", "sandbox")


def check(
    capsys: pytest.CaptureFixture[str], base_url: str, location: str = "LOC1"
) -> tuple[int, str]:
    code = main(["check", "--api-base-url", base_url, "--seller-location-id", location])
    out = capsys.readouterr().out
    assert out.count("\n") == 1, out  # exactly one line
    return code, out.strip()


def test_all_well(sandbox: Sandbox, env_credentials: None, capsys) -> None:  # type: ignore[no-untyped-def]
    sandbox.world.arrive("LOC1", name="Ravi")
    code, line = check(capsys, sandbox.base_url)
    assert code == 0
    assert line.startswith("OK") and "1 field executive at the dock" in line


def test_credentials_from_the_os_store(sandbox: Sandbox, capsys) -> None:  # type: ignore[no-untyped-def]
    save_credentials(Credentials(client_id="sandbox", client_secret=SecretStr("sandbox")))
    code, line = check(capsys, sandbox.base_url)
    assert code == 0, line


def test_no_task_today_is_unconfirmed(sandbox: Sandbox, env_credentials: None, capsys) -> None:  # type: ignore[no-untyped-def]
    sandbox.world.set_returns_due("LOC1", False)  # TRIPSHEET_TASK_NOT_FOUND: as for a typo
    code, line = check(capsys, sandbox.base_url)
    assert code == 2
    assert line.startswith("UNCONFIRMED") and "could not confirm the location LOC1" in line
    assert "accepted the credentials" in line and "location id is wrong" in line


def test_wrong_secret(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RETURNS_DESK_CLIENT_ID", "sandbox")
    monkeypatch.setenv("RETURNS_DESK_CLIENT_SECRET", "wrong-secret")
    code, line = check(capsys, sandbox.base_url)
    assert code == 1
    assert line.startswith("FAILED") and "client id or secret" in line
    assert "wrong-secret" not in line


def test_no_credentials_anywhere(sandbox: Sandbox, capsys) -> None:  # type: ignore[no-untyped-def]
    code, line = check(capsys, sandbox.base_url)
    assert code == 1 and "RETURNS_DESK_CLIENT_ID" in line


def test_unknown_location(sandbox: Sandbox, env_credentials: None, capsys) -> None:  # type: ignore[no-untyped-def]
    code, line = check(capsys, sandbox.base_url, location="NOWHERE")
    assert code == 1 and "seller location" in line


def test_missing_location(sandbox: Sandbox, env_credentials: None, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["check", "--api-base-url", sandbox.base_url])
    line = capsys.readouterr().out.strip()
    assert code == 1 and "--seller-location-id" in line


def test_unreachable_host(env_credentials: None, capsys) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as s:  # a port on which nobody listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, line = check(capsys, f"http://127.0.0.1:{port}/sellers")
    assert code == 1 and "cannot be reached" in line


def test_unreadable_answer(sandbox: Sandbox, env_credentials: None, capsys) -> None:  # type: ignore[no-untyped-def]
    sandbox.faults.malformed_rate = 1.0
    code, line = check(capsys, sandbox.base_url)
    assert code == 1 and "cannot read" in line


def test_not_a_url(env_credentials: None, capsys) -> None:  # type: ignore[no-untyped-def]
    code, line = check(capsys, "flipkart")
    assert code == 1 and "not valid" in line


def test_proxy_and_ca_bundle_come_from_the_settings() -> None:
    from returns_desk.api.transport import transport_for
    from returns_desk.settings import Settings

    transport = transport_for(
        Settings(proxy_url="http://proxy.corp:3128", ca_bundle="/etc/corp-ca.pem")
    )
    try:
        assert transport.session.proxies["https"] == "http://proxy.corp:3128"
        assert transport.session.verify == "/etc/corp-ca.pem"
    finally:
        transport.close()
    plain = transport_for(Settings())
    assert plain.session.verify is True and not plain.session.proxies
    plain.close()


def test_the_ok_line_names_where_the_token_comes_from(
    sandbox: Sandbox, env_credentials: None, capsys
) -> None:  # type: ignore[no-untyped-def]
    code, line = check(capsys, sandbox.base_url)
    assert code == 0 and f"token from {sandbox.token_url}" in line


def test_cleartext_to_another_host_fails_before_sending_the_secret(
    env_credentials: None, capsys
) -> None:  # type: ignore[no-untyped-def]
    """Refused before any connection: the name does not even resolve."""
    code, line = check(capsys, "http://api.example.invalid/sellers")
    assert code == 1 and line.startswith("FAILED")
    assert "not https" in line and "unsafe address" in line


def test_a_token_url_off_the_api_host_needs_the_admin_file(
    sandbox: Sandbox, env_credentials: None, capsys, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from returns_desk import admin_pin

    elsewhere = sandbox.token_url.replace("127.0.0.1", "localhost")  # same server, other host
    argv = ["check", "--api-base-url", sandbox.base_url, "--seller-location-id", "LOC1"]
    code = main([*argv, "--token-url", elsewhere])
    line = capsys.readouterr().out.strip()
    assert code == 1 and "not on the API's host" in line and "localhost" in line
    monkeypatch.setattr(admin_pin, "machine_admin_dir", lambda: tmp_path)
    admin_pin.save_admin_policy(admin_pin.AdminPolicy(token_url=elsewhere))
    code = main([*argv, "--token-url", elsewhere])
    line = capsys.readouterr().out.strip()
    assert code == 0 and f"token from {elsewhere}" in line, line


def test_a_base_url_without_sellers_names_the_likely_cause(
    sandbox: Sandbox,
    env_credentials: None,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    base = sandbox.base_url.removesuffix("/sellers")
    code = main(
        ["check", "--api-base-url", base, "--token-url", sandbox.token_url,
         "--seller-location-id", "LOC1"]
    )  # fmt: skip
    line = capsys.readouterr().out.strip()
    assert code == 1 and "lacks /sellers" in line and base in line


def test_the_otc_set_up_is_said_in_plain_words(
    sandbox: Sandbox,
    env_credentials: None,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    sandbox.world.arrive("LOC1", name="Ravi")
    code, line = check(capsys, sandbox.base_url)
    assert code == 0 and "OTC mode" not in line and "Dynamic" not in line
    assert "Start OTC" in line


def test_a_failed_check_does_not_promise_retries(env_credentials: None, capsys) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, line = check(capsys, f"http://127.0.0.1:{port}/sellers")
    assert code == 1 and "retrying" not in line and "run the check again" in line
