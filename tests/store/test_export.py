"""The session report: rows, both formats, the --since filter and the export command."""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from returns_desk.store import DB_FILENAME, ExportError, Store
from returns_desk.store import cli as export_cli
from returns_desk.store.export import COLUMNS, export_sessions
from returns_desk.store.migrations import SCHEMA_VERSION
from returns_desk.workflow.reconcile import Reconciler
from tests.store.conftest import START, FakeClock, new_session

# the local record must behave the same on the Windows terminals
pytestmark = pytest.mark.windows

DAY = 86_400


def _page(*ids: str) -> list[dict[str, object]]:
    return [{"trackingId": i} for i in ids]


def _scan(store: Store, session_id: int, code: str, result: str, raw: str | None = None) -> None:
    store.record_scan(
        session_id,
        raw if raw is not None else code.lower(),
        code,
        result,
        terminal="T-1",
        operator="asha",
    )


def _handovers(store: Store, clock: FakeClock) -> tuple[int, int]:
    """A closed handover with every kind of parcel, and an open one the next day."""
    done = new_session(store, fe_id="fe1", task_id="T1").id
    store.record_shipments_page(
        done, _page("ABCD0000000001", "ABCD0000000002", "ABCD0000000003"), None, True
    )
    clock.advance(10)
    _scan(store, done, "ABCD0000000001", "matched")
    clock.advance(10)
    _scan(store, done, "ABCD0000000001", "duplicate")
    _scan(store, done, "ABCD0000000002", "matched")
    _scan(store, done, "ABCD0000000009", "not_yet_reported")
    _scan(store, done, "OD123456789012345678", "wrong_label")
    _scan(store, done, "=1+2", "invalid", raw="=1+2")
    _scan(store, done, "", "invalid", raw="\r\n")
    store.set_condition(done, "ABCD0000000002", "damaged", "=crushed")
    store.record_code(done, "end", "654321", total_scanned=3)
    store.close_session(done, state="COMPLETED")
    clock.advance(DAY)
    running = new_session(store, fe_id="fe2", task_id="T2").id
    store.record_shipments_page(running, _page("EFGH0000000001", "EFGH0000000002"), "u", False)
    _scan(store, running, "EFGH0000000002", "matched")
    _scan(store, running, "EFGH0000000003", "not_yet_reported")
    return done, running


def _report(store: Store, folder: Path, since: date | None = None) -> dict[str, Any]:
    """The JSON report, as a scheduled job would read it."""
    out = folder / "report.json"
    export_sessions(store, out, "json", since=since)
    return json.loads(out.read_text(encoding="utf-8"))


def _local(at: datetime) -> str:
    return at.astimezone().isoformat(timespec="seconds")


def _classes(rows: list[dict[str, object]]) -> dict[tuple[object, object], object]:
    return {(r["session_id"], r["tracking_id"] or r["raw_scan"]): r["classification"] for r in rows}


def test_each_parcel_is_one_row_with_both_sides_view(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    done, running = _handovers(store, clock)
    rows = _report(store, tmp_path)["rows"]
    assert _classes(rows) == {
        (done, "ABCD0000000001"): "matched",
        (done, "ABCD0000000002"): "matched",
        (done, "ABCD0000000003"): "missing_at_dock",
        (done, "ABCD0000000009"): "unexpected_at_dock",
        (done, "OD123456789012345678"): "wrong_label",
        (done, "=1+2"): "invalid",
        (done, "\r\n"): "invalid",
        (running, "EFGH0000000001"): "waiting",
        (running, "EFGH0000000002"): "matched",
        (running, "EFGH0000000003"): "not_yet_reported",
    }
    first = rows[0]
    assert first["reported_by_fe"] and first["reported_at"] == _local(START)
    assert first["scanned_at_dock"]
    assert first["dock_scanned_at"] == _local(START + timedelta(seconds=10))
    assert first["dock_scan_count"] == 2 and first["raw_scan"] == "abcd0000000001"
    assert first["fe_name"] == "Ram" and first["end_otc_total_scanned"] == 3
    assert (first["condition"], first["remark"]) == ("good", "")
    assert (rows[1]["condition"], rows[1]["remark"]) == ("damaged", "=crushed")
    by_code = {r["tracking_id"]: r for r in rows}
    assert by_code["ABCD0000000009"]["condition"] == "good"
    assert by_code["OD123456789012345678"]["condition"] == ""  # a wrong label is no parcel
    missing = rows[2]
    assert missing["condition"] == "" and missing["remark"] == ""
    assert not missing["scanned_at_dock"] and missing["dock_scanned_at"] is None
    assert missing["session_closed_at"] == _local(START + timedelta(seconds=20))


def test_csv_opens_in_excel_with_local_times_and_yes_no(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    _handovers(store, clock)
    out = tmp_path / "report.csv"
    result = export_sessions(store, out, "csv")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == COLUMNS and len(rows) == result.rows == 10
    assert result.sessions == 2 and result.path == out
    assert (rows[0]["reported_by_fe"], rows[2]["scanned_at_dock"]) == ("yes", "no")
    opened = datetime.fromisoformat(rows[0]["session_opened_at"])
    assert opened.utcoffset() is not None and opened == START
    assert rows[0]["session_opened_at"] == START.astimezone().isoformat(timespec="seconds")
    assert rows[2]["dock_scanned_at"] == ""
    formula = next(r for r in rows if r["classification"] == "invalid" and r["tracking_id"])
    assert formula["tracking_id"] == "'=1+2" and formula["raw_scan"] == "'=1+2"
    damaged = next(r for r in rows if r["tracking_id"] == "ABCD0000000002")
    assert damaged["condition"] == "damaged" and damaged["remark"] == "'=crushed"


def test_json_has_rows_and_a_summary_per_handover(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    done, running = _handovers(store, clock)
    out = tmp_path / "report.json"
    export_sessions(store, out, "json")
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len(document["rows"]) == 10 and list(document["rows"][0]) == list(COLUMNS)
    assert document["rows"][0]["reported_by_fe"] is True
    assert datetime.fromisoformat(document["rows"][0]["reported_at"]) == START
    summary = {s["session_id"]: s for s in document["sessions"]}
    assert summary[done]["matched"] == 2 and summary[done]["missing_at_dock"] == 1
    assert summary[done]["unexpected_at_dock"] == 1 and summary[done]["invalid"] == 2
    assert summary[running]["waiting"] == 1 and summary[running]["reported_by_fe"] == 2


def test_since_filters_by_the_local_opening_date(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    _, running = _handovers(store, clock)
    running_opened = store.session(running).opened_at  # type: ignore[union-attr]
    report = _report(store, tmp_path, since=running_opened.astimezone().date())
    assert {r["session_id"] for r in report["rows"]} == {running}
    assert [s["session_id"] for s in report["sessions"]] == [running]


def test_exporting_marks_the_sessions_exported_only_once_written(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    done, running = _handovers(store, clock)
    with pytest.raises(ExportError):
        export_sessions(store, tmp_path / "no such folder" / "r.csv", "csv")
    assert store.session(done).exported_at is None  # type: ignore[union-attr]
    clock.advance(5)
    export_sessions(store, tmp_path / "r.csv", "csv")
    assert store.session(done).exported_at == clock.datetime  # type: ignore[union-attr]
    assert store.session(running).exported_at == clock.datetime  # type: ignore[union-attr]
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["r.csv"]  # no temp file left


# --- the command ------------------------------------------------------------------------


def _data_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder / DB_FILENAME, clock=FakeClock(START)) as store:
        _handovers(store, FakeClock(START))
    return folder


def test_the_command_writes_the_report_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _data_folder(tmp_path)
    out = tmp_path / "report.csv"
    assert export_cli.main(["--data-dir", str(folder), "--format", "csv", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == f"Exported 10 rows from 2 handovers to {out}\n"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_command_reads_the_data_folder_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _data_folder(tmp_path)
    monkeypatch.setenv("RETURNS_DESK_DATA_DIR", str(folder))
    out = tmp_path / "r.json"
    assert export_cli.main(["--format", "json", "--out", str(out), "--since", "2000-01-01"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["rows"]) == 10


def test_the_command_reads_the_data_folder_the_settings_name_as_the_app_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from returns_desk.settings import Settings, save_settings

    folder = _data_folder(tmp_path)
    save_settings(Settings(data_dir=str(folder)))  # an admin moved the record
    out = tmp_path / "r.json"
    assert export_cli.main(["--format", "json", "--out", str(out), "--since", "2000-01-01"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["rows"]) == 10


def test_data_dir_given_before_the_subcommand_is_kept() -> None:
    parser = argparse.ArgumentParser(prog="returns-desk")
    parser.add_argument("--data-dir")
    sub = parser.add_subparsers(dest="command").add_parser("export")
    export_cli.add_arguments(sub)
    args = parser.parse_args(["--data-dir", "X", "export", "--format", "csv", "--out", "f"])
    assert args.data_dir == "X"
    args = parser.parse_args(["export", "--data-dir", "Y", "--format", "csv", "--out", "f"])
    assert args.data_dir == "Y"


def test_the_command_works_while_the_app_runs_and_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _data_folder(tmp_path)
    out = tmp_path / "r.csv"
    with Store.open(folder, single_writer=True) as app:
        session = app.open_sessions()[0]
        app.record_scan(session.id, "x", "EFGH0000000001", "matched", terminal="t", operator="o")
        writing, done = threading.Event(), threading.Event()

        def app_writes() -> None:  # a write in progress while the export starts
            with app.transaction():
                app.record_scan(
                    session.id,
                    "y",
                    "EFGH0000000009",
                    "not_yet_reported",
                    terminal="t",
                    operator="o",
                )
                writing.set()
                done.wait(0.3)

        writer = threading.Thread(target=app_writes)
        writer.start()
        writing.wait(5)
        try:
            rc = export_cli.main(["--data-dir", str(folder), "--format", "csv", "--out", str(out)])
        finally:
            done.set()
            writer.join()
        assert rc == 0, capsys.readouterr().err
        assert app.session(session.id).exported_at is not None  # type: ignore[union-attr]
    assert "EFGH0000000001" in out.read_text(encoding="utf-8-sig")


def _make_corrupt(folder: Path) -> None:
    folder.mkdir()
    (folder / DB_FILENAME).write_bytes(b"garbage" * 100)


def _make_db(folder: Path) -> None:
    Store.open(folder / DB_FILENAME).close()


def _make_too_new(folder: Path) -> None:
    _make_db(folder)
    with closing(sqlite3.connect(folder / DB_FILENAME)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


@pytest.mark.parametrize(
    ("prepare", "extra", "expected"),
    [
        (lambda f: f.mkdir(), [], "no Returns Desk database"),
        (lambda f: None, [], "no Returns Desk database"),
        (_make_db, ["--since", "2024-13-45"], "not a valid date"),
        (_make_db, ["--out", "{tmp}/missing/r.csv"], "could not be written"),
        (_make_db, ["--out", "{tmp}"], "could not be written"),
        (_make_corrupt, [], "damaged"),
        (_make_too_new, [], "newer version"),
    ],
    ids=[
        "empty-folder",
        "no-folder",
        "bad-date",
        "no-out-folder",
        "out-is-a-folder",
        "corrupt",
        "too-new",
    ],
)
def test_any_problem_is_one_clear_line_and_exit_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    prepare: Callable[[Path], None],
    extra: list[str],
    expected: str,
) -> None:
    folder = tmp_path / "data"
    prepare(folder)
    argv = ["--data-dir", str(folder), "--format", "csv", "--out", str(tmp_path / "r.csv")]
    argv += [a.replace("{tmp}", str(tmp_path)) for a in extra]
    assert export_cli.main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.err.startswith("returns-desk export: ") and expected in captured.err
    if "no Returns Desk database" in expected:
        assert not (folder / DB_FILENAME).exists()  # the export never creates a database


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        " =1+1",
        "\u3000=1+1",  # an ideographic space
        "\uff1d1+1",  # fullwidth =
        " \uff0bcmd",  # fullwidth +
        "\ufe66SUM(A1)",  # small =
        "\u200b=1",  # a zero-width space first
        "\t=1",
        "\r",
        "-2+3",
        "@SUM(A1)",
    ],
)
def test_csv_keeps_anything_a_spreadsheet_could_run_as_text(text: str) -> None:
    from returns_desk.store.export import csv_cell

    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["FMPC1234567890", "ab=c", "", "12-3", "\uff21BC"])
def test_csv_leaves_ordinary_text_alone(text: str) -> None:
    from returns_desk.store.export import csv_cell

    assert csv_cell(text) == text


def test_the_export_command_writes_disguised_formulas_as_text(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Raw scans as a clerk could type them into the manual entry, through the command."""
    from returns_desk.store import cli as export_cli

    data = tmp_path / "data"
    tricks = [" =1+1", '\uff1dHYPERLINK("http://x")', "\u3000+cmd", "\u200b@SUM(A1)"]
    with Store.open(data / "returns-desk.sqlite3") as store:
        session = new_session(store).id
        for raw in tricks:
            _scan(store, session, "", "invalid", raw=raw)
    out = tmp_path / "report.csv"
    assert export_cli.main(["--data-dir", str(data), "--format", "csv", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert sorted(r["raw_scan"] for r in rows) == sorted("'" + raw for raw in tricks)


# --- streamed from SQL, as the reconciliation classifies -------------------------------


@pytest.mark.parametrize("closed", [True, False])
def test_every_parcel_is_classified_as_the_reconciliation_does(
    store: Store, clock: FakeClock, tmp_path: Path, closed: bool
) -> None:
    rng = random.Random(7)
    session = new_session(store).id
    live = Reconciler()
    codes = [f"FMPC{n:010d}" for n in range(30)] + ["OD123456789012345", "ODD?"]
    for _ in range(150):
        clock.advance(1)
        if rng.random() < 0.3:
            page = rng.sample(codes[:30], 3)
            store.record_shipments_page(session, _page(*page), "u", False)
            live.add_reported(page)
        else:
            code = rng.choice(codes)
            verdict = live.scan(code, clock.datetime)
            _scan(store, session, code, verdict.result.value)
    if closed:
        store.close_session(session, state="COMPLETED")
    rows = _report(store, tmp_path)["rows"]
    expected = {c: s.value for c, s in live.classification(final=closed).items()}
    assert {r["tracking_id"]: r["classification"] for r in rows} == expected
    assert len(rows) == len(expected)
    scans = store.scans(session)
    for row in rows:
        of_code = [s for s in scans if s.code == row["tracking_id"]]
        assert row["dock_scan_count"] == len(of_code)
        if of_code:
            assert row["raw_scan"] == of_code[0].raw
            assert row["dock_scanned_at"] == _local(of_code[0].scanned_at)


#: The zone is switched with TZ and time.tzset, which only POSIX has (Windows: its own API).
needs_tzset = pytest.mark.skipif(
    not hasattr(time, "tzset"), reason="switching the time zone needs time.tzset (POSIX)"
)


@needs_tzset
@pytest.mark.parametrize("zone", ["Asia/Kolkata", "America/St_Johns", "UTC", "Europe/London"])
def test_times_are_local_with_their_offset_in_any_zone(
    store: Store, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        _handovers(store, clock)
        export_sessions(store, tmp_path / "r.csv", "csv")
        rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
        assert rows[0]["session_opened_at"] == _local(START)
        assert rows[0]["dock_scanned_at"] == _local(START + timedelta(seconds=10))
        summer = datetime(2026, 7, 1, 12, tzinfo=UTC)  # daylight saving where there is one
        clock.now = summer.timestamp()
        _scan(store, new_session(store, fe_id="fe9", task_id="T9").id, "FMPC1", "invalid")
        export_sessions(store, tmp_path / "r.csv", "csv")
        rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
        assert rows[-1]["session_opened_at"] == rows[-1]["dock_scanned_at"] == _local(summer)
    finally:
        monkeypatch.undo()
        time.tzset()


@needs_tzset
def test_a_handover_across_a_change_of_clock_has_each_time_with_its_own_offset(
    store: Store, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/London")  # summer time from 2026-03-29 01:00 UTC
    time.tzset()
    try:
        clock.now = datetime(2026, 3, 29, 0, 30, tzinfo=UTC).timestamp()
        night = new_session(store, fe_id="fe7", task_id="T7").id
        clock.advance(3600)  # 01:30 UTC: 02:30 summer time
        _scan(store, night, "FMPC0000000007", "not_yet_reported")
        export_sessions(store, tmp_path / "r.csv", "csv")
        (row,) = csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig")))
        assert row["session_opened_at"] == "2026-03-29T00:30:00+00:00"
        assert row["dock_scanned_at"] == "2026-03-29T02:30:00+01:00"
    finally:
        monkeypatch.undo()
        time.tzset()


# --- the streamed rows say what parcel_rows says ------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_the_streamed_report_is_parcel_rows_with_moves_conditions_and_tricky_text(
    store: Store, clock: FakeClock, tmp_path: Path, seed: int
) -> None:
    """The SQL-made rows (CSV and JSON) against ``parcel_rows``, the Python definition the
    claims use: moved scans, conditions and remarks, and text a spreadsheet could run."""
    from returns_desk.store.export import csv_cell, parcel_rows, report_value

    rng = random.Random(seed)
    ravi, shyam = new_session(store, fe_id="ravi").id, new_session(store, fe_id="shyam").id
    codes = [f"FMPC{n:010d}" for n in range(12)]
    raws = ["fmpc", "=1+1", "\uff1dcmd", " +x", "\u200b@S", "ok"]
    raws += ["fmpc\r", 'a,"b"', "x\r\ny", "@a,b"]  # quoted in CSV
    for _ in range(80):
        clock.advance(1)
        session = rng.choice((ravi, shyam))
        step = rng.random()
        if step < 0.2:
            store.record_shipments_page(session, _page(*rng.sample(codes, 2)), "u", False)
        elif step < 0.3:
            code = rng.choice(codes)
            other = shyam if session == ravi else ravi
            with store.transaction():  # as Engine.move_scan records a move
                _scan(store, session, code, "moved")
                _scan(store, other, code, "matched")
        elif step < 0.4:
            _scan(store, session, "", "invalid", raw=rng.choice(raws))
        else:
            result = rng.choice(["matched", "not_yet_reported", "duplicate", "wrong_label"])
            _scan(store, session, rng.choice(codes), result, raw=rng.choice(raws))
        if rng.random() < 0.15:
            received = list(store.received(session))
            if received:
                remark = rng.choice(["=wet", " box", "-", "torn, wet", 'a "b"', "two\nlines"])
                store.set_condition(session, rng.choice(received), "wet", remark)
    store.close_session(ravi, state="COMPLETED")

    def expected() -> list[dict[str, Any]]:
        rows = []
        for session in sorted(store.sessions(), key=lambda s: (s.opened_at, s.id)):
            rows += parcel_rows(session, store.shipments(session.id), store.scans(session.id))
        return rows

    want = expected()
    assert any(r["remark"] for r in want) and any(r["dock_scan_count"] > 1 for r in want)
    got = _report(store, tmp_path)["rows"]
    assert [{k: r[k] for k in COLUMNS[11:]} for r in got] == [
        {k: report_value(r[k]) for k in COLUMNS[11:]} for r in want
    ]
    export_sessions(store, tmp_path / "r.csv", "csv")
    text = (tmp_path / "r.csv").read_bytes().decode("utf-8-sig")  # line breaks as written
    cells = [row[11:] for row in list(csv.reader(io.StringIO(text, newline="")))[1:]]
    assert cells == [[csv_cell(r[k]) for k in COLUMNS[11:]] for r in want]
    # byte for byte what the csv module writes for those rows (quotes, line breaks)
    written = io.StringIO(newline="")
    csv.writer(written).writerows([COLUMNS, *([csv_cell(r[k]) for k in COLUMNS] for r in want)])
    assert (tmp_path / "r.csv").read_bytes() == ("\ufeff" + written.getvalue()).encode("utf-8")


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from([*'ab1,"= \t', "\r", "\n", "\uff1d", "\u200b"])))
def test_a_cell_is_quoted_as_the_csv_module_quotes_it(text: str) -> None:
    """The rule the export's query uses for quotes (``_csv_quote``) is the csv module's."""
    from returns_desk.store.export import _csv_quote

    written = io.StringIO(newline="")
    csv.writer(written).writerow([text, "x"])
    assert written.getvalue() == _csv_quote(text) + ",x\r\n"
