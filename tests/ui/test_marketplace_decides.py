"""Through the window: a status the app cannot read hides no action; static OTC modes guide.

The sandbox answers in spellings the documents leave open; the clerk still gets Generate
Start OTC and End OTC, sees the marketplace's status text on the FE card, and the
marketplace's own answer decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from returns_desk.api.states import TaskState
from returns_desk.sandbox.server import Sandbox, SandboxConfig
from tests.ui.conftest import Desk

END_PATH = "/sellers/v3/returns/otc/end/details"


@pytest.fixture
def make_desk(qtbot, tmp_path: Path) -> Iterator:  # type: ignore[no-untyped-def]
    made: list[tuple[Sandbox, Desk]] = []

    def make(**config: object) -> Desk:
        sb = Sandbox(SandboxConfig(**config)).start()  # type: ignore[arg-type]
        desk = Desk(qtbot, sb, tmp_path / f"data{len(made)}")
        made.append((sb, desk))
        return desk

    yield make
    for sb, desk in made:
        desk.close()
        sb.stop()


def card_meta(desk: Desk) -> str:
    window = desk.window
    return window.fe_list.itemDelegate().meta_text(desk.view())


def test_summary_at_the_end_otc_page_still_gets_the_end_otc(make_desk) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk(status_style="summary")
    world, window = desk.sb.world, desk.window
    fe = world.arrive("LOC1", name="Ravi Kumar")
    desk.wait_screen("start")
    desk.wait(window.desk_actions.generate_start.isEnabled)
    desk.press(Qt.Key.Key_F2)
    desk.wait(lambda: desk.view().start_code is not None)
    world.validate_start_otc(fe.fe_id)
    ids = world.scan(fe.fe_id, 3)
    desk.wait_screen("scanning")
    desk.wait(lambda: desk.view().counts.fe_scanned == 3)
    for tid in ids:
        desk.scan(tid)
    world.finish_scanning(fe.fe_id)  # the marketplace now says "SUMMARY"
    desk.wait(lambda: desk.view().state_raw == "SUMMARY")
    assert 'status "SUMMARY"' in card_meta(desk)  # the card shows its word as it came
    desk.window._on_tick_timeout()
    desk.wait(window.desk_actions.end_otc.isEnabled)  # not hidden behind our reading of it
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: desk.view().end is not None)
    desk.wait_screen("end")
    assert desk.view().state is TaskState.END_OTC
    assert [c[2] for c in desk.sb.requests_log if c[1] == END_PATH] == [200]


def test_a_number_for_a_status_keeps_generate_and_end_otc(make_desk) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk(status_style="numeric")
    world, window = desk.sb.world, desk.window
    fe = world.arrive("LOC1", name="Ravi Kumar")
    desk.wait(lambda: desk.controller.views)
    desk.wait_screen("start")
    assert desk.view().state is TaskState.UNKNOWN
    assert 'status "1"' in card_meta(desk)
    desk.wait(window.desk_actions.generate_start.isEnabled)  # the marketplace will say
    assert window.desk_actions.end_otc.isEnabled()  # so will it here: F8 is not withheld
    desk.press(Qt.Key.Key_F8)  # asked too early: its refusal is what the clerk sees
    desk.wait(lambda: [c for c in desk.sb.requests_log if c[1] == END_PATH])
    desk.wait(lambda: desk.controller.job_error is not None)
    assert "NOT_ON_END_OTC_PAGE_ERROR" in desk.controller.job_error.user_text
    desk.wait(window.desk_actions.generate_start.isEnabled)  # the screen follows a turn later
    desk.press(Qt.Key.Key_F2)
    desk.wait(lambda: desk.view().start_code is not None)
    assert desk.view().start_code.otc == world.start_otc_for(fe.fe_id)


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("OldStatic", "fixed OTCs (OldStatic)"),
        ("NewStatic", "fixed OTCs (NewStatic)"),
        ("DynamicEnd", "fixed Start OTC (DynamicEnd)"),
    ],
)
def test_static_modes_guide_the_clerk_instead_of_generating(
    make_desk, mode: str, words: str
) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk(enabled_for=mode)
    world, window = desk.sb.world, desk.window
    fe = world.arrive("LOC1", name="Ravi Kumar")
    desk.wait_screen("start")
    desk.wait(
        lambda: desk.controller.dock is not None and desk.controller.dock.otc_mode.value == mode
    )
    desk.window.show_selected()
    desk.window._on_tick_timeout()
    screen = window.start_screen
    assert not screen.generate.isVisible() and not window.desk_actions.generate_start.isEnabled()
    desk.wait(lambda: words in screen.hint.text())
    assert "nothing to generate" in screen.hint.text()
    assert not screen.steps.isVisible()  # "tell the FE the code" does not apply
    world.validate_start_otc(fe.fe_id, "424242")  # the location's fixed code
    desk.wait_screen("scanning")


def test_a_dynamic_mode_offers_generate(make_desk) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk(enabled_for="DynamicStartEnd")
    desk.sb.world.arrive("LOC1", name="Ravi Kumar")
    desk.wait_screen("start")
    desk.wait(desk.window.desk_actions.generate_start.isEnabled)
    desk.window._on_tick_timeout()
    assert desk.window.start_screen.generate.isVisible()
    assert "Press F2" in desk.window.start_screen.hint.text()
