"""Scanners and other devices the app talks to directly, not through the keyboard (no Qt).

The rates a serial scanner offers are settings (``settings.scanner``), which the settings
validate without importing pyserial.
"""
