"""The reference screen: the programme's counts, indicators, measures and its inconsistencies."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, \
    QTabWidget, QVBoxLayout, QWidget

from proforient_desktop.catalog import Catalog, find_inconsistencies
from proforient_desktop.catalog.model import ROLE_NAMES_RU
from proforient_desktop.services.context import AppContext


def read_only_table(headers: list[str], rows: list[list[str]], parent: QWidget, stretch_column: int) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    for row_index, row in enumerate(rows):
        for column, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row_index, column, item)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        mode = QHeaderView.ResizeMode.Stretch if column == stretch_column else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(column, mode)
    table.resizeColumnsToContents()
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    return table


class CatalogScreen(QWidget):
    """Read-only tabs over the catalogue, as the programme writes it."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        catalog = context.catalog
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._counts_table(catalog), self.tr("Counts"))
        self.tabs.addTab(self._indicators_table(catalog), self.tr("Indicators and targets"))
        self.tabs.addTab(self._measures_table(catalog), self.tr("Measures (section 5)"))
        self.tabs.addTab(self._findings_table(catalog), self.tr("Inconsistencies of the programme"))

        title = QLabel(f"<b>{catalog.title}</b>", self)
        title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        """The catalogue does not change while the program runs; nothing to reload."""

    def _counts_table(self, catalog: Catalog) -> QTableWidget:
        rows = [
            [count.symbol or "—", count.definition, count.unit,
             ", ".join(ROLE_NAMES_RU[role] for role in sorted(count.reported_by, key=lambda r: r.value))]
            for count in catalog.counts.values()
        ]
        headers = [self.tr("Symbol"), self.tr("Definition"), self.tr("Unit"), self.tr("Reported by")]
        return read_only_table(headers, rows, self, 1)

    def _indicators_table(self, catalog: Catalog) -> QTableWidget:
        years = sorted({year for indicator in catalog.indicators.values() for year in indicator.targets})
        rows = []
        for indicator in catalog.indicators.values():
            denominator = catalog.counts[indicator.denominator].label if indicator.denominator else "—"
            targets = [_target(indicator.targets.get(year)) for year in years]
            rows.append([indicator.label, indicator.name, catalog.counts[indicator.numerator].label,
                         denominator, *targets])
        headers = [self.tr("Indicator"), self.tr("Name"), self.tr("Numerator"), self.tr("Denominator")]
        headers += [self.tr("Target %1").replace("%1", str(year)) for year in years]
        return read_only_table(headers, rows, self, 1)

    def _measures_table(self, catalog: Catalog) -> QTableWidget:
        rows = [[measure.code, measure.title, measure.deadline, measure.executors_text, measure.report_form]
                for measure in catalog.measures.values()]
        headers = [self.tr("No."), self.tr("Measure"), self.tr("Deadline"), self.tr("Executors"),
                   self.tr("Report form")]
        table = read_only_table(headers, rows, self, 1)
        table.setColumnWidth(3, 260)
        table.resizeRowsToContents()
        return table

    def _findings_table(self, catalog: Catalog) -> QTableWidget:
        rows = [[finding.message] for finding in find_inconsistencies(catalog)]
        return read_only_table([self.tr("Kept as in the programme, shown for information")], rows, self, 0)


def _target(value: float | None) -> str:
    return "—" if value is None else f"{value:g}".replace(".", ",")
