"""Everything Qt: the windows, widgets, models and background workers.

Loading this package loads PySide6 and stops it reading the source of each module imported
after it (``pyside_features``): the screens, the store and pydantic load after it.
"""

from returns_desk.ui.pyside_features import skip_feature_scan

skip_feature_scan()
