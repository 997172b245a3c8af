"""The GUI of the hand-on to the seller's systems (the Qt-free core is ``returns_desk.handon``).

- ``OutboxWorker``: the outbox's ``QThread``; ``changed``/``problems`` signals, ``trigger()``.
- ``HandonView``: counts, entries and their history; Retry and Skip.
- ``ImportReportDialog``: the returns report, its column mapping, the import.
- ``HandonSettingsPage``: the settings dialog's tab for the destinations and credentials.
"""

from typing import TYPE_CHECKING

from returns_desk.lazy import lazy_exports

# name -> module: imported on first use, so that one submodule never loads them all
_EXPORTS = {
    "HandonSettingsPage": "settings_page",
    "HandonView": "view",
    "ImportOutcome": "import_job",
    "ImportReportDialog": "import_dialog",
    "OutboxWorker": "worker",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = [
    "HandonSettingsPage",
    "HandonView",
    "ImportOutcome",
    "ImportReportDialog",
    "OutboxWorker",
]

if TYPE_CHECKING:
    from returns_desk.ui.handon.import_dialog import ImportReportDialog
    from returns_desk.ui.handon.import_job import ImportOutcome
    from returns_desk.ui.handon.settings_page import HandonSettingsPage
    from returns_desk.ui.handon.view import HandonView
    from returns_desk.ui.handon.worker import OutboxWorker
