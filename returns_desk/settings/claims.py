"""The claim windows: how long after a handover the seller may still claim a return.

A setting of the location (``[claims]`` in settings.toml); the store's claim list reads it.
"""

from __future__ import annotations

import msgspec

from returns_desk.settings.model import InvalidSettings, SettingsModel

#: days from the handover's completion, by marketplace (see docs/claims.md for the source)
DEFAULT_WINDOW_DAYS: dict[str, int] = {"flipkart": 14}


class ClaimSettings(SettingsModel, frozen=True):
    """Which marketplace this location's returns come from, and each one's claim window."""

    marketplace: str = "flipkart"
    window_days: dict[str, int] = msgspec.field(default_factory=lambda: dict(DEFAULT_WINDOW_DAYS))

    def __post_init__(self) -> None:
        for name, days in self.window_days.items():
            if not 1 <= days <= 365:
                reason = f"the claim window of {name!r} must be 1 to 365 days"
                raise InvalidSettings(("window_days",), reason)
        windows = {name.strip().lower(): days for name, days in self.window_days.items()}
        msgspec.structs.force_setattr(self, "window_days", windows)

    def window(self, marketplace: str | None = None) -> int:
        """The claim window in days (an unknown marketplace: the shortest one configured)."""
        name = (marketplace or self.marketplace).strip().lower()
        if name in self.window_days:
            return self.window_days[name]
        return min(self.window_days.values(), default=DEFAULT_WINDOW_DAYS["flipkart"])
