"""Slips on paper: F9 (print), Shift+F9 (print preview) and the session history (Ctrl+H).

Every slip is built from the local record (``printing.record``), never from the screen:
the live handover and a closed one from the history go through the same builder, so a
reprint has the same counts, discrepancies and QR summary as the original. Reading the
record, rendering and the printer all run as one-off jobs, so a slow or absent printer
never holds up a scan. Every slip also goes to the PDF folder when one is set; a printing
failure is the controller's notice and never blocks the handover (the record is saved).

The first print of a code is the original (the store marks the code printed); any later
print of it is a reprint: the paper says "REPRINT" with both times, the event log records
it, and the original's printed time is kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from returns_desk.api.states import TaskState
from returns_desk.printing.errors import NothingToPrintError
from returns_desk.settings import Settings
from returns_desk.store import CodeKind
from returns_desk.ui.i18n import slip_words
from returns_desk.ui.services import DeskServices
from returns_desk.ui.texts import done_text
from returns_desk.ui.workers import JobDone, JobFailed, JobKind
from returns_desk.workflow.handover import HandoverView

if TYPE_CHECKING:  # imported when first used: none is needed before the desk is ready
    from returns_desk.printing.layout import Layout
    from returns_desk.printing.record import HandoverRecord, PrintDone, SlipOrder
    from returns_desk.printing.slips import Reprint
    from returns_desk.ui.history_dialog import HistoryDialog
    from returns_desk.ui.slip_preview import SlipPreviewDialog

JOB_KIND = JobKind.PRINT


def slip_kind_for(view: HandoverView | None) -> CodeKind | None:
    """The slip that belongs on paper now for a live handover (None: nothing yet)."""
    if view is None:
        return None
    if view.end is not None:
        return CodeKind.END
    if view.start_code is not None and view.state is TaskState.START_OTC:
        return CodeKind.START
    return None


def make_slip(
    settings: Settings,
    record: HandoverRecord,
    kind: CodeKind,
    *,
    printed_at: datetime,
    reprint: Reprint | None,
) -> Layout:
    """The slip of ``record`` printed on this terminal now; NothingToPrintError if none."""
    from returns_desk.printing.record import build_slip

    layout = build_slip(
        record,
        kind,
        terminal=settings.terminal_id,
        printed_at=printed_at,
        operator=settings.operator_name or None,
        reprint=reprint,
        words=slip_words(),
    )
    if layout is None:
        raise NothingToPrintError(f"session {record.session.id}, {kind.value} slip")
    return layout


class SlipPrinting(QObject):
    """Prints, previews and reprints slips; reports through ``notify(level, text)``.

    ``actions`` is the window's ``Actions``: F9, Shift+F9 and Ctrl+H are connected here.
    """

    printed = Signal(object)  # PrintDone, after the job succeeded
    print_failed = Signal(object)  # JobFailed of a print job

    def __init__(
        self, services: DeskServices, controller, actions, notify, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._services, self._controller, self._notify = services, controller, notify
        self.action = actions.print_slip
        self.preview_action = actions.print_preview
        self.history_action = actions.session_history
        self.retranslate()
        self.action.triggered.connect(self._on_action_triggered)
        self.preview_action.triggered.connect(self._on_preview_action_triggered)
        self.history_action.triggered.connect(self._on_history_action_triggered)
        self._in_flight: dict[int, tuple[int, datetime]] = {}  # code -> (session, sent at)
        self.preview_dialog: SlipPreviewDialog | None = None  # the open one, for the tests
        self.history_dialog: HistoryDialog | None = None  # once opened

    def retranslate(self) -> None:
        self.action.setToolTip(self.tr("Print the Start OTC slip or the handover receipt (F9)"))
        self.preview_action.setToolTip(self.tr("Show the slip as it will print (Shift+F9)"))
        self.history_action.setToolTip(
            self.tr("Earlier handovers: preview or reprint their slips (Ctrl+H)")
        )
        for action in (self.action, self.preview_action, self.history_action):
            action.setStatusTip(action.toolTip())

    @property
    def services(self) -> DeskServices:
        return self._services

    def update(self) -> None:
        """Enable F9 and Shift+F9 only when the selected handover has a slip to print."""
        printable = slip_kind_for(self._controller.selected_view()) is not None
        self.action.setEnabled(printable)
        self.preview_action.setEnabled(printable)

    # --- orders and jobs -------------------------------------------------------------

    def order(self, session_id: int, kind: CodeKind) -> SlipOrder | None:
        """What printing ``kind`` of this session now would be (None: no such code).

        Decided on the GUI thread (one indexed read), so two prints sent at once cannot
        both be the original: the first one sent is, the other is a reprint.
        """
        from returns_desk.printing.record import SlipOrder, current_code
        from returns_desk.printing.slips import Reprint

        code = current_code(self._services.store.codes(session_id, kind), kind)
        if code is None:
            return None
        pending = self._in_flight.get(code.id)
        if code.printed_at is not None:
            reprint: Reprint | None = Reprint(code.printed_at)
        elif pending is not None:
            reprint = Reprint(pending[1])
        else:
            reprint = None
        return SlipOrder(session_id, kind, code.id, reprint)

    def build(self, order: SlipOrder, printed_at: datetime | None = None) -> Layout:
        """The order's slip from the record (any thread; a job calls it)."""
        from returns_desk.printing.record import read_record

        services = self._services
        record = read_record(services.store, order.session_id, services.engine.config.barcode_rules)
        if record is None:
            raise NothingToPrintError(f"no session {order.session_id}")
        return make_slip(
            services.settings,
            record,
            order.kind,
            printed_at=printed_at or datetime.now().astimezone(),
            reprint=order.reprint,
        )

    def print_order(self, order: SlipOrder, layout: Layout | None = None) -> None:
        """Send the slip (``layout`` as previewed, or built from the record now) as a job."""
        services, settings = self._services, self._services.settings
        build, sent_at = self.build, datetime.now().astimezone()

        def job() -> PrintDone:
            from returns_desk.printing.printers import print_layout, target_for
            from returns_desk.printing.record import PRINTED_EVENT, REPRINTED_EVENT, PrintDone

            slip = layout if layout is not None else build(order, sent_at)
            result = print_layout(slip, target_for(settings))
            where = [f'"{result.printer}"'] if result.printer else []
            if result.pictures:  # raw ESC/POS cannot print Devanagari in its own characters
                where[-1] += self.tr(" (as a picture: the printer's own letters have no Hindi)")
            where += [str(p) for p in result.pdf_paths]
            detail: dict[str, Any] = {
                "slip": order.kind.value,
                "code_id": order.code_id,
                "printed_at": slip.printed_at.isoformat(),
                "printer": result.printer,
                "pdf": [p.name for p in result.pdf_paths],
            }
            if order.reprint is None:
                services.store.mark_code_printed(order.code_id, at=slip.printed_at)
                services.store.log_event(PRINTED_EVENT, order.session_id, **detail)
            else:
                original = order.reprint.original_printed_at
                services.store.log_event(
                    REPRINTED_EVENT,
                    order.session_id,
                    original_printed_at=original.isoformat() if original else None,
                    **detail,
                )
            return PrintDone(order, ", ".join(where), on_paper=bool(result.printer))

        if order.reprint is None:  # a print sent meanwhile is a reprint of this one
            printed_at = layout.printed_at if layout is not None else sent_at
            self._in_flight[order.code_id] = (order.session_id, printed_at)
        self._controller.submit(
            JOB_KIND,
            order.session_id,
            job,
            done=self._on_print_done,
            failed=self._on_print_failed,
        )

    def print_slip(self, session_id: int, kind: CodeKind) -> SlipOrder | None:
        """Print ``kind`` of this session (original or reprint); None when there is none."""
        order = self.order(session_id, kind)
        if order is None:
            self._notify("info", self.tr("Nothing to print for this handover yet."))
            return None
        self.print_order(order)
        return order

    def preview(
        self, session_id: int, kind: CodeKind, parent: QWidget | None = None
    ) -> SlipPreviewDialog | None:
        """Open the print preview of ``kind`` for this session (None when there is no slip)."""
        from returns_desk.printing.paper import get_paper
        from returns_desk.ui.slip_preview import SlipPreviewDialog

        order = self.order(session_id, kind)
        if order is None:
            self._notify("info", self.tr("Nothing to print for this handover yet."))
            return None
        settings = self._services.settings
        paper = get_paper(settings.paper)
        owner = parent if parent is not None else self.parent()
        dialog = SlipPreviewDialog(
            self._services.jobs,
            make=lambda: self.build(order),
            paper=paper,
            reprint=order.reprint is not None,
            print_=lambda layout: self.print_order(order, layout),
            pdf_folder=settings.pdf_dir,
            parent=owner if isinstance(owner, QWidget) else None,
        )
        self.preview_dialog = dialog
        dialog.finished.connect(self._on_preview_dialog_finished)
        dialog.open()
        return dialog

    def close(self) -> None:
        """The app is closing: the history stops reading before the record closes."""
        if self.history_dialog is not None:
            self.history_dialog.close_reader()

    def open_history(self) -> HistoryDialog:
        """The session history (one dialog, reloaded each time it is opened)."""
        from returns_desk.ui.history_dialog import HistoryDialog

        if self.history_dialog is None:
            owner = self.parent()
            self.history_dialog = HistoryDialog(
                self, parent=owner if isinstance(owner, QWidget) else None
            )
        self.history_dialog.reload()
        self.history_dialog.open()
        return self.history_dialog

    # --- slots -----------------------------------------------------------------------

    def _selected_slip(self) -> tuple[int, CodeKind] | None:
        """The selected handover's session and the slip that belongs on paper now."""
        view = self._controller.selected_view()
        kind = slip_kind_for(view)
        if view is None or kind is None:
            self._notify("info", self.tr("Nothing to print for this handover yet."))
            return None
        return view.session_id, kind

    @Slot()
    def _on_action_triggered(self) -> None:
        if (selected := self._selected_slip()) is not None:
            self.print_slip(*selected)

    @Slot()
    def _on_preview_action_triggered(self) -> None:
        if (selected := self._selected_slip()) is not None:
            self.preview(*selected)

    @Slot()
    def _on_history_action_triggered(self) -> None:
        self.open_history()

    @Slot(int)
    def _on_preview_dialog_finished(self, result: int) -> None:
        self.preview_dialog = None

    def _on_print_done(self, done: JobDone) -> None:
        from returns_desk.printing.record import PrintDone

        if not isinstance(done.result, PrintDone):
            return
        order = done.result.order
        self._in_flight.pop(order.code_id, None)
        self._notify("info", done_text(done.result))
        self.printed.emit(done.result)

    def _on_print_failed(self, failed: JobFailed) -> None:
        for code_id, (session_id, _) in list(self._in_flight.items()):
            if session_id == failed.session_id:
                del self._in_flight[code_id]
        self.print_failed.emit(failed)
