"""The one place for settings: a checked record, read from a TOML file, overridden per run.

Secrets are never here: the API client secret lives in the OS credential store
(``returns_desk.credentials``). The settings sit at the bottom of the layers: the parts they
embed (``settings.handon``, ``settings.scanner``) live here too, so that loading the settings
loads none of the packages that use them. They are msgspec structs (``settings.model``: why).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, field

from returns_desk.atomic import write_text_atomically
from returns_desk.errors import ConfigurationError
from returns_desk.i18n import QT_TRANSLATE_NOOP
from returns_desk.paths import LAST_GOOD_FILE, settings_path
from returns_desk.settings.claims import ClaimSettings
from returns_desk.settings.handon import HandonSettings
from returns_desk.settings.model import InvalidSettings, SettingsModel
from returns_desk.settings.scanner import (
    BAUD_RATES,
    DEFAULT_BAUD_RATE,
    DEFAULT_SHIPMENT_PATTERN,
    BarcodeRules,
)
from returns_desk.settings.site import SiteSettings

log = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://api.flipkart.net/sellers"


class CameraSettings(SettingsModel, frozen=True):
    """The webcam for parcel photos (ui/camera.py); no device: the desk takes none."""

    #: "" no camera; "default" the system's default camera; else a device id or name
    device: str = ""
    #: "1280x720"; "" the camera's own default
    resolution: Annotated[str, Meta(pattern=r"^(\d{2,5}x\d{2,5})?$")] = ""
    #: a photo is taken by itself when a parcel is marked not good
    auto_capture: bool = True


class Settings(SettingsModel, frozen=True):
    """Everything an IT admin configures on a terminal, except the secret."""

    schema_version: int = 1
    api_base_url: str = DEFAULT_API_BASE_URL
    token_url: str | None = None
    seller_location_id: str = ""
    terminal_id: str = "DOCK-1"
    data_dir: str | None = None
    connect_timeout_s: Annotated[float, Meta(gt=0, le=60)] = 5.0
    read_timeout_s: Annotated[float, Meta(gt=0, le=300)] = 60.0
    # the most one call to the marketplace may take, retries included, however slowly the
    # server sends; and the largest answer read (returns_desk.api.transport)
    request_deadline_s: Annotated[float, Meta(ge=5, le=600)] = 90.0
    max_response_mb: Annotated[float, Meta(gt=0, le=256)] = 16.0
    poll_interval_s: Annotated[float, Meta(ge=5, le=600)] = 30.0
    page_size: Annotated[int, Meta(ge=1, le=100)] = 25
    # the dock terminal
    operator_name: str = ""
    pdf_dir: str | None = None  # every slip is also saved here as a PDF
    sounds: bool = True
    # the screens' and slips' language on this terminal (the window's switch sets it)
    language: Literal["en", "hi"] = "en"
    # USB scanners in keyboard mode: what counts as a scanner burst rather than typing
    scanner_min_length: Annotated[int, Meta(ge=1, le=64)] = 8
    scanner_mean_gap_ms: Annotated[float, Meta(gt=0, le=500)] = 35.0
    scanner_max_gap_ms: Annotated[float, Meta(gt=0, le=1000)] = 80.0
    duplicate_window_s: Annotated[float, Meta(ge=0, le=60)] = 1.5  # a double read is ignored
    # a scanner in serial (COM port) mode: "COM3", "/dev/ttyACM0"; empty: keyboard mode only
    scanner_port: str = ""
    scanner_baud: int = DEFAULT_BAUD_RATE
    # its USB "VID:PID", recorded by the port picker: the scanner is found again by it when
    # Windows gives it another COM number (plugged into another USB socket)
    scanner_usb_id: Annotated[str, Meta(pattern=r"^([0-9A-Fa-f]{4}:[0-9A-Fa-f]{4})?$")] = ""
    # what the scanner adds around a label, and the shape of a tracking id
    barcode_prefixes: tuple[str, ...] = ()
    barcode_suffixes: tuple[str, ...] = ()
    shipment_pattern: str = DEFAULT_SHIPMENT_PATTERN
    # printing
    printer_name: str | None = None  # None: the system's default printer
    paper: Literal["58mm", "80mm", "a4"] = "80mm"
    page_size_name: str | None = None  # a driver form, for drivers that refuse custom sizes
    print_raw_escpos: bool = False
    # network: TLS verification is always on; a corporate CA bundle may be added
    ca_bundle: str | None = None
    proxy_url: str | None = None  # None: the proxies of the environment (HTTPS_PROXY ...)
    # keeping the record
    retention_days: Annotated[int, Meta(ge=7, le=3650)] = 90
    # shipments' payload JSON is thinned to the tracking id this long after a handover closed
    payload_days: Annotated[int, Meta(ge=1, le=3650)] = 30
    # the daily compressed backups together stay within this (the newest is always kept)
    backup_budget_mib: Annotated[int, Meta(ge=10, le=1_000_000)] = 1024
    # who may change all this: a PBKDF2 hash of the admin PIN. It is kept in the admin file
    # (returns_desk.admin_pin), never written here; load_settings fills it in from there. A
    # hash left here by an older version is moved there once.
    admin_pin_hash: str | None = None
    # hand-on to the seller's own systems (Omni, Unicommerce POS); nothing on by default
    handon: HandonSettings = field(default_factory=HandonSettings)
    # claim windows per marketplace (store/claims.py, docs/claims.md)
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    camera: CameraSettings = field(default_factory=CameraSettings)
    # several terminals of one site on a shared PostgreSQL database (docs/site.md); off
    site: SiteSettings = field(default_factory=SiteSettings)

    def __post_init__(self) -> None:
        msgspec.structs.force_setattr(self, "scanner_port", self.scanner_port.strip())
        if self.scanner_baud not in BAUD_RATES:
            rates = ", ".join(str(rate) for rate in BAUD_RATES)
            raise InvalidSettings(("scanner_baud",), f"must be one of {rates}")
        try:
            self.barcode_rules()  # a bad shipment pattern fails when the settings load
        except re.error as exc:
            raise InvalidSettings(("shipment_pattern",), f"is not a valid pattern: {exc}") from None

    def barcode_rules(self) -> BarcodeRules:
        return BarcodeRules(self.barcode_prefixes, self.barcode_suffixes, self.shipment_pattern)

    def with_overrides(self, args: argparse.Namespace) -> Settings:
        """This run's command-line options over the saved settings."""
        overrides = {
            name: value
            for name in ("api_base_url", "token_url", "seller_location_id", "data_dir", "pdf_dir")
            if (value := getattr(args, name, None))
        }
        if getattr(args, "lang", None):
            overrides["language"] = args.lang
        return self.replace(**overrides)


def load_settings(path: Path | None = None, *, problems: list[str] | None = None) -> Settings:
    """The saved settings; the defaults when there is no file yet.

    A file that cannot be read or does not validate falls back to the copy saved with the
    last good settings (the problem is logged and appended to ``problems`` for a banner);
    with no good copy either, ``ConfigurationError`` says what is wrong.
    """
    path = path or settings_path()
    if not path.exists():
        return _with_admin_pin(Settings())
    try:
        return _with_admin_pin(_read(path))
    except ConfigurationError as exc:
        backup = path.with_name(LAST_GOOD_FILE)
        if not backup.exists():
            raise
        settings = _read(backup)
        note = f"{exc.user_text} The last good settings ({backup.name}) are used instead."
        log.warning("%s", note)
        if problems is not None:
            problems.append(note)
        return _with_admin_pin(settings)


def _with_admin_pin(settings: Settings) -> Settings:
    """The PIN hash of the admin file, whatever ``settings.toml`` says.

    A hash an older version wrote into ``settings.toml`` is moved to the admin file when
    that has none; where this account may not write the admin file, the old hash still
    guards the settings until an admin runs ``returns-desk admin-pin``.
    """
    from returns_desk.admin_pin import AdminFileError, load_admin_policy, store_pin_hash

    stored = load_admin_policy().pin_hash
    legacy = settings.admin_pin_hash
    if stored is None and legacy:
        try:
            store_pin_hash(legacy)
            stored = legacy
        except AdminFileError as exc:
            log.warning("admin PIN left in settings.toml: %s", exc.detail)
            stored = legacy
    return settings.replace(admin_pin_hash=stored)


class SettingsSaveError(ConfigurationError):
    code = "SETTINGS_SAVE"
    message = QT_TRANSLATE_NOOP("Errors", "The settings could not be saved.")
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Check that the settings folder exists and can be written, and that no other program "
        "has the settings file open, then try again.",
    )


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically and keep a copy as the last good ones.

    The admin PIN's hash goes to the admin file (``returns_desk.admin_pin``), not here.
    Raises ``SettingsSaveError`` when a file cannot be written or replaced, e.g. on Windows
    while another program holds it open (the old file then stays whole).
    """
    path = path or settings_path()
    if settings.admin_pin_hash:
        from returns_desk.admin_pin import store_pin_hash

        store_pin_hash(settings.admin_pin_hash)  # AdminFileError: this account may not
    data = settings.to_dict()
    del data["admin_pin_hash"]
    text = to_toml(data)
    for target in (path, path.with_name(LAST_GOOD_FILE)):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomically(target, text, temp=target.with_name(target.name + ".tmp"))
        except OSError as exc:
            raise SettingsSaveError(f"{target}: {exc.strerror or type(exc).__name__}") from None
    return path


def to_toml(data: dict[str, Any]) -> str:
    """Settings as TOML: scalars, then one ``[table]`` per nested model.

    JSON's string escapes are TOML's basic-string escapes, so ``json.dumps`` quotes.
    """
    lines = ["# Returns Desk settings: edit in the app (Settings, admin PIN) rather than here."]
    _toml_table(data, (), lines)
    return "\n".join(lines) + "\n"


def _toml_table(data: dict[str, Any], prefix: tuple[str, ...], lines: list[str]) -> None:
    """One table; a ``None`` (not set) is left out: TOML has no null, and absent is unset."""
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    if prefix:
        lines.extend(["", f"[{'.'.join(prefix)}]"])
    for key, value in data.items():
        if key not in tables and value is not None:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, value in tables.items():
        _toml_table(value, (*prefix, key), lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value))


def _read(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Settings.from_dict(data)
    except InvalidSettings as exc:
        problem = str(exc)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problem = f"{type(exc).__name__}: {exc}"
    raise ConfigurationError(f"{path}: {problem}", message="The settings file cannot be read.")


def needs_first_run(path: Path | None = None) -> bool:
    """No settings file yet, or one without a seller location id.

    A broken file with no good copy raises ``ConfigurationError`` (from ``load_settings``):
    the admin should hear what is wrong with it rather than silently start over.
    """
    path = path or settings_path()
    return not path.exists() or not load_settings(path).seller_location_id.strip()
