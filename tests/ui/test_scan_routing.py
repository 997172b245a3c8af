"""Where a scan is recorded: always for the FE the clerk selected. A completed handover says
scanning is closed; a parcel in another open FE's list is said so, and F1 moves it there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from returns_desk.api.states import TaskState
from returns_desk.store import ScanResult
from returns_desk.store.export import parcel_rows
from tests.ui.conftest import Desk, scanning_fe


def complete_with_missing(desk: Desk, fe_id: str) -> None:
    """The FE finishes; F8 twice (the first only warns of the missing parcels), then F10."""
    window = desk.window
    desk.controller.select(desk.view(fe_id).session_id)
    desk.sb.world.finish_scanning(fe_id)
    desk.wait_screen("end")
    desk.wait(window.desk_actions.end_otc.isEnabled)
    desk.press(Qt.Key.Key_F8)
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: desk.view(fe_id).end is not None)
    desk.wait(window.desk_actions.complete.isEnabled)
    desk.press(Qt.Key.Key_F10)
    desk.wait(lambda: desk.view(fe_id).state is TaskState.COMPLETED)


def scans_of(desk: Desk, fe_id: str) -> list[str]:
    store = desk.window.services.store
    return [s.code for s in store.scans(desk.view(fe_id).session_id)]


def test_a_late_scan_on_a_completed_handover_says_closed_and_lands_nowhere(desk: Desk) -> None:
    done, done_ids = scanning_fe(desk, "Ravi Kumar", parcels=3)
    desk.scan(done_ids[0])
    other, _ = scanning_fe(desk, "Asha Rao", parcels=2)
    complete_with_missing(desk, done.fe_id)
    desk.controller.select(desk.view(done.fe_id).session_id)
    desk.wait(lambda: desk.window.pane.shown_session == desk.view(done.fe_id).session_id)
    before = desk.view(other.fe_id).counts

    desk.scan(done_ids[1])  # found late, after the handover was completed

    banner = desk.window.end_screen.banner
    assert banner.title.text() == "SCANNING CLOSED" and banner.kind == "error"
    assert desk.sounds[-1] == "error"
    assert desk.controller.selected == desk.view(done.fe_id).session_id  # no jump
    assert desk.view(other.fe_id).counts == before
    assert scans_of(desk, other.fe_id) == [] and scans_of(desk, done.fe_id) == [done_ids[0]]


def test_with_one_completed_fe_selected_the_clerk_is_told_it_is_closed(desk: Desk) -> None:
    fe, ids = scanning_fe(desk, "Ravi Kumar", parcels=2)
    complete_with_missing(desk, fe.fe_id)
    desk.scan(ids[0])
    assert desk.window.end_screen.banner.title.text() == "SCANNING CLOSED"
    assert "Select the FE" in desk.window.end_screen.banner.detail.text()
    assert scans_of(desk, fe.fe_id) == []


def test_another_fes_parcel_is_said_and_f1_moves_it_there(desk: Desk) -> None:
    ravi, _ = scanning_fe(desk, "Ravi Kumar", parcels=2)
    asha, asha_ids = scanning_fe(desk, "Asha Rao", parcels=2)
    ravi_sid, asha_sid = desk.view(ravi.fe_id).session_id, desk.view(asha.fe_id).session_id
    desk.controller.select(ravi_sid)
    desk.wait(lambda: desk.window.pane.shown_session == ravi_sid)

    desk.scan(asha_ids[0])  # Asha's parcel, scanned while Ravi is selected

    banner = desk.window.scanning.banner
    assert banner.title.text() == "IN ANOTHER FE'S LIST"
    assert "Asha Rao" in banner.detail.text() and "F1" in banner.detail.text()
    assert desk.view(ravi.fe_id).counts.not_yet_reported == 1  # recorded where selected
    assert desk.view(asha.fe_id).counts.matched == 0

    desk.press(Qt.Key.Key_F1)

    desk.wait(lambda: desk.view(asha.fe_id).counts.matched == 1)
    assert desk.view(ravi.fe_id).counts.not_yet_reported == 0
    assert banner.title.text() == "MOVED" and "Asha Rao" in banner.detail.text()
    assert asha_ids[0] not in desk.controller.models[ravi_sid].codes()
    assert desk.controller.models[asha_sid].status_of(asha_ids[0]) is not None
    store = desk.window.services.store
    assert [s.result for s in store.scans(ravi_sid)] == [
        ScanResult.NOT_YET_REPORTED,
        ScanResult.MOVED,
    ]
    ravi_rows = parcel_rows(
        store.session(ravi_sid), store.shipments(ravi_sid), store.scans(ravi_sid)
    )
    assert asha_ids[0] not in {row["tracking_id"] for row in ravi_rows}
    desk.press(Qt.Key.Key_F1)  # nothing more to move
    assert desk.view(asha.fe_id).counts.matched == 1

    desk.restart()  # the record says the same after a restart
    desk.wait(lambda: len(desk.controller.views) == 2)
    assert desk.view(ravi.fe_id).counts.not_yet_reported == 0
    assert desk.view(asha.fe_id).counts.matched == 1


def test_a_parcel_of_no_one_elses_list_is_not_offered_to_move(desk: Desk) -> None:
    ravi, _ = scanning_fe(desk, "Ravi Kumar", parcels=1)
    desk.scan("FMPC9999999999")
    assert desk.window.scanning.banner.title.text() != "IN ANOTHER FE'S LIST"
    assert desk.controller.movable == []
    assert desk.controller.move_last_scan() is None
    assert desk.view(ravi.fe_id).counts.not_yet_reported == 1


def test_held_scans_of_another_fe_are_all_offered_and_f1_moves_them_all(desk: Desk) -> None:
    ravi, _ = scanning_fe(desk, "Ravi Kumar", parcels=1)
    asha, asha_ids = scanning_fe(desk, "Asha Rao", parcels=3)
    ravi_sid = desk.view(ravi.fe_id).session_id
    desk.controller.select(ravi_sid)
    desk.wait(lambda: desk.window.pane.shown_session == ravi_sid)

    desk.controller.scan_batch([asha_ids[0], asha_ids[1]])  # F3 after a dialog: held scans

    banner = desk.window.scanning.banner
    assert banner.title.text() == "IN ANOTHER FE'S LIST"
    assert banner.detail.text().startswith("2 of these scans")
    desk.press(Qt.Key.Key_F1)
    desk.wait(lambda: desk.view(asha.fe_id).counts.matched == 2)
    assert desk.view(ravi.fe_id).counts.not_yet_reported == 0
    assert banner.title.text() == "MOVED"
    table = desk.window.scanning.table
    assert not table.currentIndex().isValid()  # no parcel left selected for a condition key


def test_the_banner_offers_f1_as_a_button_while_the_offer_stands(desk: Desk) -> None:
    ravi, _ = scanning_fe(desk, "Ravi Kumar", parcels=2)
    asha, asha_ids = scanning_fe(desk, "Asha Rao", parcels=2)
    ravi_sid = desk.view(ravi.fe_id).session_id
    desk.controller.select(ravi_sid)
    desk.wait(lambda: desk.window.pane.shown_session == ravi_sid)
    banner = desk.window.scanning.banner
    button = banner.offer
    assert button is not None and not button.isVisible()  # nothing to move: no button

    desk.scan(asha_ids[0])

    assert banner.title.text() == "IN ANOTHER FE'S LIST"
    assert button.isVisible() and button.isEnabled()
    assert button.keycap.text() == "F1" and button.label.text() == "Move to Asha Rao"
    assert button.width() >= 120 and button.height() >= 40  # a gloved hand's target
    button.click()  # the same action as F1
    desk.wait(lambda: desk.view(asha.fe_id).counts.matched == 1)
    assert banner.title.text() == "MOVED" and not button.isVisible()

    desk.scan(asha_ids[1])  # offered again; the next scan takes the offer away
    assert button.isVisible()
    desk.scan("FMPC9999999999")
    assert not button.isVisible() and desk.view(asha.fe_id).counts.matched == 1
