"""The drill-down tree of the consolidation: region → municipalities → organisations.

Column 0 is the name; each further column is one indicator's value.
``ConsolidationModel.sort`` orders the rows of every level of the tree by
the name or an indicator's value, with "no data" last in either direction,
and ``set_missed_only`` keeps only the organisations that miss a target.
Cells are tinted by their status against the target, so misses stand out.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from proforient_desktop.domain.indicators import STATUS_NAMES_RU, IndicatorResult, Status, format_value
from proforient_desktop.domain.sort_keys import natural_key
from proforient_desktop.services.consolidation import Consolidation, LevelResult
from proforient_desktop.ui.monitoring.cell_model import CellTreeModel, Node, cell

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4
# The level behind a row and the row's place in the consolidation's order, kept in the name cell.
_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 6
_POSITION_ROLE = Qt.ItemDataRole.UserRole + 7

STATUS_BACKGROUNDS = {
    Status.BELOW: QColor("#f8d0d0"),
    Status.NEAR: QColor("#fcebc4"),
    Status.REACHED: QColor("#d9f0d9"),
}
BRUSHES = {status: QBrush(colour) for status, colour in STATUS_BACKGROUNDS.items()}
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# The roles a value cell provides; views ask for several more on every paint.
_VALUE_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ToolTipRole, SORT_ROLE, STATUS_ROLE,
})


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
    """The consolidation as a tree; ``indicator_codes`` give the column order after the name.

    The model sorts and filters itself (``sort``, ``set_missed_only``), and
    the view shows it without a proxy. Ordering each level's rows with a
    Python key takes a few milliseconds, while a proxy would call from Qt
    into Python for every comparison and for every row it maps.
    """

    def __init__(self, parent=None) -> None:
        super().__init__([], parent)
        self.indicator_codes: list[str] = []
        self.consolidation: Consolidation | None = None
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._missed_only = False
        self._filter_column = 1
        # Every row's children, the filtered-out ones too; the nodes keep only the shown ones.
        self._all_children: dict[Node, list[Node]] = {}

    def load(self, consolidation: Consolidation, name_header: str) -> None:
        """Replace the contents with ``consolidation``, sorted and filtered as before."""
        self.consolidation = consolidation
        catalog = consolidation.catalog
        self.indicator_codes = list(catalog.indicators)

        region = self._node(consolidation.region, 0)
        self._all_children = {region: []}
        for position, municipality in enumerate(consolidation.municipalities):
            node = self._child(region, municipality, position)
            self._all_children[node] = []
            for index, organisation in enumerate(consolidation.organisations_in(municipality.code)):
                self._child(node, organisation, index)
        self._arrange(region)

        headers = [name_header] + [catalog.indicators[code].label for code in self.indicator_codes]
        tooltips = [""] + [catalog.indicators[code].name for code in self.indicator_codes]
        self.reset([region], headers, tooltips)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        # Value cells are computed when a view asks for them: a region has
        # thousands of cells and only a screenful is painted.
        if not index.isValid():
            return None
        first = index.internalPointer().cells[0]
        column = index.column()
        if column == 0:
            return first.get(role)
        if role not in _VALUE_ROLES or column > len(self.indicator_codes):
            return None
        return self._value_data(first[_LEVEL_ROLE], self.indicator_codes[column - 1], role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort every level's rows by ``column``; rows without a value stay last in either order."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        targets = [(index.internalPointer(), index.column()) for index in persistent]
        for row in self.node(QModelIndex()).children:
            self._arrange(row)
        self.changePersistentIndexList(persistent, [self.createIndex(node.row, column, node)
                                                    for node, column in targets])
        self.layoutChanged.emit()

    def set_missed_only(self, enabled: bool, indicator_column: int) -> bool:
        """Show only the organisations below or near the target in ``indicator_column``, or all of them.

        Return whether the rows changed; the model is then reset, so the view
        loses its expanded rows and current cell.
        """
        if not enabled and not self._missed_only:
            # Nothing is filtered out before or after.
            self._filter_column = indicator_column
            return False
        if (enabled, indicator_column) == (self._missed_only, self._filter_column):
            return False
        self.beginResetModel()
        self._missed_only, self._filter_column = enabled, indicator_column
        for row in self.node(QModelIndex()).children:
            self._arrange(row)
        self.endResetModel()
        return True

    def level_of(self, index: QModelIndex) -> LevelResult | None:
        """Return the level of a row of this model."""
        if self.consolidation is None or not index.isValid():
            return None
        return index.internalPointer().cells[0][_LEVEL_ROLE]

    def column_of(self, indicator_code: str) -> int:
        return 1 + self.indicator_codes.index(indicator_code)

    def _node(self, level: LevelResult, position: int) -> Node:
        name = level.name
        if level.closed_from_year:
            name = self.tr("{0} (closed from {1})").format(level.name, level.closed_from_year)
        return Node([cell(name, tooltip=self.tr("{0}\nCode: {1}").format(level.name, level.code), roles={
            CODE_ROLE: level.code, KIND_ROLE: level.kind, SORT_ROLE: natural_key(level.name),
            _LEVEL_ROLE: level, _POSITION_ROLE: position,
        })])

    def _child(self, parent: Node, level: LevelResult, position: int) -> Node:
        node = self._node(level, position)
        node.parent = parent
        self._all_children[parent].append(node)
        return node

    def _arrange(self, node: Node) -> None:
        """Sort and filter the node's children, and theirs."""
        children = sorted(self._all_children.get(node, ()), key=lambda child: child.cells[0][_POSITION_ROLE])
        keyed = [(self._sort_value(child), child) for child in children]
        present = [pair for pair in keyed if pair[0] is not None]
        # Python's sort is stable in reverse too, so equal values keep the loaded order, as Qt's sort does.
        present.sort(key=lambda pair: pair[0], reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        ordered = [child for _value, child in present] + [child for value, child in keyed if value is None]
        node.children = [child for child in ordered if self._shown(child)]
        for row, child in enumerate(node.children):
            child.row = row
            self._arrange(child)

    def _shown(self, node: Node) -> bool:
        if not self._missed_only or node in self._all_children:
            return True
        level = node.cells[0][_LEVEL_ROLE]
        status = level.results[self.indicator_codes[self._filter_column - 1]].status
        return status in (Status.BELOW, Status.NEAR)

    def _sort_value(self, node: Node):
        first = node.cells[0]
        if self._sort_column <= 0 or self._sort_column > len(self.indicator_codes):
            return first[SORT_ROLE]
        return first[_LEVEL_ROLE].results[self.indicator_codes[self._sort_column - 1]].value

    def _value_data(self, level: LevelResult, code: str, role: int):
        result = level.results[code]
        if role == Qt.ItemDataRole.DisplayRole:
            text = format_value(result) if result.value is not None else "—"
            return text + " *" if code in level.region_entered else text
        if role == Qt.ItemDataRole.BackgroundRole:
            return BRUSHES.get(result.status)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == SORT_ROLE:
            return result.value
        if role == STATUS_ROLE:
            return result.status.value
        if role == Qt.ItemDataRole.ToolTipRole:
            tooltip = result_tooltip(level.name, result)
            if code in level.region_entered:
                tooltip += "\n" + self.tr("* entered by the region from official statistics")
            return tooltip
        return None
