"""The «Правдоподобие» tab: warnings with the organisation, counts and values, and the checked marks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
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

COLUMN_CHECKED = 4


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
        self.model = QStandardItemModel(0, 7, self)
        self.model.setHorizontalHeaderLabels([
            self.tr("Organisation"), self.tr("Municipality"), self.tr("Kind"), self.tr("Values"),
            self.tr("Checked"), self.tr("Comment"), self.tr("Message"),
        ])
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)

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
        self.table.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        for number, warning in enumerate(warnings):
            self.model.appendRow(self._items(number, warning))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(1, 130)
        self.table.setColumnWidth(2, 170)
        self.table.setColumnWidth(3, 80)
        self.table.setColumnWidth(5, 200)
        unchecked = sum(not warning.checked for warning in warnings)
        self.summary.setText(self.tr("Warnings: {0}, not checked: {1}").format(len(warnings), unchecked))
        self._update_buttons()

    def selected_warning(self) -> PlausibilityWarning | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.warnings[self.model.item(index.row(), 0).data(Qt.ItemDataRole.UserRole)]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _items(self, number: int, warning: PlausibilityWarning) -> list[QStandardItem]:
        values = " / ".join(str(value) for value in warning.values)
        checked = self.tr("yes") if warning.checked else self.tr("no")
        items = [QStandardItem(text) for text in (warning.organisation_name, warning.municipality_name,
                                                  warning.kind_name, values, checked, warning.comment,
                                                  warning.message)]
        items[0].setData(number, Qt.ItemDataRole.UserRole)
        items[0].setToolTip(f"{warning.organisation_name} ({warning.organisation_code})")
        items[6].setToolTip(warning.message)
        if warning.checked:
            items[COLUMN_CHECKED].setToolTip(
                self.tr("Checked by {0}, {1}").format(warning.checked_by or warning.marked_by_code,
                                                      f"{warning.checked_at:%d.%m.%Y}" if warning.checked_at else ""))
        return items

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
