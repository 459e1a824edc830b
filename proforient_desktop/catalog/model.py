"""Typed objects of the official methodology catalogue."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


class Role(str, enum.Enum):
    """The role of an installation, which is also the kind of its organisation."""

    SCHOOL = "school"
    COLLEGE = "college"
    MUNICIPALITY = "municipality"
    REGION = "region"


ROLE_NAMES_RU: Mapping[Role, str] = MappingProxyType({
    Role.SCHOOL: "общеобразовательная организация",
    Role.COLLEGE: "профессиональная образовательная организация",
    Role.MUNICIPALITY: "орган местного самоуправления",
    Role.REGION: "региональный оператор",
})


class CollectionMethod(str, enum.Enum):
    MONITORING = "monitoring"
    OFFICIAL_STATISTICS = "official_statistics"


@dataclass(frozen=True)
class Count:
    """A figure an organisation reports for a year (численность ...)."""

    code: str
    symbol: str
    definition: str
    unit: str
    reported_by: frozenset[Role]

    @property
    def label(self) -> str:
        """The programme's symbol, or the definition where the programme gives none."""
        return self.symbol or self.definition

    @property
    def caption(self) -> str:
        """The symbol with the definition in brackets, for messages: «Чоко (общая ...)»."""
        return f"{self.symbol} ({self.definition})" if self.symbol else self.definition


@dataclass(frozen=True)
class MonitoringRow:
    """An indicator's row in Appendix 2: how and from whom it is collected."""

    number: int
    name: str
    collection_method: CollectionMethod
    sample: str
    min_sample_percent: int


@dataclass(frozen=True)
class Indicator:
    """An indicator: a share in per cent, or a number of events (unit «ед.»)."""

    code: str
    label: str
    name: str
    unit: str
    track: int
    numerator: str
    denominator: str | None
    periodicity: str
    targets: Mapping[int, float]
    assessment_position: str = ""
    target_wording: str = ""
    monitoring: MonitoringRow | None = None
    collection_method: CollectionMethod = CollectionMethod.MONITORING
    min_sample_percent: int = 90

    @property
    def is_share(self) -> bool:
        return self.denominator is not None

    def target_for(self, year: int) -> float | None:
        return self.targets.get(year)


@dataclass(frozen=True)
class ConsistencyRule:
    """The count ``part`` must not exceed the count ``whole``."""

    part: str
    whole: str


@dataclass(frozen=True)
class MeasureGroup:
    number: int
    name: str


@dataclass(frozen=True)
class Executor:
    code: str
    name: str
    abbreviation: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class Measure:
    """A measure of section 5 of the programme."""

    code: str
    group: int
    title: str
    deadline: str
    executors_text: str
    executors: tuple[str, ...]
    report_form: str
    report_form_kind: str
    years: tuple[int, ...] | None = None
    competition: bool = False

    def is_due_in(self, year: int) -> bool:
        return self.years is None or year in self.years


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class Track:
    number: int
    name: str
    short_name: str


@dataclass(frozen=True)
class Catalog:
    """The whole methodology, validated; look-ups by code are dictionaries."""

    version: int
    title: str
    source: str
    first_year: int
    tracks: Mapping[int, Track]
    counts: Mapping[str, Count]
    indicators: Mapping[str, Indicator]
    rules: tuple[ConsistencyRule, ...]
    measure_groups: Mapping[int, MeasureGroup]
    measures: Mapping[str, Measure]
    executors: Mapping[str, Executor]
    municipalities: Mapping[str, Municipality]
    municipality_kinds: Mapping[str, str]
    collection_method_names: Mapping[CollectionMethod, str] = field(default_factory=dict)

    def counts_for(self, role: Role) -> list[Count]:
        """Return the counts a role enters, in catalogue order."""
        return [count for count in self.counts.values() if role in count.reported_by]

    def measures_for(self, role: Role) -> list[Measure]:
        """Return the measures whose executors include this kind of organisation."""
        executor_codes = {code for code, executor in self.executors.items() if role in executor.roles}
        return [m for m in self.measures.values() if executor_codes.intersection(m.executors)]

    def indicators_of_track(self, track: int) -> list[Indicator]:
        return [indicator for indicator in self.indicators.values() if indicator.track == track]

    def indicators_using(self, count_code: str) -> list[Indicator]:
        return [
            indicator for indicator in self.indicators.values()
            if count_code in (indicator.numerator, indicator.denominator)
        ]
