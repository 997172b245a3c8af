"""Hand-on GUI fixtures: a real store on the real clock, the stand-ins on loopback, app settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from returns_desk.handon import OMNI, POS, enqueue_handon, save_destination_credentials
from returns_desk.handon.records import ReturnRecord
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.settings import Settings
from returns_desk.store import OutboxItem, Store
from tests.handon.conftest import OMNI_CREDS, POS_CREDS, received_session, site_settings


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir) as opened:
        yield opened


@pytest.fixture
def stand_ins() -> Iterator[DestinationStandIns]:
    with DestinationStandIns() as running:
        yield running


@pytest.fixture
def settings(stand_ins: DestinationStandIns) -> Settings:
    """Both destinations switched on, pointing at the stand-ins."""
    return Settings(handon=site_settings(stand_ins))


@pytest.fixture
def credentials() -> None:
    """Both destinations' credentials in the (in-memory) credential store."""
    save_destination_credentials(OMNI, OMNI_CREDS)
    save_destination_credentials(POS, POS_CREDS)


def queue(
    store: Store,
    settings: Settings,
    tracking_ids: list[str],
    records: dict[str, ReturnRecord] | None = None,
    *,
    task_id: str = "T1",
) -> list[OutboxItem]:
    """A handover that received these parcels, completed: its hand-on queued."""
    session_id = received_session(store, tracking_ids, task_id=task_id)
    return enqueue_handon(store, session_id, tracking_ids, settings.handon, records or {})
