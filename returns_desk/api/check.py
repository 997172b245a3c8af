"""``returns-desk check``: are the credentials and the connection good? One line, exit 0/1/2.

It uses the same settings, credentials and client as the app, so that an admin who sees
"OK" knows the app will get through. The settings dialog's "Test connection" button runs
the same ``check_connection``. Exit 2 (``UNCONFIRMED``): the credentials work but the
location could not be confirmed, because the marketplace's TRIPSHEET_TASK_NOT_FOUND means
"no returns due there today" and "no such location" alike.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from urllib.parse import urlsplit

from returns_desk.api.client import client_for
from returns_desk.api.states import OtcMode
from returns_desk.api.transport import RetryPolicy, Timeouts, Transport, transport_for
from returns_desk.credentials import Credentials, load_credentials
from returns_desk.errors import ApiError, ReturnsDeskError, TripsheetTaskNotFoundError
from returns_desk.options import add_connection_arguments
from returns_desk.settings import Settings, load_settings

#: exit codes of ``returns-desk check``
EXIT_OK, EXIT_FAILED, EXIT_UNCONFIRMED = 0, 1, 2


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    line: str
    #: the credentials work, but the location id could be wrong (see the module docstring)
    unconfirmed: bool = False

    @property
    def exit_code(self) -> int:
        if self.ok:
            return EXIT_OK
        return EXIT_UNCONFIRMED if self.unconfirmed else EXIT_FAILED


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_connection_arguments(parser)


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings().with_overrides(args)
        result = check_connection(settings, load_credentials())
    except ReturnsDeskError as exc:
        result = CheckResult(False, f"FAILED: {exc.user_text}")
    print(result.line, flush=True)
    return result.exit_code


def check_connection(
    settings: Settings,
    credentials: Credentials,
    transport: Transport | None = None,
) -> CheckResult:
    """Get a token, then make the initial-load call for the configured location.

    The line names the token URL, so an admin sees where the secret goes.
    """
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
        deadline_s=min(settings.request_deadline_s, 45.0),
    )
    token_from = ""
    try:
        with client_for(settings, credentials, transport) as client:
            token_from = f" (token from {client.tokens.token_url})"
            client.tokens.token()
            try:
                load = client.initial_load(location)
            except TripsheetTaskNotFoundError:
                return CheckResult(
                    False,
                    f"UNCONFIRMED: {settings.api_base_url} accepted the credentials"
                    f"{token_from}, but "
                    f"could not confirm the location {location}: the marketplace answered "
                    "TRIPSHEET_TASK_NOT_FOUND, which means either no returns are due there "
                    "today or the seller location id is wrong. Check the id; if it is right, "
                    "check again on a day with returns.",
                    unconfirmed=True,
                )
    except ReturnsDeskError as exc:
        return CheckResult(False, f"FAILED: {failure_text(exc, settings.api_base_url)}{token_from}")
    count = len(load.fe_details)
    return CheckResult(
        True,
        f"OK: {settings.api_base_url} accepted the credentials{token_from}; {location}: "
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
