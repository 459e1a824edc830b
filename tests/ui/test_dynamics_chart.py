"""The dynamics chart on Qt Charts, fed with results computed from real catalogue indicators.

П1's targets in the catalogue are 7, 10 and 12 % for 2022–2024 and none
for other years; М12 is a count («ед.») without targets.
"""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QValueAxis

from proforient_desktop.domain.indicators import Status, compute
from proforient_desktop.ui.monitoring.dynamics_chart import BAR_COLOURS, DynamicsChart

# (year, numerator, denominator) of П1; None: the year was not reported.
P1_COUNTS = [
    (2021, 40, 200),   # 20 %, no target
    (2022, 8, 100),    # 8 % against 7: reached
    (2023, 19, 200),   # 9.5 % against 10: near
    (2024, 5, 100),    # 5 % against 12: below
    (2025, None, None),
]


@pytest.fixture
def chart(qtbot) -> DynamicsChart:
    widget = DynamicsChart()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _p1_series(catalog):
    indicator = catalog.indicators["P1"]
    series = []
    for year, numerator, denominator in P1_COUNTS:
        counts = {} if numerator is None else {indicator.numerator: numerator, indicator.denominator: denominator}
        series.append((year, compute(indicator, year, counts)))
    return series


def _axes(chart: DynamicsChart) -> tuple[QBarCategoryAxis, QValueAxis]:
    axes = chart.chart.axes()
    years = next(axis for axis in axes if isinstance(axis, QBarCategoryAxis))
    values = next(axis for axis in axes if isinstance(axis, QValueAxis))
    return years, values


def test_bars_coloured_by_status(chart, catalog):
    chart.show_series("Хабаровский", _p1_series(catalog))

    sets = chart.bar_sets()
    assert list(sets) == [Status.REACHED, Status.NEAR, Status.BELOW, Status.NO_TARGET]
    assert [sets[Status.NO_TARGET].at(index) for index in range(5)] == [20.0, 0.0, 0.0, 0.0, 0.0]
    assert [sets[Status.REACHED].at(index) for index in range(5)] == [0.0, 8.0, 0.0, 0.0, 0.0]
    assert [sets[Status.NEAR].at(index) for index in range(5)] == [0.0, 0.0, 9.5, 0.0, 0.0]
    assert [sets[Status.BELOW].at(index) for index in range(5)] == [0.0, 0.0, 0.0, 5.0, 0.0]
    assert sets[Status.BELOW].color().name() == BAR_COLOURS[Status.BELOW]


def test_legend_names_in_russian(chart, catalog):
    chart.show_series("Хабаровский", _p1_series(catalog))

    assert chart.legend_entries() == ["достигнуто", "близко к цели", "не достигнуто", "цель не установлена", "цель"]
    assert "не достигнуто" in chart.legend.text()
    assert BAR_COLOURS[Status.NEAR] in chart.legend.text()


def test_target_line_skips_years_without_target(chart, catalog):
    chart.show_series("Хабаровский", _p1_series(catalog))

    assert chart.target_points() == [(2022, 7.0), (2023, 10.0), (2024, 12.0)]
    assert chart.targets == [None, 7.0, 10.0, 12.0, None]


def test_axes_show_years_and_unit(chart, catalog):
    chart.show_series("Хабаровский", _p1_series(catalog))

    years, values = _axes(chart)
    assert years.categories() == ["2021", "2022", "2023", "2024", "2025"]
    assert values.titleText() == "Значение, %"
    assert values.min() == 0
    assert values.max() >= 20.0


def test_title_names_indicator_and_level(chart, catalog):
    chart.show_series("МБОУ СОШ № 2 с. Мичуринское", _p1_series(catalog))

    assert "П1" in chart.title.text()
    assert "МБОУ СОШ № 2 с. Мичуринское" in chart.title.text()
    assert chart.years == [2021, 2022, 2023, 2024, 2025]
    assert chart.values == [20.0, 8.0, 9.5, 5.0, None]


def test_count_without_targets(chart, catalog):
    indicator = catalog.indicators["M12"]
    series = [(year, compute(indicator, year, {indicator.numerator: year - 2020})) for year in (2023, 2024)]

    chart.show_series("Край", series)

    _, values = _axes(chart)
    assert values.titleText() == "Значение, ед."
    assert chart.target_points() == []
    assert [chart.bar_sets()[Status.NO_TARGET].at(index) for index in range(2)] == [3.0, 4.0]


def test_no_data_draws_no_bars(chart, catalog):
    indicator = catalog.indicators["P1"]

    chart.show_series("Край", [(2023, compute(indicator, 2023, {}))])

    assert chart.bar_sets() == {}
    assert chart.target_points() == [(2023, 10.0)]
    assert chart.legend_entries() == ["цель"]


def test_no_data_text_over_chart(chart, catalog):
    indicator = catalog.indicators["P1"]

    chart.show_series("Школа № 19", [(2023, compute(indicator, 2023, {})), (2024, compute(indicator, 2024, {}))])
    shown_without_data = chart.no_data.isVisible()
    chart.show_series("Хабаровский", _p1_series(catalog))

    assert shown_without_data
    assert chart.no_data.text() == "нет данных"
    assert chart.view.geometry().contains(chart.no_data.geometry().center())
    assert not chart.no_data.isVisible()


def test_redraw_replaces_series(chart, catalog):
    chart.show_series("Хабаровский", _p1_series(catalog))
    chart.show_series("Хабаровский", _p1_series(catalog)[:2])

    assert len(chart.chart.series()) == 2
    assert len(chart.chart.axes()) == 2
    assert _axes(chart)[0].categories() == ["2021", "2022"]


def test_empty_series_clears_chart(chart, catalog):
    chart.show_series("Хабаровский", _p1_series(catalog))

    chart.show_series("Хабаровский", [])

    assert chart.chart.series() == []
    assert chart.chart.axes() == []
    assert chart.title.text() == ""
    assert chart.legend.text() == ""
