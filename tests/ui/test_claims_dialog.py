"""The Claims view on a real desk: a troubled handover's candidates, filters, marking a
claim filed / granted / rejected, and its evidence pack written as a PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from returns_desk.api.states import TaskState
from returns_desk.store import ClaimStatus
from returns_desk.store.claims import claim_candidates
from tests.ui.conftest import Desk, scanning_fe
from tests.ui.test_slip_printing import pdf_text


def troubled_handover(desk: Desk) -> list[str]:
    """Four reported; three scanned (one marked damaged), one not reported; completed."""
    window, world = desk.window, desk.sb.world
    fe, ids = scanning_fe(desk, parcels=4)
    for tid in ids[:3]:
        desk.scan(tid)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    desk.scan("FMPC9999999999")
    world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    desk.wait(window.desk_actions.end_otc.isEnabled)
    desk.press(Qt.Key.Key_F8)
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: desk.view().end is not None)
    world.verify_end_otc(fe.fe_id)
    desk.wait(window.desk_actions.complete.isEnabled)
    desk.press(Qt.Key.Key_F10)
    desk.wait(lambda: desk.view().state is TaskState.COMPLETED)
    return ids


def rows(dialog) -> dict[str, tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    model = dialog.model
    return {
        model.index(r, 2).data(): (
            model.index(r, 3).data(),
            model.index(r, 7).data(),
            model.index(r, 8).data(),
        )
        for r in range(model.rowCount())
    }


def test_the_claims_view_lists_marks_and_writes_the_evidence_pack(desk: Desk) -> None:
    ids = troubled_handover(desk)
    store = desk.window.services.store
    QTest.keyClick(desk.window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = desk.window.claims_dialog
    assert dialog is not None and dialog.isVisible()
    assert rows(dialog) == {
        ids[2]: ("Damaged", "Open", ""),
        ids[3]: ("Missing at dock", "Open", ""),
        "FMPC9999999999": ("Unexpected at dock", "Open", ""),
    }
    assert dialog.model.index(0, 1).data() in ("13 d", "14 d")  # the default window
    assert "14 days" in dialog.window_note.text()

    # nothing due within a week yet: the list says it is the filters, not that there is none
    dialog.due_filter.setCurrentIndex(dialog.due_filter.findData("7"))
    assert dialog.model.rowCount() == 0
    assert dialog.empty_note.isVisible() and not dialog.table.isVisible()
    assert "No claim matches these filters" in dialog.empty_note.text()
    dialog.due_filter.setCurrentIndex(dialog.due_filter.findData("any"))

    # filed needs the marketplace's reference
    damaged = next(r for r in range(3) if dialog.model.claims[r].tracking_id == ids[2])
    dialog.table.selectRow(damaged)
    dialog.filed.click()
    assert "reference first" in dialog.status_line.text()
    dialog.reference.setText("SPF-4242")
    dialog.filed.click()
    assert rows(dialog)[ids[2]] == ("Damaged", "Filed", "SPF-4242")
    assert dialog.selected().tracking_id == ids[2]  # the same claim stays selected

    # its evidence pack, written in a job into the data folder's evidence folder
    dialog.evidence.click()
    desk.wait(lambda: dialog.last_pack is not None, timeout=15000)
    assert dialog.last_pack.parent == desk.folder / "evidence"
    text = pdf_text(dialog.last_pack)
    assert ids[2] in text and "SPF-4242" in text and "Damaged" in text
    assert str(dialog.last_pack) in dialog.status_line.text()

    # granted: no longer among the open and filed ones, still under "All"
    dialog.granted.click()
    assert ids[2] not in rows(dialog)
    dialog.status_filter.setCurrentIndex(dialog.status_filter.findData(""))
    assert rows(dialog)[ids[2]] == ("Damaged", "Granted", "SPF-4242")
    dialog.status_filter.setCurrentIndex(dialog.status_filter.findData("granted"))
    assert list(rows(dialog)) == [ids[2]]
    claims = {c.tracking_id: c for c in claim_candidates(store)}
    assert claims[ids[2]].status is ClaimStatus.GRANTED and claims[ids[2]].reference == "SPF-4242"
    dialog.reject()


def test_an_empty_claims_view_says_what_will_appear_and_when(desk: Desk) -> None:
    QTest.keyClick(desk.window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = desk.window.claims_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 0
    assert dialog.empty_note.isVisible() and not dialog.table.isVisible()
    note = dialog.empty_note.text()
    assert note.startswith("No claims yet.")
    assert "handover is completed" in note and "missing at the dock" in note
    # the deadline in the clerk's words: which marketplace's, no settings-file jargon
    header = dialog.window_note.text()
    assert header == "Flipkart claims: up to 14 days after the handover is completed."
    assert dialog.close_button.text() == "Close  (Esc)"  # as in the other dialogs
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_claims_view_follows_a_language_switch_while_it_is_kept(desk: Desk) -> None:
    """The dialog is made once and kept: opened in English, it speaks Hindi after the switch,
    and English again after switching back (title, filters, note, columns, buttons)."""
    from returns_desk.ui.i18n import set_language

    QTest.keyClick(desk.window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = desk.window.claims_dialog
    assert dialog is not None and dialog.windowTitle() == "Claims"
    try:
        assert set_language("hi")
        desk.wait(lambda: dialog.windowTitle() == "क्लेम")
        assert dialog.status_filter.itemText(0) == "खुले और फ़ाइल किए"
        assert dialog.due_filter.itemText(0) == "कोई भी तारीख"
        assert dialog.due_label.text() == "आखिरी तारीख"
        assert dialog.close_button.text() == "बंद करें  (Esc)"
        assert dialog.empty_note.text().startswith("अभी कोई क्लेम नहीं।")
        assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "आखिरी तारीख"
        assert dialog.status_filter.currentData() == "active"  # the filter itself is kept
    finally:
        set_language("en")
    desk.wait(lambda: dialog.windowTitle() == "Claims")
    assert dialog.empty_note.text().startswith("No claims yet.")
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "Deadline"
    dialog.reject()
