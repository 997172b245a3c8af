"""The command line: version, help, and clear one-line errors instead of tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from returns_desk import __version__
from returns_desk.cli import build_parser, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"returns-desk {__version__}"


def test_every_subcommand_has_help() -> None:
    parser = build_parser()
    help_text = parser.format_help()
    for name in ("sandbox", "check", "export", "print-test"):
        assert name in help_text


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--no-such-option"])
    assert exited.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_module_entry_point_runs_without_qt() -> None:
    """``check`` and friends never load Qt: an admin's shell has no display."""
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "from returns_desk.cli import main\n"
        "raise SystemExit(main(['check', '--api-base-url', 'http://127.0.0.1:9/sellers']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "",
            "RETURNS_DESK_CLIENT_ID": "a",
            "RETURNS_DESK_CLIENT_SECRET": "b",
            "XDG_CONFIG_HOME": "/nonexistent",
        },
    )
    assert result.returncode == 1
    assert result.stdout.startswith("FAILED") and "seller-location-id" in result.stdout
    assert "Traceback" not in result.stderr


def test_export_subcommand_is_wired(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.store import Store

    with Store.open(tmp_path / "returns-desk.sqlite3"):
        pass
    out = tmp_path.parent / f"{tmp_path.name}-report.csv"
    code = main(["export", "--data-dir", str(tmp_path), "--format", "csv", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert out.exists()


def test_export_problem_is_one_line(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    code = main(
        [
            "export",
            "--data-dir",
            str(tmp_path / "nothing"),
            "--format",
            "json",
            "--out",
            str(tmp_path / "r.json"),
        ]
    )
    err = capsys.readouterr().err.strip()
    assert code != 0 and err.count("\n") == 0 and err


def test_print_test_subcommand_is_wired(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sample.pdf"
    assert main(["print-test", "--paper", "58mm", "--pdf", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_admin_pin_sets_the_pin_in_the_per_machine_file(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    import io

    from returns_desk import admin_pin

    monkeypatch.setattr(admin_pin, "machine_admin_dir", lambda: tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("73914682\n"))
    assert main(["admin-pin", "--pin-stdin"]) == 0
    assert "per-machine" in capsys.readouterr().out
    policy = admin_pin.load_admin_policy(tmp_path / "admin.toml")
    assert admin_pin.verify_pin("73914682", policy.pin_hash)
    assert not admin_pin.verify_pin("000000", policy.pin_hash)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1234\n"))  # too short: refused, kept
    assert main(["admin-pin", "--pin-stdin"]) == 1
    assert "6 to 32 digits" in capsys.readouterr().err
    assert admin_pin.load_admin_policy(tmp_path / "admin.toml") == policy
    assert main(["admin-pin", "--keep-pin", "--admin-token-url", "http://x.example/t"]) == 1
    assert "not https" in capsys.readouterr().err


def _record(folder) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.store import Store

    with Store.open(folder / "returns-desk.sqlite3"):
        pass


@pytest.mark.parametrize(
    "name", ["returns-desk.sqlite3", "returns-desk.sqlite3-wal", "logs/x.csv", "new.csv", "."]
)
def test_export_never_writes_inside_the_data_folder(tmp_path, capsys, name: str) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    data.mkdir()
    _record(data)
    database = (data / "returns-desk.sqlite3").read_bytes()
    argv = ["export", "--data-dir", str(data), "--format", "csv", "--out", str(data / name)]
    assert main([*argv, "--force"]) == 1
    err = capsys.readouterr().err
    assert "inside the data folder" in err and "no file is replaced" in err
    assert (data / "returns-desk.sqlite3").read_bytes() == database  # the record is intact


def test_export_through_a_link_or_dotdot_into_the_data_folder_is_refused(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    data, reports = tmp_path / "data", tmp_path / "reports"
    data.mkdir()
    reports.mkdir()
    _record(data)
    (reports / "link").symlink_to(data)
    for out in (reports / "link" / "r.csv", reports / ".." / "data" / "r.csv"):
        argv = ["export", "--data-dir", str(data), "--format", "csv", "--out", str(out)]
        assert main(argv) == 1
        assert "inside the data folder" in capsys.readouterr().err
    assert not (data / "r.csv").exists()


def test_export_replaces_an_existing_file_only_with_force(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    data.mkdir()
    _record(data)
    out = tmp_path / "report.csv"
    out.write_text("last week's report")
    argv = ["export", "--data-dir", str(data), "--format", "csv", "--out", str(out)]
    assert main(argv) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "last week's report"
    assert main([*argv, "--force"]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("session_id")
