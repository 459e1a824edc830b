"""Data the benchmark scripts share: demo regions as packages, fresh installations, raw row writes.

This module is a helper, not a benchmark: ``run_all`` does not run it.
Generated package folders are cached under the system's temporary folder by
their parameters, because building 500 signed school packages takes minutes
on a slow machine and every script that needs them would otherwise repeat it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import DEFAULT_RESULTS_DIR
from proforient_desktop.catalog import Catalog, Role, load_catalog
from proforient_desktop.services import demo_data
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.demo import DemoRegion, generate_region, municipality_org_code, \
    municipality_org_name
from proforient_desktop.services.demo_install import write_leaf_packages, write_municipal_packages_direct
from proforient_desktop.services.installation import initialize
from proforient_desktop.storage.database import DATABASE_FILE, open_database

DATA_DIR = DEFAULT_RESULTS_DIR.parent / "proforient-benchmark-data"
BENCHMARK_YEARS = (2022, 2023, 2024, 2025, 2026)
ACTIVITIES_PER_YEAR = 50
SEED = 1
# The municipality scale: its schools all belong to one municipality.
MUNICIPALITY = "khabarovsky"


@dataclass
class RegionPackages:
    """A generated region and its package files: per school, and per municipality."""

    region: DemoRegion
    directory: Path
    school_paths: list[Path]
    municipal_paths: list[Path]


def region_packages(catalog: Catalog, schools: int, *, one_municipality: bool = False,
                    years: tuple[int, ...] = BENCHMARK_YEARS,
                    activities_per_year: int = ACTIVITIES_PER_YEAR) -> RegionPackages:
    """Return a region of ``schools`` schools (no colleges) and its packages, building them once."""
    region = generate_region(catalog, schools=schools, colleges=0, years=years, seed=SEED,
                             activities_per_year=activities_per_year, deviations=False,
                             municipality_codes=(MUNICIPALITY,) if one_municipality else None)
    # The digest ties the cached packages to the generator's output, which
    # changes with its code and, for the current year, with today's date.
    directory = DATA_DIR / f"schools{schools}-{_digest(region)}"
    if not directory.exists():
        # Built aside and renamed, so that scripts running at the same time
        # never see a half-written folder or delete each other's files.
        building = directory.with_name(f"{directory.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        write_municipal_packages_direct(catalog, region, building)
        try:
            building.rename(directory)
        except OSError:
            shutil.rmtree(building, ignore_errors=True)
    school_paths = sorted((directory / "packages" / "leaf").glob("*.proforient"))
    municipal_paths = sorted((directory / "packages" / "municipal").glob("*.proforient"))
    return RegionPackages(region, directory, school_paths, municipal_paths)


def _digest(region: DemoRegion) -> str:
    content = repr((sorted(region.counts.items()), sorted(
        (code, [(activity.uid, activity.held_on) for activity in activities])
        for code, activities in region.activities.items()
    ))).encode("utf-8")
    return hashlib.sha256(content).hexdigest()[:16]


class Installations:
    """Makes fresh installations quickly by copying one migrated, empty database file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.catalog = load_catalog()
        self.template = root / "template"
        if not (self.template / DATABASE_FILE).exists():
            open_database(self.template).dispose()
        self._count = 0

    def empty(self) -> Path:
        """Return a new data folder holding a migrated, empty database."""
        self._count += 1
        data_dir = self.root / f"installation-{self._count}"
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        shutil.copyfile(self.template / DATABASE_FILE, data_dir / DATABASE_FILE)
        return data_dir

    def open(self, data_dir: Path) -> AppContext:
        return AppContext(self.catalog, open_database(data_dir), operator="benchmark")

    def region(self) -> AppContext:
        """Return a new, initialised regional installation."""
        context = self.open(self.empty())
        initialize(context, Role.REGION, demo_data.REGION_CODE, demo_data.REGION_NAME)
        return context

    def municipality(self, municipality_code: str = MUNICIPALITY) -> AppContext:
        """Return a new, initialised municipal installation."""
        context = self.open(self.empty())
        initialize(context, Role.MUNICIPALITY, municipality_org_code(municipality_code),
                   municipality_org_name(context.catalog, municipality_code), municipality_code)
        return context

    def discard(self, context: AppContext) -> None:
        data_dir = context.data_dir
        context.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def write_rows_raw(database_path: Path, catalog: Catalog, region: DemoRegion, *, with_municipalities: bool) -> int:
    """Write the region's organisations, counts and activities with ``executemany`` in one transaction.

    This is the floor of an import: the same rows, with no verification,
    no package storage and no audit. Returns the number of rows written.
    """
    now = dt.datetime.now(dt.timezone.utc).isoformat(sep=" ")
    organisations = [
        (organisation.code, organisation.name, organisation.kind, organisation.municipality_code)
        for organisation in region.organisations
    ]
    if with_municipalities:
        organisations += [
            (municipality_org_code(code), municipality_org_name(catalog, code), "municipality", code)
            for code in region.municipalities()
        ]

    connection = sqlite3.connect(database_path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO organisation (code, name, kind, municipality_code, is_demo, created_at) "
            "VALUES (?, ?, ?, ?, 0, ?)", [(*row, now) for row in organisations])
        written = {row[0] for row in organisations}
        ids = {code: id_ for code, id_ in connection.execute("SELECT code, id FROM organisation") if code in written}
        count_rows = [
            (ids[code], year, count_code, value, "package", now)
            for code, by_year in region.counts.items() if code in ids
            for year, values in by_year.items()
            for count_code, value in values.items()
        ]
        connection.executemany(
            "INSERT INTO count_value (organisation_id, year, count_code, value, source, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)", count_rows)
        activity_rows = [
            (activity.uid, ids[code], activity.measure_code, activity.held_on.isoformat(), activity.title,
             activity.format, activity.participants_total, activity.participants_sen, activity.grade_band,
             activity.partners, activity.publication_url, activity.note, now, now)
            for code, activities in region.activities.items() if code in ids
            for activity in activities
        ]
        connection.executemany(
            "INSERT INTO activity (uid, organisation_id, measure_code, held_on, title, format, participants_total, "
            "participants_sen, grade_band, partners, publication_url, note, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", activity_rows)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return len(organisations) + len(count_rows) + len(activity_rows)


def country_installation(installations: Installations, organisations: int = 40_000,
                         years: tuple[int, ...] = BENCHMARK_YEARS, activities_per_year: int = 0) -> AppContext:
    """Return a regional installation holding ``organisations`` schools, written straight into storage.

    Building 40,000 signed packages and importing them would take hours on
    a small machine, so the country scale is generated at the storage level
    with ``write_rows_raw``. The rows are those an import would make, without
    the stored packages and keys.
    """
    catalog = installations.catalog
    region = generate_region(catalog, schools=organisations, colleges=0, years=years, seed=SEED,
                             activities_per_year=activities_per_year, deviations=False)
    context = installations.region()
    write_rows_raw(context.database.path, catalog, region, with_municipalities=True)
    return context
