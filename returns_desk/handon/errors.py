"""Errors of the hand-on to the seller's systems, as subclasses of the one hierarchy.

A destination's answer is classified once, here, into what the outbox needs to decide:
``retryable`` (wait and send again), or not (a person must look), and ``outcome_unknown``
(the request may have been acted on: check before sending again). Texts never carry
credentials; server texts are cut to a few hundred characters.
"""

from __future__ import annotations

from typing import Any, ClassVar

from returns_desk.errors import ConfigurationError, ReturnsDeskError
from returns_desk.i18n import QT_TRANSLATE_NOOP

_MAX_SERVER_TEXT = 300


def clip(text: str, limit: int = _MAX_SERVER_TEXT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class HandonError(ReturnsDeskError):
    """Trouble handing a return on to a seller's system (Omni or the POS)."""

    code = "HANDON"
    message = QT_TRANSLATE_NOOP("Errors", "A return could not be handed on to the seller's system.")
    #: the request may have reached the destination: check before sending it again
    outcome_unknown: ClassVar[bool] = False

    def __init__(
        self,
        detail: str = "",
        *,
        destination: str = "",
        http_status: int | None = None,
        errors: list[dict[str, Any]] | None = None,
        warnings: list[dict[str, Any]] | None = None,
        message: str | None = None,
    ) -> None:
        self.destination = destination
        self.http_status = http_status
        self.errors = errors or []
        self.warnings = warnings or []
        super().__init__(clip(detail), message=message)


class DestinationUnreachableError(HandonError):
    """No answer (connection failed, timed out, dropped): it may or may not have arrived."""

    code = "DESTINATION_UNREACHABLE"
    message = QT_TRANSLATE_NOOP("Errors", "The seller's system cannot be reached.")
    action = QT_TRANSLATE_NOOP("Errors", "The app keeps retrying on its own.")
    retryable = True
    outcome_unknown = True


class DestinationServerError(HandonError):
    """5xx or 429: the destination asks us to come back later."""

    code = "DESTINATION_SERVER_ERROR"
    message = QT_TRANSLATE_NOOP("Errors", "The seller's system is having trouble right now.")
    action = QT_TRANSLATE_NOOP("Errors", "The app keeps retrying on its own.")
    retryable = True


class DestinationAuthError(HandonError):
    """401/403 or a refused token request; retried, since the admin may fix the password."""

    code = "DESTINATION_AUTH"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The seller's system refused this terminal's user name or password."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the IT admin to check the destination's credentials; entries wait and retry."
    )
    retryable = True


class DestinationAddressError(HandonError):
    """404: the base URL (or its prefix) is wrong; retried, since the admin may fix it."""

    code = "DESTINATION_ADDRESS"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The seller's system does not know the address the app calls."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the IT admin to check the destination's base URL; entries wait and retry."
    )
    retryable = True


class DestinationInsecureError(HandonError):
    """A plain http:// address off this computer: the key would cross the network in clear
    text, so nothing is sent (``returns_desk.addresses``); retried once the admin fixes it."""

    code = "DESTINATION_INSECURE"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The app refused to send the seller's system its key over plain http."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Ask the IT admin to set the destination's https:// address in Settings; entries "
        "wait and retry.",
    )
    retryable = True


class DestinationInvalidResponseError(HandonError):
    """An answer we cannot read; it may have been acted on."""

    code = "DESTINATION_INVALID_RESPONSE"
    message = QT_TRANSLATE_NOOP("Errors", "The seller's system sent an answer the app cannot read.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "The app checks and retries on its own; if it keeps happening, call IT support."
    )
    retryable = True
    outcome_unknown = True


class DestinationRejectedError(HandonError):
    """400 or ``successful:false``: the same data again would be refused again."""

    code = "DESTINATION_REJECTED"
    message = QT_TRANSLATE_NOOP("Errors", "The seller's system refused this return's data.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Read the error, correct the returns report and retry the entry, or skip it."
    )


class DestinationDuplicateError(DestinationRejectedError):
    """The destination says it already has this return and we cannot confirm it was ours."""

    code = "DESTINATION_DUPLICATE"
    message = QT_TRANSLATE_NOOP("Errors", "The seller's system says it already has this return.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Check the return in the seller's system, then skip the entry (or retry it)."
    )


class DestinationCredentialsMissingError(ConfigurationError):
    code = "DESTINATION_CREDENTIALS_MISSING"
    message = QT_TRANSLATE_NOOP(
        "Errors", "No user name and password are set up for this seller system."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the IT admin to enter them in Settings (kept in the OS credential store)."
    )


class ReportImportError(ReturnsDeskError):
    code = "REPORT_IMPORT"
    message = QT_TRANSLATE_NOOP("Errors", "The returns report cannot be read.")
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Export it again from the seller panel as CSV or XLSX and check the column mapping.",
    )
