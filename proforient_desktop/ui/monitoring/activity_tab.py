"""The «Мероприятия» tab: activities per municipality, measure group and measure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QListWidget, QSplitter, QTreeView, QVBoxLayout, QWidget

from proforient_desktop.services.activity_summary import ActivitySummary, Tally, TerritoryActivity
from proforient_desktop.ui.monitoring.cell_model import CellTreeModel, Node, cell
from proforient_desktop.ui.monitoring.consolidation_model import RIGHT

CODE_ROLE = Qt.ItemDataRole.UserRole + 2


class ActivityTab(QWidget):
    """A tree of the year's activities and, for the selected territory, the measures with none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: ActivitySummary | None = None
        self.model = CellTreeModel([
            self.tr("Territory, measure group, measure"), self.tr("Held"), self.tr("Participants"),
            self.tr("Of them with SEN"), self.tr("Competitions"),
        ], self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        # The names take the room left by the figures, which fit their headers and values.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.without_label = QLabel(self)
        self.without_label.setWordWrap(True)
        self.without_list = QListWidget(self)
        self.without_list.setWordWrap(True)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.without_label)
        right_layout.addWidget(self.without_list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        # The splitter may not squeeze the tree below its headers' width, so no header is cut.
        self.tree.setMinimumWidth(sum(header.sectionSizeHint(column) for column in range(header.count()))
                                  + 2 * self.tree.frameWidth() + self.tree.verticalScrollBar().sizeHint().width())
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)

    def load(self, summary: ActivitySummary) -> None:
        self.summary = summary
        region = self._territory_node(summary.region)
        for territory in summary.municipalities:
            node = region.add(self._territory_node(territory))
            for group in territory.groups:
                if not group.tally.held:
                    continue
                group_node = node.add(self._node(f"{group.group.number}. {group.group.name}", group.tally))
                for measure in group.measures:
                    group_node.add(self._node(f"{measure.measure.code} {measure.measure.title}", measure.tally))
        self.model.reset([region])
        self.tree.expandToDepth(0)
        self.tree.setCurrentIndex(self.model.index(0, 0))
        self._show_without(summary.region)

    def _territory_node(self, territory: TerritoryActivity) -> Node:
        node = self._node(territory.name, territory.tally, territory.competitions)
        node.cells[0][CODE_ROLE] = territory.code
        return node

    def _node(self, name: str, tally: Tally, competitions: int | None = None) -> Node:
        figures = (tally.held, tally.participants, tally.participants_sen)
        return Node([
            cell(name, tooltip=name),
            *(cell(str(value), alignment=RIGHT) for value in figures),
            cell("" if competitions is None else str(competitions), alignment=RIGHT),
        ])

    def _territory_of(self, code: str | None) -> TerritoryActivity | None:
        if self.summary is None or code is None:
            return None
        if code == self.summary.region.code:
            return self.summary.region
        return next((item for item in self.summary.municipalities if item.code == code), None)

    def _show_without(self, territory: TerritoryActivity) -> None:
        self.without_label.setText(self.tr("Measures due this year with no activity — {0}: {1}").format(
            territory.name, len(territory.measures_without_activity)))
        self.without_list.clear()
        for measure in territory.measures_without_activity:
            self.without_list.addItem(f"{measure.code} {measure.title}")

    def _on_current_changed(self, current, _previous) -> None:
        index = current.siblingAtColumn(0)
        while index.isValid() and index.data(CODE_ROLE) is None:
            index = index.parent()
        territory = self._territory_of(index.data(CODE_ROLE) if index.isValid() else None)
        if territory is not None:
            self._show_without(territory)
