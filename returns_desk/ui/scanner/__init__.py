"""USB scanners in keyboard mode: telling a scanner burst from typing, whatever has focus."""
