"""The Omni and POS clients against the stand-ins, over real loopback sockets."""

from __future__ import annotations

import logging

import pytest
from pydantic import SecretStr

from returns_desk.handon import (
    Delivery,
    DestinationAddressError,
    DestinationAuthError,
    DestinationCredentials,
    DestinationDuplicateError,
    DestinationInsecureError,
    DestinationRejectedError,
    DestinationServerError,
    DestinationUnreachableError,
    HandonError,
    OmniClient,
    PosClient,
    build_senders,
    load_destination_credentials,
    save_destination_credentials,
)
from returns_desk.handon.errors import DestinationCredentialsMissingError
from returns_desk.handon.omni_client import describe_omni_error
from returns_desk.sandbox.destinations import HOSTILE, DestinationStandIns
from tests.handon.conftest import OMNI_CREDS, POS_CREDS, fast_transport, sample, site_settings


def omni_body(code: str = "100078", awb: str = "HYN402") -> dict:
    body = sample("omni_return_order.json")
    body.update(returnOrderCode=code, awbNumber=awb)
    return body


def pos_body(code: str = "VARAAA07998") -> dict:
    return sample("pos_return.json") | {"shipmentCode": code}


# --- Omni ---------------------------------------------------------------------------------


def test_omni_accepts_the_sample_with_an_empty_200(omni: OmniClient, stand_ins) -> None:
    assert omni.send(omni_body()).duplicate is False
    assert stand_ins.accepted("omni") == {"100078": 1}
    assert stand_ins.omni_orders["100078"] == omni_body()


def test_omni_sends_the_optional_domain_header(stand_ins: DestinationStandIns) -> None:
    stand_ins.omni_domain = "client-domain"
    creds = OMNI_CREDS.model_copy(update={"domain": "client-domain"})
    with_domain = OmniClient(site_settings(stand_ins).omni, creds, fast_transport())
    without = OmniClient(site_settings(stand_ins).omni, OMNI_CREDS, fast_transport())
    try:
        with_domain.send(omni_body("A"))
        with pytest.raises(DestinationAuthError):
            without.send(omni_body("B"))
    finally:
        with_domain.close()
        without.close()


def test_omni_wrong_password_is_an_auth_error_without_the_password(stand_ins, caplog) -> None:
    creds = DestinationCredentials(username="omni-user", password=SecretStr("s3cr3t-wrong"))
    client = OmniClient(site_settings(stand_ins).omni, creds, fast_transport())
    caplog.set_level(logging.DEBUG)
    try:
        with pytest.raises(DestinationAuthError) as caught:
            client.send(omni_body())
    finally:
        client.close()
    assert caught.value.retryable and caught.value.http_status == 401
    assert "s3cr3t" not in caught.value.user_text + repr(caught.value) + caplog.text
    assert "s3cr3t" not in repr(creds)


def test_omni_400_carries_code_message_description(omni: OmniClient) -> None:
    body = omni_body()
    del body["orderItems"][0]["channelSkuCode"]
    with pytest.raises(DestinationRejectedError) as caught:
        omni.send(body)
    assert not caught.value.retryable
    assert "BAD_DATA" in caught.value.detail and "channelSkuCode" in caught.value.detail


def test_both_omni_error_shapes_are_read() -> None:
    assert describe_omni_error(sample("omni_error_400.json")) == (
        "BAD_DATA Input validation failed [channelSkuCode: may not be null]"
    )
    assert describe_omni_error(sample("omni_error_legacy.json")) == "Invalid returnOrderCode"


@pytest.mark.parametrize("status", ["500", "503"])
def test_omni_5xx_is_retryable(omni: OmniClient, stand_ins, status: str) -> None:
    stand_ins.omni.queue.append(status)
    with pytest.raises(DestinationServerError) as caught:
        omni.send(omni_body())
    assert caught.value.retryable and caught.value.http_status == int(status)
    assert stand_ins.accepted("omni") == {}


def test_omni_dropped_connection_is_unreachable_and_of_unknown_outcome(omni, stand_ins) -> None:
    stand_ins.omni.queue.append("commit_then_drop")
    with pytest.raises(DestinationUnreachableError) as caught:
        omni.send(omni_body())
    assert caught.value.outcome_unknown
    assert omni.check(omni_body()) is Delivery.DELIVERED  # it did arrive
    assert omni.check(omni_body("OTHER")) is Delivery.NOT_DELIVERED  # same AWB, other code


def test_omni_duplicate_is_delivered_only_when_the_lookup_confirms(omni, stand_ins) -> None:
    omni.send(omni_body())
    result = omni.send(omni_body())  # the stand-in rejects the repeat (400 "already exists")
    assert result.duplicate and "look-up" in result.note
    assert stand_ins.outcomes("omni")["duplicate_rejected"] == 1
    assert stand_ins.accepted("omni") == {"100078": 1}


def test_omni_duplicate_without_lookup_needs_a_person(omni, stand_ins) -> None:
    omni.send(omni_body())
    stand_ins.omni.lookup = False
    assert omni.check(omni_body()) is Delivery.UNKNOWN
    with pytest.raises(DestinationDuplicateError):
        omni.send(omni_body())


def test_omni_idempotent_accept_of_a_repeat(omni, stand_ins) -> None:
    stand_ins.omni.duplicate = "accept"
    omni.send(omni_body())
    omni.send(omni_body())
    assert stand_ins.accepted("omni") == {"100078": 1}
    assert stand_ins.outcomes("omni")["duplicate_accepted"] == 1


def test_a_wrong_base_url_is_an_address_error(stand_ins) -> None:
    settings = site_settings(stand_ins).omni.replace(base_url=stand_ins.root_url + "/nowhere")
    client = OmniClient(settings, OMNI_CREDS, fast_transport())
    try:
        with pytest.raises(DestinationAddressError):
            client.send(omni_body())
    finally:
        client.close()


def test_an_unreachable_destination(stand_ins) -> None:
    settings = site_settings(stand_ins).omni.replace(base_url="http://127.0.0.1:9/omni")
    client = OmniClient(settings, OMNI_CREDS, fast_transport())
    try:
        with pytest.raises(DestinationUnreachableError):
            client.send(omni_body())
    finally:
        client.close()


@pytest.mark.parametrize("url", ["http://192.0.2.10:9/omni", "http://omni.example/assure"])
def test_plain_http_off_this_computer_sends_nothing(stand_ins, url: str) -> None:
    # The key would cross the network in clear text: refused before any connection, with
    # its own error (not "unreachable"), and retried once the admin sets an https address.
    omni = OmniClient(
        site_settings(stand_ins).omni.replace(base_url=url),
        OMNI_CREDS,
        fast_transport(),
    )
    pos = PosClient(
        site_settings(stand_ins).pos.replace(base_url=url),
        POS_CREDS,
        fast_transport(),
    )
    try:
        for client, body in ((omni, omni_body()), (pos, pos_body())):
            with pytest.raises(DestinationInsecureError) as caught:
                client.send(body)
            assert caught.value.retryable and url in caught.value.user_text
            assert "https://" in caught.value.user_text
    finally:
        omni.close()
        pos.close()


@pytest.mark.parametrize("answer", ["html", "deep"])
def test_an_answer_that_is_no_json_is_a_typed_error(omni, pos, stand_ins, answer: str) -> None:
    # A proxy's HTML error page, or JSON nested past any parser's depth: each client says
    # what came back (the status, the host) as one of its own errors, never a parser's.
    for client, behaviour, body in (
        (omni, stand_ins.omni, omni_body()),
        (pos, stand_ins.pos, pos_body()),
    ):
        behaviour.queue.append(answer)
        with pytest.raises(HandonError) as caught:
            client.send(body)
        status = HOSTILE[answer][0]
        assert f"HTTP {status}" in caught.value.user_text, caught.value.user_text
    assert stand_ins.server_errors == []


def test_plain_http_to_this_computer_is_allowed(omni: OmniClient) -> None:
    assert omni.base_url.startswith("http://127.0.0.1")  # the stand-ins: loopback only
    omni.send(omni_body())


# --- the POS ------------------------------------------------------------------------------


def test_pos_fetches_a_token_once_and_reuses_it(pos: PosClient, stand_ins) -> None:
    for code in ("P1", "P2", "P3"):
        assert pos.send(pos_body(code)).duplicate is False
    assert stand_ins.token_requests == 1
    assert stand_ins.accepted("pos") == {"P1": 1, "P2": 1, "P3": 1}


def test_pos_renews_the_token_once_on_401(pos: PosClient, stand_ins) -> None:
    pos.send(pos_body("P1"))
    stand_ins.pos.queue.append("401")  # the POS forgets every token
    pos.send(pos_body("P2"))
    assert stand_ins.token_requests == 2
    assert stand_ins.accepted("pos") == {"P1": 1, "P2": 1}


def test_pos_renews_an_expiring_token_before_it_expires(stand_ins) -> None:
    stand_ins.pos.token_ttl_s = 100.0
    transport = fast_transport()
    now = [1000.0]
    transport.clock = lambda: now[0]
    client = PosClient(site_settings(stand_ins).pos, POS_CREDS, transport)
    try:
        client.send(pos_body("P1"))
        now[0] += 89
        client.send(pos_body("P2"))
        assert stand_ins.token_requests == 1
        now[0] += 2  # past 90 % of the lifetime
        client.send(pos_body("P3"))
        assert stand_ins.token_requests == 2
    finally:
        client.close()


def test_pos_bad_credentials_is_an_auth_error(stand_ins) -> None:
    creds = DestinationCredentials(username="pos-user", password=SecretStr("nope-secret"))
    client = PosClient(site_settings(stand_ins).pos, creds, fast_transport())
    try:
        with pytest.raises(DestinationAuthError) as caught:
            client.send(pos_body())
    finally:
        client.close()
    assert "Bad credentials" in caught.value.detail and "nope-secret" not in caught.value.user_text


def test_pos_unsuccessful_is_refused_with_its_errors(pos: PosClient, stand_ins) -> None:
    stand_ins.pos.queue.append("unsuccessful")
    with pytest.raises(DestinationRejectedError) as caught:
        pos.send(pos_body())
    assert "INVALID_PACKAGE_STATE" in caught.value.detail
    assert caught.value.errors[0]["code"] == 20003
    assert not caught.value.retryable


def test_pos_validation_failure_comes_as_successful_false(pos: PosClient) -> None:
    with pytest.raises(DestinationRejectedError, match="RTO or CIR"):
        pos.send(pos_body() | {"type": "XYZ"})


def test_pos_duplicate_rejected_counts_as_delivered(pos: PosClient, stand_ins) -> None:
    pos.send(pos_body())
    result = pos.send(pos_body())
    assert result.duplicate and "DUPLICATE_RETURN" in result.note
    assert stand_ins.accepted("pos") == {"VARAAA07998": 1}


def test_pos_duplicate_needs_a_person_when_so_configured(stand_ins) -> None:
    settings = site_settings(stand_ins).pos.replace(duplicate_means_delivered=False)
    client = PosClient(settings, POS_CREDS, fast_transport())
    try:
        client.send(pos_body())
        with pytest.raises(DestinationDuplicateError):
            client.send(pos_body())
    finally:
        client.close()


def test_pos_duplicate_accepted_with_a_warning(pos: PosClient, stand_ins) -> None:
    stand_ins.pos.duplicate = "accept"
    pos.send(pos_body())
    result = pos.send(pos_body())
    assert result.warnings == [
        {"code": 1, "message": "ALREADY_RECORDED", "description": "VARAAA07998"}
    ]
    assert stand_ins.accepted("pos") == {"VARAAA07998": 1}


def test_pos_5xx_is_retryable_and_has_no_lookup(pos: PosClient, stand_ins) -> None:
    stand_ins.pos.queue.append("500")
    with pytest.raises(DestinationServerError):
        pos.send(pos_body())
    assert pos.check(pos_body()) is Delivery.UNKNOWN


# --- credentials and wiring -----------------------------------------------------------------


def test_credentials_come_from_the_environment_or_the_keyring() -> None:
    with pytest.raises(DestinationCredentialsMissingError):
        load_destination_credentials("omni", environ={})
    save_destination_credentials("omni", OMNI_CREDS.model_copy(update={"domain": "d"}))
    loaded = load_destination_credentials("omni", environ={})
    assert loaded.username == "omni-user" and loaded.password.get_secret_value() == "omni-pass"
    assert loaded.domain == "d"
    env = {"RETURNS_DESK_POS_USERNAME": "u", "RETURNS_DESK_POS_PASSWORD": "p"}
    assert load_destination_credentials("unicommerce_pos", environ=env).username == "u"


def test_build_senders_for_the_enabled_destinations(stand_ins) -> None:
    from returns_desk.handon import HandonSettings

    assert build_senders(HandonSettings(), environ={}) == ({}, {})
    save_destination_credentials("omni", OMNI_CREDS)
    senders, problems = build_senders(site_settings(stand_ins), environ={})
    try:
        assert set(senders) == {"omni"}
        assert isinstance(problems["unicommerce_pos"], DestinationCredentialsMissingError)
    finally:
        for sender in senders.values():
            sender.close()


def test_build_senders_takes_the_apps_transport_but_never_its_retries(stand_ins) -> None:
    from returns_desk.api.transport import RetryPolicy, Transport

    save_destination_credentials("omni", OMNI_CREDS)
    settings = site_settings(stand_ins).replace(pos=site_settings().pos.replace(enabled=False))
    made: list[Transport] = []

    def factory() -> Transport:
        made.append(Transport(retry=RetryPolicy(max_retries=5)))
        return made[-1]

    senders, _ = build_senders(settings, environ={}, transport_factory=factory)
    try:
        stand_ins.omni.queue.append("503")
        with pytest.raises(DestinationServerError):
            senders["omni"].send(omni_body())
        assert made[0].retry.max_retries == 0
        assert stand_ins.outcomes("omni") == {"failed": 1}  # one request, not six
    finally:
        senders["omni"].close()
