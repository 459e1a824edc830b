"""The «Правдоподобие» tab: warnings with the organisation, counts and values, and the checked marks."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from proforient_desktop.errors import UserError
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.plausibility import PlausibilityWarning, mark_checked, unmark_checked
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.monitoring.cell_model import CellTableModel, Node, SortingProxy, cell

COLUMN_CHECKED = 4
# Widest organisation, municipality, kind, values, checked and comment columns, in pixels.
COLUMN_CAPS = {0: 240, 1: 230, 2: 170, 3: 100, 4: 120, 5: 200}
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class PlausibilityTab(QWidget):
    """The warnings of the year; the selected one can be marked as checked with a comment."""

    marks_changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.warnings: list[PlausibilityWarning] = []
        self._init_widgets()
        self._init_layout()
        self._connect_signals()

    def _init_widgets(self) -> None:
        self.model = CellTableModel([
            self.tr("Organisation"), self.tr("Municipality"), self.tr("Kind"), self.tr("Values"),
            self.tr("Checked"), self.tr("Comment"), self.tr("Message"),
        ], self)
        self.proxy = SortingProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The message takes the room the other columns leave and wraps; the rows grow to show it whole.
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self.table.resizeRowsToContents)
        self.table.horizontalHeader().sectionResized.connect(self._rows_timer.start)

        self.summary = QLabel(self)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment_edit = QLineEdit(self)
        self.comment_edit.setPlaceholderText(self.tr("Comment: what was checked and with whom"))
        self.comment_edit.setMaxLength(2000)
        self.check_button = QPushButton(self.tr("&Mark as checked"), self)
        self.uncheck_button = QPushButton(self.tr("&Remove mark"), self)

    def _init_layout(self) -> None:
        marks = QHBoxLayout()
        marks.addWidget(self.comment_edit, 1)
        marks.addWidget(self.check_button)
        marks.addWidget(self.uncheck_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(marks)

    def _connect_signals(self) -> None:
        self.check_button.clicked.connect(self._on_check_clicked)
        self.uncheck_button.clicked.connect(self._on_uncheck_clicked)
        self.comment_edit.returnPressed.connect(self._on_check_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def load(self, warnings: list[PlausibilityWarning]) -> None:
        self.warnings = warnings
        self.model.reset([self._node(number, warning) for number, warning in enumerate(warnings)])
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self._fit_columns()
        self._rows_timer.start()
        unchecked = sum(not warning.checked for warning in warnings)
        self.summary.setText(self.tr("Warnings: {0}, not checked: {1}").format(len(warnings), unchecked))
        self._update_buttons()

    def _fit_columns(self) -> None:
        # Each column but the message fits its header and values, up to a cap. A longer value wraps
        # or is elided, and its tooltip shows it whole.
        for column, cap in COLUMN_CAPS.items():
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))

    def selected_warning(self) -> PlausibilityWarning | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.warnings[index.siblingAtColumn(0).data(NUMBER_ROLE)]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _node(self, number: int, warning: PlausibilityWarning) -> Node:
        values = " / ".join(str(value) for value in warning.values)
        checked = cell(self.tr("no"))
        if warning.checked:
            checked_at = f"{warning.checked_at:%d.%m.%Y}" if warning.checked_at else ""
            checked = cell(self.tr("yes"), tooltip=self.tr("Checked by {0}, {1}").format(
                warning.checked_by or warning.marked_by_code, checked_at))
        return Node([
            cell(warning.organisation_name, tooltip=f"{warning.organisation_name} ({warning.organisation_code})",
                 roles={NUMBER_ROLE: number}),
            cell(warning.municipality_name, tooltip=warning.municipality_name),
            cell(warning.kind_name, tooltip=warning.kind_name), cell(values, tooltip=values), checked,
            cell(warning.comment, tooltip=warning.comment), cell(warning.message, tooltip=warning.message),
        ])

    def _update_buttons(self) -> None:
        warning = self.selected_warning()
        self.check_button.setEnabled(warning is not None)
        self.uncheck_button.setEnabled(warning is not None and warning.checked)

    def _on_current_row_changed(self, *_args) -> None:
        warning = self.selected_warning()
        self.comment_edit.setText(warning.comment if warning is not None else "")
        self.details.setText(f"{warning.organisation_name}: {warning.message}" if warning is not None else "")
        self._update_buttons()

    def _on_check_clicked(self) -> None:
        warning = self.selected_warning()
        if warning is None:
            return
        try:
            mark_checked(self._context, warning.organisation_code, warning.year, warning.key,
                         self.comment_edit.text())
        except UserError as error:
            messenger().error(self, self.tr("Plausibility"), error.message)
            return
        self.marks_changed.emit()

    def _on_uncheck_clicked(self) -> None:
        warning = self.selected_warning()
        if warning is None or not warning.checked:
            return
        unmark_checked(self._context, warning.organisation_code, warning.year, warning.key)
        self.marks_changed.emit()
