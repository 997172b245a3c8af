"""The handover engine: FE state, polling, reconciliation (no Qt)."""
