"""The activities screen: the records of activities held, and the year's plan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, \
    QListWidget, QListWidgetItem, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget

from proforient_desktop.domain.activities import ActivityDraft, FieldProblem, validate_activity, normalised
from proforient_desktop.errors import UserError
from proforient_desktop.services import activities as service
from proforient_desktop.services.activities import ActivityRecord
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.workspace import current_installation
from proforient_desktop.ui.activities_model import ActivitiesModel
from proforient_desktop.ui.activity_rows import COLUMN_DATE, COLUMN_PARTNERS, COLUMN_TITLE
from proforient_desktop.ui.activity_commands import AddActivityCommand, DeleteActivityCommand, EditActivityCommand
from proforient_desktop.ui.activity_dialog import ActivityDialog, measure_text
from proforient_desktop.ui.counts_screen import reporting_years
from proforient_desktop.ui.messages import messenger

ALL = None


class ActivitiesScreen(QWidget):
    """A sortable, filtered table of activities, the add/edit dialog and the plan."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        installation = current_installation(context)
        self._role = installation.role if installation else None
        # The measures whose executors include this kind of organisation, as assigned_measures() returns them.
        self._measures = context.catalog.measures_for(self._role) if installation else []
        self.undo_stack = QUndoStack(self)
        self.dialog: ActivityDialog | None = None
        self._dialog_record = None
        self._loaded_version: tuple | None = None
        self._plan_year: int | None = None

        self._init_filters()
        self._init_table()
        self._init_plan()
        self._init_layout()
        self._connect_signals()
        self.refresh()

    def _init_filters(self) -> None:
        self.year_box = QComboBox(self)
        for year in reporting_years(self._context.catalog.first_year):
            self.year_box.addItem(str(year), year)
        self.year_box.addItem(self.tr("All years"), ALL)
        self.measure_filter = QComboBox(self)
        self.measure_filter.addItem(self.tr("All measures"), ALL)
        for measure in self._measures:
            self.measure_filter.addItem(measure_text(measure), measure.code)
        self.measure_filter.setMinimumContentsLength(30)
        self.measure_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search in titles, partners, notes"))
        self.search_edit.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)

    def _init_table(self) -> None:
        self.model = ActivitiesModel(self._context.catalog, self)
        self.model.set_year(self.year_box.currentData())
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_DATE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Fixed one-line rows: the view never measures the 10,000 rows' contents, and painting an
        # elided line costs less than wrapping. The whole title is in its tooltip.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 95), (1, 115), (3, 110), (4, 100), (5, 115), (6, 80), (COLUMN_PARTNERS, 160)):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel(self)

    def _init_plan(self) -> None:
        self.plan_list = QListWidget(self)
        self.plan_list.setWordWrap(True)
        self.plan_list.setSpacing(3)
        self.plan_list.setAlternatingRowColors(True)
        self.plan_hint = QLabel(self)
        self.plan_hint.setWordWrap(True)

    def _init_layout(self) -> None:
        filters = QHBoxLayout()
        year_label = QLabel(self.tr("&Year:"), self)
        year_label.setBuddy(self.year_box)
        filters.addWidget(year_label)
        filters.addWidget(self.year_box)
        measure_label = QLabel(self.tr("&Measure:"), self)
        measure_label.setBuddy(self.measure_filter)
        filters.addWidget(measure_label)
        filters.addWidget(self.measure_filter, 2)
        filters.addWidget(self.search_edit, 2)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)

        records_page = QWidget(self)
        records_layout = QVBoxLayout(records_page)
        records_layout.addLayout(buttons)
        records_layout.addWidget(self.table, 1)

        plan_page = QWidget(self)
        plan_layout = QVBoxLayout(plan_page)
        plan_layout.addWidget(self.plan_hint)
        plan_layout.addWidget(self.plan_list, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(records_page, self.tr("Activities held"))
        self.tabs.addTab(plan_page, self.tr("Plan: measures without activities this year"))

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.tabs, 1)

    def _connect_signals(self) -> None:
        self.year_box.currentIndexChanged.connect(self._on_year_changed)
        self.measure_filter.currentIndexChanged.connect(self._on_measure_filter_changed)
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.plan_list.itemActivated.connect(self._on_plan_item_activated)
        self.model.modelReset.connect(self._on_rows_changed)
        self.model.layoutChanged.connect(self._on_rows_changed)
        self.model.record_saved.connect(self._on_record_saved)
        self.undo_stack.indexChanged.connect(self._on_undo_index_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self._on_delete_clicked)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self._on_add_clicked)

    @property
    def proxy(self) -> ActivitiesModel:
        """The table's model, which filters and sorts the rows itself; the same object as ``model``."""
        return self.model

    def refresh(self) -> None:
        """Reload the records if they changed elsewhere (an import, a restore) since the last load."""
        if self._role is None:
            return
        # The first load reads the version with the rows, so opening the screen reads it only once.
        if self._loaded_version is None or service.activities_version(self._context) != self._loaded_version:
            keys, self._loaded_version = service.activity_keys(self._context)
            self.model.set_keys(keys, self._load_fields)
        self._update_plan()

    def _load_fields(self, names, uids):
        return service.activity_fields(self._context, names, uids)

    def reporting_year(self) -> int:
        """Return the year of new activities: the chosen one, or the current one under «all years»."""
        year = self.year_box.currentData()
        return year if year is not None else dt.date.today().year

    def _update_plan(self) -> None:
        year = self.reporting_year()
        self._plan_year = year
        self.plan_list.clear()
        try:
            # The model contains every activity of the organisation, so the plan needs no query.
            missing = service.unplanned_among(self._context.catalog, self._measures, year,
                                              self.model.measure_codes_in(year))
        except UserError as error:
            self.plan_hint.setText(error.message)
            return
        for measure in missing:
            item = QListWidgetItem(f"{measure.code}  {measure.title}\n{measure.deadline}; {measure.report_form}")
            item.setData(Qt.ItemDataRole.UserRole, measure.code)
            self.plan_list.addItem(item)
        self.plan_hint.setText(self.tr(
            "Measures assigned to your kind of organisation with no activity recorded in %1: %2. "
            "Press Enter or double-click a measure to record an activity.").replace(
            "%1", str(year)).replace("%2", str(len(missing))))

    def _on_rows_changed(self, *_args) -> None:
        self.count_label.setText(self.tr("Shown: %1 of %2").replace(
            "%1", str(self.model.rowCount())).replace("%2", str(self.model.total_count())))

    def _on_record_saved(self, uid: str) -> None:
        row = self.model.row_of_uid(uid)
        if row is None:
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _on_undo_index_changed(self, _index: int) -> None:
        self._update_plan()

    def _on_year_changed(self, _index: int) -> None:
        self.model.set_year(self.year_box.currentData())
        # «All years» plans the current year, which is often the year shown before.
        if self.reporting_year() != self._plan_year:
            self._update_plan()

    def _on_measure_filter_changed(self, _index: int) -> None:
        self.model.set_measure(self.measure_filter.currentData())

    def _on_search_text_changed(self, text: str) -> None:
        self.model.set_text(text)

    def selected_record(self) -> ActivityRecord | None:
        """Return the selected activity with all its fields, read from the database."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return service.get_activity(self._context, self.model.uid_at(rows[0].row()))

    def _on_add_clicked(self) -> None:
        self.open_dialog(None)

    def _on_edit_clicked(self) -> None:
        try:
            record = self.selected_record()
        except UserError as error:
            self._show_error(error.message)
            return
        if record is not None:
            self.open_dialog(record)

    def _on_table_double_clicked(self, _index) -> None:
        self._on_edit_clicked()

    def _on_plan_item_activated(self, item: QListWidgetItem) -> None:
        self.open_dialog(None, measure_code=item.data(Qt.ItemDataRole.UserRole))

    def open_dialog(self, record, measure_code: str | None = None) -> ActivityDialog:
        """Open the add (``record`` None) or edit dialog without blocking and return it."""
        year = record.year if record is not None else self.reporting_year()
        self._dialog_record = record
        self.dialog = ActivityDialog(self._measures, year, self._check, self._submit,
                                     record.draft if record else None, self)
        if measure_code:
            self.dialog.select_measure(measure_code)
        self.dialog.open()
        return self.dialog

    def _dialog_year(self) -> int:
        record = self._dialog_record
        return record.year if record is not None else self.reporting_year()

    def _check(self, draft: ActivityDraft) -> list[FieldProblem]:
        return validate_activity(self._context.catalog, self._role, self._dialog_year(), normalised(draft))

    def _submit(self, draft: ActivityDraft) -> list[FieldProblem]:
        record = self._dialog_record
        year = self._dialog_year()
        draft = normalised(draft)
        problems = self._check(draft)
        if problems:
            return problems
        if record is None:
            command = AddActivityCommand(self._context, self.model, self._show_error, year, draft)
        else:
            command = EditActivityCommand(self._context, self.model, self._show_error, record, year, draft)
        self.undo_stack.push(command)
        return []

    def _on_delete_clicked(self) -> None:
        try:
            record = self.selected_record()
        except UserError as error:
            self._show_error(error.message)
            return
        if record is None:
            return
        question = self.tr("Delete the activity «%1» of %2? This can be undone with Ctrl+Z.").replace(
            "%1", record.draft.title).replace("%2", f"{record.draft.held_on:%d.%m.%Y}")
        if messenger().question(self, self.tr("Delete activity"), question):
            self.undo_stack.push(DeleteActivityCommand(self._context, self.model, self._show_error, record))

    def _show_error(self, message: str) -> None:
        messenger().error(self, self.tr("Activities"), message)
