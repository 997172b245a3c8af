"""Messages that go when their moment has passed, and texts that are never cut off wrongly."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import Desk, scanning_fe


def test_a_long_code_is_cut_in_the_middle_inside_the_banner(desk: Desk) -> None:
    desk.window.showNormal()
    desk.window.resize(1366, 728)  # a dock terminal's screen (the test screen is smaller)
    scanning_fe(desk, parcels=1)
    path = "C:/Users/dock/Documents/Returns Desk/slips/handover-T0001-receipt-reprint.pdf"
    desk.scan(path.replace(" ", "_"))
    banner = desk.window.scanning.banner
    assert banner.kind == "invalid"
    code = banner.code
    desk.wait(lambda: code.width() > 100)  # laid out on the next turn of the event loop
    shown = code.shown_text()
    assert "…" in shown and shown.startswith("C:/") and shown.endswith(".PDF")
    right = code.mapTo(banner, code.rect().topRight()).x()
    assert right <= banner.width()  # the code ends inside the banner


def test_a_late_scans_banner_leaves_when_the_end_otc_comes(desk: Desk) -> None:
    fe, ids = scanning_fe(desk, parcels=2)
    desk.scan(ids[0])
    desk.sb.world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    desk.scan("FMPC9999999999")  # not in the FE's list
    banner = desk.window.end_screen.banner
    assert banner.kind in ("not_yet_reported", "unexpected")
    desk.wait(desk.window.desk_actions.end_otc.isEnabled)
    desk.press(Qt.Key.Key_F8)
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: desk.view().end is not None)
    desk.wait(lambda: banner.kind == "ready")
    assert "End OTC" in banner.detail.text()


def test_a_refused_scans_red_bar_goes_when_a_scan_is_recorded(desk: Desk) -> None:
    world = desk.sb.world
    fe = world.arrive("LOC1", name="Ravi Kumar")
    desk.wait_screen("start")
    desk.scan("FMPC0127902385")  # nobody is scanning yet
    notice = desk.window.notice
    assert notice.isVisible() and "NOT RECORDED" in notice.text.text()
    world.issue_start_otc(fe.fe_id)
    world.validate_start_otc(fe.fe_id)
    (parcel,) = world.scan(fe.fe_id, 1)
    desk.wait_screen("scanning")
    desk.wait(lambda: desk.view().counts.fe_scanned == 1)
    desk.scan(parcel)
    assert desk.window.scanning.banner.kind == "matched"
    assert "NOT RECORDED" not in notice.text.text() or not notice.isVisible()


def test_a_card_once_ended_says_missing_not_waiting(desk: Desk) -> None:
    from returns_desk.ui.widgets.fe_list import FeCardDelegate

    fe, ids = scanning_fe(desk, parcels=2)
    desk.scan(ids[0])
    delegate = FeCardDelegate()
    assert "1 waiting" in delegate.counts_text(desk.view())
    desk.sb.world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    desk.wait(desk.window.desk_actions.end_otc.isEnabled)
    desk.press(Qt.Key.Key_F8)
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: desk.view().end is not None)
    text = delegate.counts_text(desk.view())
    assert "1 missing" in text and "waiting" not in text


def test_the_first_f8_with_discrepancies_turns_the_banner_red_and_esc_takes_it_back(
    desk: Desk,
) -> None:
    fe, ids = scanning_fe(desk, parcels=3)
    desk.scan(ids[0])
    desk.sb.world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    desk.wait(desk.window.desk_actions.end_otc.isEnabled)
    banner = desk.window.end_screen.banner
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: banner.kind == "armed")
    assert banner.title.text() == "2 PARCELS NOT MATCHING"
    assert "Missing at the dock: 2" in banner.detail.text() and "Esc" in banner.detail.text()
    assert desk.view().end is None  # only a warning
    desk.press(Qt.Key.Key_Escape)
    desk.wait(lambda: banner.kind == "ready")
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: banner.kind == "armed")
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: desk.view().end is not None)
    desk.wait(lambda: banner.kind == "ready")


def test_counts_use_english_plural_forms(desk: Desk) -> None:
    from PySide6.QtCore import QCoreApplication

    def tr(n: int) -> str:
        return QCoreApplication.translate("HistoryDialog", "%n handover(s)", "", n)

    assert (tr(1), tr(3)) == ("1 handover", "3 handovers")
