"""From the site's settings and the credential store to the senders the processor uses."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from returns_desk.api.transport import RetryPolicy, Transport
from returns_desk.errors import ReturnsDeskError
from returns_desk.handon.credentials import load_destination_credentials
from returns_desk.handon.omni_client import OmniClient
from returns_desk.handon.pos_client import PosClient
from returns_desk.handon.sender import Sender, handon_transport
from returns_desk.settings.handon import OMNI, POS, HandonSettings


def build_senders(
    settings: HandonSettings,
    *,
    environ: Mapping[str, str] | None = None,
    transport_factory: Callable[[], Transport] | None = None,
) -> tuple[dict[str, Sender], dict[str, ReturnsDeskError]]:
    """A sender per switched-on destination, and what keeps the others from working.

    A destination without credentials gets no sender: its entries wait (they are not
    counted as attempts) and the GUI shows the error next to it. ``transport_factory``
    lets the app bring its network settings (CA bundle, proxy); its transports are made
    to send each request once.
    """

    def transport() -> Transport:
        if transport_factory is None:
            retry = settings.retry
            return handon_transport(retry.connect_timeout_s, retry.read_timeout_s)
        made = transport_factory()  # e.g. ``lambda: transport_for(app_settings)``: CA, proxy
        made.retry = RetryPolicy(max_retries=0)  # the outbox retries: one attempt, one request
        return made

    senders: dict[str, Sender] = {}
    problems: dict[str, ReturnsDeskError] = {}
    for destination in settings.enabled_destinations():
        try:
            credentials = load_destination_credentials(destination, environ)
        except ReturnsDeskError as exc:
            problems[destination] = exc
            continue
        if destination == OMNI:
            senders[OMNI] = OmniClient(settings.omni, credentials, transport())
        elif destination == POS:
            senders[POS] = PosClient(settings.pos, credentials, transport())
    return senders, problems
