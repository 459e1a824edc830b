"""Package export and import against their floors.

Import: a municipality's 40 school packages, and a region of 500 schools in
19 municipal packages, each school with 5 years of counts and 50 activities
a year. The floor is the same organisations, counts and activities written
straight into SQLite with ``executemany`` in one transaction. Goal: the
import within 3 times its floor.

Country: 40,000 schools in the municipal packages of
``benchmarks.country_packages`` (same profile per school), built once and
cached on disk; the floor reads the same rows one municipality at a time
and writes them with ``executemany`` in one transaction. At most
``COUNTRY_RUNS`` runs each, because one run takes many minutes::

    python -m benchmarks.packages --scales country --runs 3

A run without the country scale keeps the country rows of the last run that
measured them, which ``benchmarks/packages.recorded.json`` stores.

Export: a school's package and a municipality's package (its own data plus
its 40 schools' packages). The floor is writing the same members into a ZIP
file without reading the database, hashing or signing.
"""

from __future__ import annotations

import gc
import io
import os
import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks.common import SCALES, Report, add_recorded, cpu_note, measure, parse_args, record, scale_label, \
    with_cpu_time
from benchmarks.country_packages import country_packages, write_country_raw
from benchmarks.fixtures import Installations, region_packages, write_rows_raw
from proforient_desktop.catalog import Role
from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.exchange.snapshot_store import replace_snapshot
from proforient_desktop.services.demo import DemoRegion
from proforient_desktop.services.demo_install import snapshot_of
from proforient_desktop.services.exchange import export_package, import_packages
from proforient_desktop.services.installation import initialize, own_organisation

IMPORT_GOAL_RATIO = 3.0
SCHOOLS = {"municipality": 40, "region": 500}
COUNTRY_RUNS = 3
RECORDED = Path(__file__).with_name("packages.recorded.json")
FLOOR_NAME = "executemany of the same rows in one transaction"


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    report = Report("packages", "Package export and import")
    with tempfile.TemporaryDirectory(prefix="proforient-packages-") as scratch:
        installations = Installations(Path(scratch))
        if "municipality" in args.scales:
            _municipality_scale(report, installations, args.runs)
        if "region" in args.scales:
            _region_scale(report, installations, args.runs)
        if "country" in args.scales:
            country_notes = _country_scale(report, installations, min(args.runs, COUNTRY_RUNS))
    report.note("Data: the fictional demo region of `proforient demo`; every school has 5 years of counts "
                "(2022–2026) and 50 activities a year, and signs its package with its own Ed25519 key. "
                "The municipal packages of the region scale are built in memory by the same `build_package` "
                "that export uses. Each import run starts from a new, empty installation.")
    report.note("The import checks everything the product checks: each signature and member hash against the "
                "bytes as received (the nested school packages too), every count and measure code, and the "
                "activity identifiers; it keeps every package's bytes, records which package supplied each "
                "organisation's data and writes the audit log. On SQLite one import is one transaction, with "
                "a 64 MB page cache, and each package is merged in a savepoint of it, so a rejected package "
                "changes nothing; on PostgreSQL each package commits on its own. The generated test data are moved out of the "
                "garbage collector's way (`gc.freeze`) before the timed runs, because the program's process "
                "does not hold them.")
    report.note("Beyond the floor's inserts, the import decodes and checks every payload (JSON, then the "
                "activities column by column) and runs about a dozen more statements per package through "
                "SQLAlchemy Core, built once per process: two reads that plan the package (the organisations "
                "with their current package, then their keys), and the writes of the organisation, the kept "
                "package, the key registry and the audit entries. JSON decoding alone costs about 2 µs an "
                "activity, a quarter to two fifths of the floor. A municipality's import has the same work "
                "per package for fewer rows, which keeps its ratio the higher one.")
    add_recorded(report, args.scales, RECORDED)
    if "country" in args.scales:
        for note in country_notes:
            report.note(note)
    saved = report.save()
    if "country" in args.scales:
        record(saved, RECORDED, notes=country_notes)


def _freeze_fixtures() -> None:
    # The generated region (over 100,000 objects at the region scale) lives in this process only
    # for the benchmark. Frozen, Python's garbage collector stops walking it during the timed runs,
    # as it would not exist in the program's process; import and floor run alike.
    gc.collect()
    gc.freeze()


def _municipality_scale(report: Report, installations: Installations, runs: int) -> None:
    catalog = installations.catalog
    packages = region_packages(catalog, SCHOOLS["municipality"], one_municipality=True)
    _freeze_fixtures()
    label = scale_label("municipality", SCHOOLS["municipality"])

    timing = measure(lambda context: import_packages(context, packages.school_paths, trust_new=True),
                     runs=runs, setup=installations.municipality, teardown=installations.discard)
    floor = measure(lambda context: write_rows_raw(context.database.path, catalog, packages.region,
                                                   with_municipalities=False),
                    runs=runs, setup=installations.municipality, teardown=installations.discard)
    report.add("Import of school packages into a municipality", label, timing, floor=floor,
               floor_name=FLOOR_NAME, goal_ratio=IMPORT_GOAL_RATIO)

    municipality = installations.municipality()
    import_packages(municipality, packages.school_paths, trust_new=True)
    _measure_export(report, municipality, "Export of a municipal package (with nested school packages)",
                    label, runs)
    installations.discard(municipality)

    school = _school_installation(installations, packages.region)
    _measure_export(report, school, "Export of a school package", "1 school, 5 years, 250 activities", runs)
    installations.discard(school)


def _region_scale(report: Report, installations: Installations, runs: int) -> None:
    catalog = installations.catalog
    packages = region_packages(catalog, SCHOOLS["region"])
    _freeze_fixtures()
    label = scale_label("region", SCHOOLS["region"])
    paths = packages.municipal_paths

    timing = measure(lambda context: import_packages(context, paths, trust_new=True),
                     runs=runs, setup=installations.region, teardown=installations.discard)
    floor = measure(lambda context: write_rows_raw(context.database.path, catalog, packages.region,
                                                   with_municipalities=True),
                    runs=runs, setup=installations.region, teardown=installations.discard)
    report.add(f"Import of a region in {len(paths)} municipal packages", label, timing, floor=floor,
               floor_name=FLOOR_NAME, goal_ratio=IMPORT_GOAL_RATIO)


def _country_scale(report: Report, installations: Installations, runs: int) -> list[str]:
    """Time the country's import and its floor; return the notes that describe them."""
    country = country_packages(SCALES["country"])
    size = sum(path.stat().st_size for path in country.municipal_paths)
    print(f"country: {len(country.municipal_paths)} municipal packages, {size / 2**20:.0f} MB, "
          f"in {country.directory}", flush=True)
    paths = country.municipal_paths

    operation, cpu_seconds = with_cpu_time(lambda context: _import_one_by_one(context, paths))
    timing = measure(operation, runs=runs, setup=installations.region, teardown=installations.discard)
    floor_operation, floor_cpu_seconds = with_cpu_time(
        lambda context: write_country_raw(context.database.path, country.rows_paths))
    floor = measure(floor_operation, runs=runs, setup=installations.region, teardown=installations.discard)
    report.add(f"Import of a country in {len(paths)} municipal packages", scale_label("country"), timing,
               floor=floor, floor_name=FLOOR_NAME, goal_ratio=IMPORT_GOAL_RATIO,
               note=f"{cpu_note(cpu_seconds)}, the floor's {cpu_note(floor_cpu_seconds).removeprefix('median ')}")

    runs_text = (f"{runs} timed runs each (the script runs at most {COUNTRY_RUNS} at this scale); one import "
                 f"run took {timing.median / 60:.1f} minutes and one floor run {floor.median / 60:.1f} minutes")
    return [
        f"Country scale: {country.schools:,} schools split evenly over the {len(paths)} municipalities of the "
        "catalogue (the demo's weights would give the city of Khabarovsk 17,000 of them), sent in "
        f"{len(paths)} municipal packages ({size / 2**20:.0f} MB in all) that nest each school's signed "
        f"package; every school has {len(country.years)} years of counts "
        f"({country.years[0]}–{country.years[-1]}) and {country.activities_per_year} activities a year, the "
        "profile of the region scale. The packages are built once by `benchmarks/country_packages.py` (two "
        "worker processes, one municipality at a time) and cached on disk. The floor reads the same rows, "
        "pickled per municipality, one municipality at a time, and writes them with executemany in one "
        f"transaction. {runs_text[:1].upper() + runs_text[1:]}.",
        "The country's import gives each municipal package its own `import_packages` call, so its own "
        "transaction, as an operator importing one file at a time would. The import's report drops each "
        "package's contents once it is merged, so the peak memory is that of verifying and merging one "
        "municipal package of about 2,100 schools, whose nested packages are all parsed before the merge.",
    ]


def _import_one_by_one(context, paths: list[Path]) -> None:
    """Import each package with a call of its own, printing the pace of the run."""
    # One call per package prints the pace after each municipality. The import
    # report drops each package's contents once merged, so one call for all 19
    # files would hold no more memory.
    started = time.perf_counter()
    for index, path in enumerate(paths):
        report = import_packages(context, [path], trust_new=True)
        rejected = [plan.message for plan in _plans(report.results) if plan.outcome is Outcome.REJECTED]
        if rejected:
            raise RuntimeError(f"{path.name} was rejected: {rejected[0]}")
        print(f"  imported {index + 1}/{len(paths)} at {time.perf_counter() - started:.0f} s", flush=True)


def _plans(plans):
    for plan in plans:
        yield plan
        yield from _plans(plan.nested)


def _school_installation(installations: Installations, region: DemoRegion):
    school = region.of_kind(Role.SCHOOL.value)[0]
    context = installations.open(installations.empty())
    initialize(context, Role.SCHOOL, school.code, school.name, school.municipality_code)
    with context.database.transaction() as session:
        replace_snapshot(session, own_organisation(session), snapshot_of(region, school.code))
    return context


def _measure_export(report: Report, context, operation: str, label: str, runs: int) -> None:
    target = context.data_dir / "export"
    target.mkdir(exist_ok=True)
    timing = measure(lambda: export_package(context, target / "package.proforient"), runs=runs)

    with zipfile.ZipFile(target / "package.proforient") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    floor = measure(lambda: _write_zip(target / "floor.zip", members), runs=runs)
    report.add(operation, label, timing, floor=floor,
               floor_name="the same members written to a ZIP, no database read, no signature")


def _write_zip(path: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with open(path, "wb") as file:
        file.write(buffer.getvalue())
        file.flush()
        os.fsync(file.fileno())


if __name__ == "__main__":
    main()
