"""The marketplace's Returns V3 API: models and the one client (no Qt)."""
