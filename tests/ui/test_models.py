"""Every model passes Qt's model tester; the parcel table updates rows, never resets, and stays
fast with 10,000 rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex

from returns_desk.api.states import Lob, TaskState
from returns_desk.ui.models.burst_model import BurstTableModel
from returns_desk.ui.models.fe_model import FeListModel, FeSortProxy
from returns_desk.ui.models.parcel_model import (
    STATUS_ROLE,
    ParcelTableModel,
    StatusFilterProxy,
    TextFilterProxy,
)
from returns_desk.ui.scanner.burst import Burst, BurstVerdict
from returns_desk.workflow.handover import HandoverView
from returns_desk.workflow.reconcile import Counts, ParcelRow, ParcelStatus, Reconciler

T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def tid(n: int) -> str:
    return f"FMPC{n:010d}"


def reported(n: int) -> ParcelRow:
    return ParcelRow(tid(n), ParcelStatus.WAITING, T0, None)


class Dock:
    """The reconciler decides every status; the model only shows the rows it is given."""

    def __init__(self, reported_ids: list[str] = ()) -> None:  # type: ignore[assignment]
        self.rec = Reconciler()
        self.rec.add_reported(reported_ids, T0)
        self.seq = 0

    def scan(self, model: ParcelTableModel, code: str) -> int | None:
        self.rec.scan(code, T0 + timedelta(minutes=1))
        self.seq += 1
        return model.apply_row(self.rec.row(code), self.seq)

    def report(self, model: ParcelTableModel, codes: list[str]) -> None:
        self.rec.add_reported(codes, T0)
        self.seq += 1
        model.merge_parcels(self.rec.rows(codes), self.seq)


class Recorder:
    def __init__(self, model) -> None:  # type: ignore[no-untyped-def]
        self.events: list[tuple[str, int, int]] = []
        model.rowsInserted.connect(lambda p, a, b: self.events.append(("insert", a, b)))
        model.dataChanged.connect(lambda a, b, r: self.events.append(("changed", a.row(), b.row())))
        model.modelReset.connect(lambda: self.events.append(("reset", -1, -1)))


def test_parcel_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ParcelTableModel()
    qtmodeltester.check(model)
    dock = Dock([tid(n) for n in range(20)])
    model.merge_parcels(dock.rec.rows())
    dock.scan(model, tid(3))
    dock.scan(model, "FMPC9999999999")
    dock.scan(model, "OD225674723130604000")
    model.set_final(True)
    qtmodeltester.check(model)
    status = StatusFilterProxy()
    status.setSourceModel(model)
    status.set_group("discrepancies")
    text = TextFilterProxy()
    text.setSourceModel(status)
    text.set_text("fmpc000000001")
    qtmodeltester.check(status)
    qtmodeltester.check(text)
    assert status.rowCount() == 20  # 19 missing + 1 unexpected
    assert text.rowCount() == 10


def test_scans_update_or_append_one_row_never_reset() -> None:
    model = ParcelTableModel()
    dock = Dock([tid(n) for n in range(5)])
    model.merge_parcels(dock.rec.rows())
    seen = Recorder(model)
    assert dock.scan(model, tid(2)) == 2
    assert dock.scan(model, "FMPC9999999999") == 5
    assert dock.scan(model, tid(2)) == 2  # a duplicate changes nothing
    assert seen.events == [("changed", 2, 2), ("insert", 5, 5)]
    assert model.status_of(tid(2)) is ParcelStatus.MATCHED
    assert model.index(2, 1).data() == "Matched"
    # The FE's list catches up with a code the dock scanned first: same row, now matched.
    dock.report(model, ["FMPC9999999999"])
    assert seen.events[-1] == ("changed", 5, 5)
    assert model.status_of("FMPC9999999999") is ParcelStatus.MATCHED
    assert "reset" not in [e[0] for e in seen.events]


def test_an_older_row_applied_late_never_undoes_a_scan() -> None:
    model = ParcelTableModel()
    model.merge_parcels([reported(1)], seq=1)
    model.apply_row(ParcelRow(tid(1), ParcelStatus.MATCHED, T0, T0), seq=3)
    model.merge_parcels([reported(1)], seq=2)  # an older event's chunk, applied after the scan
    assert model.status_of(tid(1)) is ParcelStatus.MATCHED


def test_final_statuses_once_the_end_otc_is_in() -> None:
    model = ParcelTableModel()
    dock = Dock([tid(1)])
    model.merge_parcels(dock.rec.rows())
    dock.scan(model, "FMPC9999999999")
    seen = Recorder(model)
    model.set_final(True)
    assert seen.events == [("changed", 0, 1)]
    assert model.index(0, 0).data(STATUS_ROLE) == "missing_at_dock"
    assert model.index(1, 1).data() == "Unexpected at dock"


def test_ten_thousand_rows_update_one_row_per_scan() -> None:
    model = ParcelTableModel()
    proxy = TextFilterProxy()
    status = StatusFilterProxy()
    status.setSourceModel(model)
    proxy.setSourceModel(status)
    dock = Dock([tid(n) for n in range(10_000)])
    model.merge_parcels(dock.rec.rows())
    assert proxy.rowCount() == 10_000
    seen = Recorder(model)
    for n in range(0, 10_000, 50):
        dock.scan(model, tid(n))
    assert seen.events == [("changed", n, n) for n in range(0, 10_000, 50)]
    dock.report(model, [tid(n) for n in range(10_000, 10_500)])
    assert seen.events[-1] == ("insert", 10_000, 10_499)
    assert proxy.rowCount() == 10_500


def view(
    session_id: int, name: str, state: TaskState = TaskState.SCANNING, matched: int = 0
) -> HandoverView:
    return HandoverView(
        session_id=session_id,
        location_id="LOC1",
        fe_id=f"fe{session_id}",
        task_id=f"T{session_id}",
        fe_name=name,
        logistic_partner="eKart",
        lob=Lob.LARGE if session_id % 2 else Lob.NON_LARGE,
        state=state,
        state_raw=state.value,
        present=True,
        counts=Counts(fe_scanned=10, matched=matched, waiting=10 - matched),
        start_code=None,
        end=None,
        drained=False,
        last_synced_at=None,
        next_poll_at=None,
        last_error=None,
    )


def test_fe_model_and_its_order(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = FeListModel()
    proxy = FeSortProxy()
    proxy.setSourceModel(model)
    model.set_views([view(1, "Shyam"), view(2, "Anita", TaskState.COMPLETED), view(3, "Ravi")])
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Ravi", "Shyam", "Anita"]
    seen = Recorder(model)
    model.set_views([view(1, "Shyam", matched=4), view(2, "Anita", TaskState.COMPLETED)])
    assert seen.events == [("changed", 0, 0)]
    model.set_views([view(4, "Bala")])
    assert seen.events[-1] == ("insert", 3, 3)
    assert proxy.index(0, 0).data() == "Bala"


def test_burst_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = BurstTableModel(limit=3)
    for n in range(5):
        model.add(Burst(tid(n), (10.0,) * 14, "Enter", BurstVerdict.SCAN, T0, tid(n)))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(0, 6).data() == tid(4)  # newest first
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.index(0, 0).parent() == QModelIndex()


@pytest.mark.parametrize("group", ["all", "waiting", "matched", "not_reported", "problems"])
def test_every_status_filter_is_valid(group: str) -> None:
    proxy = StatusFilterProxy()
    proxy.set_group(group)
    assert proxy.filterRegularExpression().isValid()


def test_every_table_names_its_columns_and_tips_where_it_has_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from returns_desk.ui.handon.model import OutboxModel
    from returns_desk.ui.models.history_model import HistoryModel

    display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    for model, first, last in (
        (ParcelTableModel(), "Tracking id", "Condition"),
        (BurstTableModel(), "Time", "Normalised\ncode"),
        (OutboxModel(), "Destination", "Last error"),
        (HistoryModel(), "Date", "Receipt"),
    ):
        columns = model.columnCount()
        assert model.headerData(0, horizontal, display) == first
        assert model.headerData(columns - 1, horizontal, display) == last
        assert model.headerData(columns, horizontal, display) is None  # past the last column
        assert model.headerData(0, vertical, display) is None
        assert model.rowCount() == 0
    history = HistoryModel()
    assert history.headerData(0, horizontal, tip) is None
    assert "Missing at the dock" in history.headerData(8, horizontal, tip)
