"""The admin PIN that keeps clerks out of the settings: stored only as a salted PBKDF2 hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

ITERATIONS = 200_000
MIN_LENGTH = 4


def hash_pin(pin: str, *, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`` for the settings file."""
    if len(pin) < MIN_LENGTH or not pin.isdigit():
        raise ValueError(f"the admin PIN must be at least {MIN_LENGTH} digits")
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` matches; no PIN set yet means nothing to protect (True)."""
    if not stored:
        return True
    try:
        scheme, iterations, salt, expected = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)
