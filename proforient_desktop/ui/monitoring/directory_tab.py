"""The «Справочник» tab: the organisations expected to report; add, rename, close, reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from proforient_desktop.catalog import Role
from proforient_desktop.errors import UserError
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.directory import (
    KIND_NAMES_RU,
    DirectoryEntry,
    add_organisation,
    close_organisation,
    list_directory,
    list_municipalities,
    rename_organisation,
)
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.monitoring.cell_model import CellTableModel, Node, SortingProxy, cell

CODE_ROLE = Qt.ItemDataRole.UserRole + 2


class DirectoryTab(QWidget):
    """A sortable table of the directory and a form for the selected or a new organisation."""

    directory_changed = Signal()

    def __init__(self, context: AppContext, role: Role | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._role = role
        self.entries: list[DirectoryEntry] = []
        self._init_table()
        self._init_form()
        self._init_layout()
        self._connect_signals()

    def _init_table(self) -> None:
        self.model = CellTableModel([
            self.tr("Code"), self.tr("Name"), self.tr("Kind"), self.tr("Municipality"), self.tr("Closed from"),
            self.tr("Last package"),
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
        # One line per organisation: wrapped municipality names made rows of uneven height.
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)

    def _init_form(self) -> None:
        self.form = QGroupBox(self.tr("Organisation"), self)
        self.code_edit = QLineEdit(self.form)
        self.name_edit = QLineEdit(self.form)
        self.kind_box = QComboBox(self.form)
        self.kind_box.addItem(self.tr("general school (ОО)"), Role.SCHOOL.value)
        if self._role is Role.REGION:
            self.kind_box.addItem(self.tr("vocational college (ПОО)"), Role.COLLEGE.value)
        self.municipality_box = QComboBox(self.form)
        if self._role is Role.REGION:
            self.municipality_box.addItem(self.tr("— under the region —"), None)
        for code, name in list_municipalities(self._context):
            self.municipality_box.addItem(name, code)
        self.add_button = QPushButton(self.tr("&Add"), self.form)
        self.rename_button = QPushButton(self.tr("Re&name selected"), self.form)
        self.close_year = QSpinBox(self.form)
        self.close_year.setRange(self._context.catalog.first_year + 1, 2100)
        self.close_button = QPushButton(self.tr("&Close from year"), self.form)
        self.reopen_button = QPushButton(self.tr("Re&open"), self.form)

    def _init_layout(self) -> None:
        grid = QGridLayout(self.form)
        rows = ((self.tr("Co&de:"), self.code_edit), (self.tr("N&ame:"), self.name_edit),
                (self.tr("Kin&d:"), self.kind_box), (self.tr("&Municipality:"), self.municipality_box))
        for row, (text, widget) in enumerate(rows):
            label = QLabel(text, self.form)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        grid.addWidget(self.add_button, 4, 1)
        grid.addWidget(self.rename_button, 5, 1)
        grid.addWidget(self.close_year, 6, 0)
        grid.addWidget(self.close_button, 6, 1)
        grid.addWidget(self.reopen_button, 7, 1)
        grid.setRowStretch(8, 1)
        hint = QLabel(self.tr("A closed organisation is no longer expected from the given year; its data stay."),
                      self.form)
        hint.setWordWrap(True)
        grid.addWidget(hint, 9, 0, 1, 2)

        layout = QGridLayout(self)
        layout.addWidget(self.table, 0, 0)
        layout.addWidget(self.form, 0, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 1)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_clicked)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.close_button.clicked.connect(self._on_close_clicked)
        self.reopen_button.clicked.connect(self._on_reopen_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def load(self, year: int) -> None:
        self.close_year.setValue(year + 1)
        self.entries = list_directory(self._context)
        self.model.reset([self._node(entry) for entry in self.entries])
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 290)
        self.table.setColumnWidth(2, 50)
        self.table.setColumnWidth(3, 210)

    def selected_code(self) -> str | None:
        index = self.table.currentIndex()
        return index.siblingAtColumn(0).data(CODE_ROLE) if index.isValid() else None

    def select_code(self, code: str) -> None:
        """Make the row of the organisation ``code`` current."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(CODE_ROLE) == code:
                self.table.selectRow(row)
                return

    def _node(self, entry: DirectoryEntry) -> Node:
        last_package = f"{entry.last_package_at:%d.%m.%Y}" if entry.last_package_at else self.tr("none")
        return Node([
            cell(entry.code, roles={CODE_ROLE: entry.code}), cell(entry.name, tooltip=entry.name),
            cell(KIND_NAMES_RU.get(entry.kind, entry.kind)), cell(entry.municipality_name),
            cell(str(entry.closed_from_year or "")), cell(last_package),
        ])

    def _run(self, title: str, action) -> None:
        try:
            action()
        except UserError as error:
            messenger().error(self, title, error.message)
            return
        self.directory_changed.emit()

    def _on_add_clicked(self) -> None:
        self._run(self.tr("Add organisation"), lambda: add_organisation(
            self._context, self.code_edit.text(), self.name_edit.text(), self.kind_box.currentData(),
            self.municipality_box.currentData()))

    def _on_rename_clicked(self) -> None:
        code = self.selected_code()
        if code is not None:
            self._run(self.tr("Rename organisation"),
                      lambda: rename_organisation(self._context, code, self.name_edit.text()))

    def _on_close_clicked(self) -> None:
        code = self.selected_code()
        if code is not None:
            self._run(self.tr("Close organisation"),
                      lambda: close_organisation(self._context, code, self.close_year.value()))

    def _on_reopen_clicked(self) -> None:
        code = self.selected_code()
        if code is not None:
            self._run(self.tr("Reopen organisation"), lambda: close_organisation(self._context, code, None))

    def _on_current_row_changed(self, *_args) -> None:
        code = self.selected_code()
        entry = next((item for item in self.entries if item.code == code), None)
        if entry is not None:
            self.code_edit.setText(entry.code)
            self.name_edit.setText(entry.name)
