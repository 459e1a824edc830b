"""The dynamics chart: an indicator's values by year as bars, its targets as a dashed line (Qt Charts)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from proforient_desktop.domain.indicators import STATUS_NAMES_RU, IndicatorResult, Status

BAR_COLOURS = {
    Status.REACHED: "#4caf50",
    Status.NEAR: "#f0a830",
    Status.BELOW: "#d9534f",
    Status.NO_TARGET: "#5b8bd0",
    Status.INCONSISTENT: "#9e9e9e",
}
BAR_OUTLINE_COLOUR = "#555555"
TARGET_COLOUR = "#333333"
NO_DATA_COLOUR = "#666666"
# Share of a year's column that its bar fills.
BAR_WIDTH = 0.6
TARGET_MARKER_SIZE = 6
# Head room above the highest bar or target, so the top point is not cut.
Y_HEAD_ROOM = 1.15


class DynamicsChart(QWidget):
    """A title, a chart and its legend; ``show_series`` draws one indicator at one level.

    The bars form a stacked series with one bar set per status, so each year's
    bar takes the colour of its status: a year has a value in one set only.
    The legend is a word-wrapped label under the chart because Qt Charts' own
    legend keeps its entries on one line and cuts their names in a narrow chart.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.chart = QChart()
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.chart.legend().setVisible(False)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        # Over the middle of the plot when no year has a value, so a lone target line is not mistaken for data.
        self.no_data = QLabel(self.tr("no data"), self)
        self.no_data.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.no_data.setStyleSheet(f"color: {NO_DATA_COLOUR}; font-size: 16pt; background: rgba(255, 255, 255, 230);"
                                   " padding: 4px 10px;")
        self.no_data.hide()
        self.years: list[int] = []
        self.values: list[float | None] = []
        self.targets: list[float | None] = []

        # A grid lets the «no data» label share the chart's cell and lie on top of it.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.view, 1, 0)
        layout.addWidget(self.no_data, 1, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.legend, 2, 0)
        layout.setRowStretch(1, 1)

    def show_series(self, level_name: str, series: list[tuple[int, IndicatorResult]]) -> None:
        """Draw the values of ``series`` (year, result) as bars and their targets as a line."""
        self._clear()
        self.years = [year for year, _ in series]
        self.values = [result.value for _, result in series]
        self.targets = [result.target for _, result in series]
        self.no_data.setVisible(bool(series) and all(value is None for value in self.values))
        if not series:
            self.title.setText("")
            return

        indicator = series[0][1].indicator
        self.title.setText(f"<b>{indicator.label}</b>. {indicator.name}<br>{level_name}")
        unit = "%" if indicator.is_share else indicator.unit

        year_axis = QBarCategoryAxis()
        year_axis.append([str(year) for year in self.years])
        value_axis = QValueAxis()
        value_axis.setTitleText(self.tr("Value, {0}").format(unit))
        value_axis.setLabelFormat("%g")
        heights = [value for value in (*self.values, *self.targets) if value is not None]
        value_axis.setRange(0, max(heights, default=1) * Y_HEAD_ROOM or 1)
        value_axis.applyNiceNumbers()
        self.chart.addAxis(year_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)

        for drawn in (self._bar_series(series), self._target_series()):
            if drawn is None:
                continue
            self.chart.addSeries(drawn)
            drawn.attachAxis(year_axis)
            drawn.attachAxis(value_axis)
        self.legend.setText(self._legend_html())

    def bar_sets(self) -> dict[Status, QBarSet]:
        """Return the bar sets drawn now, keyed by the status whose colour they carry."""
        sets: dict[Status, QBarSet] = {}
        for drawn in self.chart.series():
            if isinstance(drawn, QStackedBarSeries):
                for bar_set in drawn.barSets():
                    sets[Status(bar_set.property("status"))] = bar_set
        return sets

    def target_points(self) -> list[tuple[int, float]]:
        """Return the (year, target) points of the target line drawn now."""
        for drawn in self.chart.series():
            if isinstance(drawn, QLineSeries):
                return [(self.years[round(point.x())], point.y()) for point in drawn.points()]
        return []

    def legend_entries(self) -> list[str]:
        """Return the names in the legend, bar sets first and the target line last."""
        names = [bar_set.label() for bar_set in self.bar_sets().values()]
        if self.target_points():
            names.append(self.tr("target"))
        return names

    def _legend_html(self) -> str:
        entries = [
            f'<span style="color:{bar_set.color().name()}">■</span>&nbsp;{bar_set.label()}'
            for bar_set in self.bar_sets().values()
        ]
        if self.target_points():
            entries.append(f'<span style="color:{TARGET_COLOUR}">-●-</span>&nbsp;{self.tr("target")}')
        # A plain space between entries is where the label may wrap a line.
        return " &nbsp; ".join(entries)

    def _clear(self) -> None:
        self.legend.clear()
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
            axis.deleteLater()

    def _bar_series(self, series: list[tuple[int, IndicatorResult]]) -> QStackedBarSeries | None:
        statuses = [result.status for _, result in series if result.value is not None]
        if not statuses:
            return None

        bars = QStackedBarSeries()
        bars.setBarWidth(BAR_WIDTH)
        for status in BAR_COLOURS:
            if status not in statuses:
                continue
            bar_set = QBarSet(STATUS_NAMES_RU[status])
            bar_set.setProperty("status", status.value)
            bar_set.setColor(QColor(BAR_COLOURS[status]))
            bar_set.setBorderColor(QColor(BAR_OUTLINE_COLOUR))
            # A year outside this status gets 0 here, which stacks to nothing.
            bar_set.append([
                result.value if result.value is not None and result.status is status else 0.0
                for _, result in series
            ])
            bars.append(bar_set)
        return bars

    def _target_series(self) -> QLineSeries | None:
        # The year axis is a category axis, so a point's x is the year's index.
        points = [QPointF(index, target) for index, target in enumerate(self.targets) if target is not None]
        if not points:
            return None

        line = QLineSeries()
        line.setName(self.tr("target"))
        pen = QPen(QColor(TARGET_COLOUR), 2, Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setPointsVisible(True)
        line.setMarkerSize(TARGET_MARKER_SIZE)
        line.append(points)
        return line
