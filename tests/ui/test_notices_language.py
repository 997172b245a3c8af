"""The notice bar speaks the desk's language, also for an error that stopped a refresh."""

from __future__ import annotations

from returns_desk.errors import CredentialsMissingError, NetworkError
from returns_desk.ui.i18n import set_language
from returns_desk.ui.notices import error_line


def test_an_error_line_is_in_the_desk_language(qapp) -> None:  # type: ignore[no-untyped-def]
    try:
        assert set_language("hi")
        line = error_line(CredentialsMissingError())
        assert "No marketplace API credentials" not in line
        assert line.startswith(CredentialsMissingError().user_text.split(" (")[0][:20])
        retrying = error_line(NetworkError("timed out"), 30.0)
        assert NetworkError.message not in retrying and "30" in retrying
    finally:
        set_language("en")
    assert error_line(CredentialsMissingError()).startswith("No marketplace API credentials")
