"""``returns-desk site init`` and ``site check`` against a real PostgreSQL server: the schema
is created and upgraded idempotently, the password goes to the credential store and never to
settings.toml or the output, and ``check`` says in one line whether a terminal gets through."""

from __future__ import annotations

import io
import logging
import subprocess

import keyring
import pytest

from returns_desk.cli import main
from returns_desk.credentials import site_password_key
from returns_desk.paths import settings_path
from returns_desk.settings import load_settings
from returns_desk.site.connection import connect
from returns_desk.site.schema import SCHEMA, SCHEMA_VERSION
from tests.site.conftest import sql
from tests.site.pgcluster import PASSWORD, PgCluster


@pytest.fixture
def empty_db(site_db: PgCluster) -> PgCluster:
    sql(site_db, f"DROP SCHEMA {SCHEMA} CASCADE")
    keyring.delete_password("returns-desk", site_password_key(site_db.url))
    return site_db


def with_password(url: str) -> str:
    return url.replace("rd_site@", f"rd_site:{PASSWORD}@")


def test_init_creates_the_schema_keeps_the_password_safe_and_joins(
    empty_db: PgCluster, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = with_password(empty_db.url)
    assert main(["site", "init", "--database-url", url, "--join"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"OK: site database {empty_db.url} (TLS prefer): schema version 0 -> 1")
    assert "joins the site" in line
    assert keyring.get_password("returns-desk", site_password_key(empty_db.url)) == PASSWORD
    settings = load_settings()
    assert settings.site.enabled and settings.site.database_url == empty_db.url
    assert PASSWORD not in settings_path().read_text("utf-8")
    assert PASSWORD not in line and PASSWORD not in caplog.text

    assert main(["site", "init", "--database-url", empty_db.url]) == 0  # again: nothing to do
    assert "schema up to date" in capsys.readouterr().out
    assert main(["site", "check"]) == 0  # from the settings and the credential store
    out = capsys.readouterr().out.strip()
    assert out == (
        f"OK: site database {empty_db.url} (TLS prefer): schema version {SCHEMA_VERSION}, "
        "0 terminals"
    )
    (version,) = sql(empty_db, f"SELECT max(version) FROM {SCHEMA}.schema_version")[0]
    assert version == SCHEMA_VERSION


def test_init_reads_the_password_from_standard_input(
    empty_db: PgCluster, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["site", "init", "--database-url", empty_db.url, "--password-stdin"]) == 0
    assert "schema version 0 -> 1" in capsys.readouterr().out
    assert keyring.get_password("returns-desk", site_password_key(empty_db.url)) == PASSWORD


def test_check_fails_in_one_line_without_the_schema_or_the_server(
    empty_db: PgCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    url = with_password(empty_db.url)
    assert main(["site", "check", "--database-url", url]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("FAILED: The site database is not set up")
    assert "returns-desk site init" in out[0]

    assert main(["site", "check", "--database-url", url.replace(PASSWORD, "wrong")]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("FAILED: The site database cannot be reached.")
    assert "wrong" not in out[0] and PASSWORD not in out[0]

    empty_db.stop()
    try:
        assert main(["site", "check", "--database-url", url]) == 1
        out = capsys.readouterr().out.strip().splitlines()
        assert len(out) == 1 and "The site database cannot be reached." in out[0]
    finally:
        empty_db.start()


def test_check_without_any_database_url_says_what_to_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["site", "check"]) == 1
    assert capsys.readouterr().out.strip() == (
        "FAILED: no site database: pass --database-url or set [site] database_url"
    )


def test_a_password_in_the_settings_file_is_refused_with_what_to_do() -> None:
    from returns_desk.settings import Settings
    from returns_desk.settings.model import InvalidSettings

    url = "postgresql://u:secret@db.example/x"
    with pytest.raises(InvalidSettings, match=r"site\.database_url: .*the OS credential"):
        Settings.from_dict({"site": {"database_url": url}})


def test_tls_to_the_site_database_checks_the_server_certificate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A terminal asks for ``sslmode=verify-full`` with the site's CA: it gets through to the
    server that CA signed, and refuses to talk when it cannot check who answers."""
    cluster = PgCluster()
    try:
        cert = cluster.enable_tls()
        cluster.start()
        base = with_password(cluster.url)
        assert main(["site", "init", "--database-url", base]) == 0
        capsys.readouterr()
        verified = f"{base}?sslmode=verify-full&sslrootcert={cert}"
        assert main(["site", "check", "--database-url", verified]) == 0
        assert "(TLS verify-full)" in capsys.readouterr().out
        with connect(verified) as conn:  # the app's own connection: encrypted
            (ssl,) = conn.execute(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            ).fetchone()
        assert ssl is True
        stranger = cluster.folder / "stranger.crt"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=127.0.0.1", "-keyout", str(cluster.folder / "stranger.key"),
             "-out", str(stranger)],
            check=True, capture_output=True,
        )  # fmt: skip
        unverified = f"{base}?sslmode=verify-full&sslrootcert={stranger}"
        assert main(["site", "check", "--database-url", unverified]) == 1
        assert "cannot be reached" in capsys.readouterr().out
    finally:
        cluster.destroy()
