"""The demo region's counts and targets: each whole before its parts, every part capped by its wholes."""

from __future__ import annotations

import graphlib
import random
from typing import Mapping

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.services import demo_data as data
from proforient_desktop.services.demo_model import DemoOrganisation, DemoRegion

# Percentage points the demo region adds to an indicator's target for each
# year after the programme's last one.
TARGET_STEP_PER_YEAR = 2.0


def demo_targets(catalog: Catalog, years: tuple[int, ...]) -> dict[tuple[str, int], float]:
    """Return targets the demo region sets for its years after the programme's last target.

    Each year past the programme adds ``TARGET_STEP_PER_YEAR`` percentage
    points to the last target, up to 100, as a region extending the
    programme might.
    """
    targets = {}
    for indicator in catalog.indicators.values():
        if not indicator.targets:
            continue
        last_year = max(indicator.targets)
        for year in years:
            if year > last_year:
                targets[(indicator.code, year)] = demo_target(indicator.targets, year)
    return targets


def demo_target(targets: Mapping[int, float], year: int) -> float:
    """Return the programme's target of ``year``, or the demo region's one past the programme."""
    if year in targets:
        return targets[year]
    last_year = max(targets)
    if year > last_year:
        return min(100.0, targets[last_year] + TARGET_STEP_PER_YEAR * (year - last_year))
    # Years before the programme keep its first target.
    return targets[min(targets)]


def region_counts(catalog: Catalog, region: DemoRegion) -> dict[int, dict[str, int]]:
    """Return the region's own counts: the sums over the demo organisations, capped by every rule.

    The region enters some counts from official statistics, which cover every
    organisation, so the sums of the generated counts stand in for them.
    """
    reported = {count.code for count in catalog.counts_for(Role.REGION)}
    order = CountGenerator(catalog, random.Random(0)).order
    wholes: dict[str, list[str]] = {}
    for rule in catalog.rules:
        wholes.setdefault(rule.part, []).append(rule.whole)

    result = {}
    for year in region.years:
        sums = {code: 0 for code in reported}
        for values_by_year in region.counts.values():
            for code, value in values_by_year.get(year, {}).items():
                if code in sums:
                    sums[code] += value
        for code in order:
            if code in sums:
                sums[code] = min([sums[code], *(sums[whole] for whole in wholes.get(code, ()) if whole in sums)])
        result[year] = sums
    return result



class CountGenerator:
    """Makes an organisation's counts of every year, wholes before parts."""

    def __init__(self, catalog: Catalog, rng: random.Random) -> None:
        self.catalog = catalog
        self.rng = rng
        self.wholes: dict[str, list[str]] = {}
        for rule in catalog.rules:
            self.wholes.setdefault(rule.part, []).append(rule.whole)
        # An indicator's numerator follows its target as a share of its denominator.
        self.steered = {
            indicator.numerator: indicator for indicator in catalog.indicators.values()
            if indicator.denominator is not None and indicator.targets
        }
        sorter = graphlib.TopologicalSorter({code: set(self.wholes.get(code, ())) for code in catalog.counts})
        for code, indicator in self.steered.items():
            sorter.add(code, indicator.denominator)
        self.order = [code for code in sorter.static_order() if code in catalog.counts]
        self.reported = {role: frozenset(count.code for count in catalog.counts_for(role)) for role in Role}
        self._targets: dict[tuple[str, int], float] = {}

    def counts_of(self, organisation: DemoOrganisation, years: tuple[int, ...]) -> dict[int, dict[str, int]]:
        reported = self.reported[Role(organisation.kind)]
        # Each organisation keeps its own level of performance from year to
        # year, so yearly changes stay small unless a deviation is applied.
        uniform = self.rng.uniform
        levels = {code: uniform(0.6, 1.25) for code in self.order}
        students = organisation.students
        result = {}
        for year in years:
            values = self._year(organisation, year, students, levels)
            result[year] = {code: value for code, value in values.items() if code in reported}
            students = max(10, round(students * uniform(*data.STUDENTS_DRIFT)))
        return result

    def _year(self, organisation: DemoOrganisation, year: int, students: int,
              levels: dict[str, float]) -> dict[str, int]:
        values: dict[str, int] = {}
        for code in self.order:
            value = self._value(organisation, year, code, students, values, levels[code])
            for whole in self.wholes.get(code, ()):
                if whole in values and values[whole] < value:
                    value = values[whole]
            values[code] = max(0, value)
        return values

    def _value(self, organisation: DemoOrganisation, year: int, code: str, students: int,
               values: dict[str, int], level: float) -> int:
        noise = 0.97 + 0.06 * self.rng.random()
        if code == "students_total":
            return students
        if code == "grade9_students_total":
            grades = values["grade9_11_students_total"]
            return grades if organisation.basic_only else round(grades * 0.4 * noise)
        if code == "grade10_11_students_total":
            return values["grade9_11_students_total"] - values["grade9_students_total"]
        if code == "grade10_12_sen_students_total" and organisation.basic_only:
            return 0
        if code in self.steered:
            indicator = self.steered[code]
            share = min(1.0, self._target(indicator, year) / 100 * level * noise)
            return round(values.get(indicator.denominator, 0) * share)
        if self.catalog.counts[code].unit == "ед.":
            low, high = data.COMPETITIONS_RANGE
            return round(low + (high - low) * (level - 0.6) / 0.65)
        whole = next((values[whole] for whole in self.wholes.get(code, ()) if whole in values), students)
        low, high = data.SHARE_RANGES.get(code, data.DEFAULT_SHARE_RANGE)
        share = low + (high - low) * (level - 0.6) / 0.65
        return round(whole * min(1.0, share * noise))

    def _target(self, indicator, year: int) -> float:
        # The demo region's own targets steer the years past the programme,
        # so that there too some values reach their target and others fall below it.
        key = (indicator.code, year)
        if key not in self._targets:
            self._targets[key] = demo_target(indicator.targets, year)
        return self._targets[key]

