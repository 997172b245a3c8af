"""Reusable dock widgets: banners, big codes, counters, badges, buttons with their key."""
