"""Slips rebuilt from the store alone: the same as from the live engine, and marked reprints."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from returns_desk.api.client import ReturnsClient
from returns_desk.api.transport import RetryPolicy, Timeouts, Transport
from returns_desk.credentials import Credentials
from returns_desk.printing import layout as L
from returns_desk.printing.record import (
    build_slip,
    handover_receipt,
    read_record,
)
from returns_desk.printing.slips import (
    REPRINT_KEY_SUFFIX,
    TEXTS,
    DockCounts,
    EndStats,
    HandoverReceipt,
    Reprint,
    SlipFe,
    format_time,
    receipt_summary,
    verify_summary,
)
from returns_desk.sandbox.server import Sandbox
from returns_desk.store import CodeKind, ScanResult, Store
from returns_desk.workflow.engine import DockEngine, EngineConfig
from returns_desk.workflow.reconcile import ParcelStatus
from tests.clocks import FakeClock
from tests.printing.conftest import layout_strings, needs_poppler, pdf_text, squash

T0 = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
CREDS = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data", clock=FakeClock(T0)) as opened:
        yield opened


def _qr(layout: L.Layout) -> str:
    (qr,) = [b.content for b in layout.blocks if isinstance(b, L.Qr)]
    return qr


def finished_handover(
    store: Store,
    *,
    at: datetime = T0,
    task: str = "T1",
    fe: str = "FE1",
    name: str = "Ravi Kumar",
    end: bool = True,
) -> int:
    """A handover written through the store API: 4 reported, 3 scanned, 1 odd; completed
    with its End OTC, or (``end=False``) closed after scanning without one."""
    session = store.open_session(
        "LOC1", task, fe, state="START_OTC", fe_name=name, logistic_partner="eKart",
        lob="NONLARGE", at=at,
    )  # fmt: skip
    sid = session.id
    store.record_code(
        sid, CodeKind.START, "482917", created_at=at, expiry_at=at + timedelta(minutes=30),
        received_at=at,
    )  # fmt: skip
    store.set_state(sid, "SCANNING", at=at + timedelta(minutes=1))
    reported = [f"FMPC{1000000000 + n:010d}" for n in range(4)]
    store.record_shipments_page(
        sid, [{"trackingId": t} for t in reported], None, True, at=at + timedelta(minutes=2)
    )
    scans = [
        (reported[0], ScanResult.MATCHED),
        (reported[1], ScanResult.MATCHED),
        (reported[1], ScanResult.DUPLICATE),
        ("FMPC9999999999", ScanResult.NOT_YET_REPORTED),
        ("OD225674723130604000", ScanResult.WRONG_LABEL),
        (reported[2], ScanResult.MATCHED),
    ]
    for n, (code, result) in enumerate(scans):
        store.record_scan(
            sid, code, code, result, terminal="DOCK-1", operator="Meena",
            at=at + timedelta(minutes=3, seconds=n),
        )  # fmt: skip
    if not end:
        store.close_session(sid, at=at + timedelta(minutes=12))
        return sid
    store.record_code(
        sid, CodeKind.END, "739204", received_at=at + timedelta(minutes=10), total_scanned=4,
        obd_eligible=2, obd_failed=1, flyer_eligible=1, flyer_failed=0,
    )  # fmt: skip
    store.close_session(sid, state="COMPLETED", at=at + timedelta(minutes=12))
    return sid


def test_a_record_has_the_counts_lists_and_times(store: Store) -> None:
    sid = finished_handover(store)
    record = read_record(store, sid)
    assert record is not None
    assert record.kinds == (CodeKind.END, CodeKind.START)
    counts = record.counts
    assert (counts.fe_scanned, counts.dock_scanned, counts.matched) == (4, 4, 3)
    assert record.missing == ("FMPC1000000003",)
    assert record.unexpected == ("FMPC9999999999",)
    assert set(record.received) == {f"FMPC{1000000000 + n:010d}" for n in range(3)}
    assert record.operator == "Meena"
    assert record.ended_at == T0 + timedelta(minutes=10)  # the End OTC's, not the closing's

    receipt = handover_receipt(record, terminal="DOCK-2", printed_at=T0 + timedelta(hours=2))
    assert receipt is not None
    assert (receipt.end_otc, receipt.start_otc, receipt.session_id) == (
        "739204",
        "482917",
        str(sid),
    )
    assert receipt.api_stats == EndStats(4, 2, 1, 1, 0)
    assert receipt.dock == DockCounts(4, 4, 3, 1, 1)
    assert receipt.fe == SlipFe("FE1", "Ravi Kumar", "eKart", "NON-LARGE")  # as the screen says it
    assert receipt.operator == "Meena" and receipt.terminal == "DOCK-2"
    assert verify_summary(receipt_summary(receipt), receipt)


def test_a_reprint_says_so_and_keeps_the_qr_summary(store: Store) -> None:
    sid = finished_handover(store)
    first = T0 + timedelta(minutes=13)
    original = read_record(store, sid)
    assert original is not None and original.reprint_for(CodeKind.END) is None
    kw = {"terminal": "DOCK-1", "operator": None}
    slip = build_slip(original, CodeKind.END, printed_at=first, **kw)  # type: ignore[arg-type]
    assert slip is not None and slip.key == "T1"
    assert not any(TEXTS["reprint"] in s for s in layout_strings(slip))

    store.mark_code_printed(original.end.id, at=first)  # type: ignore[union-attr]
    later = T0 + timedelta(days=1, hours=3)
    record = read_record(store, sid)
    assert record is not None
    reprint = record.reprint_for(CodeKind.END)
    assert reprint == Reprint(first)
    copy = build_slip(record, CodeKind.END, printed_at=later, reprint=reprint, **kw)  # type: ignore[arg-type]
    assert copy is not None and copy.key == "T1" + REPRINT_KEY_SUFFIX
    strings = layout_strings(copy)
    line = f"REPRINT - printed {format_time(later)}, original printed {format_time(first)}"
    assert line in strings
    assert TEXTS["original_printed"] in strings and format_time(first) in strings
    assert _qr(copy) == _qr(slip)  # same session, counts and parcel hash


def test_slips_follow_the_codes_in_the_record(store: Store) -> None:
    bare = store.open_session("LOC1", "T9", "FE9", state="START_OTC", at=T0)
    record = read_record(store, bare.id)
    assert record is not None and record.kinds == ()
    for kind in CodeKind:
        assert build_slip(record, kind, terminal="D", printed_at=T0) is None
    store.record_code(bare.id, CodeKind.START, "111111", received_at=T0)  # no expiry: not in force
    assert read_record(store, bare.id).kinds == ()  # type: ignore[union-attr]
    store.record_code(
        bare.id, CodeKind.START, "222222", created_at=T0, expiry_at=T0 + timedelta(minutes=30)
    )
    record = read_record(store, bare.id)
    assert record is not None and record.kinds == (CodeKind.START,)
    start = build_slip(record, CodeKind.START, terminal="D", printed_at=T0)
    assert start is not None and "222222" in layout_strings(start)
    assert build_slip(record, CodeKind.END, terminal="D", printed_at=T0) is None
    assert read_record(store, 12345) is None


def test_history_is_newest_first_from_a_day(store: Store) -> None:
    ids = [
        finished_handover(store, at=T0 + timedelta(days=d), task=f"T{d}", fe=f"FE{d}")
        for d in range(3)
    ]
    summaries = store.history_page()
    assert [s.session.id for s in summaries] == list(reversed(ids))
    since = store.history_page(T0 + timedelta(days=1))
    assert [s.session.id for s in since] == [ids[2], ids[1]]
    assert store.history_page(location_id="ELSEWHERE") == []
    for summary in summaries:  # the history's row says what the slip rebuilt says
        record = read_record(store, summary.session.id)
        assert record is not None
        assert (summary.reported, summary.dock_scanned, summary.matched) == (
            record.counts.fe_scanned,
            record.counts.dock_scanned,
            record.counts.matched,
        )
        assert (summary.missing, summary.unexpected) == (
            len(record.missing),
            len(record.unexpected),
        )
        assert (summary.start, summary.end) == (record.start, record.end)


# --- the same slip as from the live engine --------------------------------------------


def _client(sb: Sandbox) -> ReturnsClient:
    transport = Transport(
        timeouts=Timeouts(2.0, 2.0),
        retry=RetryPolicy(max_retries=3, backoff_base_s=0.001, backoff_cap_s=0.005),
    )
    return ReturnsClient(CREDS, sb.base_url, transport=transport)


def _engine_receipt(engine: DockEngine, sid: int, printed_at: datetime) -> HandoverReceipt:
    """The receipt as F9 assembled it from the live engine before the record builder."""
    view = engine.view(sid)
    report = engine.end_report(sid)
    end, counts = report.end, view.counts
    return HandoverReceipt(
        location=view.location_id,
        fe=SlipFe(view.fe_id, view.fe_name, view.logistic_partner, view.lob.value),
        task_id=view.task_id,
        start_otc=view.start_code.otc if view.start_code else None,
        end_otc=end.otc,
        api_stats=EndStats(
            end.total_scanned,
            end.obd_eligible,
            end.obd_failed,
            end.flyer_eligible,
            end.flyer_failed,
        ),
        dock=DockCounts(
            counts.fe_scanned,
            counts.dock_scanned,
            counts.matched,
            len(report.missing_at_dock),
            len(report.unexpected_at_dock),
        ),
        missing=report.missing_at_dock,
        unexpected=report.unexpected_at_dock,
        session_id=str(sid),
        started_at=printed_at,
        ended_at=printed_at,
        terminal="DOCK-T",
        printed_at=printed_at,
        received=[r.tracking_id for r in engine.parcels(sid) if r.status is ParcelStatus.MATCHED],
    )


def test_the_record_gives_the_live_engines_receipt(sandbox: Sandbox, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    config = EngineConfig(location_id="LOC1", terminal_id="DOCK-T")
    engine = DockEngine(
        lambda: _client(sandbox), store, config, clock=FakeClock(), sleep=lambda s: None
    )
    try:
        world = sandbox.world
        fe = world.arrive("LOC1", name="Ravi Kumar")
        engine.refresh()
        engine.generate_start_otc()
        world.validate_start_otc(fe.fe_id)
        ids = world.scan(fe.fe_id, 30)
        engine.refresh()
        engine.run_due()
        sid = engine.views()[0].session_id
        for code in [*ids[:25], ids[0], "FMPC9999999999", "OD225674723130604000", ids[-1]]:
            engine.scan(sid, code, operator="Meena")
        world.finish_scanning(fe.fe_id)
        engine.request_end_otc(sid)
        now = datetime.now(UTC)
        live = _engine_receipt(engine, sid, now)

        record = read_record(store, sid, config.barcode_rules)
        assert record is not None
        rebuilt = handover_receipt(record, terminal="DOCK-T", printed_at=now)
        assert rebuilt is not None
        assert receipt_summary(rebuilt) == receipt_summary(live)
        assert (rebuilt.missing, rebuilt.unexpected) == (live.missing, live.unexpected)
        assert rebuilt.dock == live.dock and rebuilt.api_stats == live.api_stats
        assert rebuilt.dock.missing_at_dock == 4 and rebuilt.dock.unexpected_at_dock == 1

        world.verify_end_otc(fe.fe_id)
        engine.refresh()
        assert store.session(sid).closed_at is not None  # type: ignore[union-attr]
    finally:
        engine.close()
        store.close()
    with Store.open(tmp_path / "data") as reopened:  # closed: no longer in any engine
        record = read_record(reopened, sid, config.barcode_rules)
        assert record is not None
        again = handover_receipt(record, terminal="DOCK-T", printed_at=now)
        assert again is not None and receipt_summary(again) == receipt_summary(live)


@needs_poppler
def test_a_reprinted_receipt_reads_back_from_the_pdf(qapp, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.printing.paper import get_paper
    from returns_desk.printing.render_qt import render_pdf

    sid = finished_handover(store)
    first, later = T0 + timedelta(minutes=13), T0 + timedelta(days=2)
    record = read_record(store, sid)
    assert record is not None
    copy = build_slip(
        record, CodeKind.END, terminal="DOCK-1", printed_at=later, reprint=Reprint(first)
    )
    assert copy is not None
    for paper in ("58mm", "80mm", "a4"):
        path = tmp_path / f"reprint-{paper}.pdf"
        render_pdf([copy], path, get_paper(paper))
        text = squash(pdf_text(path))
        assert squash(f"REPRINT - printed {format_time(later)}") in text
        assert squash(f"original printed {format_time(first)}") in text
        assert "739204" in text and "FMPC1000000003" in text and "FMPC9999999999" in text


def test_a_reprinted_start_slip_says_so_on_raw_escpos_too(store: Store) -> None:
    from returns_desk.printing.escpos import layout_to_escpos
    from returns_desk.printing.paper import get_paper

    sid = finished_handover(store)
    record = read_record(store, sid)
    assert record is not None
    first = T0 + timedelta(minutes=1)
    copy = build_slip(
        record, CodeKind.START, terminal="D", printed_at=T0 + timedelta(hours=1),
        reprint=Reprint(first),
    )  # fmt: skip
    assert copy is not None and "482917" in layout_strings(copy)
    data = layout_to_escpos(copy, get_paper("58mm"))
    assert b"REPRINT - printed" in data and format_time(first).encode() in data
