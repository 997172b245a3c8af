"""``returns-desk check``: are the credentials and the connection good? One line, exit 0/1.

It uses the same settings, credentials and client as the app, so that an admin who sees
"OK" knows the app will get through. The settings dialog's "Test connection" button runs
the same ``check_connection``.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from urllib.parse import urlsplit

from returns_desk.api.client import ReturnsClient
from returns_desk.api.models import OtcMode
from returns_desk.api.transport import RetryPolicy, Timeouts, Transport, transport_for
from returns_desk.credentials import Credentials, load_credentials
from returns_desk.errors import ApiError, ReturnsDeskError, TripsheetTaskNotFoundError
from returns_desk.settings import Settings, load_settings


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    line: str


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from returns_desk.cli import add_connection_arguments

    add_connection_arguments(parser)


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings().with_overrides(args)
        result = check_connection(settings, load_credentials())
    except ReturnsDeskError as exc:
        result = CheckResult(False, f"FAILED: {exc.user_text}")
    print(result.line, flush=True)
    return 0 if result.ok else 1


def check_connection(
    settings: Settings, credentials: Credentials, transport: Transport | None = None
) -> CheckResult:
    """Get a token, then make the initial-load call for the configured location."""
    location = settings.seller_location_id.strip()
    if not location:
        return CheckResult(
            False,
            "FAILED: no seller location id. Pass --seller-location-id or set it in Settings.",
        )
    transport = transport or transport_for(
        settings,
        timeouts=Timeouts(connect_s=settings.connect_timeout_s, read_s=30.0),
        retry=RetryPolicy(max_retries=1, max_total_s=10.0),
    )
    try:
        with ReturnsClient(
            credentials, settings.api_base_url, token_url=settings.token_url, transport=transport
        ) as client:
            client.tokens.token()
            try:
                load = client.initial_load(location)
            except TripsheetTaskNotFoundError:
                return CheckResult(
                    True,
                    f"OK: {settings.api_base_url} accepted the credentials; "
                    f"no returns are expected at {location} today.",
                )
    except ReturnsDeskError as exc:
        return CheckResult(False, f"FAILED: {failure_text(exc, settings.api_base_url)}")
    count = len(load.fe_details)
    return CheckResult(
        True,
        f"OK: {settings.api_base_url} accepted the credentials; {location}: "
        f"{count} field executive{'s' if count != 1 else ''} at the dock; "
        f"{otc_mode_text(load.seller_config.enabled_for)}.",
    )


OTC_MODE_TEXTS = {
    OtcMode.DYNAMIC_START_END: "the Start OTC is made here with F2 for each handover",
    OtcMode.DYNAMIC_END: "the FE already has a fixed Start OTC; the End OTC comes from here",
    OtcMode.NEW_STATIC: "fixed OTCs: the FE already has the Start OTC",
    OtcMode.OLD_STATIC: "fixed OTCs (the old kind): the FE already has the Start OTC",
    OtcMode.UNKNOWN: "the marketplace did not say how OTCs work here (the Start OTC is made "
    "with F2)",
}


def otc_mode_text(mode: OtcMode) -> str:
    """The seller's OTC set-up in the words of the dock, not the API's enum name."""
    return OTC_MODE_TEXTS[mode]


def failure_text(exc: ReturnsDeskError, base_url: str) -> str:
    """A check's failure: the likely cause where there is one, and advice for a one-off run.

    The app's texts say it keeps retrying; a check does not, so it says to run it again.
    """
    if isinstance(exc, ApiError) and exc.http_status == 404:
        path = urlsplit(base_url).path.rstrip("/")
        if not path.endswith("/sellers"):
            return (
                f"The marketplace has no such address: the API base URL {base_url} probably "
                "lacks /sellers at the end (it is usually https://api.flipkart.net/sellers). "
                f"({exc.detail})"
            )
    if exc.retryable:
        detail = f" ({exc.detail})" if exc.detail else ""
        advice = "Check the network or wait a few minutes, then run the check again."
        return f"{exc.message} {advice}{detail}"
    return exc.user_text
