"""The dynamics chart: an indicator's values by year as bars, its targets as a dashed line (pyqtgraph)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from proforient_desktop.domain.indicators import IndicatorResult, Status

BAR_COLOURS = {
    Status.REACHED: "#4caf50",
    Status.NEAR: "#f0a830",
    Status.BELOW: "#d9534f",
}
NO_TARGET_COLOUR = "#5b8bd0"
TARGET_COLOUR = "#333333"
BAR_WIDTH = 0.6


class DynamicsChart(QWidget):
    """A title and a plot; ``show_series`` draws one indicator at one level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.plot = pg.PlotWidget(self, background="w")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        self.legend = self.plot.addLegend(offset=(10, 5))
        self.years: list[int] = []
        self.values: list[float | None] = []
        self.targets: list[float | None] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)

    def show_series(self, level_name: str, series: list[tuple[int, IndicatorResult]]) -> None:
        """Draw the values of ``series`` (year, result) as bars and their targets as a line."""
        self.plot.clear()
        self.legend.clear()
        self.years = [year for year, _ in series]
        self.values = [result.value for _, result in series]
        self.targets = [result.target for _, result in series]
        if not series:
            self.title.setText("")
            return

        indicator = series[0][1].indicator
        self.title.setText(f"<b>{indicator.label}</b>. {indicator.name}<br>{level_name}")
        unit = "%" if indicator.is_share else indicator.unit
        self.plot.setLabel("left", self.tr("Value, {0}").format(unit))
        self.plot.getAxis("bottom").setTicks([[(year, str(year)) for year in self.years]])

        self._draw_bars(series)
        self._draw_targets()
        self.plot.setXRange(self.years[0] - 0.6, self.years[-1] + 0.6, padding=0)
        heights = [value for value in (*self.values, *self.targets) if value is not None]
        self.plot.setYRange(0, max(heights, default=1) * 1.15 or 1, padding=0)

    def _draw_bars(self, series: list[tuple[int, IndicatorResult]]) -> None:
        drawn = [(year, result) for year, result in series if result.value is not None]
        if not drawn:
            return
        # Bars take the colour of the year's status against its target.
        brushes = [pg.mkBrush(BAR_COLOURS.get(result.status, NO_TARGET_COLOUR)) for _, result in drawn]
        bars = pg.BarGraphItem(x=[year for year, _ in drawn], height=[result.value for _, result in drawn],
                               width=BAR_WIDTH, brushes=brushes, pen=pg.mkPen("#555555"))
        self.plot.addItem(bars)
        self.legend.addItem(bars, self.tr("value"))

    def _draw_targets(self) -> None:
        points = [(year, target) for year, target in zip(self.years, self.targets) if target is not None]
        if not points:
            return
        line = pg.PlotDataItem([year for year, _ in points], [target for _, target in points],
                               pen=pg.mkPen(TARGET_COLOUR, width=2, style=Qt.PenStyle.DashLine),
                               symbol="o", symbolSize=7, symbolBrush=TARGET_COLOUR)
        self.plot.addItem(line)
        self.legend.addItem(line, self.tr("target"))
