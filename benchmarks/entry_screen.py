"""The activities screen with 10,000 activities: open, scroll, filter and sort.

A demo school installation contains 10,000 activities (2,000 a year over five
years). Each step ends with a synchronous repaint of the table, so the time
includes painting the visible rows. Goal: under 100 ms per step. The floor of
each step is the same step on a plain ``QTableView`` over a
minimal list model holding the same 10,000 rows, behind a
``QSortFilterProxyModel``, with no database and no application code.
The script runs each step at least ``MIN_RUNS`` times, because on a shared
two-core machine the median of five runs of the same step varied by a
factor of two.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from benchmarks.common import Report, measure, parse_args  # noqa: E402
from benchmarks.fixtures import Installations  # noqa: E402
from proforient_desktop.catalog import Role  # noqa: E402
from proforient_desktop.exchange.snapshot_store import replace_snapshot  # noqa: E402
from proforient_desktop.services.demo import generate_region  # noqa: E402
from proforient_desktop.services.demo_install import snapshot_of  # noqa: E402
from proforient_desktop.services.installation import initialize, own_organisation  # noqa: E402
from proforient_desktop.ui.activities_screen import ActivitiesScreen  # noqa: E402

YEARS = (2022, 2023, 2024, 2025, 2026)
ACTIVITIES_PER_YEAR = 2000
GOAL_SECONDS = 0.1
MIN_RUNS = 11
SEARCH_TEXT = "Мастер-класс"
SIZE = (1366, 768)


def _school_with_activities(installations: Installations):
    region = generate_region(installations.catalog, schools=1, colleges=0, years=YEARS,
                             activities_per_year=ACTIVITIES_PER_YEAR, deviations=False)
    school = region.of_kind(Role.SCHOOL.value)[0]
    context = installations.open(installations.empty())
    initialize(context, Role.SCHOOL, school.code, school.name, school.municipality_code)
    with context.database.transaction() as session:
        replace_snapshot(session, own_organisation(session), snapshot_of(region, school.code))
    return context, region.activities[school.code]


def _painted(table: QTableView) -> None:
    # A view lays out changed rows on a zero timer; the event loop runs that before it paints.
    # Laying out first makes the step paint the table once, as a user sees it, instead of
    # painting the old layout and then painting again.
    table.doItemsLayout()
    table.viewport().repaint()
    QApplication.processEvents()


class _Screen:
    """The application's activities screen, driven the way a user drives it."""

    def __init__(self, context) -> None:
        self.context = context
        self.widget = None

    def open(self) -> None:
        self.widget = ActivitiesScreen(self.context)
        self.widget.resize(*SIZE)
        self.widget.show()
        self.all_years()

    def all_years(self) -> None:
        self.widget.year_box.setCurrentIndex(self.widget.year_box.count() - 1)
        _painted(self.widget.table)

    def scroll(self) -> None:
        self.widget.table.scrollToBottom()
        _painted(self.widget.table)

    def search(self) -> None:
        self.widget.search_edit.setText(SEARCH_TEXT)
        _painted(self.widget.table)

    def clear_search(self) -> None:
        self.widget.search_edit.clear()
        self.widget.table.scrollToTop()
        _painted(self.widget.table)

    def by_measure(self) -> None:
        self.widget.measure_filter.setCurrentIndex(2)
        _painted(self.widget.table)

    def all_measures(self) -> None:
        self.widget.measure_filter.setCurrentIndex(0)
        _painted(self.widget.table)

    def sort_by_title(self) -> None:
        self.widget.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        _painted(self.widget.table)

    def sort_by_date(self) -> None:
        self.widget.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        _painted(self.widget.table)

    def close(self) -> None:
        if self.widget is not None:
            self.widget.close()
            self.widget.deleteLater()
            QApplication.processEvents()
            self.widget = None

    def reopen(self) -> None:
        self.close()
        self.open()


class _ListModel(QAbstractTableModel):
    """The smallest table model: display strings from a list of tuples."""

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows[0])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


class _Floor:
    """A plain table over a minimal list model with the same rows."""

    def __init__(self, activities) -> None:
        self.rows = [
            (activity.held_on.isoformat(), activity.measure_code, activity.title, activity.format,
             str(activity.participants_total), str(activity.participants_sen), activity.grade_band,
             activity.partners)
            for activity in activities
        ]
        self.table = None

    def open(self) -> None:
        self.model = _ListModel(self.rows)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.resize(*SIZE)
        self.table.show()
        _painted(self.table)

    def scroll(self) -> None:
        self.table.scrollToBottom()
        _painted(self.table)

    def search(self) -> None:
        self.proxy.setFilterFixedString(SEARCH_TEXT)
        _painted(self.table)

    def clear_search(self) -> None:
        self.proxy.setFilterFixedString("")
        self.table.scrollToTop()
        _painted(self.table)

    def by_measure(self) -> None:
        self.proxy.setFilterKeyColumn(1)
        self.proxy.setFilterFixedString(self.rows[0][1])
        _painted(self.table)

    def all_measures(self) -> None:
        self.proxy.setFilterFixedString("")
        self.proxy.setFilterKeyColumn(-1)
        _painted(self.table)

    def sort_by_title(self) -> None:
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        _painted(self.table)

    def sort_by_date(self) -> None:
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        _painted(self.table)

    def close(self) -> None:
        if self.table is not None:
            self.table.close()
            self.table.deleteLater()
            QApplication.processEvents()
            self.table = None

    def reopen(self) -> None:
        self.close()
        self.open()


class _CpuClock:
    """The process CPU time of each timed run, which the machine's other jobs change far less than wall time."""

    def __init__(self) -> None:
        self.seconds: dict[str, list[float]] = {}

    def timed(self, step: str, operation: Callable[[], None]) -> Callable[[object], None]:
        runs = self.seconds.setdefault(step, [])

        def run(_setup_result: object) -> None:
            started = time.process_time()
            operation()
            runs.append(time.process_time() - started)

        return run

    def median(self, step: str) -> float:
        return statistics.median(self.seconds[step])


def _steps(subject, runs: int, clock: _CpuClock) -> dict[str, object]:
    """Time each step of ``subject``; the untimed setup of each run restores the state before the step."""
    def nothing() -> None:
        pass

    # Each step: its name, the operation, the setup before each run, the cleanup after the last run.
    steps = (
        ("open", subject.open, subject.close, nothing),
        ("scroll to the last row", subject.scroll, subject.clear_search, nothing),
        ("filter by text", subject.search, subject.clear_search, subject.clear_search),
        ("filter by measure", subject.by_measure, subject.all_measures, subject.all_measures),
        ("sort by title", subject.sort_by_title, subject.sort_by_date, nothing),
        # The screen builds search texts and text sort keys on first use, so a fresh screen pays for them once.
        ("filter by text, first after opening", subject.search, subject.reopen, nothing),
        ("sort by title, first after opening", subject.sort_by_title, subject.reopen, nothing),
    )
    timings = {}
    for step, operation, setup, cleanup in steps:
        timings[step] = measure(clock.timed(step, operation), runs=runs, setup=setup)
        cleanup()
    subject.close()
    return timings


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    report = Report("entry_screen", "Activities screen with 10,000 activities")
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="proforient-entry-") as scratch:
        installations = Installations(Path(scratch))
        context, activities = _school_with_activities(installations)

        screen_clock = _CpuClock()
        runs = max(args.runs, MIN_RUNS)
        screen_timings = _steps(_Screen(context), runs, screen_clock)
        floor_timings = _steps(_Floor(activities), runs, _CpuClock())
        context.close()

    for step, timing in screen_timings.items():
        verdict = "met" if timing.median < GOAL_SECONDS else "not met"
        report.add(f"Activities screen: {step}", "1 school, 10,000 activities", timing,
                   floor=floor_timings[step], floor_name="plain QTableView over a minimal list model",
                   goal=f"< {GOAL_SECONDS * 1000:.0f} ms — {verdict}",
                   note=f"median CPU time of the process {screen_clock.median(step):.3f} s")
        print(f"  median CPU time of the process {screen_clock.median(step):.3f} s", flush=True)
    report.note("The screen is 1366×768 on the offscreen Qt platform and shows all years. Peak memory of "
                "the open step includes loading the 10,000 records. The floor filters and sorts through a "
                "generic QSortFilterProxyModel that calls the Python model for every cell it compares; where "
                "the screen's own filter or sort is faster, the ratio is below 1. The screen builds its search "
                "texts and the sort keys of a text column on first use: the steps named «first after opening» "
                "include that, the others repeat the step on the same screen. The screen reads only the uid, "
                "measure and date of every activity when it opens; the other columns of the shown rows are "
                "read a page at a time as they are painted, and those a sort or a search compares in one "
                "query on first use, which the steps «first after opening» include.")
    app.processEvents()
    report.save()


if __name__ == "__main__":
    main()
