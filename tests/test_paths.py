"""The data folder known before the settings are validated: same answer as the full load."""

from __future__ import annotations

from pathlib import Path

import pytest

from returns_desk.paths import (
    DATA_DIR_ENV,
    LAST_GOOD_FILE,
    configured_data_dir,
    data_dir,
    settings_path,
)
from returns_desk.settings import Settings, load_settings, save_settings

# the folders are Windows' own on the terminals
pytestmark = pytest.mark.windows


def _write(text: str, name: str | None = None) -> Path:
    path = settings_path() if name is None else settings_path().with_name(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_without_settings_it_is_the_os_folder() -> None:
    assert configured_data_dir() == data_dir()


def test_the_option_wins_over_the_settings_file(tmp_path: Path) -> None:
    save_settings(Settings(data_dir=str(tmp_path / "from-file")))
    assert configured_data_dir(tmp_path / "option") == (tmp_path / "option").resolve()


def test_the_settings_file_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    save_settings(Settings(data_dir=str(tmp_path / "from-file")))
    assert configured_data_dir() == (tmp_path / "from-file").resolve()
    assert configured_data_dir() == data_dir(load_settings().data_dir)  # the same as later


def test_the_environment_is_used_when_the_file_names_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    save_settings(Settings(seller_location_id="LOC1"))
    assert configured_data_dir() == (tmp_path / "env").resolve()


def test_a_broken_file_falls_back_to_the_last_good_copy(tmp_path: Path) -> None:
    _write(f"data_dir = {str(tmp_path / 'good')!r}\n", LAST_GOOD_FILE)
    _write("data_dir = [unclosed")
    assert configured_data_dir() == (tmp_path / "good").resolve()


def test_nonsense_in_the_file_counts_as_no_choice() -> None:
    _write("data_dir = 42\n")
    assert configured_data_dir() == data_dir()
    _write("\xff\xfe not toml at all")
    assert configured_data_dir() == data_dir()
