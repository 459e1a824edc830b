"""Completeness of reporting per indicator against the sample rule of the methodology.

An indicator counts as complete when the organisations that reported both
its counts make up at least ``min_sample_percent`` of those expected to
report it: 90 % for monitoring data, 100 % for official statistics. The
expected ones are the directory's schools and colleges whose kind reports
the indicator's numerator and that are not closed in the year. At a
regional installation, an indicator whose figures the region entered from
official statistics is complete whatever the organisations sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from proforient_desktop.catalog import Catalog, Indicator
from proforient_desktop.services.consolidation import (
    YearData,
    has_figures,
    is_open_in_year,
    municipality_name,
    read_year,
)
from proforient_desktop.services.consolidation_sql import NO_COUNTS
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import validate_year
from proforient_desktop.services.directory import REPORTING_KINDS, last_package_dates


@dataclass(frozen=True)
class MissingOrganisation:
    """An organisation expected to report an indicator that has not; ``last_package_at`` None means never."""

    code: str
    name: str
    kind: str
    municipality_code: str
    municipality_name: str
    last_package_at: dt.datetime | None


@dataclass(frozen=True)
class CompletenessRow:
    """Completeness of one indicator in one year.

    ``percent`` is None when no organisation is expected. ``met`` is true
    when the sample rule holds. ``region_entered`` is true when the region
    entered the figures itself, which makes the indicator complete.
    """

    indicator: Indicator
    year: int
    expected: int
    reported: int
    percent: float | None
    required_percent: int
    met: bool
    missing: list[MissingOrganisation]
    region_entered: bool = False


def sample_met(reported: int, expected: int, required_percent: int) -> bool:
    """Tell whether ``reported`` of ``expected`` reach ``required_percent`` (exact integer arithmetic)."""
    return expected > 0 and reported * 100 >= required_percent * expected


def expected_kinds(catalog: Catalog, indicator: Indicator) -> frozenset[str]:
    """Return the kinds of organisation (school, college) that report the indicator's numerator."""
    reporters = catalog.counts[indicator.numerator].reported_by
    return frozenset(role.value for role in reporters if role.value in REPORTING_KINDS)


def completeness(context: AppContext, year: int, *, municipality_code: str | None = None) -> list[CompletenessRow]:
    """Return completeness of every indicator in ``year``, for the region or one municipality.

    The missing organisations are listed by municipality and name.
    """
    validate_year(context.catalog, year)
    with context.database.transaction() as session:
        data = read_year(session, context.catalog, year, municipality_code)
        dates = last_package_dates(session)
    return completeness_of(data, dates, with_region_entry=municipality_code is None)


def completeness_of(data: YearData, dates: Mapping[int, dt.datetime], *,
                    with_region_entry: bool = True) -> list[CompletenessRow]:
    """Return completeness of every indicator from one year's data, already read.

    ``dates`` are the last package times by organisation id. Without
    ``with_region_entry`` the region's own figures do not make an indicator
    complete (completeness of one municipality).
    """
    catalog, year, counts = data.catalog, data.year, data.counts
    members = [member for member in data.members if is_open_in_year(member, year)]
    region_counts = data.region_counts if with_region_entry else {}
    rows = []
    for indicator in catalog.indicators.values():
        kinds = expected_kinds(catalog, indicator)
        expected = [member for member in members if member.kind in kinds]
        numerator, denominator = indicator.numerator, indicator.denominator
        # has_figures() written out, because this runs for every indicator and organisation of the year.
        missing = [member for member in expected
                   if numerator not in (reported_counts := counts.get(member.id, NO_COUNTS))
                   or (denominator is not None and denominator not in reported_counts)]
        reported = len(expected) - len(missing)
        region_entered = has_figures(indicator, region_counts)
        rows.append(CompletenessRow(
            indicator=indicator,
            year=year,
            expected=len(expected),
            reported=reported,
            percent=reported / len(expected) * 100 if expected else None,
            required_percent=indicator.min_sample_percent,
            met=region_entered or sample_met(reported, len(expected), indicator.min_sample_percent),
            missing=sorted(
                (MissingOrganisation(m.code, m.name, m.kind, m.municipality_code,
                                     municipality_name(data.municipality_names, m.municipality_code),
                                     dates.get(m.id))
                 for m in missing),
                key=lambda item: (item.municipality_name, item.name),
            ),
            region_entered=region_entered,
        ))
    return rows


def reminder_text(rows: list[CompletenessRow]) -> str:
    """Return the organisations missing any indicator as plain Russian text to paste into a reminder."""
    missing: dict[str, MissingOrganisation] = {}
    indicators: dict[str, list[str]] = {}
    for row in rows:
        for organisation in row.missing:
            missing.setdefault(organisation.code, organisation)
            indicators.setdefault(organisation.code, []).append(row.indicator.label)
    if not missing:
        return "Все организации представили данные."

    lines = []
    for organisation in sorted(missing.values(), key=lambda item: (item.municipality_name, item.name)):
        last = (f"последний пакет {organisation.last_package_at:%d.%m.%Y}" if organisation.last_package_at
                else "пакетов не было")
        lines.append(
            f"{organisation.municipality_name}\t{organisation.name}\t{organisation.code}\t{last}\t"
            f"не представлены: {', '.join(indicators[organisation.code])}"
        )
    return "\n".join(lines)
