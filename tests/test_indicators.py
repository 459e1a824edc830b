"""The indicator engine: values, statuses, states and aggregation."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proforient_desktop.domain.indicators import (
    Status,
    ValueState,
    aggregate,
    compute,
    format_value,
    status_for,
)

# (indicator, numerator, denominator, value in %, status against the 2024 target),
# each value worked out by hand.
HAND_COMPUTED = [
    ("P1", 21, 140, 15.0, Status.REACHED),        # target 12
    ("P2", 45, 180, 25.0, Status.BELOW),          # target 37
    ("P3", 3, 8, 37.5, Status.BELOW),             # target 50
    ("P4", 1, 3, 33.333333, Status.REACHED),      # target 30
    ("P5", 9, 20, 45.0, Status.NEAR),             # target 50, 45 ≥ 0.9 × 50
    ("P6", 7, 10, 70.0, Status.REACHED),          # target 50
    ("P7", 11, 25, 44.0, Status.BELOW),           # target 50, 44 < 45
    ("P8", 30, 100, 30.0, Status.REACHED),        # target 30: equal reaches it
    ("P9", 0, 40, 0.0, Status.BELOW),             # target 50
    ("P10", 1, 4, 25.0, Status.REACHED),          # target 20
    ("P11", 19, 50, 38.0, Status.BELOW),          # target 50
    ("P12", 5, 9, 55.555556, Status.REACHED),     # target 50
    ("P13", 12, 30, 40.0, Status.BELOW),          # target 50
    ("P14", 21, 30, 70.0, Status.REACHED),        # target 70
    ("P15", 57, 100, 57.0, Status.NEAR),          # target 60, 57 ≥ 54
    ("P16", 2, 5, 40.0, Status.BELOW),            # target 60
    ("P17", 140, 200, 70.0, Status.REACHED),      # target 70
    ("P18", 3, 16, 18.75, Status.NEAR),           # target 20, 18.75 ≥ 18
    ("M7", 60, 80, 75.0, Status.NO_TARGET),
    ("M8", 6, 24, 25.0, Status.NO_TARGET),
    ("M9", 13, 52, 25.0, Status.NO_TARGET),
]


@pytest.mark.parametrize(("code", "numerator", "denominator", "expected", "status"), HAND_COMPUTED)
def test_indicator_value_by_hand(catalog, code, numerator, denominator, expected, status):
    indicator = catalog.indicators[code]
    counts = {indicator.numerator: numerator, indicator.denominator: denominator}

    result = compute(indicator, 2024, counts)

    assert result.state is ValueState.OK
    assert result.value == pytest.approx(expected, abs=1e-6)
    assert (result.numerator, result.denominator) == (numerator, denominator)
    assert result.status is status
    assert result.contributors == 1


def test_every_indicator_has_hand_value(catalog):
    covered = {row[0] for row in HAND_COMPUTED} | {"M12"}
    assert covered == set(catalog.indicators)


def test_competitions_counted_in_units(catalog):
    result = compute(catalog.indicators["M12"], 2024, {"competitions": 4})
    assert result.value == 4.0
    assert result.denominator is None
    assert format_value(result) == "4 ед."


def test_not_reported_differs_from_zero(catalog):
    p1 = catalog.indicators["P1"]

    missing = compute(p1, 2024, {"students_total": 100})
    zero = compute(p1, 2024, {"students_total": 100, "ticket_to_future_participants": 0})

    assert missing.state is ValueState.NOT_REPORTED
    assert missing.value is None
    assert missing.status is Status.NO_DATA
    assert format_value(missing) == "не представлено"
    assert zero.state is ValueState.OK
    assert zero.value == 0.0
    assert format_value(zero) == "0,0 %"


def test_zero_denominator_is_not_zero_percent(catalog):
    result = compute(catalog.indicators["P1"], 2024, {"students_total": 0, "ticket_to_future_participants": 0})
    assert result.state is ValueState.ZERO_DENOMINATOR
    assert result.value is None
    assert result.status is Status.NO_DATA
    assert format_value(result) == "знаменатель равен 0"


def test_share_above_whole_is_inconsistent(catalog):
    counts = {"students_total": 100, "ticket_to_future_participants": 500}

    result = compute(catalog.indicators["P1"], 2024, counts)

    assert result.value == 500.0
    assert result.status is Status.INCONSISTENT
    assert not result.missed_target


def test_target_of_year_used(catalog):
    p1 = catalog.indicators["P1"]
    counts = {"students_total": 100, "ticket_to_future_participants": 8}
    assert compute(p1, 2022, counts).status is Status.REACHED    # target 7
    assert compute(p1, 2023, counts).status is Status.BELOW      # target 10, 8 < 9
    assert compute(p1, 2030, counts).status is Status.NO_TARGET


def test_aggregate_sums_not_means(catalog):
    p1 = catalog.indicators["P1"]
    organisations = [
        {"students_total": 100, "ticket_to_future_participants": 50},   # 50 %
        {"students_total": 900, "ticket_to_future_participants": 90},   # 10 %
        {"ticket_to_future_participants": 70},                          # no denominator: left out
        {"students_total": 300},                                        # no numerator: left out
    ]

    result = aggregate(p1, 2024, organisations)

    # (50 + 90) / (100 + 900) = 14 %, not the mean of 50 % and 10 %.
    assert result.value == pytest.approx(14.0)
    assert (result.numerator, result.denominator, result.contributors) == (140, 1000, 2)


def test_aggregate_of_nobody(catalog):
    result = aggregate(catalog.indicators["P1"], 2024, [{}, {"students_total": 5}])
    assert result.state is ValueState.NOT_REPORTED
    assert result.contributors == 0


def test_status_boundaries():
    assert status_for(None, 10) is Status.NO_DATA
    assert status_for(5.0, None) is Status.NO_TARGET
    assert status_for(10.0, 10) is Status.REACHED
    assert status_for(9.0, 10) is Status.NEAR
    assert status_for(8.999, 10) is Status.BELOW


_count = st.one_of(st.none(), st.integers(min_value=0, max_value=100_000))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_count, _count), max_size=30), st.sampled_from(["P1", "P9", "P15", "P18", "M8"]))
def test_aggregate_equals_summed_counts(catalog, pairs, code):
    indicator = catalog.indicators[code]
    organisations = []
    for numerator, denominator in pairs:
        counts = {}
        if numerator is not None:
            counts[indicator.numerator] = numerator
        if denominator is not None:
            counts[indicator.denominator] = denominator
        organisations.append(counts)

    result = aggregate(indicator, 2024, organisations)

    both = [(n, d) for n, d in pairs if n is not None and d is not None]
    summed = {indicator.numerator: sum(n for n, _ in both), indicator.denominator: sum(d for _, d in both)}
    from_sums = compute(indicator, 2024, summed)
    assert result.contributors == len(both)
    if not both:
        assert result.state is ValueState.NOT_REPORTED
    else:
        assert result.state is from_sums.state
        assert (result.numerator, result.denominator) == (from_sums.numerator, from_sums.denominator)
        if result.value is not None:
            assert math.isclose(result.value, from_sums.value)
