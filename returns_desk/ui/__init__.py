"""Everything Qt: the windows, widgets, models and background workers."""
