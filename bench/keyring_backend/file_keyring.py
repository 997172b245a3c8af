"""A credential store for ``bench/startup.py``'s real configuration: a terminal keeps its API
credentials in the OS credential store, not in the environment, and the bench machine has
none. ``PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring`` (this folder on ``PYTHONPATH``) and
``BENCH_KEYRING_FILE`` (a JSON object of ``"service/username": password``) make keyring read
them from a file, so the start-up is timed with keyring loaded and asked, as at a dock."""

from __future__ import annotations

import json
import os

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _all(self) -> dict[str, str]:
        with open(os.environ["BENCH_KEYRING_FILE"], encoding="utf-8") as file:
            data: dict[str, str] = json.load(file)
        return data

    def get_password(self, service: str, username: str) -> str | None:
        return self._all().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError("the bench's store is read-only")

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError("the bench's store is read-only")
