"""A read-only item model over plain Python rows, for the tables and trees of the «Сводка» screen.

Each row is a ``Node`` holding one ``{role: value}`` dictionary per column
and its child rows. The screen's models build nodes and hand them over with
``reset``; a flat table is a tree whose rows have no children.

The screen uses this instead of ``QStandardItemModel`` because PySide (6.12)
may hand out a stale Python wrapper of a ``QStandardItem`` that Qt already
deleted when the memory is reused for another object, which broke unrelated
widgets created afterwards.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from proforient_desktop.domain.sort_keys import natural_key

Cells = list[dict[int, Any]]


class Node:
    """One row: its cells by column and its children."""

    __slots__ = ("cells", "children", "parent", "row")

    def __init__(self, cells: Cells) -> None:
        self.cells = cells
        self.children: list[Node] = []
        self.parent: Node | None = None
        self.row = 0

    def add(self, child: Node) -> Node:
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child


def cell(text: str, **roles: Any) -> dict[int, Any]:
    """Return a cell with ``text`` as its display role and further roles by name.

    Known names: ``tooltip``, ``background``, ``alignment``; other roles go
    through ``roles={role: value}``.
    """
    data: dict[int, Any] = {Qt.ItemDataRole.DisplayRole: text}
    if "tooltip" in roles:
        data[Qt.ItemDataRole.ToolTipRole] = roles["tooltip"]
    if "background" in roles:
        data[Qt.ItemDataRole.BackgroundRole] = roles["background"]
    if "alignment" in roles:
        data[Qt.ItemDataRole.TextAlignmentRole] = roles["alignment"]
    data.update(roles.get("roles", {}))
    return data


class CellTableModel(QAbstractTableModel):
    """A flat table of ``Node`` rows that sorts itself by a column's text (``sort``).

    Sorting in Python with a key takes a few milliseconds for a region's
    organisations; a ``QSortFilterProxyModel`` would call from Qt into
    Python for every comparison. ``SortingProxy`` passes a view's sort
    request here.
    """

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Node] = []
        self._loaded: list[Node] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def reset(self, rows: list[Node]) -> None:
        """Replace every row, sorted as before."""
        self.beginResetModel()
        self._loaded = list(rows)
        self._rows = self._sorted()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by the text of ``column``, in the order Qt's proxy would give."""
        if not 0 <= column < len(self._headers):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        targets = [(self._rows[index.row()], index.column()) for index in persistent]
        self._rows = self._sorted()
        rows = {id(node): row for row, node in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [self.index(rows[id(node)], target_column)
                                                    for node, target_column in targets])
        self.layoutChanged.emit()

    def _sorted(self) -> list[Node]:
        if self._sort_column < 0:
            return list(self._loaded)
        column = self._sort_column

        def text(node: Node) -> str:
            value = node.cells[column].get(Qt.ItemDataRole.DisplayRole) if column < len(node.cells) else None
            return natural_key("" if value is None else str(value))

        # Natural order, so «Школа № 2» comes before «Школа № 10»; the sort is stable either way.
        return sorted(self._loaded, key=text, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        cells = self._rows[index.row()].cells
        return cells[index.column()].get(role) if index.column() < len(cells) else None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CellTreeModel(QAbstractItemModel):
    """The rows of ``reset`` under an invisible root, with fixed column headers."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._header_tooltips: list[str] = []
        self._root = Node([])

    def reset(self, rows: list[Node], headers: Sequence[str] | None = None,
              header_tooltips: Sequence[str] = ()) -> None:
        """Replace every row (and optionally the headers and their tooltips)."""
        self.beginResetModel()
        if headers is not None:
            self._headers = list(headers)
            self._header_tooltips = list(header_tooltips)
        self._root = Node([])
        for row in rows:
            self._root.add(row)
        self.endResetModel()

    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()
              ) -> QModelIndex:
        # Checked in Python: views call this thousands of times, and a call
        # into hasIndex() costs more than the check itself.
        node = parent.internalPointer() if parent.isValid() else self._root
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if not (0 <= row < len(node.children) and 0 <= column < len(self._headers)):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex | None = None):
        # Without an argument this is QObject.parent(), which Qt's API overloads.
        if index is None:
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        if parent.isValid() and parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cells = index.internalPointer().cells
        if index.column() >= len(cells):
            return None
        return cells[index.column()].get(role)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self._header_tooltips):
            return self._header_tooltips[section] or None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class SortingProxy(QSortFilterProxyModel):
    """A proxy that leaves sorting to its ``CellTableModel`` and stays in the source's order itself."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None and column >= 0:
            source.sort(column, order)
