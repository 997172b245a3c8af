"""The settings tab: the values round-trip, the first error, passwords in the keyring only."""

from __future__ import annotations

import pytest

from returns_desk.credentials import KEYRING_SERVICE
from returns_desk.handon import OMNI, POS, HandonSettings, ReturnKind, load_destination_credentials
from returns_desk.settings.handon import RetrySettings
from returns_desk.settings.model import InvalidSettings
from returns_desk.ui.handon import HandonSettingsPage
from tests.handon.conftest import site_settings


@pytest.fixture
def page(qtbot) -> HandonSettingsPage:  # type: ignore[no-untyped-def]
    shown = HandonSettingsPage()
    qtbot.addWidget(shown)
    return shown


def test_the_values_round_trip(page: HandonSettingsPage) -> None:
    assert page.values() == HandonSettings()
    settings = site_settings(
        awb=True,
        retry=RetrySettings(max_attempts=5, backoff_base_s=10),
        default_return_kind=ReturnKind.RETURN_TO_ORIGIN,
    )
    page.set_values(settings)
    assert page.values() == settings  # the drop address and back-off kept, though not shown
    page.pos_box.setChecked(False)
    page.omni_location.setText("  Wid999 ")
    changed = page.values()
    assert (changed.pos.enabled, changed.omni.location_code) == (False, "Wid999")
    assert changed.omni.drop_address == settings.omni.drop_address


def test_the_logistics_aggregator_round_trips(page: HandonSettingsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = site_settings()
    clickpost = settings.replace(omni=settings.omni.replace(logistic_aggregator="CLICKPOST"))
    page.set_values(clickpost)
    assert page.omni_aggregator.currentText() == "CLICKPOST"
    assert page.values() == clickpost
    with qtbot.waitSignal(page.changed):
        page.omni_aggregator.setCurrentIndex(page.omni_aggregator.findData("SHIPROCKET"))
    assert page.values().omni.logistic_aggregator == "SHIPROCKET"
    page.omni_aggregator.setCurrentIndex(0)
    assert page.values().omni.logistic_aggregator == ""


def test_the_models_first_error_is_shown(page: HandonSettingsPage) -> None:
    page.set_values(site_settings())
    page.omni_url.setText("omni.example")
    with pytest.raises(InvalidSettings):
        page.values()
    assert page.error.text() == "Omni: the base URL must start with https:// (or http://)"
    assert page.problem() == page.error.text()
    page.omni_box.setChecked(False)  # a switched-off destination may stay incomplete
    assert page.problem() is None
    assert page.error.isHidden()


def test_passwords_go_to_the_credential_store_only(
    qtbot, page: HandonSettingsPage, memory_keyring
) -> None:  # type: ignore[no-untyped-def]
    page.set_values(site_settings())
    page.omni_credentials.username.setText("omni-user")
    page.omni_credentials.password.setText("s3cret-omni")
    page.omni_credentials.domain.setText("dock")
    page.pos_credentials.username.setText("pos-user")
    page.pos_credentials.password.setText("s3cret-pos")
    assert "s3cret" not in repr(page.values())
    assert memory_keyring.passwords == {}  # nothing saved until asked
    assert page.save_credentials()
    assert memory_keyring.passwords[(KEYRING_SERVICE, "omni-password")] == "s3cret-omni"
    assert load_destination_credentials(POS).password.get_secret_value() == "s3cret-pos"
    assert load_destination_credentials(OMNI).domain == "dock"
    assert "s3cret" not in repr(page.values())
    assert page.omni_credentials.password.text() == ""  # the field is cleared ...

    fresh = HandonSettingsPage()  # ... and a page opened later shows the user name only
    qtbot.addWidget(fresh)
    assert fresh.omni_credentials.username.text() == "omni-user"
    assert fresh.omni_credentials.password.text() == ""
    assert fresh.omni_credentials.password.placeholderText().startswith("saved")
    fresh.omni_credentials.username.setText("omni-admin")  # the password left empty: kept
    assert fresh.save_credentials()
    kept = load_destination_credentials(OMNI)
    assert (kept.username, kept.password.get_secret_value()) == ("omni-admin", "s3cret-omni")


def test_a_password_without_a_user_name_is_refused(
    page: HandonSettingsPage, memory_keyring
) -> None:  # type: ignore[no-untyped-def]
    page.pos_credentials.password.setText("s3cret")
    assert not page.save_credentials()
    assert "enter both the user name and the password" in page.error.text()
    assert memory_keyring.passwords == {}
