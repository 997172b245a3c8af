"""The Hand-on view: counts and entries follow the store; Retry, Skip, filters, the model."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from returns_desk.handon import (
    OMNI,
    POS,
    DestinationCredentialsMissingError,
    DestinationRejectedError,
    summary,
)
from returns_desk.handon.ledger import Ledger
from returns_desk.settings import Settings
from returns_desk.store import OutboxItem, OutboxStatus, Store
from returns_desk.ui.handon import HandonView
from returns_desk.ui.handon.model import COLUMNS, OutboxModel
from tests.handon.conftest import records_for, site_settings
from tests.ui.handon.conftest import queue

SETTINGS = Settings(handon=site_settings())


def status_of(store: Store, key: str, destination: str = OMNI) -> OutboxStatus:
    (item,) = [
        i for i in store.outbox() if i.idempotency_key == key and i.destination == destination
    ]
    return item.status


def give_up(store: Store, key: str, destination: str = OMNI) -> OutboxItem:
    (item,) = [
        i for i in store.outbox() if i.idempotency_key == key and i.destination == destination
    ]
    error = DestinationRejectedError("orderItems[0].sku is missing", http_status=400)
    Ledger(store).failed(item, datetime.now(UTC), error, retry_at=None, unknown=False)
    return item


def settle(qtbot, view: HandonView) -> None:  # type: ignore[no-untyped-def]
    """Wait until what was asked of the view is read and shown (reads are off-thread)."""
    qtbot.waitUntil(
        lambda: (
            view.reader.pending == 0
            and not view._refresh_timer.isActive()
            and not view._filter_timer.isActive()
        )
    )


@pytest.fixture
def view(qtbot, store: Store, data_dir: Path) -> Iterator[HandonView]:  # type: ignore[no-untyped-def]
    queue(store, SETTINGS, ["FMPV1", "FMPV2"], records_for(["FMPV1", "FMPV2"]))
    queue(store, SETTINGS, ["FMPV3"], {}, task_id="T2")  # no report row: needs data
    shown = HandonView(store, data_dir)
    qtbot.addWidget(shown)
    shown.resize(1000, 600)
    shown.show()
    settle(qtbot, shown)
    yield shown
    shown.close_reader()


def test_counts_and_entries_follow_the_store(qtbot, view: HandonView, store: Store) -> None:  # type: ignore[no-untyped-def]
    assert (view.count(OMNI, "waiting"), view.count(OMNI, "needs_data")) == (2, 1)
    assert view.model.rowCount() == 6
    resets: list[None] = []
    view.model.modelReset.connect(lambda: resets.append(None))
    sent = view.model.item(0)
    store.mark_outbox_sent(sent.id, at=datetime(2026, 1, 15, 10, 0, tzinfo=UTC))
    with qtbot.waitSignal(view.model.dataChanged) as changed:
        view.entries_changed()
    assert changed.args[0].row() == 0
    assert view.count(sent.destination, "sent") == 1
    assert view.model.index(0, COLUMNS.index("status")).data() == "Sent"
    queue(store, SETTINGS, ["FMPV4"], records_for(["FMPV4"]), task_id="T3")
    with qtbot.waitSignal(view.model.rowsInserted) as inserted:
        view.entries_changed()
    assert (inserted.args[1], inserted.args[2]) == (0, 1)  # newest first
    assert resets == []
    needs = [i for i in view.model.items() if i.status is OutboxStatus.NEEDS_DATA]
    assert {i.last_error for i in needs} == {"needs a row in the returns report"}


def test_a_hidden_view_reads_the_store_only_when_shown(
    qtbot, view: HandonView, store: Store
) -> None:  # type: ignore[no-untyped-def]
    assert view.counts_by_destination() == summary(store)
    view.hide()
    queue(store, SETTINGS, ["FMPV5"], records_for(["FMPV5"]), task_id="T5")
    view.entries_changed()
    view.entries_changed()
    assert view.reader.pending == 0 and view.model.rowCount() == 6
    with qtbot.waitSignal(view.loaded):
        view.show()  # the read waiting for it happens now
    assert view.model.rowCount() == 8
    assert view.counts_by_destination() == summary(store)


def test_retry_puts_an_entry_back_to_waiting_and_asks_the_worker(
    qtbot, view: HandonView, store: Store
) -> None:  # type: ignore[no-untyped-def]
    give_up(store, "FMPV1")
    with qtbot.waitSignal(view.loaded):
        view.refresh_now()
    assert view.count(OMNI, "needs_attention") == 1
    assert not view.retry_button.isEnabled()
    assert view.select_key("FMPV1", OMNI)
    assert view.retry_button.isEnabled() and view.skip_button.isEnabled()
    history = view.history.toPlainText()
    assert "Status: Needs attention" in history
    assert "Attempt 1 failed: DESTINATION_REJECTED (HTTP 400)" in history
    assert "orderItems[0].sku is missing — needs attention" in history
    with qtbot.waitSignal(view.retry_requested), qtbot.waitSignal(view.loaded):
        qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    assert status_of(store, "FMPV1") is OutboxStatus.PENDING
    assert view.count(OMNI, "needs_attention") == 0
    assert "Retry asked by the admin" in view.history.toPlainText()


def test_retry_all_needing_attention(qtbot, view: HandonView, store: Store) -> None:  # type: ignore[no-untyped-def]
    assert not view.retry_all_button.isEnabled()
    give_up(store, "FMPV1")
    give_up(store, "FMPV2", POS)
    with qtbot.waitSignal(view.loaded):
        view.refresh_now()
    with qtbot.waitSignal(view.retry_requested):
        qtbot.mouseClick(view.retry_all_button, Qt.MouseButton.LeftButton)
    assert status_of(store, "FMPV2", POS) is OutboxStatus.PENDING
    assert view.message.text() == "2 entries will be sent again."


def test_skip_asks_for_a_reason(qtbot, view: HandonView, store: Store) -> None:  # type: ignore[no-untyped-def]
    assert view.select_key("FMPV3", POS)
    qtbot.mouseClick(view.skip_button, Qt.MouseButton.LeftButton)
    dialog = view.skip_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.reason.setText("entered in the POS by hand")
    with qtbot.waitSignal(view.loaded):
        dialog.accept()
    assert status_of(store, "FMPV3", POS) is OutboxStatus.SKIPPED
    assert view.count(POS, "skipped") == 1
    assert "Skipped by the admin: entered in the POS by hand" in view.history.toPlainText()
    assert view.skip_dialog is None
    # a skipped entry that still needs data cannot be retried: the report must come first
    assert not view.retry_button.isEnabled()


def test_cancelling_skip_changes_nothing(qtbot, view: HandonView, store: Store) -> None:  # type: ignore[no-untyped-def]
    assert view.select_key("FMPV1", OMNI)
    qtbot.mouseClick(view.skip_button, Qt.MouseButton.LeftButton)
    assert view.skip_dialog is not None
    view.skip_dialog.reject()
    assert view.skip_dialog is None
    assert status_of(store, "FMPV1") is OutboxStatus.PENDING


def test_the_status_filter_and_the_search(qtbot, view: HandonView) -> None:  # type: ignore[no-untyped-def]
    view.status_filter.setCurrentIndex(view.status_filter.findData(OutboxStatus.NEEDS_DATA))
    settle(qtbot, view)
    assert view.model.rowCount() == 2
    view.status_filter.setCurrentIndex(0)
    view.search.setText("fmpv2")  # read in the store, once the admin pauses
    settle(qtbot, view)
    assert view.model.rowCount() == 2
    assert {view.model.index(r, 1).data() for r in range(2)} == {"FMPV2"}


def test_problems_are_one_calm_line_per_destination(view: HandonView) -> None:
    view.show_problems({POS: DestinationCredentialsMissingError(POS)})
    (line,) = view.problem_lines()
    assert line.startswith("Unicommerce POS: No user name and password")
    view.show_problems({})
    assert view.problem_lines() == []


def test_the_models_pass_the_model_tester(qtmodeltester, view: HandonView, store: Store) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(view.model, force_py=True)
    empty = OutboxModel()
    qtmodeltester.check(empty, force_py=True)


def test_the_model_applies_removals_insertions_and_changes_in_one_pass(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    def item(n: int, status: OutboxStatus = OutboxStatus.PENDING) -> OutboxItem:
        at = datetime(2026, 1, 15, tzinfo=UTC)
        return OutboxItem(n, OMNI, f"K{n}", 1, {}, status, 0, at, None, at, None)

    model = OutboxModel()
    qtmodeltester.check(model, force_py=True)
    model.set_items([item(1), item(2), item(4), item(6)])
    model.set_items([item(2), item(3), item(4, OutboxStatus.SENT), item(5), item(7), item(8)])
    assert [i.id for i in model.items()] == [2, 3, 4, 5, 7, 8]
    assert model.item(2).status is OutboxStatus.SENT
    model.set_items([])
    assert model.rowCount() == 0
