"""The admin PIN that keeps clerks out of the settings, and where what guards them is kept.

What guards the admin settings (the PIN's salted PBKDF2 hash, and a token URL on another
host than the API's) lives in the *admin file*, not in the clerk-writable ``settings.toml``:
on a terminal set up by the installer that is a per-machine file an ordinary account can
read but not change (``%ProgramData%\\ReturnsDesk\\admin.toml``, ``/etc/returns-desk/admin.toml``),
written from an administrator's prompt with ``returns-desk admin-pin``. Where that folder
does not exist (a developer's machine, a copy run without the installer) the file falls
back to the user's config folder, which is only as safe as the user's account: see
``docs/install.md``.

Wrong PINs lock the prompt for a time that doubles with each further miss; the count is
kept in a file, so a new prompt or a restart does not give fresh tries.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import sys
import time
import tomllib
from pathlib import Path

import msgspec

from returns_desk.atomic import write_text_atomically
from returns_desk.errors import ConfigurationError

log = logging.getLogger(__name__)

ITERATIONS = 200_000
MIN_LENGTH = 6  # a new PIN; one set before (4 digits) still opens
MAX_LENGTH = 32
ADMIN_FILE = "admin.toml"
LOCKOUT_FILE = "admin-lockout.json"
FREE_TRIES = 3  # wrong PINs before the first wait
FIRST_WAIT_S = 30.0
MAX_WAIT_S = 3600.0


class AdminFileError(ConfigurationError):
    code = "ADMIN_FILE"
    message = "The admin settings file cannot be written from this account."
    action = (
        "Set the admin PIN from an administrator's command prompt: "
        "returns-desk-cli admin-pin (see the install guide)."
    )


def hash_pin(pin: str, *, iterations: int = ITERATIONS, min_length: int = MIN_LENGTH) -> str:
    """``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`` for the admin file."""
    if not min_length <= len(pin) <= MAX_LENGTH or not pin.isdigit():
        raise ValueError(f"the admin PIN must be {min_length} to {MAX_LENGTH} digits")
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` matches; no PIN set yet means nothing to protect (True)."""
    if not stored:
        return True
    try:
        scheme, iterations, salt, expected = stored.split("$")
        if scheme != "pbkdf2_sha256" or len(pin) > MAX_LENGTH:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(iterations))
    except (ValueError, OverflowError):
        return False
    return hmac.compare_digest(digest.hex(), expected)


# --- the admin file ----------------------------------------------------------------------


def machine_admin_dir() -> Path:
    """The per-machine folder the installer creates (users may read, only admins write).

    On Windows the folder comes from the OS (not an environment variable a user can set).
    """
    if sys.platform == "win32":
        import platformdirs

        return Path(platformdirs.site_data_dir("ReturnsDesk", appauthor=False))
    return Path("/etc/returns-desk")


def admin_file() -> Path:
    """The per-machine admin file when its folder exists, else the per-user fallback."""
    folder = machine_admin_dir()
    if folder.is_dir():
        return folder / ADMIN_FILE
    from returns_desk.paths import config_dir

    return config_dir() / ADMIN_FILE


def is_per_machine(path: Path | None = None) -> bool:
    return (path or admin_file()).parent == machine_admin_dir()


class AdminPolicy(msgspec.Struct, frozen=True):
    """What only an admin may set: the PIN's hash, a token URL off the API's host."""

    pin_hash: str | None = None
    token_url: str | None = None


def load_admin_policy(path: Path | None = None) -> AdminPolicy:
    """The admin file's contents; an empty policy when there is none.

    A file that exists but cannot be read keeps the settings locked rather than open:
    its PIN is taken as one nobody can type.
    """
    path = path or admin_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return AdminPolicy()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.error("admin file %s cannot be read (%s): settings stay locked", path, exc)
        return AdminPolicy(pin_hash="unreadable$0$00$00")
    pin_hash, token_url = data.get("admin_pin_hash"), data.get("token_url")
    return AdminPolicy(
        pin_hash if isinstance(pin_hash, str) and pin_hash else None,
        token_url if isinstance(token_url, str) and token_url else None,
    )


def save_admin_policy(policy: AdminPolicy, path: Path | None = None) -> Path:
    """Write the admin file atomically; ``AdminFileError`` when this account may not."""
    path = path or admin_file()
    lines = ["# Returns Desk admin file: written by returns-desk admin-pin, not by hand."]
    for key, value in (("admin_pin_hash", policy.pin_hash), ("token_url", policy.token_url)):
        if value:
            lines.append(f"{key} = {json.dumps(value)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "\n".join(lines) + "\n"
        write_text_atomically(path, text, temp=path.with_name(path.name + ".tmp"))
    except OSError as exc:
        raise AdminFileError(f"{path}: {exc.strerror or type(exc).__name__}") from None
    return path


def store_pin_hash(pin_hash: str, path: Path | None = None) -> None:
    """Keep ``pin_hash`` in the admin file (nothing written when it is already there)."""
    policy = load_admin_policy(path)
    if policy.pin_hash != pin_hash:
        save_admin_policy(AdminPolicy(pin_hash, policy.token_url), path)


# --- lock-out ------------------------------------------------------------------------------


def lockout_path() -> Path:
    from returns_desk.paths import config_dir

    return config_dir() / LOCKOUT_FILE


class PinLockout:
    """Wrong PINs in a row, kept in a file; after ``FREE_TRIES`` each miss waits twice as long.

    30 s after the third wrong PIN, then 1, 2, 4 ... minutes, at most an hour.
    """

    def __init__(self, path: Path | None = None, clock: object = time.time) -> None:
        self._path = path or lockout_path()
        self._clock = clock
        self.failures, self.locked_until = self._read()

    def _read(self) -> tuple[int, float]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            return max(0, int(data["failures"])), float(data["locked_until"])
        except FileNotFoundError:
            return 0, 0.0
        except (OSError, ValueError, KeyError, TypeError):
            return FREE_TRIES, 0.0  # a damaged count: no free tries, but no wait either

    def _write(self) -> None:
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(
                self._path,
                json.dumps({"failures": self.failures, "locked_until": self.locked_until}),
                temp=self._path.with_name(self._path.name + ".tmp"),
            )
        except OSError as exc:  # still locked for this run, in memory
            log.warning("PIN lock-out not saved: %s", exc)

    def now(self) -> float:
        return float(self._clock())  # type: ignore[operator]

    def wait_s(self) -> float:
        """Seconds before another PIN may be tried; 0 when one may be tried now."""
        return max(0.0, self.locked_until - self.now())

    def tries_before_wait(self) -> int:
        return max(0, FREE_TRIES - self.failures)

    def failed(self) -> float:
        """Count a wrong PIN; the wait it starts (0 while free tries are left)."""
        self.failures += 1
        wait = 0.0
        if self.failures >= FREE_TRIES:
            wait = min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (self.failures - FREE_TRIES))
            self.locked_until = self.now() + wait
        self._write()
        return wait

    def succeeded(self) -> None:
        if self.failures or self.locked_until:
            self.failures, self.locked_until = 0, 0.0
            self._write()
