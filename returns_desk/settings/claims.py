"""The claim windows: how long after a handover the seller may still claim a return.

A setting of the location (``[claims]`` in settings.toml); the store's claim list reads it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: days from the handover's completion, by marketplace (see docs/claims.md for the source)
DEFAULT_WINDOW_DAYS: dict[str, int] = {"flipkart": 14}


class ClaimSettings(BaseModel):
    """Which marketplace this location's returns come from, and each one's claim window."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    marketplace: str = "flipkart"
    window_days: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_WINDOW_DAYS))

    @field_validator("window_days")
    @classmethod
    def _check_windows(cls, value: dict[str, int]) -> dict[str, int]:
        for name, days in value.items():
            if not 1 <= days <= 365:
                raise ValueError(f"the claim window of {name!r} must be 1 to 365 days")
        return {name.strip().lower(): days for name, days in value.items()}

    def window(self, marketplace: str | None = None) -> int:
        """The claim window in days (an unknown marketplace: the shortest one configured)."""
        name = (marketplace or self.marketplace).strip().lower()
        if name in self.window_days:
            return self.window_days[name]
        return min(self.window_days.values(), default=DEFAULT_WINDOW_DAYS["flipkart"])
