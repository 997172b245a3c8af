"""Building blocks of the admin forms: a form whose rows can show an error under the field.

The settings dialog and the first-run wizard are made of the same forms, so a field looks and
validates the same in both. Validation itself is the ``Settings`` model's: ``first_problem``
turns its ``InvalidSettings`` into (field name, text) for the row that owns the field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from returns_desk.settings.model import InvalidSettings

#: A local style for the admin windows: the app's style sheet knows nothing of these roles.
ADMIN_STYLE = """
QLabel[role="error"] { color: #b00020; font-weight: bold; }
QLabel[status="ok"] { color: #1b7f3b; font-weight: bold; }
QLabel[status="failed"] { color: #b00020; font-weight: bold; }
QLabel[status="busy"] { color: #3a4450; }
QCheckBox::indicator { width: 24px; height: 24px; }
QAbstractSpinBox { min-height: 40px; padding: 0 8px; }
QPushButton#pinKey { min-width: 88px; min-height: 64px; font-size: 20pt; }
QLineEdit#pinEntry { font-size: 24pt; min-height: 56px; }
"""

#: Spin boxes accept far more than the model does, so the model's own limits are the ones
#: the admin hears about (one place for the rules).
SPIN_MAX = 1_000_000


def first_problem(exc: InvalidSettings) -> tuple[str | None, str]:
    """The error as (settings field or None, text), for the row of that field.

    A field of a nested section is named with dots (``site.database_url``), so a page of
    that section can show it under its own row.
    """
    return exc.field, exc.reason


def set_status(label: QLabel, status: str, text: str) -> None:
    """Show ``text`` in a result label styled by ``status`` (ok, failed, busy, or "")."""
    label.setProperty("status", status)
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


def optional_text(edit: QLineEdit) -> str | None:
    """A line edit's text, or None when blank (the model's "not set")."""
    return edit.text().strip() or None


def split_list(text: str) -> tuple[str, ...]:
    """Comma-separated text as a tuple of non-empty, trimmed items."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


def is_http_url(text: str) -> bool:
    scheme, sep, rest = text.partition("://")
    return bool(sep) and scheme.lower() in ("http", "https") and bool(rest.strip("/"))


class FieldForm(QWidget):
    """A form of labelled rows; each row can show an error line under its field.

    Subclasses add rows with ``add_row`` and say what they contribute to the settings in
    ``values()``; ``problem()`` holds checks the model does not make (a URL, a repeated PIN).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._errors: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}

    # --- building ---------------------------------------------------------------------

    def add_row(self, name: str, label: str, field: QWidget, *extra: QWidget) -> QWidget:
        """A row for the settings field ``name`` (``extra`` widgets sit after the field)."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(field, 1)
        for widget in extra:
            line.addWidget(widget)
        column.addLayout(line)
        error = QLabel(holder)
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        caption = QLabel(label, self)
        caption.setBuddy(field)
        self._layout.addRow(caption, holder)
        self._errors[name] = error
        self._rows[name] = holder
        return holder

    def add_wide(self, widget: QWidget) -> None:
        self._layout.addRow(widget)

    def line_edit(self, text: str | None = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text or "", self)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.changed)
        return edit

    def int_spin(self, value: int, suffix: str = "") -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, SPIN_MAX)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.valueChanged.connect(self.changed)
        return spin

    def float_spin(self, value: float, suffix: str = "", decimals: int = 2) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setDecimals(decimals)
        spin.setRange(0, SPIN_MAX)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.valueChanged.connect(self.changed)
        return spin

    def check_box(self, text: str, checked: bool) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setChecked(checked)
        box.toggled.connect(self.changed)
        return box

    def combo(self, items: list[tuple[str, Any]], current: Any) -> QComboBox:
        box = QComboBox(self)
        for text, data in items:
            box.addItem(text, data)
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
        box.currentIndexChanged.connect(self.changed)
        return box

    def button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)  # Enter belongs to the dialog's OK / the wizard's Next
        return button

    def add_test_row(self, text: str) -> tuple[QPushButton, QLabel]:
        """A "Test …" button with its one-line result beside it, across the form."""
        button = self.button(text)
        result = QLabel(self)
        result.setWordWrap(True)
        result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result.hide()
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(button)
        line.addWidget(result, 1)
        line.addStretch()  # keeps the button its own size while there is no result
        self.add_wide(row)
        return button, result

    # --- errors -----------------------------------------------------------------------

    def _row_of(self, name: str) -> str | None:
        """The row showing errors of ``name``: its own, else its section's (``camera`` for
        ``camera.resolution``); None when this form has neither."""
        for candidate in (name, name.split(".")[0]):
            if candidate in self._errors:
                return candidate
        return None

    def owns(self, name: str) -> bool:
        return self._row_of(name) is not None

    def show_error(self, name: str, text: str) -> None:
        row = self._row_of(name)
        assert row is not None, name
        error = self._errors[row]
        error.setText(text)
        error.show()

    def clear_errors(self) -> None:
        for error in self._errors.values():
            error.clear()
            error.hide()

    def error_text(self, name: str) -> str:
        """The error shown under ``name`` ("" when none): what tests and screen readers see."""
        error = self._errors[name]
        return "" if error.isHidden() else error.text()

    # --- what the form contributes ----------------------------------------------------

    def values(self) -> dict[str, Any]:
        """This form's settings fields."""
        return {}

    def problem(self) -> tuple[str, str] | None:
        """A check the model does not make, as (row name, text), or None."""
        return None
