"""Returns Desk: the receiving-dock app for marketplace customer returns."""

__version__ = "0.1.0"
