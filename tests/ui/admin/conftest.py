"""Admin dialogs under test: fast PIN hashes, sandbox settings, and no job left running."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from returns_desk.admin_pin import hash_pin
from returns_desk.credentials import Credentials
from returns_desk.sandbox.server import Sandbox
from returns_desk.settings import Settings

SANDBOX_CREDENTIALS = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))


def quick_hash(pin: str) -> str:
    """A PIN hash that takes microseconds (the real one takes a noticeable moment).

    4-digit PINs are allowed here: a PIN set by an older version still opens.
    """
    return hash_pin(pin, iterations=1000, min_length=4)


@pytest.fixture
def sandbox_settings(sandbox: Sandbox) -> Settings:
    return Settings(api_base_url=sandbox.base_url, seller_location_id="LOC1", terminal_id="T-1")


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


@pytest.fixture
def admin_widgets() -> Iterator[list]:
    """Dialogs a test registers here have their jobs waited for before the sandbox stops."""
    widgets: list = []
    yield widgets
    for widget in widgets:
        assert widget.wait_for_jobs(15000)
