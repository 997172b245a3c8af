"""The session history (Ctrl+H): earlier handovers from the record, preview and reprint.

The handovers are written to a real store file before the window opens (closed ones are
in no engine), the window is the real one against the sandbox, and every printed slip is
a PDF in the PDF folder, read back with pdftotext and its QR code decoded.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from returns_desk.printing.record import handover_receipt, read_record
from returns_desk.printing.slips import format_time, receipt_summary
from returns_desk.sandbox.server import Sandbox
from returns_desk.store import CodeKind, Store, database_path
from returns_desk.store.database import Database
from returns_desk.store.history import PAGE_ROWS
from returns_desk.ui.history_dialog import HistoryDialog
from tests.history_record import make_history_module
from tests.printing.conftest import decode_barcodes, needs_poppler, pdf_text, squash
from tests.printing.test_record import finished_handover
from tests.ui.conftest import Desk, printing_desk

NOW = datetime.now(UTC).replace(second=0, microsecond=0)
TODAY_EARLY = NOW.astimezone().replace(hour=0, minute=5).astimezone(UTC)


class Sessions:
    """Five handovers over eleven days, newest first in the history."""

    def __init__(self, folder: Path) -> None:
        with Store.open(database_path(folder)) as store:
            self.old = finished_handover(
                store, at=NOW - timedelta(days=10), task="T-OLD", fe="FE5", name="Old Timer"
            )
            self.printed = finished_handover(
                store, at=NOW - timedelta(days=2), task="T-RAVI", fe="FE1", name="Ravi Kumar"
            )
            end = store.codes(self.printed, CodeKind.END)[-1]
            self.printed_at = NOW - timedelta(days=2) + timedelta(minutes=13)
            store.mark_code_printed(end.id, at=self.printed_at)
            self.fresh = finished_handover(
                store, at=NOW - timedelta(days=1), task="T-ANITA", fe="FE2", name="Anita Rao"
            )
            self.start_only = finished_handover(
                store, at=TODAY_EARLY, task="T-SHYAM", fe="FE3", name="Shyam Patel", end=False
            )
            bare = store.open_session(
                "LOC1", "T-MOHAN", "FE4", state="START_OTC", fe_name="Mohan Das",
                at=TODAY_EARLY + timedelta(minutes=1),
            )  # fmt: skip
            store.close_session(bare.id, at=TODAY_EARLY + timedelta(minutes=2))
            self.bare = bare.id


@pytest.fixture
def pdfs(tmp_path: Path) -> Path:
    return tmp_path / "slips"


@pytest.fixture
def sessions(tmp_path: Path) -> Sessions:
    return Sessions(tmp_path / "data")


@pytest.fixture
def desk(qtbot, sandbox: Sandbox, tmp_path: Path, sessions: Sessions, pdfs: Path) -> Iterator[Desk]:  # type: ignore[no-untyped-def]
    d = printing_desk(qtbot, sandbox, tmp_path, pdf_dir=str(pdfs))
    yield d
    d.close()


def open_history(desk: Desk, rows: int) -> HistoryDialog:
    window = desk.window
    window.activateWindow()
    desk.wait(window.isActiveWindow)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    desk.wait(lambda: window.slips.history_dialog is not None)
    dialog: HistoryDialog = window.slips.history_dialog
    desk.wait(lambda: dialog.model.rowCount() == rows)
    desk.wait(dialog.isActiveWindow)
    return dialog


def shown(dialog: HistoryDialog, column: str) -> list[str]:
    index = [c for c, _ in dialog.model.COLUMNS].index(column)
    return [dialog.model.index(r, index).data() for r in range(dialog.model.rowCount())]


def choose(desk: Desk, dialog: HistoryDialog, text: str) -> None:
    """Type in the find field until one handover is left, as a clerk would."""
    dialog.find_field.clear()
    QTest.keyClicks(dialog.find_field, text)
    desk.wait(lambda: dialog.model.rowCount() == 1)
    QTest.keyClick(dialog.find_field, Qt.Key.Key_Down)
    assert dialog.selected_record() is not None


def test_the_history_lists_handovers_newest_first_and_filters_them(
    qtbot,  # type: ignore[no-untyped-def]
    desk: Desk,
    sessions: Sessions,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    dialog = open_history(desk, rows=4)  # the last seven days: not the old one
    qtmodeltester.check(dialog.model)
    assert shown(dialog, "task") == ["T-MOHAN", "T-SHYAM", "T-ANITA", "T-RAVI"]
    assert shown(dialog, "fe")[2] == "Anita Rao (FE2)"
    assert shown(dialog, "state")[2] == "Completed"
    counts = [shown(dialog, c)[2] for c in ("fe_scanned", "dock_scanned", "matched")]
    assert counts == ["4", "4", "3"]
    assert [shown(dialog, c)[2] for c in ("missing", "unexpected")] == ["1", "1"]
    assert shown(dialog, "end")[:3] == ["—", "—", "not printed"]
    assert sessions_time(sessions.printed_at) in shown(dialog, "end")[3]
    assert shown(dialog, "start")[:2] == ["—", "not printed"]
    assert shown(dialog, "state")[:2] == ["Closed", "Closed"]  # ended without completing
    assert "4 handovers" in dialog.count.text()

    QTest.keyClicks(dialog.find_field, "ravi t-ravi")  # every word, any case
    desk.wait(lambda: dialog.model.rowCount() == 1)
    assert shown(dialog, "task") == ["T-RAVI"] and "1 of 4" in dialog.count.text()
    dialog.find_field.clear()
    QTest.keyClicks(dialog.find_field, "739204")  # the End OTC finds its handovers too
    desk.wait(lambda: dialog.model.rowCount() == 2)
    dialog.find_field.clear()

    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.since.setDate(QDate.currentDate())
    assert shown(dialog, "task") == ["T-MOHAN", "T-SHYAM"]
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.since.setDate(QDate.currentDate().addDays(-30))
    assert shown(dialog, "task")[-1] == "T-OLD"

    with qtbot.waitSignal(dialog.finished):
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def sessions_time(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M")


@needs_poppler
def test_a_completed_handover_is_printed_then_reprinted_marked_with_the_same_qr(
    qtbot,  # type: ignore[no-untyped-def]
    desk: Desk,
    sessions: Sessions,
    pdfs: Path,
    tmp_path: Path,
) -> None:
    dialog = open_history(desk, rows=4)
    choose(desk, dialog, "anita")
    assert dialog.receipt_choice.isChecked() and dialog.start_choice.isEnabled()
    assert dialog.reprint_button.text().startswith("Print")  # never printed: the original
    QTest.keyClick(dialog, Qt.Key.Key_F9)
    desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 1)
    (original,) = pdfs.glob("*.pdf")
    store = desk.window.services.store
    desk.wait(lambda: store.codes(sessions.fresh, CodeKind.END)[-1].printed_at is not None)
    first_printed = store.codes(sessions.fresh, CodeKind.END)[-1].printed_at
    desk.wait(lambda: dialog.reprint_button.text().startswith("Reprint"))  # reloaded
    assert sessions_time(first_printed) in shown(dialog, "end")[0]  # type: ignore[arg-type]
    assert "Slip saved as PDF" in dialog.status.text()

    QTest.keyClick(dialog, Qt.Key.Key_F9)
    desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 2)
    (copy,) = [p for p in pdfs.glob("*.pdf") if p != original]
    assert "-reprint" in copy.name
    text, first = squash(pdf_text(copy)), squash(pdf_text(original))
    assert "REPRINT" not in first
    for value in ("739204", "482917", "Matched3", "Scannedatdock4", "Missingatdock1"):
        assert value in text and value in first
    assert "Unexpectedatdock1" in text
    assert "FMPC1000000003" in text and "FMPC9999999999" in text  # missing, unexpected
    assert squash(f"original printed {format_time(first_printed)}") in text  # type: ignore[arg-type]
    qr_copy = decode_barcodes(copy, 203, tmp_path)["QRCode"]
    assert qr_copy == decode_barcodes(original, 203, tmp_path)["QRCode"]
    record = read_record(store, sessions.fresh)
    assert record is not None
    expected = handover_receipt(record, terminal="DOCK-T", printed_at=NOW)
    assert qr_copy == {receipt_summary(expected)}  # type: ignore[arg-type]

    desk.wait(lambda: len(store.events(sessions.fresh, kind="slip_reprinted")) == 1)
    assert store.codes(sessions.fresh, CodeKind.END)[-1].printed_at == first_printed
    desk.wait(lambda: shown(dialog, "end")[0].endswith("(+1)"))
    assert shown(dialog, "start")[0] == "not printed"  # a receipt reprint is not the start's
    assert "Reprint saved as PDF" in dialog.status.text()
    desk.wait(lambda: "Reprint saved as PDF" in desk.window.notice.text.text())


@needs_poppler
def test_a_receipt_printed_on_an_earlier_day_reprints_with_that_time(
    desk: Desk, sessions: Sessions, pdfs: Path
) -> None:
    dialog = open_history(desk, rows=4)
    choose(desk, dialog, "ravi")
    assert dialog.reprint_button.text().startswith("Reprint")
    assert "first printed" in dialog.detail.text()
    QTest.keyClick(dialog, Qt.Key.Key_F9)
    desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 1)
    text = squash(pdf_text(next(pdfs.glob("*.pdf"))))
    assert squash(f"original printed {format_time(sessions.printed_at)}") in text
    assert "REPRINT-printed" in text and "Ravi Kumar".replace(" ", "") in text


@needs_poppler
def test_a_handover_without_an_end_otc_offers_its_start_slip(
    qtbot,  # type: ignore[no-untyped-def]
    desk: Desk,
    sessions: Sessions,
    pdfs: Path,
) -> None:
    dialog = open_history(desk, rows=4)
    choose(desk, dialog, "shyam")
    assert dialog.start_choice.isChecked() and not dialog.receipt_choice.isEnabled()
    assert dialog.chosen_kind() is CodeKind.START and "Start OTC slip" in dialog.detail.text()
    QTest.keyClick(dialog.find_field, Qt.Key.Key_Return)  # Enter: Preview
    slips = desk.window.slips
    desk.wait(lambda: slips.preview_dialog is not None and slips.preview_dialog.pages)
    preview = slips.preview_dialog
    assert "Start OTC slip" in preview.summary.text() and "T-SHYAM" in preview.summary.text()
    desk.wait(preview.isActiveWindow)
    QTest.keyClick(preview, Qt.Key.Key_Return)  # Print
    desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 1)
    (pdf,) = pdfs.glob("*.pdf")
    text = pdf_text(pdf)
    assert "START OTC SLIP" in text and "482917" in squash(text) and "REPRINT" not in text
    store = desk.window.services.store
    desk.wait(lambda: store.codes(sessions.start_only, CodeKind.START)[-1].printed_at)


def test_a_handover_with_nothing_to_print_says_so(desk: Desk, sessions: Sessions) -> None:
    dialog = open_history(desk, rows=4)
    choose(desk, dialog, "mohan")
    assert "Nothing to print" in dialog.detail.text()
    assert not dialog.preview_button.isEnabled() and not dialog.reprint_button.isEnabled()
    assert not dialog.receipt_choice.isEnabled() and not dialog.start_choice.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_F9)  # nothing happens, nothing breaks
    assert desk.window.services.store.events(sessions.bare, kind="slip_reprinted") == []


def test_a_failed_reprint_is_the_clear_printing_notice(
    qtbot,  # type: ignore[no-untyped-def]
    sandbox: Sandbox,
    tmp_path: Path,
    sessions: Sessions,
) -> None:
    desk = printing_desk(qtbot, sandbox, tmp_path, printer_name="No Such Printer 42")
    try:
        dialog = open_history(desk, rows=4)
        choose(desk, dialog, "ravi")
        QTest.keyClick(dialog, Qt.Key.Key_F9)
        desk.wait(lambda: "installed" in dialog.status.text())
        assert "print the slip again from the history" in dialog.status.text()
        desk.wait(lambda: "printer" in desk.window.notice.text.text().lower())
        assert desk.window.notice.level == "warn"
        store = desk.window.services.store
        assert store.events(sessions.printed, kind="slip_reprinted") == []
    finally:
        desk.close()


# --- a busy dock's 90 days ------------------------------------------------------------


class ParcelReads:
    """Reads of the shipments or scans tables, and the threads the history read on.

    (The desk's own jobs read them too, pruning and backing up the record at start.)
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tables: list[str] = []
        self.threads: set[int] = set()  # that read parcels
        self.history_threads: set[int] = set()
        watched: set[int] = set()
        original = Database._thread
        page = Store.history_page

        def history_page(store: Store, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            self.history_threads.add(threading.get_ident())
            return page(store, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Store, "history_page", history_page)

        def thread(store: Database, *, create: bool = False):  # type: ignore[no-untyped-def]
            holder = original(store, create=create)
            if id(holder.conn) not in watched:
                watched.add(id(holder.conn))
                holder.conn.set_authorizer(self._authorize)
            return holder

        monkeypatch.setattr(Database, "_thread", thread)

    def _authorize(self, action: int, table: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_READ and table in ("shipments", "scans"):
            self.tables.append(table)
            self.threads.add(threading.get_ident())
        return sqlite3.SQLITE_OK


def test_1800_handovers_page_and_filter_without_reading_parcels(
    qtbot,  # type: ignore[no-untyped-def]
    sandbox: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = make_history_module()
    module.make_history(tmp_path / "data", module.Shape(days=90, fes=20, parcels=2, outbox=0))
    reads = ParcelReads(monkeypatch)
    desk = printing_desk(qtbot, sandbox, tmp_path)
    try:
        dialog = open_history(desk, rows=PAGE_ROWS)  # a week: 140 handovers, one page read
        assert dialog.model.total == 140 and "140 handovers" in dialog.count.text()
        with qtbot.waitSignal(dialog.loaded, timeout=5000) as loaded:
            dialog.since.setDate(QDate.currentDate().addDays(-100))
        assert loaded.args == [1800] and dialog.model.rowCount() == PAGE_ROWS
        while dialog.model.canFetchMore():  # as the view does when scrolled to the end
            rows = dialog.model.rowCount()
            dialog.model.fetchMore()
            desk.wait(lambda rows=rows: dialog.model.rowCount() > rows)
        records = dialog.model.records
        assert len(records) == 1800 and len({r.session.id for r in records}) == 1800
        opened = [(r.session.opened_at, r.session.id) for r in records]
        assert opened == sorted(opened, reverse=True)

        QTest.keyClicks(dialog.find_field, "asha fe00")  # read once, when the clerk pauses
        desk.wait(lambda: dialog.model.total == 90)
        assert {r.session.fe_id for r in dialog.model.records} == {"FE001"}
        assert "90 of 1800" in dialog.count.text()
        assert dialog.selected_record() is not None
        assert reads.history_threads and not reads.history_threads & reads.threads

        dialog._on_preview_button_clicked()  # opening one reads its parcels, and only then
        slips = desk.window.slips
        desk.wait(lambda: slips.preview_dialog is not None and slips.preview_dialog.pages)
        assert "shipments" in reads.tables  # (the guard sees parcel reads)
        slips.preview_dialog.reject()
    finally:
        desk.close()


def test_the_history_follows_a_language_switch_while_it_is_kept(desk: Desk) -> None:
    """The dialog is made once and kept: opened in English, it speaks Hindi after the switch."""
    from returns_desk.ui.i18n import set_language

    dialog = open_history(desk, rows=4)
    dialog.reject()
    try:
        assert set_language("hi")
        desk.wait(lambda: dialog.windowTitle() == "पुराने हैंडओवर")
        dialog = open_history(desk, rows=4)
        assert dialog.heading.text() == "पहले के हैंडओवर"
        header = dialog.model.headerData(0, Qt.Orientation.Horizontal)
        assert header == "तारीख"
        assert dialog.close_button.text() == "बंद करें  (Esc)"
        assert dialog.preview_button.text() == "देखें  (Enter)"
        assert dialog.receipt_choice.text() == "हैंडओवर रसीद (&R)"
        assert shown(dialog, "state")[2] == "पूरा हुआ"
        assert "हैंडओवर" in dialog.count.text() and "handover" not in dialog.count.text()
        assert (dialog.since_label.text(), dialog.find_label.text()) == ("कब से (&F)", "खोजें (&I)")
        assert dialog.detail.text().startswith("इस हैंडओवर")  # the selected one's line
    finally:
        set_language("en")
    desk.wait(lambda: dialog.windowTitle() == "Session history")
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
