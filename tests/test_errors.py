"""Every documented error code becomes one typed error a dock clerk can act on."""

from __future__ import annotations

import pytest

from returns_desk import errors

DOCUMENTED_CODES = [
    "TRIPSHEET_TASK_NOT_FOUND",
    "INVALID_TASK_TYPE_ERROR",
    "TRIPSHEET_CLOSED_ERROR",
    "SHIPMENT_SYNC_ERROR",
    "NOT_ON_END_OTC_PAGE_ERROR",
    "FE_OTC_BAD_REQUEST_ERROR",
    "UNAUTHORIZED_ERROR",
    "INTERNAL_SERVER_ERROR",
    "BAD_GATEWAY_ERROR",
    "SERVICE_UNAVAILABLE_ERROR",
    "GATEWAY_TIMEOUT_ERROR",
]


@pytest.mark.parametrize("code", DOCUMENTED_CODES)
def test_each_documented_code_has_its_own_class_and_text(code: str) -> None:
    error = errors.api_error_for(400, code, "server words")
    assert type(error) is errors.API_ERRORS_BY_CODE[code]
    assert error.error_code == code and error.http_status == 400
    assert error.message and error.action
    assert code in error.user_text and "server words" in error.user_text


def test_the_classes_are_distinct() -> None:
    classes = {errors.API_ERRORS_BY_CODE[c] for c in DOCUMENTED_CODES}
    assert len(classes) == len(DOCUMENTED_CODES)


def test_unknown_code_is_generic_but_shows_the_code() -> None:
    error = errors.api_error_for(400, "BRAND_NEW_ERROR", "")
    assert isinstance(error, errors.UnknownApiError)
    assert "BRAND_NEW_ERROR" in str(error)


def test_code_case_and_spaces_do_not_matter() -> None:
    assert isinstance(errors.api_error_for(400, " shipment_sync_error "), errors.ShipmentSyncError)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, errors.UnauthorizedError),
        (500, errors.InternalServerError),
        (502, errors.BadGatewayError),
        (503, errors.ServiceUnavailableError),
        (504, errors.GatewayTimeoutError),
        (507, errors.InternalServerError),
        (418, errors.UnknownApiError),
    ],
)
def test_status_decides_when_there_is_no_code(status: int, cls: type) -> None:
    error = errors.api_error_for(status, None)
    assert type(error) is cls
    assert str(status) in error.user_text


def test_retryable_only_where_waiting_helps() -> None:
    retryable = {c for c in DOCUMENTED_CODES if errors.API_ERRORS_BY_CODE[c].retryable}
    assert retryable == {
        "SHIPMENT_SYNC_ERROR",
        "INTERNAL_SERVER_ERROR",
        "BAD_GATEWAY_ERROR",
        "SERVICE_UNAVAILABLE_ERROR",
        "GATEWAY_TIMEOUT_ERROR",
    }


def test_no_returns_today_reads_calmly() -> None:
    text = errors.TripsheetTaskNotFoundError().user_text
    assert "No returns are expected" in text
