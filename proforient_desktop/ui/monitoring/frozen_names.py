"""A name column that stays in view while the indicator columns of a tree scroll sideways.

Qt has no frozen column, so a second tree over the left edge of the main
tree shows only column 0 of the same model with the same selection. It
follows the main tree's vertical scrolling, expansion and column width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTreeView


class FrozenNames(QTreeView):
    """The name column of ``tree``, drawn over it at its left edge."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree
        self.setModel(tree.model())
        self.setSelectionModel(tree.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(tree.verticalScrollMode())
        self.setUniformRowHeights(tree.uniformRowHeights())
        self.setSelectionBehavior(tree.selectionBehavior())
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Enabling sorting sorts the shared model by the header's indicator, so it must be the tree's own first.
        self.header().setSortIndicator(tree.header().sortIndicatorSection(), tree.header().sortIndicatorOrder())
        self.setSortingEnabled(True)
        self.header().setSectionsMovable(False)
        self.header().setStretchLastSection(True)
        self.setStyleSheet("QTreeView { border-right: 1px solid palette(mid); }")

        tree.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(tree.verticalScrollBar().setValue)
        tree.expanded.connect(self.expand)
        tree.collapsed.connect(self.collapse)
        self.expanded.connect(tree.expand)
        self.collapsed.connect(tree.collapse)
        tree.header().sectionResized.connect(self._on_section_resized)
        tree.header().sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        self.header().sortIndicatorChanged.connect(tree.sortByColumn)
        tree.model().modelReset.connect(self.sync)
        tree.model().layoutChanged.connect(self.sync)
        tree.viewport().installEventFilter(self)

    def sync(self) -> None:
        """Hide all but the name column and copy the tree's expansion, position and sort indicator."""
        model = self._tree.model()
        for column in range(1, model.columnCount()):
            self.setColumnHidden(column, True)
        self._copy_expansion(QModelIndex())
        self.header().blockSignals(True)
        self.header().setSortIndicator(self._tree.header().sortIndicatorSection(),
                                       self._tree.header().sortIndicatorOrder())
        self.header().blockSignals(False)
        self._place()
        self.verticalScrollBar().setValue(self._tree.verticalScrollBar().value())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)

    def _copy_expansion(self, parent: QModelIndex) -> None:
        model = self._tree.model()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if model.rowCount(index) == 0:
                continue
            self.setExpanded(index, self._tree.isExpanded(index))
            self._copy_expansion(index)

    def _place(self) -> None:
        frame = self._tree.frameWidth()
        height = self._tree.header().height() + self._tree.viewport().height()
        self.setGeometry(frame, frame, self._tree.columnWidth(0), height)

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 0:
            self._place()

    def _on_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.header().blockSignals(True)
        self.header().setSortIndicator(column, order)
        self.header().blockSignals(False)
