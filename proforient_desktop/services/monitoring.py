"""The «Сводка» of one year: consolidation, completeness and plausibility from one read of the counts.

The screen needs all three at once, because its status line counts the
complete indicators and the unchecked warnings. Calling ``consolidate``,
``completeness`` and ``plausibility_warnings`` one by one would read the
year's counts three times. ``year_summary`` reads them once, with the
previous year's for the plausibility checks, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from proforient_desktop.services.completeness import CompletenessRow, completeness_of
from proforient_desktop.services.consolidation import Consolidation, consolidation_of, read_year
from proforient_desktop.services.consolidation_sql import read_counts
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import validate_year
from proforient_desktop.services.directory import last_package_dates
from proforient_desktop.services.plausibility import PlausibilityWarning, marks_of_year, warnings_of


@dataclass(frozen=True)
class YearSummary:
    """The contents of the «Сводка» screen for one reporting year."""

    consolidation: Consolidation
    completeness: list[CompletenessRow]
    warnings: list[PlausibilityWarning]

    @property
    def complete_indicators(self) -> int:
        return sum(row.met for row in self.completeness)

    @property
    def unchecked_warnings(self) -> int:
        return sum(not warning.checked for warning in self.warnings)


def year_summary(context: AppContext, year: int) -> YearSummary:
    """Return the consolidation, completeness and plausibility warnings of ``year`` for the installation."""
    validate_year(context.catalog, year)
    with context.database.transaction() as session:
        data = read_year(session, context.catalog, year)
        previous = read_counts(session, [year - 1], (member.id for member in data.members))[year - 1]
        dates = last_package_dates(session)
        marks = marks_of_year(session, year)

    warnings = warnings_of(context.catalog, year, data.members, data.counts, previous, data.municipality_names, marks)
    return YearSummary(consolidation_of(data), completeness_of(data, dates), warnings)
