"""The «Reports» screen: Excel tables, the PDF analytical report, the entry template and its import."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from proforient_desktop.errors import UserError
from proforient_desktop.reports.data import ReportLevel
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import latest_allowed_year
from proforient_desktop.services.excel_import import ImportPreview, apply_import, preview_import, write_entry_template
from proforient_desktop.services.reports import (
    available_levels,
    list_municipalities,
    write_excel_report,
    write_pdf_report,
)
from proforient_desktop.ui.messages import messenger

log = logging.getLogger(__name__)

KIND_EXCEL, KIND_PDF, KIND_TEMPLATE = "excel", "pdf", "template"


class ReportCancelled(Exception):
    """The operator pressed «Cancel» while a report was being built."""


class ReportsScreen(QWidget):
    """Choose the kind, level and year of a report, build it with progress, open it."""

    report_written = Signal(str)
    counts_imported = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._cancel_requested = False
        self._last_path = Path()
        self._init_report_group()
        self._init_import_group()
        self._init_layout()
        self._connect_signals()
        self._on_choice_changed()

    def _init_report_group(self) -> None:
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("Analytical report (PDF)"), KIND_PDF)
        self.kind_box.addItem(self.tr("Tables (Excel)"), KIND_EXCEL)
        self.kind_box.addItem(self.tr("Entry template (Excel)"), KIND_TEMPLATE)

        self.level_box = QComboBox()
        level_names = {ReportLevel.ORGANISATION: self.tr("Organisation"),
                       ReportLevel.MUNICIPALITY: self.tr("Municipality"), ReportLevel.REGION: self.tr("Region")}
        for level in available_levels(self._context):
            self.level_box.addItem(level_names[level], level.value)

        self.municipality_box = QComboBox()
        for code, name in list_municipalities(self._context):
            self.municipality_box.addItem(name, code)

        self.year_box = QSpinBox()
        self.year_box.setRange(self._context.catalog.first_year, latest_allowed_year())
        self.year_box.setValue(min(dt.date.today().year, latest_allowed_year()))
        self.first_year_box = QSpinBox()
        self.first_year_box.setRange(self._context.catalog.first_year, latest_allowed_year())
        self.first_year_box.setValue(self.year_box.value())

        self.path_edit = QLineEdit()
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.create_button = QPushButton(self.tr("Create"))
        self.create_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.open_file_button = QPushButton(self.tr("Open file"))
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        for button in (self.open_file_button, self.open_folder_button):
            button.setEnabled(False)

    def _init_import_group(self) -> None:
        self.import_button = QPushButton(self.tr("Import a filled template…"))
        self.import_label = QLabel(self.tr(
            "A school without the program fills the Excel entry template; its figures are checked "
            "cell by cell and written only when the whole file is valid."))
        self.import_label.setWordWrap(True)

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.kind_box)
        form.addRow(self.tr("Level:"), self.level_box)
        self.municipality_label = QLabel(self.tr("Municipality:"))
        form.addRow(self.municipality_label, self.municipality_box)
        form.addRow(self.tr("Year:"), self.year_box)
        self.first_year_label = QLabel(self.tr("Tables from year:"))
        form.addRow(self.first_year_label, self.first_year_box)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form.addRow(self.tr("File:"), path_row)

        buttons = QHBoxLayout()
        for button in (self.create_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.open_file_button, self.open_folder_button):
            buttons.addWidget(button)

        report_group = QGroupBox(self.tr("Report"))
        report_layout = QVBoxLayout(report_group)
        report_layout.addLayout(form)
        report_layout.addLayout(buttons)
        report_layout.addWidget(self.progress)
        report_layout.addWidget(self.status_label)

        import_group = QGroupBox(self.tr("Counts from an Excel template"))
        import_layout = QVBoxLayout(import_group)
        import_layout.addWidget(self.import_label)
        import_layout.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addWidget(report_group)
        layout.addWidget(import_group)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.kind_box.currentIndexChanged.connect(self._on_choice_changed)
        self.level_box.currentIndexChanged.connect(self._on_choice_changed)
        self.year_box.valueChanged.connect(self._on_choice_changed)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.create_button.clicked.connect(self.create_report)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.open_file_button.clicked.connect(self._on_open_file_clicked)
        self.open_folder_button.clicked.connect(self._on_open_folder_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)

    # --- choices -------------------------------------------------------------

    def _kind(self) -> str:
        return self.kind_box.currentData()

    def _level(self) -> str:
        return self.level_box.currentData()

    def _on_choice_changed(self) -> None:
        is_template = self._kind() == KIND_TEMPLATE
        self.level_box.setEnabled(not is_template)
        needs_municipality = not is_template and self._level() == ReportLevel.MUNICIPALITY.value \
            and self.level_box.itemData(0) == ReportLevel.REGION.value
        self.municipality_box.setVisible(needs_municipality)
        self.municipality_label.setVisible(needs_municipality)
        is_excel = self._kind() == KIND_EXCEL
        self.first_year_box.setVisible(is_excel)
        self.first_year_label.setVisible(is_excel)
        self.first_year_box.setMaximum(self.year_box.value())
        self.path_edit.setText(str(self._default_path()))

    def _default_path(self) -> Path:
        year = self.year_box.value()
        names = {KIND_PDF: f"Аналитическая справка {year}.pdf", KIND_EXCEL: f"Показатели {year}.xlsx",
                 KIND_TEMPLATE: f"Шаблон численностей {year}.xlsx"}
        return _documents_dir() / names[self._kind()]

    def _on_browse_clicked(self) -> None:
        pattern = self.tr("PDF (*.pdf)") if self._kind() == KIND_PDF else self.tr("Excel workbook (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report as"), self.path_edit.text(), pattern)
        if path:
            self.path_edit.setText(path)

    # --- building ------------------------------------------------------------

    def create_report(self) -> bool:
        """Build the chosen report into the chosen file; return True when it was written."""
        path = Path(self.path_edit.text().strip())
        if not path.name:
            messenger().error(self, self.tr("Report"), self.tr("Choose the file to save the report to."))
            return False

        self._set_busy(True)
        try:
            self._build(path)
        except ReportCancelled:
            self.status_label.setText(self.tr("Cancelled: no file was written."))
            return False
        except UserError as error:
            log.warning("Report %s not written: %s", path, error.message)
            self.status_label.setText(error.message)
            messenger().error(self, self.tr("Report"), error.message)
            return False
        finally:
            self._set_busy(False)

        self._last_path = path
        self.status_label.setText(self.tr("Written: %1").replace("%1", str(path)))
        for button in (self.open_file_button, self.open_folder_button):
            button.setEnabled(True)
        self.report_written.emit(str(path))
        return True

    def _build(self, path: Path) -> None:
        kind, level, year = self._kind(), self._level(), self.year_box.value()
        code = self.municipality_box.currentData() if self.municipality_box.isVisible() else None
        if kind == KIND_TEMPLATE:
            write_entry_template(self._context, path, year)
        elif kind == KIND_EXCEL:
            write_excel_report(self._context, path, level, year, code=code, first_year=self.first_year_box.value(),
                               progress=self._on_progress)
        else:
            write_pdf_report(self._context, path, level, year, code=code, progress=self._on_progress)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        # The report is built in the window's thread; handling events here keeps
        # the window responsive and lets «Cancel» be pressed.
        from PySide6.QtWidgets import QApplication

        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status_label.setText(stage)
        QApplication.processEvents()
        if self._cancel_requested:
            raise ReportCancelled()

    def _set_busy(self, busy: bool) -> None:
        self._cancel_requested = False
        self.create_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.import_button.setEnabled(not busy)
        if busy:
            self.progress.setRange(0, 0)

    def _on_cancel_clicked(self) -> None:
        self._cancel_requested = True

    def _on_open_file_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_path)))

    def _on_open_folder_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_path.parent)))

    # --- import --------------------------------------------------------------

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Filled template"), str(_documents_dir()),
                                              self.tr("Excel workbook (*.xlsx);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Check a filled template, show what will change, and write it if the operator agrees."""
        try:
            preview = preview_import(self._context, path)
        except UserError as error:
            messenger().error(self, self.tr("Import from Excel"), error.message)
            return False
        if not preview.changes:
            messenger().notice(self, self.tr("Import from Excel"),
                               self.tr("Nothing to change: the file matches the saved figures."))
            return False
        if not messenger().question(self, self.tr("Import from Excel"), self._preview_text(preview)):
            return False

        try:
            apply_import(self._context, preview)
        except UserError as error:
            messenger().error(self, self.tr("Import from Excel"), error.message)
            return False
        self.status_label.setText(self.tr("Imported: %1").replace("%1", path.name))
        self.counts_imported.emit(preview.organisation_code)
        return True

    def _preview_text(self, preview: ImportPreview) -> str:
        def shown(value: int | None) -> str:
            return self.tr("not reported") if value is None else str(value)

        lines = [self.tr("%1, %2: the following figures will change.")
                 .replace("%1", preview.organisation_name).replace("%2", str(preview.year))]
        if preview.new_organisation:
            lines.append(self.tr("The school will be added to the directory."))
        lines += [f"{change.caption}: {shown(change.old)} → {shown(change.new)}" for change in preview.changes]
        lines += [warning.message for warning in preview.warnings]
        lines += list(preview.notes)
        lines.append(self.tr("Write these figures?"))
        return "\n".join(lines)


def _documents_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_documents_dir())
