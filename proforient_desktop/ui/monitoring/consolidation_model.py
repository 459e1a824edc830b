"""The drill-down tree of the consolidation: region → municipalities → organisations.

Column 0 is the name; each further column is one indicator's value. The
model is a ``QStandardItemModel`` filled from a ``Consolidation``; sorting
goes through ``ConsolidationProxy`` on ``SORT_ROLE`` (the numeric value,
with "no data" always last), so any indicator column sorts within every
level of the tree. Cells below the target are tinted, so misses stand out.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from proforient_desktop.domain.indicators import STATUS_NAMES_RU, IndicatorResult, Status, format_value
from proforient_desktop.services.consolidation import Consolidation, LevelResult

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4
MISSED_COUNT_ROLE = Qt.ItemDataRole.UserRole + 5

# Values sort ascending with "no data" after every number.
NO_DATA_SORT_KEY = float("inf")

STATUS_BACKGROUNDS = {
    Status.BELOW: QColor("#f8d0d0"),
    Status.NEAR: QColor("#fcebc4"),
    Status.REACHED: QColor("#d9f0d9"),
}


def result_tooltip(level_name: str, result: IndicatorResult) -> str:
    """Return the tooltip of a cell: the figures behind the value."""
    indicator = result.indicator
    lines = [f"{indicator.label}. {indicator.name}", level_name,
             QCoreApplication.translate("ConsolidationModel", "Value: {0}").format(format_value(result))]
    if result.numerator is not None:
        lines.append(QCoreApplication.translate("ConsolidationModel", "Numerator: {0}").format(result.numerator))
    if result.denominator is not None:
        lines.append(QCoreApplication.translate("ConsolidationModel", "Denominator: {0}").format(result.denominator))
    if result.target is None:
        lines.append(QCoreApplication.translate("ConsolidationModel", "Target: not set"))
    else:
        target = f"{result.target:g}".replace(".", ",")
        lines.append(QCoreApplication.translate("ConsolidationModel", "Target: {0}").format(target))
    lines.append(QCoreApplication.translate("ConsolidationModel", "Status: {0}").format(STATUS_NAMES_RU[result.status]))
    lines.append(QCoreApplication.translate("ConsolidationModel", "Organisations counted: {0}")
                 .format(result.contributors))
    return "\n".join(lines)


class ConsolidationModel(QStandardItemModel):
    """The consolidation as a tree; ``indicator_codes`` give the column order after the name."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.indicator_codes: list[str] = []
        self.consolidation: Consolidation | None = None

    def load(self, consolidation: Consolidation, name_header: str) -> None:
        """Replace the contents with ``consolidation``."""
        self.clear()
        self.consolidation = consolidation
        catalog = consolidation.catalog
        self.indicator_codes = list(catalog.indicators)
        self.setColumnCount(1 + len(self.indicator_codes))
        self.setHorizontalHeaderLabels([name_header] + [catalog.indicators[code].label
                                                        for code in self.indicator_codes])
        for column, code in enumerate(self.indicator_codes, start=1):
            self.horizontalHeaderItem(column).setToolTip(catalog.indicators[code].name)

        # The tree is built detached and inserted at once: one signal, not thousands.
        region_row = self._row(consolidation.region)
        for municipality in consolidation.municipalities:
            municipality_row = self._row(municipality)
            for organisation in consolidation.organisations_in(municipality.code):
                municipality_row[0].appendRow(self._row(organisation))
            region_row[0].appendRow(municipality_row)
        self.appendRow(region_row)

    def level_of(self, index: QModelIndex) -> LevelResult | None:
        """Return the level of a row of this model (column 0's code decides)."""
        if self.consolidation is None or not index.isValid():
            return None
        code = index.siblingAtColumn(0).data(CODE_ROLE)
        return self.consolidation.find(code)

    def column_of(self, indicator_code: str) -> int:
        return 1 + self.indicator_codes.index(indicator_code)

    def _row(self, level: LevelResult) -> list[QStandardItem]:
        name = QStandardItem(level.name)
        if level.closed_from_year:
            name.setText(self.tr("{0} (closed from {1})").format(level.name, level.closed_from_year))
        name.setData(level.code, CODE_ROLE)
        name.setData(level.kind, KIND_ROLE)
        name.setData(level.name.casefold(), SORT_ROLE)
        name.setToolTip(self.tr("{0}\nCode: {1}").format(level.name, level.code))
        name.setEditable(False)
        missed = 0
        row = [name]
        for code in self.indicator_codes:
            result = level.results[code]
            row.append(self._cell(level, result, code in level.region_entered))
            missed += result.missed_target
        name.setData(missed, MISSED_COUNT_ROLE)
        return row

    def _cell(self, level: LevelResult, result: IndicatorResult, region_entered: bool) -> QStandardItem:
        text = format_value(result) if result.value is not None else "—"
        if region_entered:
            text += " *"
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(result.value if result.value is not None else NO_DATA_SORT_KEY, SORT_ROLE)
        item.setData(result.status.value, STATUS_ROLE)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tooltip = result_tooltip(level.name, result)
        if region_entered:
            tooltip += "\n" + self.tr("* entered by the region from official statistics")
        item.setToolTip(tooltip)
        background = STATUS_BACKGROUNDS.get(result.status)
        if background is not None:
            item.setBackground(QBrush(background))
        return item


class ConsolidationProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; with ``missed_only`` keeps organisations below target in ``indicator_column``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setRecursiveFilteringEnabled(False)
        self._missed_only = False
        self._indicator_column = 1

    def set_missed_only(self, enabled: bool, indicator_column: int) -> None:
        self._missed_only = enabled
        self._indicator_column = indicator_column
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802 (Qt API)
        if not self._missed_only:
            return True
        model = self.sourceModel()
        name_index = model.index(source_row, 0, source_parent)
        if model.hasChildren(name_index):
            return True
        status = model.index(source_row, self._indicator_column, source_parent).data(STATUS_ROLE)
        return status in (Status.BELOW.value, Status.NEAR.value)
