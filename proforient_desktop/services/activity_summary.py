"""Activities held in a year, summed per municipality, measure group and measure.

For each municipality: how many activities were held and how many took
part (of them students with SEN or disability), per measure group and
measure; the measures due this year that no organisation of the territory
has an activity for; and the number of competitions (the count indicator
М12) computed from the activity records of measures marked as competitions.
Activities of the region and of colleges without a municipality form the
pseudo-municipality ``REGION_SUBORDINATE_CODE``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from proforient_desktop.catalog import Catalog, Measure, Role
from proforient_desktop.catalog.model import MeasureGroup
from proforient_desktop.services.consolidation import REGION_LEVEL_CODE, REGION_SUBORDINATE_CODE, municipality_name
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import validate_year
from proforient_desktop.services.directory import installation_scope, municipality_names
from proforient_desktop.storage.models import Activity, Organisation

# Kinds of organisation whose measures a territory carries out.
MUNICIPAL_ROLES = (Role.SCHOOL, Role.MUNICIPALITY)
REGIONAL_ROLES = (Role.COLLEGE, Role.REGION)


@dataclass(frozen=True)
class Tally:
    """Activities held, participants and of them students with SEN or disability."""

    held: int = 0
    participants: int = 0
    participants_sen: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.held + other.held, self.participants + other.participants,
                     self.participants_sen + other.participants_sen)


@dataclass(frozen=True)
class MeasureActivity:
    measure: Measure
    tally: Tally


@dataclass(frozen=True)
class GroupActivity:
    """A measure group's total and its measures that had activities, in catalogue order."""

    group: MeasureGroup
    tally: Tally
    measures: list[MeasureActivity]


@dataclass(frozen=True)
class TerritoryActivity:
    """The activity summary of one municipality, or of the region (code «region»).

    ``competitions`` is the number of activities of measures marked as
    competitions. ``measures_without_activity`` are the measures due in the
    year, assigned to the territory's kinds of organisation, with no activity.
    """

    code: str
    name: str
    tally: Tally
    groups: list[GroupActivity]
    competitions: int
    measures_without_activity: list[Measure]


@dataclass(frozen=True)
class ActivitySummary:
    year: int
    region: TerritoryActivity
    municipalities: list[TerritoryActivity]


def activity_summary(context: AppContext, year: int) -> ActivitySummary:
    """Return the activities of ``year`` summed per municipality, measure group and measure."""
    catalog = context.catalog
    validate_year(catalog, year)
    with context.database.transaction() as session:
        scope = installation_scope(session)
        query = (
            select(Organisation.municipality_code, Activity.measure_code, func.count(Activity.id),
                   func.sum(Activity.participants_total), func.sum(Activity.participants_sen))
            .join(Organisation, Organisation.id == Activity.organisation_id)
            .where(Activity.held_on >= dt.date(year, 1, 1), Activity.held_on <= dt.date(year, 12, 31),
                   Organisation.is_demo.is_(False))
            .group_by(Organisation.municipality_code, Activity.measure_code)
        )
        if scope is not None:
            query = query.where(Organisation.municipality_code == scope)
        rows = session.execute(query).all()
        names = municipality_names(session)

    by_territory: dict[str, dict[str, Tally]] = {}
    for municipality_code, measure_code, held, participants, sen in rows:
        territory = by_territory.setdefault(municipality_code or REGION_SUBORDINATE_CODE, {})
        territory[measure_code] = territory.get(measure_code, Tally()) + Tally(held, participants or 0, sen or 0)

    municipalities = [
        _territory(catalog, year, code, municipality_name(names, code), tallies,
                   REGIONAL_ROLES if code == REGION_SUBORDINATE_CODE else MUNICIPAL_ROLES)
        for code, tallies in by_territory.items()
    ]
    municipalities.sort(key=lambda item: (item.code == REGION_SUBORDINATE_CODE, item.name))

    region_tallies: dict[str, Tally] = {}
    for tallies in by_territory.values():
        for measure_code, tally in tallies.items():
            region_tallies[measure_code] = region_tallies.get(measure_code, Tally()) + tally
    region = _territory(catalog, year, REGION_LEVEL_CODE, "Итого", region_tallies, tuple(Role))
    return ActivitySummary(year, region, municipalities)


def _territory(catalog: Catalog, year: int, code: str, name: str, tallies: dict[str, Tally],
               roles: tuple[Role, ...]) -> TerritoryActivity:
    groups = []
    for number, group in catalog.measure_groups.items():
        measures = [
            MeasureActivity(measure, tallies[measure.code])
            for measure in catalog.measures.values() if measure.group == number and measure.code in tallies
        ]
        total = sum((item.tally for item in measures), Tally())
        groups.append(GroupActivity(group, total, measures))

    assigned = {measure.code: measure for role in roles for measure in catalog.measures_for(role)}
    without_activity = [
        measure for measure in catalog.measures.values()
        if measure.code in assigned and measure.is_due_in(year) and measure.code not in tallies
    ]
    competitions = sum(
        tally.held for measure_code, tally in tallies.items()
        if measure_code in catalog.measures and catalog.measures[measure_code].competition
    )
    return TerritoryActivity(code, name, sum((group.tally for group in groups), Tally()), groups, competitions,
                             without_activity)
