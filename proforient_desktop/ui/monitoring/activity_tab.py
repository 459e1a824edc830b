"""The «Мероприятия» tab: activities per municipality, measure group and measure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLabel, QListWidget, QSplitter, QTreeView, QVBoxLayout, QWidget

from proforient_desktop.services.activity_summary import ActivitySummary, Tally, TerritoryActivity

CODE_ROLE = Qt.ItemDataRole.UserRole + 2


class ActivityTab(QWidget):
    """A tree of the year's activities and, for the selected territory, the measures with none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: ActivitySummary | None = None
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([
            self.tr("Territory, measure group, measure"), self.tr("Held"), self.tr("Participants"),
            self.tr("Of them with SEN"), self.tr("Competitions"),
        ])
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(False)
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
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)

    def load(self, summary: ActivitySummary) -> None:
        self.summary = summary
        self.model.removeRows(0, self.model.rowCount())
        region_row = self._territory_row(summary.region)
        self.model.appendRow(region_row)
        for territory in summary.municipalities:
            row = self._territory_row(territory)
            region_row[0].appendRow(row)
            for group in territory.groups:
                if not group.tally.held:
                    continue
                group_row = self._row(f"{group.group.number}. {group.group.name}", group.tally)
                row[0].appendRow(group_row)
                for measure in group.measures:
                    group_row[0].appendRow(self._row(f"{measure.measure.code} {measure.measure.title}", measure.tally))
        self.tree.expandToDepth(0)
        self.tree.setColumnWidth(0, 380)
        for column in range(1, 5):
            self.tree.setColumnWidth(column, 96)
        self.tree.setCurrentIndex(self.model.index(0, 0))
        self._show_without(summary.region)

    def _territory_row(self, territory: TerritoryActivity) -> list[QStandardItem]:
        row = self._row(territory.name, territory.tally, territory.competitions)
        row[0].setData(territory.code, CODE_ROLE)
        return row

    def _row(self, name: str, tally: Tally, competitions: int | None = None) -> list[QStandardItem]:
        items = [QStandardItem(name), *(QStandardItem(str(value)) for value in
                                        (tally.held, tally.participants, tally.participants_sen)),
                 QStandardItem("" if competitions is None else str(competitions))]
        items[0].setToolTip(name)
        for item in items[1:]:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return items

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
