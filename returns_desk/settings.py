"""The one place for settings: a validated model, read from a TOML file, overridden per run.

Secrets are never here: the API client secret lives in the OS credential store
(``returns_desk.credentials``).
"""

from __future__ import annotations

import argparse
import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from returns_desk.errors import ConfigurationError
from returns_desk.paths import config_dir
from returns_desk.workflow.barcode import DEFAULT_SHIPMENT_PATTERN, BarcodeRules

SETTINGS_FILE = "settings.toml"
DEFAULT_API_BASE_URL = "https://api.flipkart.net/sellers"


class Settings(BaseModel):
    """Everything an IT admin configures on a terminal, except the secret."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = 1
    api_base_url: str = DEFAULT_API_BASE_URL
    token_url: str | None = None
    seller_location_id: str = ""
    terminal_id: str = "DOCK-1"
    data_dir: str | None = None
    connect_timeout_s: float = Field(default=5.0, gt=0, le=60)
    read_timeout_s: float = Field(default=60.0, gt=0, le=300)
    poll_interval_s: float = Field(default=30.0, ge=5, le=600)
    page_size: int = Field(default=25, ge=1, le=100)
    # the dock terminal
    operator_name: str = ""
    pdf_dir: str | None = None  # every slip is also saved here as a PDF
    sounds: bool = True
    # USB scanners in keyboard mode: what counts as a scanner burst rather than typing
    scanner_min_length: int = Field(default=8, ge=1, le=64)
    scanner_mean_gap_ms: float = Field(default=35.0, gt=0, le=500)
    scanner_max_gap_ms: float = Field(default=80.0, gt=0, le=1000)
    duplicate_window_s: float = Field(default=1.5, ge=0, le=60)  # a double read is ignored
    # what the scanner adds around a label, and the shape of a tracking id
    barcode_prefixes: tuple[str, ...] = ()
    barcode_suffixes: tuple[str, ...] = ()
    shipment_pattern: str = DEFAULT_SHIPMENT_PATTERN

    @model_validator(mode="after")
    def _check_barcode_rules(self) -> Settings:
        try:
            self.barcode_rules()  # a bad shipment pattern fails when the settings load
        except re.error as exc:
            raise ValueError(f"shipment_pattern is not a valid pattern: {exc}") from None
        return self

    def barcode_rules(self) -> BarcodeRules:
        return BarcodeRules(self.barcode_prefixes, self.barcode_suffixes, self.shipment_pattern)

    def with_overrides(self, args: argparse.Namespace) -> Settings:
        """This run's command-line options over the saved settings."""
        overrides = {
            name: value
            for name in ("api_base_url", "token_url", "seller_location_id", "data_dir", "pdf_dir")
            if (value := getattr(args, name, None))
        }
        return self.model_copy(update=overrides)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when there is no file yet."""
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Settings.model_validate(data)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ConfigurationError(
            f"{path}: {type(exc).__name__}",
            message="The settings file cannot be read.",
        ) from None
