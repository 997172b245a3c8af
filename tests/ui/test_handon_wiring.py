"""A handover completed at the desk reaches the seller's OMS through the outbox, once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from returns_desk.api.states import TaskState
from returns_desk.handon import RecordBook
from returns_desk.handon.credentials import save_destination_credentials
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.sandbox.server import Sandbox
from returns_desk.settings import Settings
from tests.handon.conftest import OMNI_CREDS, full_record, site_settings
from tests.ui.conftest import Desk, scanning_fe


def test_completed_handover_is_sent_to_omni(qtbot, sandbox: Sandbox, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with DestinationStandIns() as stand_ins:
        handon = site_settings(stand_ins)
        handon = handon.replace(pos=handon.pos.replace(enabled=False))
        save_destination_credentials("omni", OMNI_CREDS)
        settings = Settings(api_base_url=sandbox.base_url, seller_location_id="LOC1", handon=handon)
        folder = tmp_path / "data"
        folder.mkdir()
        desk = Desk(qtbot, sandbox, folder, settings=settings)
        try:
            fe, ids = scanning_fe(desk, parcels=3)
            RecordBook.in_folder(folder).merge([full_record(tid) for tid in ids])
            for tid in ids[:2]:
                desk.scan(tid)
            desk.sb.world.finish_scanning(fe.fe_id)
            desk.wait_screen("end")
            desk.wait(desk.window.desk_actions.end_otc.isEnabled)
            desk.press(Qt.Key.Key_F8)  # armed: one parcel is missing
            desk.press(Qt.Key.Key_F8)
            desk.wait(lambda: desk.view().end is not None)
            desk.wait(desk.window.desk_actions.complete.isEnabled)
            desk.press(Qt.Key.Key_F10)
            desk.wait(lambda: desk.view().state is TaskState.COMPLETED)
            # Only the two parcels that both sides saw are handed on, each exactly once.
            desk.wait(lambda: sum(stand_ins.accepted("omni").values()) == 2, timeout=10000)
            assert set(stand_ins.accepted("omni")) == {f"R-{tid}" for tid in ids[:2]}  # return ids
            assert all(n == 1 for n in stand_ins.accepted("omni").values())
        finally:
            desk.close()
        assert list((folder / "backups").iterdir())  # today's backup copy was made at start
