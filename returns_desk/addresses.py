"""Where a secret may be sent: https, or plain http to this computer only (the sandbox).

One rule for every address that receives credentials: the marketplace's API and token URL
(``api/client.py``) and the hand-on destinations, Omni and the Unicommerce POS
(``settings/handon.py``). An API key sent over plain http to another computer can be read
by anyone on the network between the dock and it.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback(host: str | None) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1: this computer (the sandbox)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_safe_url(url: str) -> bool:
    """https with a host, or http to this computer only."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. a malformed IPv6 literal or port
        return False
    if parts.scheme == "https" and host:
        return True
    return parts.scheme == "http" and is_loopback(host)
