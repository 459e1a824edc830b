"""The figures a report shows, gathered by ``services.reports`` and rendered here.

The writers in this package only format what they are given, so the same
data make the Excel tables and the PDF analytical report.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Mapping, Sequence

from proforient_desktop.catalog import Catalog, Indicator
from proforient_desktop.domain.indicators import IndicatorResult


class ReportLevel(str, enum.Enum):
    ORGANISATION = "org"
    MUNICIPALITY = "municipality"
    REGION = "region"


LEVEL_NAMES_RU: Mapping[ReportLevel, str] = {
    ReportLevel.ORGANISATION: "организация",
    ReportLevel.MUNICIPALITY: "муниципальное образование",
    ReportLevel.REGION: "регион",
}


@dataclass(frozen=True)
class LevelRow:
    """A unit one level below the report's subject, with its results by indicator code."""

    code: str
    name: str
    kind: str
    municipality_name: str
    year: int
    results: Mapping[str, IndicatorResult]


@dataclass(frozen=True)
class LevelSheet:
    """The rows of one level below the subject, e.g. all municipalities."""

    title: str
    rows: Sequence[LevelRow]


@dataclass(frozen=True)
class CountsRow:
    """The raw counts of one organisation for one year; a missing code was not reported."""

    organisation_code: str
    organisation_name: str
    municipality_name: str
    year: int
    counts: Mapping[str, int]


@dataclass(frozen=True)
class ActivityRow:
    """Activities held under one measure in one year."""

    year: int
    group_name: str
    measure_code: str
    measure_title: str
    held: int
    participants: int
    participants_sen: int


@dataclass(frozen=True)
class CompletenessLine:
    indicator: Indicator
    year: int
    expected: int
    reported: int
    percent: float | None
    required_percent: int
    met: bool
    missing: Sequence[str]


@dataclass(frozen=True)
class ReportData:
    """Everything one report shows about its subject (an organisation, a municipality or the region).

    ``results`` maps each year to the subject's results by indicator code and
    covers ``years`` and, where the data exist, the year before the first.
    """

    level: ReportLevel
    subject_code: str
    subject_name: str
    year: int
    years: Sequence[int]
    catalog: Catalog
    generated_at: dt.datetime
    results: Mapping[int, Mapping[str, IndicatorResult]]
    level_sheets: Sequence[LevelSheet] = ()
    counts: Sequence[CountsRow] = ()
    activities: Sequence[ActivityRow] = ()
    completeness: Sequence[CompletenessLine] = ()
    warnings: Sequence[str] = ()
    non_reporting: Sequence[str] = ()
    organisations_expected: int = 0
    organisations_reported: int = 0
    indicator_codes: Sequence[str] | None = None
    count_codes: Sequence[str] | None = None

    @property
    def indicators(self) -> list[Indicator]:
        """Return the indicators the report shows: those the subject reports, in catalogue order."""
        if self.indicator_codes is None:
            return list(self.catalog.indicators.values())
        return [self.catalog.indicators[code] for code in self.indicator_codes]

    def result(self, code: str, year: int) -> IndicatorResult | None:
        return self.results.get(year, {}).get(code)
