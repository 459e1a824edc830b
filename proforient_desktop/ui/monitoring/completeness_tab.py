"""The «Полнота» tab: completeness per indicator and the copyable list of organisations that have not reported."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from proforient_desktop.services.completeness import CompletenessRow, reminder_text
from proforient_desktop.domain.indicators import Status
from proforient_desktop.domain.sort_keys import natural_key
from proforient_desktop.ui.monitoring.cell_model import CellTableModel, Node, cell
from proforient_desktop.ui.monitoring.consolidation_model import RIGHT, STATUS_BACKGROUNDS


class CompletenessTab(QWidget):
    """A table of completeness per indicator and, for the selected one, who has not reported."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CompletenessRow] = []
        self._init_widgets()
        self._init_layout()
        self._connect_signals()

    def _init_widgets(self) -> None:
        self.model = CellTableModel([
            self.tr("Indicator"), self.tr("Expected"), self.tr("Reported"), self.tr("Share, %"),
            self.tr("Required, %"), self.tr("Met"),
        ], self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Indicator names wrap onto more lines instead of being cut to «П1. Дол…».
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.missing_model = CellTableModel([
            self.tr("Municipality"), self.tr("Organisation"), self.tr("Code"), self.tr("Last package"),
        ], self)
        self.missing_table = QTableView(self)
        self.missing_table.setModel(self.missing_model)
        self.missing_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.missing_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.missing_table.verticalHeader().hide()
        self.missing_table.setWordWrap(True)
        self.missing_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        missing_header = self.missing_table.horizontalHeader()
        missing_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        missing_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.copy_button = QPushButton(self.tr("&Copy list"), self)
        self.copy_button.setToolTip(self.tr("Copy the organisations that have not reported, to paste into a reminder"))
        self.copy_all_button = QPushButton(self.tr("Copy list for &all indicators"), self)

    def _init_layout(self) -> None:
        right = QWidget(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.copy_all_button)
        buttons.addStretch(1)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.missing_label)
        right_layout.addWidget(self.missing_table, 1)
        right_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # At 1366×768 the indicator table needs the larger share to show the names on two or three lines.
        splitter.setSizes([700, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _connect_signals(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.copy_all_button.clicked.connect(self._on_copy_all_clicked)

    def load(self, rows: list[CompletenessRow]) -> None:
        self.rows = rows
        self.model.reset([self._node(row) for row in rows])
        if rows:
            self.table.selectRow(0)
        self._show_missing()

    def selected_row(self) -> CompletenessRow | None:
        index = self.table.currentIndex()
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    def _node(self, row: CompletenessRow) -> Node:
        percent = "—" if row.percent is None else f"{row.percent:.1f}".replace(".", ",")
        if row.region_entered:
            met = self.tr("yes (region's figures)")
        else:
            met = self.tr("yes") if row.met else self.tr("no")
        status = Status.REACHED if row.met else Status.BELOW
        return Node([
            cell(f"{row.indicator.label}. {row.indicator.name}", tooltip=f"{row.indicator.label}. {row.indicator.name}"),
            *(cell(text, alignment=RIGHT)
              for text in (str(row.expected), str(row.reported), percent, str(row.required_percent))),
            cell(met, background=QBrush(STATUS_BACKGROUNDS[status])),
        ])

    def _show_missing(self) -> None:
        row = self.selected_row()
        if row is None:
            self.missing_label.setText("")
            self.missing_model.reset([])
            return
        self.missing_label.setText(
            self.tr("{0}: not reported by {1} of {2} organisations").format(
                row.indicator.label, len(row.missing), row.expected))
        missing = sorted(row.missing, key=lambda item: (natural_key(item.municipality_name), natural_key(item.name)))
        self.missing_model.reset([Node([
            cell(item.municipality_name), cell(item.name, tooltip=item.name), cell(item.code),
            cell(f"{item.last_package_at:%d.%m.%Y}" if item.last_package_at else self.tr("none")),
        ]) for item in missing])

    def _on_current_row_changed(self, *_args) -> None:
        self._show_missing()

    def _on_copy_clicked(self) -> None:
        row = self.selected_row()
        QGuiApplication.clipboard().setText(reminder_text([row]) if row is not None else "")

    def _on_copy_all_clicked(self) -> None:
        QGuiApplication.clipboard().setText(reminder_text(self.rows))
