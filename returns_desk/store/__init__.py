"""The local SQLite record of every handover, scan and code (no Qt)."""
