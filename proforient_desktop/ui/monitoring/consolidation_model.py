"""The drill-down tree of the consolidation: region → municipalities → organisations.

Column 0 is the name; each further column is one indicator's value.
Sorting goes through ``ConsolidationProxy`` on ``SORT_ROLE`` (the numeric
value, with "no data" last in either direction), so any indicator column
sorts within every level of the tree. Cells are tinted by their status
against the target, so misses stand out.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from proforient_desktop.domain.indicators import STATUS_NAMES_RU, IndicatorResult, Status, format_value
from proforient_desktop.services.consolidation import Consolidation, LevelResult
from proforient_desktop.ui.monitoring.cell_model import CellTreeModel, Node, cell

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4
# (level, indicator code) behind a value cell; its roles are computed when a view asks.
_SOURCE_ROLE = Qt.ItemDataRole.UserRole + 6

STATUS_BACKGROUNDS = {
    Status.BELOW: QColor("#f8d0d0"),
    Status.NEAR: QColor("#fcebc4"),
    Status.REACHED: QColor("#d9f0d9"),
}
BRUSHES = {status: QBrush(colour) for status, colour in STATUS_BACKGROUNDS.items()}
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


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


class ConsolidationModel(CellTreeModel):
    """The consolidation as a tree; ``indicator_codes`` give the column order after the name."""

    def __init__(self, parent=None) -> None:
        super().__init__([], parent)
        self.indicator_codes: list[str] = []
        self.consolidation: Consolidation | None = None

    def load(self, consolidation: Consolidation, name_header: str) -> None:
        """Replace the contents with ``consolidation``."""
        self.consolidation = consolidation
        catalog = consolidation.catalog
        self.indicator_codes = list(catalog.indicators)

        region = self._node(consolidation.region)
        for municipality in consolidation.municipalities:
            node = region.add(self._node(municipality))
            for organisation in consolidation.organisations_in(municipality.code):
                node.add(self._node(organisation))

        headers = [name_header] + [catalog.indicators[code].label for code in self.indicator_codes]
        tooltips = [""] + [catalog.indicators[code].name for code in self.indicator_codes]
        self.reset([region], headers, tooltips)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        # Value cells are computed when a view asks for them: a region has
        # thousands of cells and only a screenful is painted.
        if index.isValid() and index.column() > 0:
            source = super().data(index, _SOURCE_ROLE)
            if source is not None:
                return self._value_data(*source, role)
        return super().data(index, role)

    def level_of(self, index: QModelIndex) -> LevelResult | None:
        """Return the level of a row of this model (column 0's code decides)."""
        if self.consolidation is None or not index.isValid():
            return None
        return self.consolidation.find(index.siblingAtColumn(0).data(CODE_ROLE))

    def column_of(self, indicator_code: str) -> int:
        return 1 + self.indicator_codes.index(indicator_code)

    def _node(self, level: LevelResult) -> Node:
        name = level.name
        if level.closed_from_year:
            name = self.tr("{0} (closed from {1})").format(level.name, level.closed_from_year)
        cells = [cell(name, tooltip=self.tr("{0}\nCode: {1}").format(level.name, level.code), roles={
            CODE_ROLE: level.code, KIND_ROLE: level.kind, SORT_ROLE: level.name.casefold(),
        })]
        cells += [{_SOURCE_ROLE: (level, code)} for code in self.indicator_codes]
        return Node(cells)

    def _value_data(self, level: LevelResult, code: str, role: int):
        result = level.results[code]
        if role == Qt.ItemDataRole.DisplayRole:
            text = format_value(result) if result.value is not None else "—"
            return text + " *" if code in level.region_entered else text
        if role == SORT_ROLE:
            return result.value
        if role == STATUS_ROLE:
            return result.status.value
        if role == Qt.ItemDataRole.BackgroundRole:
            return BRUSHES.get(result.status)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            tooltip = result_tooltip(level.name, result)
            if code in level.region_entered:
                tooltip += "\n" + self.tr("* entered by the region from official statistics")
            return tooltip
        return None


class ConsolidationProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; with ``missed_only`` keeps organisations below target in ``indicator_column``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._missed_only = False
        self._indicator_column = 1

    def set_missed_only(self, enabled: bool, indicator_column: int) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() by begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._missed_only = enabled
            self._indicator_column = indicator_column
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            return
        self._missed_only = enabled
        self._indicator_column = indicator_column
        self.invalidateRowsFilter()

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802 (Qt API)
        left_value, right_value = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if left_value is None or right_value is None:
            # Qt reverses the order for descending sorts, so "no data" must
            # compare as greatest ascending and as least descending to stay last.
            if self.sortOrder() == Qt.SortOrder.DescendingOrder:
                return left_value is None and right_value is not None
            return right_value is None and left_value is not None
        return left_value < right_value

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802 (Qt API)
        if not self._missed_only:
            return True
        model = self.sourceModel()
        name_index = model.index(source_row, 0, source_parent)
        if model.hasChildren(name_index):
            return True
        status = model.index(source_row, self._indicator_column, source_parent).data(STATUS_ROLE)
        return status in (Status.BELOW.value, Status.NEAR.value)
