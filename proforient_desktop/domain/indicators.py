"""Indicator values for one organisation and aggregates over many.

An organisation's counts for a year are a mapping from count code to a whole
number; a count missing from the mapping was not reported, which is not the
same as zero. Aggregates sum numerators and denominators over the
organisations that reported both, and never average percentages.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Iterable, Mapping

from proforient_desktop.catalog.model import Indicator

CountValues = Mapping[str, int]

# Share of the target below which a value is "below", not "near" it.
NEAR_TARGET_SHARE = 0.9


class ValueState(str, enum.Enum):
    """Why an indicator has the value it has."""

    OK = "ok"
    NOT_REPORTED = "not_reported"
    ZERO_DENOMINATOR = "zero_denominator"


class Status(str, enum.Enum):
    """An indicator's value against the year's target."""

    REACHED = "reached"
    NEAR = "near"
    BELOW = "below"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    # A share above 100 %: its numerator, a part of the denominator, was reported above it.
    INCONSISTENT = "inconsistent"


STATUS_NAMES_RU: Mapping[Status, str] = {
    Status.REACHED: "достигнуто",
    Status.NEAR: "близко к цели",
    Status.BELOW: "не достигнуто",
    Status.NO_TARGET: "цель не установлена",
    Status.NO_DATA: "нет данных",
    Status.INCONSISTENT: "проверьте данные",
}

STATE_NAMES_RU: Mapping[ValueState, str] = {
    ValueState.OK: "",
    ValueState.NOT_REPORTED: "не представлено",
    ValueState.ZERO_DENOMINATOR: "знаменатель равен 0",
}


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator's value for one year, with the figures it was computed from.

    ``value`` is a percentage for shares and a number of events for counts; it
    is ``None`` unless ``state`` is ``OK``. ``contributors`` is the number of
    organisations whose figures are included.
    """

    indicator: Indicator
    year: int
    numerator: int | None
    denominator: int | None
    value: float | None
    state: ValueState
    target: float | None
    status: Status
    contributors: int

    @property
    def missed_target(self) -> bool:
        return self.status in (Status.BELOW, Status.NEAR)


def status_for(value: float | None, target: float | None) -> Status:
    """Compare a value with its target; ``None`` value means no data."""
    if value is None:
        return Status.NO_DATA
    if target is None:
        return Status.NO_TARGET
    if value >= target:
        return Status.REACHED
    if value >= target * NEAR_TARGET_SHARE:
        return Status.NEAR
    return Status.BELOW


def compute(indicator: Indicator, year: int, counts: CountValues) -> IndicatorResult:
    """Compute an indicator for one organisation's counts of one year."""
    return aggregate(indicator, year, [counts])


def aggregate(indicator: Indicator, year: int, organisations: Iterable[CountValues]) -> IndicatorResult:
    """Compute an indicator over several organisations' counts of one year.

    Only organisations that reported the numerator and, for a share, the
    denominator contribute; their numerators and denominators are summed.
    """
    numerator_sum = 0
    denominator_sum = 0
    contributors = 0
    for counts in organisations:
        numerator = counts.get(indicator.numerator)
        if numerator is None:
            continue
        if indicator.denominator is not None:
            denominator = counts.get(indicator.denominator)
            if denominator is None:
                continue
            denominator_sum += denominator
        numerator_sum += numerator
        contributors += 1

    return result_from_sums(indicator, year, numerator_sum, denominator_sum, contributors)


def result_from_sums(
    indicator: Indicator, year: int, numerator_sum: int, denominator_sum: int, contributors: int
) -> IndicatorResult:
    """Build a result from already summed figures, e.g. from a SQL GROUP BY."""
    target = indicator.target_for(year)
    if contributors == 0:
        return IndicatorResult(indicator, year, None, None, None, ValueState.NOT_REPORTED,
                               target, Status.NO_DATA, 0)

    if not indicator.is_share:
        value = float(numerator_sum)
        return IndicatorResult(indicator, year, numerator_sum, None, value, ValueState.OK,
                               target, status_for(value, target), contributors)

    if denominator_sum == 0:
        return IndicatorResult(indicator, year, numerator_sum, 0, None, ValueState.ZERO_DENOMINATOR,
                               target, Status.NO_DATA, contributors)

    value = numerator_sum / denominator_sum * 100
    status = Status.INCONSISTENT if numerator_sum > denominator_sum else status_for(value, target)
    return IndicatorResult(indicator, year, numerator_sum, denominator_sum, value, ValueState.OK,
                           target, status, contributors)


def format_value(result: IndicatorResult) -> str:
    """Format a result's value for Russian readers: «12,5 %», «3 ед.» or the state."""
    if result.value is None:
        return STATE_NAMES_RU[result.state]
    if result.indicator.is_share:
        return f"{result.value:.1f}".replace(".", ",") + " %"
    return f"{result.value:g} {result.indicator.unit}"
