"""A local stand-in for the marketplace API, for the demo and the tests (no Qt)."""
