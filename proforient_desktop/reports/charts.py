"""Dynamics charts of the PDF report, drawn with reportlab.graphics.

Each indicator gets a small chart: its value by year as a solid line with
points, and its target by year as a dashed line.
"""

from __future__ import annotations

from typing import Sequence

from reportlab.graphics.charts.legends import LineLegend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from proforient_desktop.domain.indicators import IndicatorResult
from proforient_desktop.reports.fonts import BOLD, FAMILY

VALUE_COLOUR = colors.HexColor("#1F4E79")
TARGET_COLOUR = colors.HexColor("#C55A11")


def indicator_chart(label: str, series: Sequence[IndicatorResult], width: float, height: float) -> Drawing:
    """Draw one indicator's values and targets over the years of ``series``."""
    drawing = Drawing(width, height)
    drawing.add(String(4, height - 11, label, fontName=BOLD, fontSize=8))

    years = [result.year for result in series]
    values = [(r.year, r.value) for r in series if r.value is not None]
    targets = [(r.year, r.target) for r in series if r.target is not None]
    top = max([v for _, v in values + targets] or [1.0])

    plot = LinePlot()
    plot.x, plot.y = 26, 16
    plot.width, plot.height = width - 34, height - 34
    plot.data = [values or [(years[0], 0)], targets or [(years[0], 0)]]
    plot.lines[0].strokeColor = VALUE_COLOUR if values else colors.transparent
    plot.lines[0].strokeWidth = 1.5
    plot.lines[0].symbol = makeMarker("FilledCircle", size=3, fillColor=VALUE_COLOUR)
    plot.lines[1].strokeColor = TARGET_COLOUR if targets else colors.transparent
    plot.lines[1].strokeDashArray = (3, 2)
    plot.lines[1].strokeWidth = 1

    plot.xValueAxis.valueMin = years[0] - 0.3
    plot.xValueAxis.valueMax = years[-1] + 0.3
    plot.xValueAxis.valueSteps = years
    plot.xValueAxis.labelTextFormat = "%d"
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = _nice_top(top)
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = FAMILY
        axis.labels.fontSize = 6
    plot.yValueAxis.labelTextFormat = lambda value: f"{value:g}".replace(".", ",")
    drawing.add(plot)
    return drawing


def legend(width: float) -> Drawing:
    """Draw the legend shared by the charts."""
    drawing = Drawing(width, 16)
    item = LineLegend()
    item.x, item.y = 0, 8
    item.fontName = FAMILY
    item.fontSize = 8
    item.dx, item.dy = 16, 0
    item.columnMaximum = 1
    item.deltax = 150
    item.alignment = "right"
    item.colorNamePairs = [(VALUE_COLOUR, "значение показателя"), (TARGET_COLOUR, "целевое значение")]
    drawing.add(item)
    return drawing


def _nice_top(value: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 5000, 10000):
        if value * 1.1 <= step:
            return float(step)
    return value * 1.1
