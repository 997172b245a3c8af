"""Omni (Increff): create a return order, and look one up by AWB.

Static headers ``authUsername``, ``authPassword`` and optionally ``authDomainName``; no token.
Success is HTTP 200 (any 2xx) with an empty body; errors are 400/500 with
``{code, message, description}`` or, in older deployments, ``{errorMessage}``. A 400 naming
a duplicate ``returnOrderCode`` is "already done" only once ``POST /return/get/awb`` (a Beta
API, notes A.8) shows a return with our code; otherwise a person looks (notes A.7).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from returns_desk.handon.errors import (
    DestinationAddressError,
    DestinationDuplicateError,
    DestinationInvalidResponseError,
    DestinationRejectedError,
)
from returns_desk.handon.sender import (
    Delivery,
    HttpSender,
    SendResult,
    json_or_none,
    mentions,
    status_error,
)
from returns_desk.settings.handon import OMNI, OmniSettings

log = logging.getLogger(__name__)

CREATE_PATH = "/return/return-orders"
LOOKUP_PATH = "/return/get/awb"


def describe_omni_error(body: Any) -> str:
    """``BAD_DATA: Input validation failed [channelSkuCode: may not be null]`` (either shape)."""
    if not isinstance(body, dict):
        return ""
    if body.get("errorMessage"):
        return str(body["errorMessage"])
    parts = [str(body[k]) for k in ("code", "message", "description") if body.get(k)]
    return " ".join(parts)


class OmniClient(HttpSender):
    """Implements ``Sender`` for Omni."""

    destination = OMNI
    settings: OmniSettings

    def _headers(self) -> dict[str, str]:
        headers = {
            "authUsername": self._credentials.username,
            "authPassword": self._credentials.password.get_secret_value(),
        }
        if self._credentials.domain:
            headers["authDomainName"] = self._credentials.domain
        return headers

    def create_return_order(self, body: Mapping[str, Any]) -> None:
        response = self.post(CREATE_PATH, self._headers(), dict(body))
        if 200 <= response.status_code < 300:
            return
        error = status_error(response, OMNI, describe_omni_error)
        if error is not None:
            raise error
        text = describe_omni_error(json_or_none(response)) or f"HTTP {response.status_code}"
        if mentions([text], self.settings.duplicate_markers):
            raise DestinationDuplicateError(
                text, destination=OMNI, http_status=response.status_code
            )
        raise DestinationRejectedError(text, destination=OMNI, http_status=response.status_code)

    def find_by_awb(self, awb: str, transporter: str | None = None) -> list[dict[str, Any]]:
        """``returnOrderDetailsList`` for this AWB (empty when Omni has none)."""
        query = {"awbNumber": awb}
        if transporter:
            query["transporter"] = transporter
        response = self.post(LOOKUP_PATH, self._headers(), query)
        if response.status_code != 200:
            error = status_error(response, OMNI, describe_omni_error)
            raise error or DestinationRejectedError(
                f"look-up by AWB: HTTP {response.status_code}", destination=OMNI
            )
        found = json_or_none(response)
        rows = found.get("returnOrderDetailsList") if isinstance(found, dict) else None
        if rows is None:
            rows = []
        if not isinstance(rows, list):
            raise DestinationInvalidResponseError("look-up by AWB: no list", destination=OMNI)
        return [row for row in rows if isinstance(row, dict)]

    # --- Sender ------------------------------------------------------------------------

    def send(self, body: Mapping[str, Any]) -> SendResult:
        try:
            self.create_return_order(body)
        except DestinationDuplicateError:
            if self.check(body) is Delivery.DELIVERED:
                return SendResult(duplicate=True, note="Omni already had it (AWB look-up)")
            raise
        return SendResult()

    def check(self, body: Mapping[str, Any]) -> Delivery:
        awb = body.get("awbNumber")
        if not self.settings.lookup_by_awb or not awb:
            return Delivery.UNKNOWN
        try:
            rows = self.find_by_awb(str(awb), body.get("transporter"))
        except (DestinationAddressError, DestinationRejectedError) as exc:
            # the Beta look-up is not enabled for this client, or refuses our question
            log.info("Omni look-up by AWB unavailable (%s); sending again", exc.code)
            return Delivery.UNKNOWN
        code = body.get("returnOrderCode")
        if any(row.get("returnOrderCode") == code for row in rows):
            return Delivery.DELIVERED
        return Delivery.NOT_DELIVERED
