"""The queries behind the consolidation: a year's counts pivoted per organisation, and sums per municipality.

Both pivot ``count_value`` with one ``MAX(CASE ...)`` column per count, so
the database returns one row per organisation instead of one per count.
``municipality_sums`` then sums each indicator's numerator and denominator
over the organisations that reported both, grouped by municipality, in the
same statement. Only portable SQL is used (SQLite and PostgreSQL).
"""

from __future__ import annotations

from typing import Iterator, Mapping, Sequence

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Indicator
from proforient_desktop.domain.indicators import IndicatorResult, result_from_sums
from proforient_desktop.services.directory import REPORTING_KINDS
from proforient_desktop.storage.models import CountValue, Organisation

Sums = tuple[int, int, int]


def indicator_codes(indicators: Sequence[Indicator]) -> list[str]:
    """Return the count codes the indicators use, without repeats, in order."""
    codes: dict[str, None] = {}
    for indicator in indicators:
        codes.setdefault(indicator.numerator, None)
        if indicator.denominator is not None:
            codes.setdefault(indicator.denominator, None)
    return list(codes)


def _pivot(year: int, codes: Sequence[str]):
    columns = [
        func.max(case((CountValue.count_code == code, CountValue.value))).label(f"c{index}")
        for index, code in enumerate(codes)
    ]
    return (
        select(CountValue.organisation_id.label("organisation_id"), *columns)
        .where(CountValue.year == year, CountValue.count_code.in_(list(codes)))
        .group_by(CountValue.organisation_id)
    )


def count_matrix(session: Session, year: int, codes: Sequence[str]) -> dict[int, tuple[int | None, ...]]:
    """Return ``{organisation id: (value of codes[0], value of codes[1], ...)}`` for ``year``; None = not reported."""
    return {row[0]: tuple(row[1:]) for row in session.execute(_pivot(year, codes))}


def municipality_sums(session: Session, year: int, indicators: Sequence[Indicator], codes: Sequence[str],
                      scope: str | None) -> dict[str | None, dict[str, Sums]]:
    """Return ``{municipality code: {indicator code: (Σ numerator, Σ denominator, contributors)}}``.

    Sums run over the directory's schools and colleges (not demo ones) that
    reported both counts of the indicator; ``scope`` limits them to one
    municipality. Organisations without a municipality come under None.
    """
    pivot = _pivot(year, codes).subquery()
    column = {code: pivot.c[f"c{index}"] for index, code in enumerate(codes)}
    aggregates = []
    for indicator in indicators:
        numerator = column[indicator.numerator]
        if indicator.denominator is None:
            reported = numerator.is_not(None)
            denominator_sum = literal(0)
        else:
            denominator = column[indicator.denominator]
            reported = and_(numerator.is_not(None), denominator.is_not(None))
            denominator_sum = func.sum(case((reported, denominator)))
        aggregates += [func.sum(case((reported, numerator))), denominator_sum, func.count(case((reported, 1)))]

    query = (
        select(Organisation.municipality_code, *aggregates)
        .join(pivot, pivot.c.organisation_id == Organisation.id)
        .where(Organisation.kind.in_(REPORTING_KINDS), Organisation.is_demo.is_(False))
        .group_by(Organisation.municipality_code)
    )
    if scope is not None:
        query = query.where(Organisation.municipality_code == scope)

    result: dict[str | None, dict[str, Sums]] = {}
    for row in session.execute(query):
        sums = {}
        for position, indicator in enumerate(indicators):
            numerator_sum, denominator_sum, contributors = row[1 + 3 * position: 4 + 3 * position]
            sums[indicator.code] = (int(numerator_sum or 0), int(denominator_sum or 0), int(contributors or 0))
        result[row[0]] = sums
    return result


def add_sums(totals: dict[str, Sums], sums: Mapping[str, Sums]) -> None:
    """Add one group's sums into ``totals``, indicator by indicator."""
    for code, (numerator, denominator, contributors) in sums.items():
        old = totals.get(code, (0, 0, 0))
        totals[code] = (old[0] + numerator, old[1] + denominator, old[2] + contributors)


class OrganisationResults(Mapping[str, IndicatorResult]):
    """One organisation's results by indicator code, each computed on first access.

    Consolidating a country builds tens of thousands of organisations; most
    callers read a few indicators of a few of them, so results are made lazily
    from the organisation's row of ``count_matrix``.
    """

    __slots__ = ("_indicators", "_year", "_values", "_columns", "_cache")

    def __init__(self, indicators: Mapping[str, Indicator], year: int, values: tuple[int | None, ...],
                 columns: Mapping[str, int]) -> None:
        self._indicators = indicators
        self._year = year
        self._values = values
        self._columns = columns
        self._cache: dict[str, IndicatorResult] = {}

    def __getitem__(self, code: str) -> IndicatorResult:
        result = self._cache.get(code)
        if result is None:
            result = self._cache[code] = self._compute(self._indicators[code])
        return result

    def __iter__(self) -> Iterator[str]:
        return iter(self._indicators)

    def __len__(self) -> int:
        return len(self._indicators)

    def _compute(self, indicator: Indicator) -> IndicatorResult:
        numerator = self._values[self._columns[indicator.numerator]]
        denominator = 0 if indicator.denominator is None else self._values[self._columns[indicator.denominator]]
        if numerator is None or denominator is None:
            return result_from_sums(indicator, self._year, 0, 0, 0)
        return result_from_sums(indicator, self._year, numerator, denominator, 1)
