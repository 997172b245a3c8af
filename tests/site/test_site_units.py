"""Site mode's pieces that need no server, on Windows too: the database URL and its password,
the settings' rules, and the driver's libpq loading."""

from __future__ import annotations

import keyring
import pytest

from returns_desk.credentials import (
    load_site_password,
    save_site_password,
    site_password_key,
)
from returns_desk.errors import SiteDatabaseError
from returns_desk.settings import Settings
from returns_desk.settings.model import InvalidSettings
from returns_desk.site.connection import connect, redacted, split_password

pytestmark = pytest.mark.windows


def test_the_password_is_split_off_the_url_and_never_shown() -> None:
    url = "postgresql://rd:p%40ss word@db.site.example:5433/returns?sslmode=verify-full"
    bare, password = split_password(url)
    assert bare == "postgresql://rd@db.site.example:5433/returns?sslmode=verify-full"
    assert password == "p@ss word"
    assert redacted(url) == "postgresql://rd:***@db.site.example:5433/returns?sslmode=verify-full"
    assert split_password(bare) == (bare, None)
    assert redacted(bare) == bare


def test_the_credential_store_keeps_one_password_per_login() -> None:
    url = "postgresql://rd@db.site.example/returns"
    save_site_password(url, "s3cret")
    assert site_password_key(url) == "site-database:rd@db.site.example:5432/returns"
    assert keyring.get_password("returns-desk", site_password_key(url)) == "s3cret"
    assert load_site_password(url, {}) == "s3cret"
    assert load_site_password(url, {"RETURNS_DESK_SITE_PASSWORD": "for-one-run"}) == ("for-one-run")
    assert load_site_password("postgresql://other@db.site.example/returns", {}) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("postgresql://rd:pw@db/x", "must not contain the password"),
        ("mysql://rd@db/x", "must start with postgresql://"),
        ("postgresql:///x", "must name the database server"),
    ],
)
def test_the_settings_refuse_a_url_that_would_leak_or_cannot_work(url: str, why: str) -> None:
    with pytest.raises(InvalidSettings, match=why):
        Settings.from_dict({"site": {"enabled": True, "database_url": url}})


def test_site_mode_is_off_by_default_and_needs_a_url() -> None:
    assert not Settings().site.active
    assert not Settings.from_dict({"site": {"enabled": True}}).site.active
    url = "postgresql://rd@db/x"
    assert Settings.from_dict({"site": {"enabled": True, "database_url": url}}).site.active


def test_an_unreachable_server_is_the_apps_error_without_the_password() -> None:
    """Nothing listens on port 9 of loopback: the driver (and its libpq) load, then refuse."""
    with pytest.raises(SiteDatabaseError) as caught:
        connect("postgresql://rd:secret@127.0.0.1:9/x", timeout_s=1)
    assert "secret" not in str(caught.value)
    assert caught.value.user_text.startswith("The site database cannot be reached.")
