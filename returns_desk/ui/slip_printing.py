"""F9: print the slip of the selected handover — the Start OTC slip, or the handover receipt.

The slip's data is taken from the engine on the GUI thread (a few milliseconds); rendering
and the printer run as a one-off job, so a slow or absent printer never holds up a scan.
Every slip also goes to the PDF folder when one is set; a printing failure is a notice and
never blocks the handover (the record is already saved).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Slot

from returns_desk.api.models import TaskState
from returns_desk.printing.layout import Layout
from returns_desk.printing.slips import (
    DockCounts,
    EndStats,
    HandoverReceipt,
    SlipFe,
    StartOtcSlip,
    build_handover_receipt,
    build_start_otc_slip,
)
from returns_desk.store import CodeKind
from returns_desk.ui.services import DeskServices
from returns_desk.ui.workers import JobDone
from returns_desk.workflow.handover import HandoverView
from returns_desk.workflow.reconcile import ParcelStatus

JOB_KIND = "print_slip"


def _fe(view: HandoverView) -> SlipFe:
    return SlipFe(view.fe_id, view.fe_name, view.logistic_partner, view.lob.value)


def slip_for(services: DeskServices, view: HandoverView) -> tuple[Layout, CodeKind] | None:
    """The slip that belongs on paper now for this handover, or None (nothing to print)."""
    settings, now = services.settings, datetime.now().astimezone()
    if view.end is not None:
        report = services.engine.end_report(view.session_id)
        received = [
            row.tracking_id
            for row in services.engine.parcels(view.session_id)
            if row.status is ParcelStatus.MATCHED
        ]
        session = services.store.session(view.session_id)
        end, counts = view.end, view.counts
        receipt = HandoverReceipt(
            location=view.location_id,
            fe=_fe(view),
            task_id=view.task_id,
            start_otc=view.start_code.otc if view.start_code else None,
            end_otc=end.otc,
            api_stats=EndStats(
                end.total_scanned,
                end.obd_eligible,
                end.obd_failed,
                end.flyer_eligible,
                end.flyer_failed,
            ),
            dock=DockCounts(
                counts.fe_scanned,
                counts.dock_scanned,
                counts.matched,
                len(report.missing_at_dock),
                len(report.unexpected_at_dock),
            ),
            missing=report.missing_at_dock,
            unexpected=report.unexpected_at_dock,
            session_id=str(view.session_id),
            started_at=session.opened_at if session else now,
            ended_at=(session.closed_at if session and session.closed_at else now),
            terminal=settings.terminal_id,
            printed_at=now,
            operator=settings.operator_name or None,
            received=received,
        )
        return build_handover_receipt(receipt), CodeKind.END
    if view.start_code is not None and view.state is TaskState.START_OTC:
        code = view.start_code
        slip = StartOtcSlip(
            location=view.location_id,
            fe=_fe(view),
            task_id=view.task_id,
            otc=code.otc,
            created_at=code.created_at or now,
            expires_at=code.expires_at,
            terminal=settings.terminal_id,
            printed_at=now,
        )
        return build_start_otc_slip(slip), CodeKind.START
    return None


class SlipPrinting(QObject):
    """Wires F9 to the selected handover's slip; reports through ``notify(level, text)``."""

    def __init__(self, services: DeskServices, controller, action, notify, parent: QObject) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._services, self._controller, self._notify = services, controller, notify
        self.action = action
        action.setToolTip(self.tr("Print the Start OTC slip or the handover receipt (F9)"))
        action.setStatusTip(action.toolTip())
        action.triggered.connect(self._on_action_triggered)
        services.jobs.signals.succeeded.connect(self._on_jobs_succeeded)

    def update(self) -> None:
        """Enable F9 only when the selected handover has a slip to print."""
        view = self._controller.selected_view()
        printable = view is not None and (
            view.end is not None
            or (view.start_code is not None and view.state is TaskState.START_OTC)
        )
        self.action.setEnabled(printable)

    @Slot()
    def _on_action_triggered(self) -> None:
        view = self._controller.selected_view()
        made = slip_for(self._services, view) if view is not None else None
        if made is None:
            self._notify("info", self.tr("Nothing to print for this handover yet."))
            return
        layout, kind = made
        services, session_id = self._services, view.session_id  # type: ignore[union-attr]
        settings = services.settings

        def job() -> str:
            from returns_desk.printing.printers import print_layout, target_for

            target = target_for(settings)
            result = print_layout(layout, target)
            codes = services.store.codes(session_id, kind)
            if codes:
                services.store.mark_code_printed(codes[-1].id)
            where = [f'"{result.printer}"'] if result.printer else []
            where += [str(p) for p in result.pdf_paths]
            return ", ".join(where)

        self._controller._submit(JOB_KIND, session_id, job)

    @Slot(object)
    def _on_jobs_succeeded(self, done: JobDone) -> None:
        if done.kind == JOB_KIND:
            self._notify("info", self.tr("Slip printed: %1").replace("%1", str(done.result)))
