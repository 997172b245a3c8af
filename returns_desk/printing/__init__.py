"""Printed slips: the Start OTC slip and the handover receipt.

Pure modules (no Qt): ``slips`` (data and builders), ``layout``, ``code128``, ``paper``,
``escpos``, ``errors``, ``samples``, ``cli``. Qt modules: ``render_qt`` (QPainter) and
``printers`` (printer and PDF targets). See docs/printing.md.
"""
