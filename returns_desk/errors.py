"""The one error hierarchy of Returns Desk.

Expected trouble (network, the marketplace refusing a call, a broken file) is a
``ReturnsDeskError``: it carries a short text a dock clerk understands, the action to
take, and whether trying again later can help. Anything else is a bug and is logged
with its traceback. Texts never contain secrets or tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from returns_desk.i18n import QT_TRANSLATE_NOOP


class ReturnsDeskError(Exception):
    """Base of every expected error; ``str()`` gives the clerk-facing one-liner."""

    code: ClassVar[str] = "ERROR"
    message: ClassVar[str] = QT_TRANSLATE_NOOP("Errors", "Something went wrong.")
    action: ClassVar[str] = QT_TRANSLATE_NOOP(
        "Errors", "Try again. If it keeps happening, call IT support."
    )
    retryable: ClassVar[bool] = False

    def __init__(self, detail: str = "", *, message: str | None = None) -> None:
        self.detail = detail
        if message is not None:
            self.message = message  # type: ignore[misc]  # this one's own text over the ClassVar
        super().__init__(self._text(str))  # logs and tracebacks: in English

    @property
    def user_text(self) -> str:
        """What went wrong and what to do, in one line for a banner or a CLI, in the desk's
        language (the words are translated by ``translate_with``'s function; the detail is
        left as it is: codes, file names, a server's own words)."""
        return self._text(_translate[0])

    @property
    def user_message(self) -> str:
        """What went wrong, in the desk's language (no detail)."""
        return _translate[0](self.message)

    @property
    def user_action(self) -> str:
        """What to do, in the desk's language."""
        return _translate[0](self.action)

    def _text(self, translate: Callable[[str], str]) -> str:
        text = f"{translate(self.message)} {translate(self.action)}".strip()
        if self.detail:
            text += f" ({self.detail})"
        return text


#: how ``user_text`` translates ``message`` and ``action`` (the UI installs Qt's lookup under
#: the context "Errors"; without it, as here and on the command line, the words are English)
_translate: list[Callable[[str], str]] = [str]


def translate_with(function: Callable[[str], str]) -> None:
    _translate[0] = function


# --- configuration and credentials -------------------------------------------------


class ConfigurationError(ReturnsDeskError):
    code = "CONFIGURATION"
    message = QT_TRANSLATE_NOOP("Errors", "The app is not configured correctly.")
    action = QT_TRANSLATE_NOOP("Errors", "Ask the IT admin to check the settings.")


class CredentialsMissingError(ConfigurationError):
    code = "CREDENTIALS_MISSING"
    message = QT_TRANSLATE_NOOP(
        "Errors", "No marketplace API credentials are set up on this terminal."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Ask the IT admin to enter the client id and secret in Settings, or set "
        "RETURNS_DESK_CLIENT_ID and RETURNS_DESK_CLIENT_SECRET.",
    )


# --- local files -------------------------------------------------------------------


class DataFolderUnusableError(ReturnsDeskError):
    """The data folder cannot be created or written: read-only, full, no permission."""

    code = "DATA_FOLDER_UNUSABLE"
    message = "Returns Desk cannot write in its data folder, so it cannot keep its record."
    action = (
        "Check that the disk is not full and that this account may write the folder "
        "(it must not be read-only), or start with --data-dir on a folder that can be "
        "written; call IT support if unsure."
    )


class ScanTextError(ReturnsDeskError):
    """A read the record cannot keep: far longer than any label, or text that is not text."""

    code = "SCAN_TEXT"
    message = QT_TRANSLATE_NOOP("Errors", "That read is not a label the app can record.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Scan the label again; if it keeps happening, check the scanner's settings."
    )


class ScanningNotStartedError(ReturnsDeskError):
    """A scan for an FE still on the Start OTC page: nothing of theirs can be matched yet."""

    code = "SCANNING_NOT_STARTED"
    message = QT_TRANSLATE_NOOP("Errors", "This FE has not started scanning yet.")
    action = QT_TRANSLATE_NOOP("Errors", "The Start OTC comes first (F2).")


class ScanningClosedError(ReturnsDeskError):
    """A scan for a completed handover: its record is final, nothing is added to it."""

    code = "SCANNING_CLOSED"
    message = QT_TRANSLATE_NOOP("Errors", "This handover is complete: scanning it is closed.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Select the FE whose parcels these are (F6), then scan the parcel again."
    )


# --- talking to a remote service --------------------------------------------------


class RemoteError(ReturnsDeskError):
    """Any trouble reaching or understanding a remote service."""

    code = "REMOTE"


class NetworkError(RemoteError):
    code = "NETWORK"
    message = QT_TRANSLATE_NOOP("Errors", "The marketplace cannot be reached.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Check the terminal's network cable or Wi-Fi; the app keeps retrying on its own."
    )
    retryable = True


class RequestTimeoutError(NetworkError):
    code = "TIMEOUT"
    message = QT_TRANSLATE_NOOP("Errors", "The marketplace did not answer in time.")
    action = QT_TRANSLATE_NOOP("Errors", "The app will try again shortly; keep scanning.")


class InvalidResponseError(RemoteError):
    code = "INVALID_RESPONSE"
    message = QT_TRANSLATE_NOOP("Errors", "The marketplace sent an answer the app cannot read.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "The app will try again; if it keeps happening, call IT support."
    )
    retryable = True


class ResponseTooLargeError(InvalidResponseError):
    code = "RESPONSE_TOO_LARGE"
    message = "The marketplace sent an answer far larger than any real one."
    action = "The app will try again; if it keeps happening, call IT support."


class InsecureAddressError(ConfigurationError):
    """An address that would send the API secret or token in clear text, or off the API's host."""

    code = "INSECURE_ADDRESS"
    message = "The app refused to send the API credentials to an unsafe address."
    action = (
        "Ask the IT admin to use https:// addresses on the marketplace's own host "
        "in Settings (plain http:// is only for the sandbox on this computer)."
    )


class AuthenticationError(RemoteError):
    code = "AUTHENTICATION"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The marketplace rejected this terminal's API client id or secret."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the IT admin to check the client id and secret in Settings."
    )


class RateLimitedError(RemoteError):
    code = "RATE_LIMITED"
    message = QT_TRANSLATE_NOOP("Errors", "The marketplace asked the app to slow down.")
    action = QT_TRANSLATE_NOOP("Errors", "The app will try again shortly; keep scanning.")
    retryable = True


# --- errors answered by the marketplace's Returns V3 API --------------------------


class SiteDatabaseError(RemoteError):
    """The site database (site mode) cannot be reached or refused a request."""

    code = "SITE_DATABASE"
    message = QT_TRANSLATE_NOOP("Errors", "The site database cannot be reached.")
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "This terminal keeps working on its own and catches up when the database is back; "
        "if it lasts, call IT support.",
    )
    retryable = True


class SiteTerminalIdError(ConfigurationError):
    """Another terminal of the site (another local record) ships under this terminal id."""

    code = "SITE_TERMINAL_ID"
    message = QT_TRANSLATE_NOOP("Errors", "Another terminal of the site uses this terminal id.")
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "This terminal works alone until it has an id of its own: ask the IT admin to "
        "change it in Settings, Terminal.",
    )


class SiteSchemaError(ConfigurationError):
    """The site database has no schema of ours, or one this version does not know."""

    code = "SITE_SCHEMA"
    message = QT_TRANSLATE_NOOP("Errors", "The site database is not set up for this version.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the IT admin to run 'returns-desk site init' with this version."
    )


class ApiError(RemoteError):
    """The marketplace answered with an error code (``{"errorCode", "message"}``)."""

    error_code: ClassVar[str] = ""

    def __init__(
        self,
        detail: str = "",
        *,
        http_status: int | None = None,
        error_code: str | None = None,
        server_message: str = "",
        message: str | None = None,
    ) -> None:
        self.http_status = http_status
        self.server_message = server_message
        if error_code is not None:
            self.error_code = error_code  # type: ignore[misc]  # the code as received
        super().__init__(detail or self._default_detail(), message=message)

    def _default_detail(self) -> str:
        parts = [p for p in (self.error_code, self.server_message) if p]
        if self.http_status:
            parts.append(f"HTTP {self.http_status}")
        return ", ".join(parts)


class TripsheetTaskNotFoundError(ApiError):
    code = error_code = "TRIPSHEET_TASK_NOT_FOUND"
    message = QT_TRANSLATE_NOOP("Errors", "No returns are expected at this location today.")
    action = QT_TRANSLATE_NOOP("Errors", "Nothing to do; the app checks again regularly.")


class InvalidTaskTypeError(ApiError):
    code = error_code = "INVALID_TASK_TYPE_ERROR"
    message = QT_TRANSLATE_NOOP("Errors", "The marketplace says this task is not a return task.")
    action = QT_TRANSLATE_NOOP("Errors", "Call IT support; this terminal may be misconfigured.")


class TripsheetClosedError(ApiError):
    code = error_code = "TRIPSHEET_CLOSED_ERROR"
    message = QT_TRANSLATE_NOOP("Errors", "This return task is already closed at the marketplace.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Refresh the list; ask the field executive whether the handover was finished."
    )


class ShipmentSyncError(ApiError):
    code = error_code = "SHIPMENT_SYNC_ERROR"
    message = QT_TRANSLATE_NOOP(
        "Errors", "Not every scanned parcel has been synced from the marketplace yet."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Wait a moment; the app fetches the remaining parcels and tries again."
    )
    retryable = True


class NotOnEndOtcPageError(ApiError):
    code = error_code = "NOT_ON_END_OTC_PAGE_ERROR"
    message = QT_TRANSLATE_NOOP("Errors", "The field executive is still scanning.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the field executive to finish scanning and open the End OTC page."
    )


class FeOtcBadRequestError(ApiError):
    code = error_code = "FE_OTC_BAD_REQUEST_ERROR"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The marketplace does not know this field executive for this task."
    )
    action = QT_TRANSLATE_NOOP("Errors", "Refresh the list of field executives and try again.")


class UnauthorizedError(ApiError):
    code = error_code = "UNAUTHORIZED_ERROR"
    message = QT_TRANSLATE_NOOP("Errors", "The marketplace refused this terminal's access.")
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Ask the IT admin to check the API credentials and that the seller location id "
        "belongs to this seller account.",
    )


class ServerSideError(ApiError):
    """The marketplace (or a gateway before it) failed; trying later helps."""

    message = QT_TRANSLATE_NOOP("Errors", "The marketplace is having trouble right now.")
    action = QT_TRANSLATE_NOOP("Errors", "The app keeps retrying on its own; keep scanning.")
    retryable = True


class InternalServerError(ServerSideError):
    code = error_code = "INTERNAL_SERVER_ERROR"


class BadGatewayError(ServerSideError):
    code = error_code = "BAD_GATEWAY_ERROR"


class ServiceUnavailableError(ServerSideError):
    code = error_code = "SERVICE_UNAVAILABLE_ERROR"
    message = QT_TRANSLATE_NOOP("Errors", "The marketplace is temporarily unavailable.")


class GatewayTimeoutError(ServerSideError):
    code = error_code = "GATEWAY_TIMEOUT_ERROR"
    message = QT_TRANSLATE_NOOP("Errors", "The marketplace took too long to answer.")


class UnknownApiError(ApiError):
    """A code we have no text for: the code itself is still shown."""

    code = "UNKNOWN_API_ERROR"
    message = QT_TRANSLATE_NOOP("Errors", "The marketplace answered with an error.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Try again; if it keeps happening, call IT support and quote the code."
    )


API_ERRORS_BY_CODE: dict[str, type[ApiError]] = {
    cls.error_code: cls
    for cls in (
        TripsheetTaskNotFoundError,
        InvalidTaskTypeError,
        TripsheetClosedError,
        ShipmentSyncError,
        NotOnEndOtcPageError,
        FeOtcBadRequestError,
        UnauthorizedError,
        InternalServerError,
        BadGatewayError,
        ServiceUnavailableError,
        GatewayTimeoutError,
    )
}

_ERRORS_BY_STATUS: dict[int, type[ApiError]] = {
    401: UnauthorizedError,
    500: InternalServerError,
    502: BadGatewayError,
    503: ServiceUnavailableError,
    504: GatewayTimeoutError,
}


def api_error_for(http_status: int, error_code: str | None, server_message: str = "") -> ApiError:
    """The typed error for an error answer: by ``errorCode`` first, then by HTTP status."""
    if error_code:
        cls = API_ERRORS_BY_CODE.get(error_code.strip().upper(), UnknownApiError)
        return cls(http_status=http_status, error_code=error_code, server_message=server_message)
    by_status = _ERRORS_BY_STATUS.get(http_status)
    if by_status is None and http_status >= 500:
        by_status = InternalServerError
    if by_status is not None:
        return by_status(http_status=http_status, server_message=server_message)
    return UnknownApiError(
        http_status=http_status, error_code=f"HTTP_{http_status}", server_message=server_message
    )


def command_failure(prog: str, exc: BaseException) -> str:
    """The one stderr line of a command that failed (scheduled jobs log only that line):
    the clerk's text of an expected error, or a bug's type and words."""
    if isinstance(exc, ReturnsDeskError):
        return f"{prog}: {exc.user_text}"
    return f"{prog}: unexpected error ({type(exc).__name__}: {exc}); call IT support."
