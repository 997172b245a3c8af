"""Store fixtures: a real database file in the test's folder and a clock the test drives."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from returns_desk.store import DB_FILENAME, Session, Store
from tests.clocks import FakeClock

#: 2026-01-15 10:00 UTC, a fixed "now" so that times in assertions are exact.
START = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / DB_FILENAME


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(db_path, clock=clock) as opened:
        yield opened


def new_session(store: Store, fe_id: str = "fe1", task_id: str = "T1", **kwargs: object) -> Session:
    fields: dict[str, object] = {
        "state": "SCANNING",
        "fe_name": "Ram",
        "logistic_partner": "eKart",
        "lob": "NONLARGE",
    }
    fields.update(kwargs)
    return store.open_session("LOC1", task_id, fe_id, **fields)  # type: ignore[arg-type]
