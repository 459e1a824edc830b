"""The «Показатели» tab: the drill-down table with the dynamics chart beside it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from proforient_desktop.errors import UserError
from proforient_desktop.services.consolidation import REGION_LEVEL_CODE, Consolidation, dynamics
from proforient_desktop.services.context import AppContext
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.monitoring.consolidation_model import CODE_ROLE, ConsolidationModel
from proforient_desktop.ui.monitoring.dynamics_chart import DynamicsChart
from proforient_desktop.ui.monitoring.frozen_names import FrozenNames

NAME_COLUMN_WIDTH = 300
VALUE_COLUMN_WIDTH = 62


class IndicatorsTab(QWidget):
    """Drill-down tree sorted by any column, a filter for misses, and the chart of the selected cell."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._years: list[int] = []
        self._init_controls()
        self._init_tree()
        self._init_layout()
        self._connect_signals()

    def _init_controls(self) -> None:
        self.indicator_box = QComboBox(self)
        for indicator in self._context.catalog.indicators.values():
            self.indicator_box.addItem(f"{indicator.label}. {indicator.name}", indicator.code)
        self.indicator_box.setMinimumContentsLength(40)
        self.indicator_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.missed_only = QCheckBox(self.tr("Only &below target"), self)
        self.missed_only.setToolTip(self.tr("Show only the organisations that miss the selected indicator's target"))
        self.legend = QLabel(self.tr("Colours: green reached, yellow near, red below target; "
                                     "«—» not reported; * entered by the region."), self)
        self.legend.setWordWrap(True)

    def _init_tree(self) -> None:
        self.model = ConsolidationModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(False)
        # The names stay in view when the many indicator columns scroll sideways.
        self.frozen_names = FrozenNames(self.tree)
        self.chart = DynamicsChart(self)

    def _init_layout(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("&Indicator:"), self))
        controls.itemAt(0).widget().setBuddy(self.indicator_box)
        controls.addWidget(self.indicator_box, 1)
        controls.addWidget(self.missed_only)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.legend)

    def _connect_signals(self) -> None:
        self.indicator_box.currentIndexChanged.connect(self._on_indicator_changed)
        self.missed_only.toggled.connect(self._on_missed_only_toggled)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)

    def load(self, consolidation: Consolidation) -> None:
        """Show ``consolidation`` with the region and its municipalities expanded."""
        year = consolidation.year
        self._years = list(range(self._context.catalog.first_year, year + 1))
        self.model.load(consolidation, self.tr("Region, municipality, organisation"))
        self.tree.setColumnWidth(0, NAME_COLUMN_WIDTH)
        for column in range(1, self.model.columnCount()):
            self.tree.setColumnWidth(column, VALUE_COLUMN_WIDTH)
        self._apply_filter()
        self._expand()
        self._select(self.model.index(0, self.model.column_of(self.selected_indicator())))
        self.frozen_names.sync()

    def selected_indicator(self) -> str:
        return self.indicator_box.currentData()

    def select_level(self, code: str) -> bool:
        """Make the row of ``code`` current in the selected indicator's column; return whether it exists."""
        matches = self.model.match(self.model.index(0, 0), CODE_ROLE, code, 1,
                                   Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if not matches:
            return False
        self._select(matches[0].siblingAtColumn(self.model.column_of(self.selected_indicator())))
        return True

    def _select(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(index)
        # Keep the names in view when the selected column fits beside them.
        right_edge = self.tree.header().sectionPosition(index.column()) + self.tree.columnWidth(index.column())
        # Before the tab is first shown the viewport has no real width yet.
        if not self.tree.isVisible() or right_edge <= self.tree.viewport().width():
            self.tree.horizontalScrollBar().setValue(0)

    def _expand(self) -> None:
        if self.missed_only.isChecked():
            self.tree.expandAll()
        elif self.model.consolidation is not None:
            # A municipality has one territory: show its organisations at once.
            self.tree.expandToDepth(1 if len(self.model.consolidation.municipalities) == 1 else 0)
        self.frozen_names.sync()

    def _apply_filter(self) -> None:
        """Filter the rows for the selected indicator; after a change, expand them and keep the current row."""
        current = self.model.level_of(self.tree.currentIndex())
        if not self.model.set_missed_only(self.missed_only.isChecked(),
                                          self.model.column_of(self.selected_indicator())):
            return
        self._expand()
        if current is not None:
            self.select_level(current.code)

    def _on_indicator_changed(self, _index: int) -> None:
        if self.model.consolidation is None:
            return
        self._apply_filter()
        current = self.tree.currentIndex()
        row = current if current.isValid() else self.model.index(0, 0)
        self._select(row.siblingAtColumn(self.model.column_of(self.selected_indicator())))
        self._update_chart()

    def _on_missed_only_toggled(self, _checked: bool) -> None:
        self._apply_filter()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        column = current.column()
        if column >= 1:
            code = self.model.indicator_codes[column - 1]
            if code != self.selected_indicator():
                self.indicator_box.blockSignals(True)
                self.indicator_box.setCurrentIndex(self.indicator_box.findData(code))
                self.indicator_box.blockSignals(False)
                self._apply_filter()
        self._update_chart()

    def _update_chart(self) -> None:
        level = self.model.level_of(self.tree.currentIndex())
        if level is None or not self._years:
            return
        level_code = None if level.code == REGION_LEVEL_CODE else level.code
        try:
            series = dynamics(self._context, self.selected_indicator(), level_code, self._years)
        except UserError as error:
            messenger().error(self, self.tr("Dynamics"), error.message)
            return
        self.chart.show_series(level.name, series)
