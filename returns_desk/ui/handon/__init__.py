"""The GUI of the hand-on to the seller's systems (the Qt-free core is ``returns_desk.handon``).

- ``HandonFeed``: the desk's hand-on events as ``changed``/``problems`` signals.
- ``HandonView``: counts, entries and their history; Retry and Skip.
- ``ImportReportDialog``: the returns report, its column mapping, the import.
- ``HandonSettingsPage``: the settings dialog's tab for the destinations and credentials.
"""

from typing import TYPE_CHECKING

from returns_desk.lazy import lazy_exports

# name -> module: imported on first use, so that one submodule never loads them all
_EXPORTS = {
    "HandonFeed": "feed",
    "HandonSettingsPage": "settings_page",
    "HandonView": "view",
    "ImportOutcome": "import_job",
    "ImportReportDialog": "import_dialog",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = [
    "HandonFeed",
    "HandonSettingsPage",
    "HandonView",
    "ImportOutcome",
    "ImportReportDialog",
]

if TYPE_CHECKING:
    from returns_desk.ui.handon.feed import HandonFeed
    from returns_desk.ui.handon.import_dialog import ImportReportDialog
    from returns_desk.ui.handon.import_job import ImportOutcome
    from returns_desk.ui.handon.settings_page import HandonSettingsPage
    from returns_desk.ui.handon.view import HandonView
