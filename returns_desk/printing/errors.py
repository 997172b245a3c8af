"""Printing trouble in words for a dock clerk or an IT admin.

A failed print never blocks a handover: the record is already saved, and the GUI adds
``AFTER_HANDOVER_NOTE`` to say the slip can be printed again later. No Qt here, so the
GUI and the CLI can catch these without loading the renderer.
"""

from __future__ import annotations

from returns_desk.errors import ReturnsDeskError
from returns_desk.i18n import QT_TRANSLATE_NOOP

#: for the GUI to add after any printing error during a handover
AFTER_HANDOVER_NOTE = "The handover is saved; print the slip again from the history once fixed."


class PrintingError(ReturnsDeskError):
    """Base of every expected printing failure."""

    code = "PRINTING"
    message = QT_TRANSLATE_NOOP("Errors", "The slip could not be printed.")
    action = QT_TRANSLATE_NOOP("Errors", "Check the printer.")
    retryable = True


class NoPrintersError(PrintingError):
    code = "NO_PRINTERS"
    message = QT_TRANSLATE_NOOP("Errors", "No printer is installed on this terminal.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the IT admin to install the slip printer, or set a PDF folder."
    )
    retryable = False


class PrinterNotFoundError(PrintingError):
    code = "PRINTER_NOT_FOUND"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The slip printer set up for this terminal is not installed."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the IT admin to pick an installed printer in Settings."
    )
    retryable = False


class PrinterUnavailableError(PrintingError):
    code = "PRINTER_UNAVAILABLE"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The slip printer reports a problem (offline, out of paper or jammed)."
    )
    action = QT_TRANSLATE_NOOP("Errors", "Check that it is on, has paper and its cover is closed.")


class PaperSizeError(PrintingError):
    code = "PAPER_SIZE"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The paper size set up for the slip printer is not known."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the IT admin to pick one of the printer's own paper forms."
    )
    retryable = False


class PdfFolderError(PrintingError):
    code = "PDF_FOLDER"
    message = QT_TRANSLATE_NOOP("Errors", "The slip could not be saved as a PDF.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Ask the IT admin to check the PDF folder exists and can be written."
    )


class RawPrintingUnavailableError(PrintingError):
    code = "RAW_PRINTING_UNAVAILABLE"
    message = QT_TRANSLATE_NOOP(
        "Errors", "Raw ESC/POS printing works only on Windows with pywin32 installed."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Switch the printer back to the normal driver in Settings."
    )
    retryable = False


class NothingToPrintError(PrintingError):
    code = "NOTHING_TO_PRINT"
    message = QT_TRANSLATE_NOOP("Errors", "There is no slip to print for this handover.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "A Start OTC slip needs a Start OTC, a handover receipt an End OTC."
    )
    retryable = False


class EvidenceNotFoundError(PrintingError):
    """No handover in the record holds this parcel (or this session)."""

    code = "EVIDENCE_NOT_FOUND"
    message = "This terminal's record has no handover with that parcel."
    action = (
        "Check the tracking id (or session) and --data-dir: the pack is made on the terminal "
        "where the parcel was handed over."
    )
