"""The reads behind the consolidation: a year's counts in one query, and the sums built from them.

Every screen and report of a year starts from ``read_counts``: one
``SELECT`` of the year's ``count_value`` rows (the covering index on year,
organisation, count serves it), fetched as plain tuples and grouped per
organisation in Python. The
indicators of every level are then summed from those dictionaries with
``level_sums``, so the database is read once per year instead of once per
level. Only portable SQL is used (SQLite and PostgreSQL).
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from typing import Iterable, Iterator, Mapping, Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Indicator
from proforient_desktop.domain.indicators import IndicatorResult, compute, result_from_sums
from proforient_desktop.storage.models import CountValue

Sums = tuple[int, int, int]
Counts = Mapping[str, int]
NO_COUNTS: Counts = {}
_YEAR_AND_ORGANISATION = itemgetter(0, 1)


def indicator_codes(indicators: Sequence[Indicator]) -> list[str]:
    """Return the count codes the indicators use, without repeats, in order."""
    codes: dict[str, None] = {}
    for indicator in indicators:
        codes.setdefault(indicator.numerator, None)
        if indicator.denominator is not None:
            codes.setdefault(indicator.denominator, None)
    return list(codes)


def read_counts(session: Session, years: Sequence[int], organisation_ids: Iterable[int] | None = None,
                count_codes: Sequence[str] | None = None) -> dict[int, dict[int, dict[str, int]]]:
    """Return ``{year: {organisation id: {count code: value}}}`` for ``years``, in one query.

    Rows of organisations outside ``organisation_ids`` (when given) are
    dropped while grouping, which is cheaper than a long ``IN`` list.
    """
    query = select(CountValue.year, CountValue.organisation_id, CountValue.count_code, CountValue.value)
    query = query.where(CountValue.year == years[0]) if len(years) == 1 else query.where(CountValue.year.in_(years))
    if count_codes is not None:
        query = query.where(CountValue.count_code.in_(list(count_codes)))
    # The order of the (year, organisation, count) index, so SQLite sorts nothing.
    query = query.order_by(CountValue.year, CountValue.organisation_id)
    selected = None if organisation_ids is None else set(organisation_ids)

    result: dict[int, dict[int, dict[str, int]]] = {year: {} for year in years}
    for (year, organisation_id), rows in groupby(fetch_tuples(session, query), key=_YEAR_AND_ORGANISATION):
        if selected is None or organisation_id in selected:
            result[year][organisation_id] = {code: value for _year, _organisation, code, value in rows}
    return result


def fetch_tuples(session: Session, query: Select) -> list[tuple]:
    """Run a Core query on the session's DB-API connection and return its rows as plain tuples.

    A year of a region is tens of thousands of rows. SQLAlchemy's result rows
    cost more to build than the query takes to run, and the columns read
    here (integers and strings) need no type conversion.
    """
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    parameters = compiled.params
    if compiled.positional:
        parameters = tuple(parameters[name] for name in compiled.positiontup)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), parameters)
        return cursor.fetchall()
    finally:
        cursor.close()


def level_sums(indicators: Sequence[Indicator], organisations: Iterable[Counts]) -> dict[str, Sums]:
    """Return ``{indicator code: (Σ numerator, Σ denominator, contributors)}`` over the organisations' counts.

    Only organisations that reported the numerator and, for a share, the
    denominator contribute (as ``domain.indicators.aggregate`` does).
    """
    organisations = list(organisations)
    sums = {}
    for indicator in indicators:
        numerator_code, denominator_code = indicator.numerator, indicator.denominator
        numerator_sum = denominator_sum = contributors = 0
        for counts in organisations:
            numerator = counts.get(numerator_code)
            if numerator is None:
                continue
            if denominator_code is not None:
                denominator = counts.get(denominator_code)
                if denominator is None:
                    continue
                denominator_sum += denominator
            numerator_sum += numerator
            contributors += 1
        sums[indicator.code] = (numerator_sum, denominator_sum, contributors)
    return sums


def add_sums(totals: dict[str, Sums], sums: Mapping[str, Sums]) -> None:
    """Add one group's sums into ``totals``, indicator by indicator."""
    for code, (numerator, denominator, contributors) in sums.items():
        old = totals.get(code, (0, 0, 0))
        totals[code] = (old[0] + numerator, old[1] + denominator, old[2] + contributors)


def results_from_sums(indicators: Sequence[Indicator], year: int, sums: Mapping[str, Sums]) -> dict[str, IndicatorResult]:
    """Return every indicator's result from its sums (no sums: not reported)."""
    return {indicator.code: result_from_sums(indicator, year, *sums.get(indicator.code, (0, 0, 0)))
            for indicator in indicators}


class OrganisationResults(Mapping[str, IndicatorResult]):
    """One organisation's results by indicator code, each computed on first access.

    Consolidating a country builds tens of thousands of organisations; most
    callers read a few indicators of a few of them, so results are made lazily
    from the organisation's counts.
    """

    __slots__ = ("_indicators", "_year", "_counts", "_cache")

    def __init__(self, indicators: Mapping[str, Indicator], year: int, counts: Counts) -> None:
        self._indicators = indicators
        self._year = year
        self._counts = counts
        self._cache: dict[str, IndicatorResult] = {}

    def __getitem__(self, code: str) -> IndicatorResult:
        result = self._cache.get(code)
        if result is None:
            result = self._cache[code] = compute(self._indicators[code], self._year, self._counts)
        return result

    def __iter__(self) -> Iterator[str]:
        return iter(self._indicators)

    def __len__(self) -> int:
        return len(self._indicators)
