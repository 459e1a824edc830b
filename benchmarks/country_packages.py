"""The country's packages, built once and cached on disk, and their floor's rows.

This module is a helper, not a benchmark: ``run_all`` does not run it.

The country is 40,000 schools, split evenly over the catalogue's 19
municipalities, and sent as a region receives them: one package per
municipality, holding its schools' signed packages and its own data. The
demo's weights would put 43% of the schools into the city of Khabarovsk, one
package of 17,000 schools, which no municipality sends. Split evenly, each
package contains about 2,100 schools. Each
school has the region scale's profile (5 years of counts, 50 activities a
year). Each worker process generates, signs and writes one municipality at a
time, so the country's packages are never all in memory. Two workers use
both cores. Next to each municipal package a pickle holds the same rows as
plain tuples, which the floor writes with ``executemany``.

The folder is named by the number of schools, the profile and
``FIXTURE_VERSION``, which changes whenever the generated data change.
Today's date enters the data too (activities of the current year lie in the
past), so a folder built on another day is kept but may differ slightly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import pickle
import shutil
import sqlite3
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks.fixtures import ACTIVITIES_PER_YEAR, BENCHMARK_YEARS, DATA_DIR
from proforient_desktop.catalog import Catalog, Role, load_catalog
from proforient_desktop.services import demo_data
from proforient_desktop.services.demo import DemoRegion, generate_region, municipality_org_code, \
    municipality_org_name
from proforient_desktop.services.demo_install import write_municipal_packages_direct

log = logging.getLogger(__name__)

FIXTURE_VERSION = 2
WORKERS = 2
MUNICIPAL_DIR = "municipal"
ROWS_DIR = "rows"


@dataclass
class CountryPackages:
    """The cached country: its municipal package files and, per municipality, the floor's rows."""

    directory: Path
    municipal_paths: list[Path]
    rows_paths: list[Path]
    schools: int
    activities_per_year: int
    years: tuple[int, ...]


def country_packages(schools: int, *, years: tuple[int, ...] = BENCHMARK_YEARS,
                     activities_per_year: int = ACTIVITIES_PER_YEAR, workers: int = WORKERS) -> CountryPackages:
    """Return the country's packages, building them first if the cache does not hold them."""
    name = f"country{schools}-years{years[0]}-{years[-1]}-activities{activities_per_year}-v{FIXTURE_VERSION}"
    directory = DATA_DIR / name
    if not directory.exists():
        started = time.perf_counter()
        _build(directory, schools, years, activities_per_year, workers)
        print(f"built {directory} in {time.perf_counter() - started:.0f} s", flush=True)
    return CountryPackages(
        directory, sorted((directory / MUNICIPAL_DIR).glob("*.proforient")),
        sorted((directory / ROWS_DIR).glob("*.pickle")), schools, activities_per_year, tuple(years),
    )


def _build(directory: Path, schools: int, years: tuple[int, ...], activities_per_year: int, workers: int) -> None:
    # Built aside and renamed, so that a killed build never leaves a folder that looks complete.
    building = directory.with_name(f"{directory.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    (building / MUNICIPAL_DIR).mkdir(parents=True)
    (building / ROWS_DIR).mkdir()
    jobs = []
    first_number = 1
    for index, (municipality_code, count) in enumerate(split_schools(load_catalog(), schools).items()):
        jobs.append((building, municipality_code, count, first_number, index + 1, years, activities_per_year))
        first_number += count
    # The largest municipalities first, so that the two workers finish at about the same time.
    jobs.sort(key=lambda job: job[2], reverse=True)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for municipality_code in pool.map(_build_municipality, jobs):
            log.info("Built the packages of %s", municipality_code)
    building.rename(directory)


def split_schools(catalog: Catalog, schools: int) -> dict[str, int]:
    """Split ``schools`` evenly over the catalogue's municipalities, in the demo's order."""
    codes = [code for code in demo_data.MUNICIPALITY_WEIGHTS if code in catalog.municipalities]
    share, extra = divmod(schools, len(codes))
    shares = {code: share + (1 if index < extra else 0) for index, code in enumerate(codes)}
    return {code: count for code, count in shares.items() if count}


def _build_municipality(job: tuple) -> str:
    building, municipality_code, count, first_number, seed, years, activities_per_year = job
    catalog = load_catalog()
    region = generate_region(catalog, schools=count, colleges=0, years=years, seed=seed,
                             activities_per_year=activities_per_year, deviations=False,
                             municipality_codes=(municipality_code,))
    region = _renumber(region, first_number)

    # The schools' packages and keys are written to a scratch folder; only the
    # municipal package, which nests the schools' packages, is kept.
    scratch = building / f"scratch-{municipality_code}"
    (path,) = write_municipal_packages_direct(catalog, region, scratch)
    path.rename(building / MUNICIPAL_DIR / path.name)
    shutil.rmtree(scratch)

    rows = _rows(catalog, region, municipality_code)
    with open(building / ROWS_DIR / f"{municipality_code}.pickle", "wb") as file:
        pickle.dump(rows, file, protocol=pickle.HIGHEST_PROTOCOL)
    return municipality_code


def _renumber(region: DemoRegion, first_number: int) -> DemoRegion:
    """Give the schools codes and names unique across the country: each municipality starts at 1."""
    renamed = {}
    organisations = []
    for offset, school in enumerate(region.organisations):
        number = first_number + offset
        name = school.name.replace(school.code.removeprefix("demo-s").lstrip("0"), str(number), 1)
        organisations.append(dataclasses.replace(school, code=f"demo-s{number:05d}", name=name))
        renamed[school.code] = organisations[-1].code
    result = DemoRegion(region.years, organisations)
    result.counts = {renamed.get(code, code): counts for code, counts in region.counts.items()}
    result.activities = {renamed.get(code, code): activities for code, activities in region.activities.items()}
    return result


def _rows(catalog: Catalog, region: DemoRegion, municipality_code: str) -> dict[str, list[tuple]]:
    """Return the rows an import of this municipality's package writes, keyed by organisation code."""
    authority = municipality_org_code(municipality_code)
    organisations = [(school.code, school.name, school.kind, school.municipality_code)
                     for school in region.of_kind(Role.SCHOOL.value)]
    organisations.append((authority, municipality_org_name(catalog, municipality_code), Role.MUNICIPALITY.value,
                          municipality_code))
    codes = {row[0] for row in organisations}
    counts = [(code, year, count_code, value)
              for code, by_year in region.counts.items() if code in codes
              for year, values in by_year.items()
              for count_code, value in values.items()]
    activities = [(code, activity.uid, activity.measure_code, activity.held_on.isoformat(), activity.title,
                   activity.format, activity.participants_total, activity.participants_sen, activity.grade_band,
                   activity.partners, activity.publication_url, activity.note)
                  for code, activities in region.activities.items() if code in codes
                  for activity in activities]
    return {"organisations": organisations, "counts": counts, "activities": activities}


def write_country_raw(database_path: Path, rows_paths: list[Path]) -> int:
    """Write every municipality's rows with ``executemany`` in one transaction; return the rows written.

    The floor of the country's import: the same rows, with no verification,
    no package storage and no audit. The rows are read one municipality at a
    time, as the import reads one package at a time, and reading them is
    part of the time.
    """
    now = dt.datetime.now(dt.timezone.utc).isoformat(sep=" ")
    written = 0
    connection = sqlite3.connect(database_path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("BEGIN IMMEDIATE")
        for path in rows_paths:
            with open(path, "rb") as file:
                rows = pickle.load(file)
            written += _write_municipality(connection, rows, now)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return written


def _write_municipality(connection: sqlite3.Connection, rows: dict[str, list[tuple]], now: str) -> int:
    connection.executemany(
        "INSERT INTO organisation (code, name, kind, municipality_code, is_demo, created_at) "
        "VALUES (?, ?, ?, ?, 0, ?)", [(*row, now) for row in rows["organisations"]])
    codes = [row[0] for row in rows["organisations"]]
    ids = {}
    # Chunks stay under SQLite's limit of bound parameters in one statement.
    for start in range(0, len(codes), 500):
        chunk = codes[start:start + 500]
        ids.update(connection.execute(
            f"SELECT code, id FROM organisation WHERE code IN ({','.join('?' * len(chunk))})", chunk))
    connection.executemany(
        "INSERT INTO count_value (organisation_id, year, count_code, value, source, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(ids[code], year, count_code, value, "package", now) for code, year, count_code, value in rows["counts"]])
    connection.executemany(
        "INSERT INTO activity (uid, organisation_id, measure_code, held_on, title, format, participants_total, "
        "participants_sen, grade_band, partners, publication_url, note, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(uid, ids[code], *rest, now, now) for code, uid, *rest in rows["activities"]])
    return len(rows["organisations"]) + len(rows["counts"]) + len(rows["activities"])
