"""Consolidated indicators at region, municipality and organisation level, and their dynamics.

Public contract (the reports and the «Сводка» screen build on it):

- ``consolidate(context, year) -> Consolidation``: every indicator of the
  catalogue for every school and college of the database, every
  municipality and the region, with the effective targets
  (``services.targets.effective_catalog``).
- ``dynamics(context, indicator_code, level_code, years) -> list[(year, IndicatorResult)]``:
  one indicator at one level over several years.
- ``read_year(session, catalog, year)`` and ``consolidation_of(data)``: the
  same in two steps, so that one read of the year's counts also serves
  completeness and plausibility (``services.monitoring.year_summary``).

Beside it: ``services.completeness.completeness``,
``services.plausibility.plausibility_warnings``,
``services.activity_summary.activity_summary`` and
``services.targets.effective_catalog``.

An aggregate is Σ numerators / Σ denominators over the organisations that
reported both (``domain.indicators``), never a mean of percentages. At the
region level, an indicator whose counts the region entered itself from
official statistics takes the region's figures instead of the sum. The
level lists such indicators in ``region_entered``.

Schools and colleges without a municipality (colleges under the region)
form the pseudo-municipality ``REGION_SUBORDINATE_CODE``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Catalog, Indicator, Role
from proforient_desktop.domain.indicators import IndicatorResult, aggregate, compute
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import validate_year
from proforient_desktop.services.consolidation_sql import (
    NO_COUNTS,
    OrganisationResults,
    Sums,
    add_sums,
    indicator_codes,
    level_sums,
    read_counts,
    results_from_sums,
)
from proforient_desktop.services.directory import REPORTING_KINDS, installation_scope, municipality_names
from proforient_desktop.services.installation import Installation, load_installation
from proforient_desktop.services.targets import catalog_for_session
from proforient_desktop.storage.models import CountValue, Organisation

log = logging.getLogger(__name__)

REGION_LEVEL = "region"
MUNICIPALITY_LEVEL = "municipality"
REGION_LEVEL_CODE = "region"
REGION_SUBORDINATE_CODE = "region_subordinate"
REGION_SUBORDINATE_NAME = "Организации краевого подчинения"
REGION_TOTAL_NAME = "Итого"


@dataclass(frozen=True)
class LevelResult:
    """One row of the drill-down: the region, a municipality or an organisation.

    ``kind`` is «region», «municipality», «school» or «college».
    ``municipality_code`` is the municipality an organisation belongs to (the
    municipality's own code for a municipality, None for the region).
    ``results`` maps every indicator code of the catalogue to its result.
    ``region_entered`` lists the indicators whose region-level figures the
    region entered from official statistics.
    """

    code: str
    name: str
    kind: str
    municipality_code: str | None
    results: Mapping[str, IndicatorResult]
    region_entered: frozenset[str] = frozenset()
    closed_from_year: int | None = None

    def missed_targets(self) -> list[str]:
        """Return the codes of the indicators whose value is below the target."""
        return [code for code, result in self.results.items() if result.missed_target]


@dataclass(frozen=True)
class Consolidation:
    """The consolidated indicators of one reporting year at every level."""

    year: int
    region: LevelResult
    municipalities: list[LevelResult]
    organisations: list[LevelResult]
    catalog: Catalog = field(repr=False, compare=False, default=None)

    def organisations_in(self, municipality_code: str) -> list[LevelResult]:
        return [level for level in self.organisations if level.municipality_code == municipality_code]

    def find(self, code: str) -> LevelResult | None:
        """Return the level with ``code``: «region», a municipality's or an organisation's code."""
        if code == self.region.code:
            return self.region
        for level in (*self.municipalities, *self.organisations):
            if level.code == code:
                return level
        return None


@dataclass(frozen=True)
class Member:
    """A school or college as the consolidation needs it."""

    id: int
    code: str
    name: str
    kind: str
    municipality_code: str
    closed_from_year: int | None


@dataclass(frozen=True)
class YearData:
    """The data of one year that the consolidation, completeness and plausibility read in one transaction.

    ``counts`` maps an organisation id to its counts of the year;
    ``region_counts`` are those the region entered itself (a regional
    installation only), ``region_name`` its name.
    """

    year: int
    catalog: Catalog
    members: list[Member]
    counts: Mapping[int, Mapping[str, int]]
    municipality_names: Mapping[str, str]
    region_counts: Mapping[str, int]
    region_name: str | None


def read_year(session: Session, catalog: Catalog, year: int, municipality_code: str | None = None) -> YearData:
    """Read everything the year's consolidation needs: the directory, the counts (one query), the region's entry.

    The installation's own territory limits the organisations; a regional
    installation may narrow them to ``municipality_code``.
    """
    effective = catalog_for_session(catalog, session)
    members = load_members(session, installation_scope(session) or municipality_code)
    counts = read_counts(session, [year], (member.id for member in members))[year]
    region_counts, region_name = region_entry(session, year)
    return YearData(year, effective, members, counts, municipality_names(session), region_counts, region_name)


def consolidate(context: AppContext, year: int) -> Consolidation:
    """Compute every indicator of ``year`` for each organisation, municipality and the region."""
    validate_year(context.catalog, year)
    with context.database.transaction() as session:
        data = read_year(session, context.catalog, year)
    return consolidation_of(data)


def consolidation_of(data: YearData) -> Consolidation:
    """Compute the consolidation from one year's data, already read.

    Organisations' results are computed when first read
    (``OrganisationResults``); municipalities and the region are summed at once.
    """
    catalog, year = data.catalog, data.year
    indicators = list(catalog.indicators.values())
    codes = frozenset(indicator_codes(indicators))
    organisations = []
    by_municipality: dict[str, list[Mapping[str, int]]] = {}
    for member in data.members:
        counts = data.counts.get(member.id, NO_COUNTS)
        if codes.isdisjoint(counts) and not is_open_in_year(member, year):
            continue
        organisations.append(LevelResult(member.code, member.name, member.kind, member.municipality_code,
                                         OrganisationResults(catalog.indicators, year, counts),
                                         closed_from_year=member.closed_from_year))
        by_municipality.setdefault(member.municipality_code, []).append(counts)

    municipalities = []
    region_totals: dict[str, Sums] = {}
    for code, members_counts in by_municipality.items():
        sums = level_sums(indicators, members_counts)
        add_sums(region_totals, sums)
        municipalities.append(LevelResult(code, municipality_name(data.municipality_names, code), MUNICIPALITY_LEVEL,
                                          code, results_from_sums(indicators, year, sums)))
    municipalities.sort(key=lambda level: (level.code == REGION_SUBORDINATE_CODE, level.name))
    order = {level.code: index for index, level in enumerate(municipalities)}
    organisations.sort(key=lambda level: (order[level.municipality_code], level.name, level.code))

    region = _region_level(indicators, year, region_totals, data.region_counts, data.region_name or REGION_TOTAL_NAME)
    log.info("Consolidated %d: %d organisations, %d municipalities", year, len(organisations), len(municipalities))
    return Consolidation(year, region, municipalities, organisations, catalog)


def dynamics(context: AppContext, indicator_code: str, level_code: str | None,
             years: Iterable[int]) -> list[tuple[int, IndicatorResult]]:
    """Return one indicator's result at one level for each of ``years``, in year order.

    ``level_code`` is None or «region» for the region, a municipality's code
    or an organisation's code. The counts of every year come in one query.
    """
    years = sorted(set(years))
    for year in years:
        validate_year(context.catalog, year)
    with context.database.transaction() as session:
        catalog = catalog_for_session(context.catalog, session)
        indicator = find_indicator(catalog, indicator_code)
        members = _members_of_level(session, installation_scope(session), level_code)
        codes = [code for code in (indicator.numerator, indicator.denominator) if code]
        by_year = read_counts(session, years, (member.id for member in members), codes) if years else {}
        region_entries = region_entries_by_year(session, years) if _is_region(level_code) else {}

    series = []
    for year in years:
        region_counts = region_entries.get(year, {})
        if has_figures(indicator, region_counts):
            series.append((year, compute(indicator, year, region_counts)))
            continue
        series.append((year, aggregate(indicator, year, by_year[year].values())))
    return series


def load_members(session: Session, municipality_code: str | None = None) -> list[Member]:
    """Return the schools and colleges of the directory (of one municipality if given), by name."""
    query = (
        select(Organisation.id, Organisation.code, Organisation.name, Organisation.kind,
               Organisation.municipality_code, Organisation.closed_from_year)
        .where(Organisation.kind.in_(REPORTING_KINDS), Organisation.is_demo.is_(False))
        .order_by(Organisation.name, Organisation.code)
    )
    if municipality_code is not None:
        query = query.where(Organisation.municipality_code == municipality_code)
    return [
        Member(id_, code, name, kind, municipality or REGION_SUBORDINATE_CODE, closed_from_year)
        for id_, code, name, kind, municipality, closed_from_year in session.connection().execute(query)
    ]


def read_year_counts(session: Session, year: int, organisation_ids: Sequence[int],
                     count_codes: Sequence[str] | None = None) -> dict[int, dict[str, int]]:
    """Return the counts of one year by organisation id: ``{id: {count code: value}}``.

    One query reads the whole year; rows of organisations outside
    ``organisation_ids`` are dropped while grouping.
    """
    return read_counts(session, [year], organisation_ids, count_codes)[year]


def is_open_in_year(member: Member, year: int) -> bool:
    return member.closed_from_year is None or year < member.closed_from_year


def municipality_name(names: Mapping[str, str], code: str) -> str:
    if code == REGION_SUBORDINATE_CODE:
        return REGION_SUBORDINATE_NAME
    return names.get(code, code)


def _region_level(indicators: list[Indicator], year: int, totals: Mapping[str, Sums],
                  region_counts: Mapping[str, int], name: str) -> LevelResult:
    results = results_from_sums(indicators, year, totals)
    entered = set()
    for indicator in indicators:
        if has_figures(indicator, region_counts):
            results[indicator.code] = compute(indicator, year, region_counts)
            entered.add(indicator.code)
    return LevelResult(REGION_LEVEL_CODE, name, REGION_LEVEL, None, results, frozenset(entered))


def has_figures(indicator: Indicator, counts: Mapping[str, int]) -> bool:
    """Tell whether ``counts`` hold the indicator's numerator and, for a share, its denominator."""
    if indicator.numerator not in counts:
        return False
    return indicator.denominator is None or indicator.denominator in counts


def region_entry(session: Session, year: int) -> tuple[dict[str, int], str | None]:
    """Return the counts the region entered itself for ``year`` and the region's name.

    Only a regional installation has such counts; elsewhere both are empty.
    """
    installation = load_installation(session)
    if installation is None or installation.role is not Role.REGION:
        return {}, None
    return region_entries_by_year(session, [year], installation)[year], installation.organisation_name


def region_entries_by_year(session: Session, years: Sequence[int],
                           installation: Installation | None = None) -> dict[int, dict[str, int]]:
    """Return the counts the region entered itself for each of ``years``, in one query (empty elsewhere)."""
    installation = installation or load_installation(session)
    entries: dict[int, dict[str, int]] = {year: {} for year in years}
    if installation is None or installation.role is not Role.REGION:
        return entries
    rows = session.connection().execute(
        select(CountValue.year, CountValue.count_code, CountValue.value)
        .join(Organisation, Organisation.id == CountValue.organisation_id)
        .where(Organisation.code == installation.organisation_code, CountValue.year.in_(list(years)))
    )
    for year, code, value in rows:
        entries[year][code] = value
    return entries


def _is_region(level_code: str | None) -> bool:
    return level_code in (None, REGION_LEVEL_CODE)


def _members_of_level(session: Session, scope: str | None, level_code: str | None) -> list[Member]:
    members = load_members(session, scope)
    if _is_region(level_code):
        return members
    selected = [m for m in members if level_code in (m.code, m.municipality_code)]
    if not selected and level_code not in municipality_names(session) and level_code != REGION_SUBORDINATE_CODE:
        raise InvalidInputError(
            f"Уровень «{level_code}» не найден: укажите region, код муниципального образования или код организации."
        )
    return selected


def find_indicator(catalog: Catalog, code: str) -> Indicator:
    """Return the indicator with code «P1» or label «П1»; raise ``InvalidInputError`` otherwise."""
    indicator = catalog.indicators.get(code)
    if indicator is None:
        by_label = {item.label.casefold(): item for item in catalog.indicators.values()}
        indicator = by_label.get(code.strip().casefold())
    if indicator is None:
        raise InvalidInputError(
            f"Неизвестный показатель «{code}»: укажите код (P1) или обозначение (П1) показателя."
        )
    return indicator

