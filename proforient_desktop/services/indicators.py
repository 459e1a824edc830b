"""Indicators of one organisation for a year, with targets, changes and warnings."""

from __future__ import annotations

from dataclasses import dataclass

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.domain.consistency import ConsistencyWarning, check_counts
from proforient_desktop.domain.indicators import IndicatorResult, compute
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import find_organisation, read_counts, validate_year
from proforient_desktop.services.targets import effective_catalog


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator's result, last year's result and the change in points or units."""

    result: IndicatorResult
    previous: IndicatorResult

    @property
    def change(self) -> float | None:
        if self.result.value is None or self.previous.value is None:
            return None
        return self.result.value - self.previous.value


@dataclass(frozen=True)
class OrganisationIndicators:
    organisation_code: str
    organisation_name: str
    year: int
    rows: list[IndicatorRow]
    warnings: list[ConsistencyWarning]


def relevant_indicators(catalog: Catalog, role: Role | None):
    """Return the indicators whose counts a role reports (all for other roles)."""
    if role not in (Role.SCHOOL, Role.COLLEGE):
        return list(catalog.indicators.values())
    reported = {count.code for count in catalog.counts_for(role)}
    return [indicator for indicator in catalog.indicators.values() if indicator.numerator in reported]


def compute_rows(catalog: Catalog, year: int, counts: dict[str, int], previous_counts: dict[str, int],
                 indicators=None) -> list[IndicatorRow]:
    indicators = indicators if indicators is not None else catalog.indicators.values()
    return [
        IndicatorRow(compute(indicator, year, counts), compute(indicator, year - 1, previous_counts))
        for indicator in indicators
    ]


def organisation_indicators(context: AppContext, year: int, *, org_code: str | None = None,
                            all_indicators: bool = False) -> OrganisationIndicators:
    catalog = effective_catalog(context)
    validate_year(catalog, year)
    with context.database.transaction() as session:
        organisation = find_organisation(session, org_code)
        counts = read_counts(session, organisation.id, year)
        previous = read_counts(session, organisation.id, year - 1)

    role = None if all_indicators else _role_of(organisation.kind)
    rows = compute_rows(catalog, year, counts, previous, relevant_indicators(catalog, role))
    return OrganisationIndicators(organisation.code, organisation.name, year, rows, check_counts(catalog, counts))


def _role_of(kind: str) -> Role | None:
    try:
        return Role(kind)
    except ValueError:
        return None
