"""Consolidating 500 schools from 500 Excel files with pandas, against importing their packages.

This is the comparison a regional operator makes today: each school sends an
Excel file of its counts, and someone merges them. The pandas side reads the
500 files (one per school, all five years of counts) and sums every count by
year. The application's side imports the same schools' data in the 19
municipal packages into an empty regional installation, verifying every
signature, and then consolidates the last year. pandas is only a benchmark
dependency (the ``bench`` extra), never the application's.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import Workbook

from benchmarks.common import Report, measure, parse_args, scale_label
from benchmarks.fixtures import BENCHMARK_YEARS, Installations, region_packages
from proforient_desktop.services.demo import DemoRegion
from proforient_desktop.services.exchange import import_packages

SCHOOLS = 500
SHEET = "Численности"


def write_excel_files(region: DemoRegion, directory: Path) -> list[Path]:
    """Write one workbook per school: a sheet of (year, count code, value) rows."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for code, by_year in region.counts.items():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(SHEET)
        sheet.append(["Год", "Код", "Значение"])
        for year, values in sorted(by_year.items()):
            for count_code, value in values.items():
                sheet.append([year, count_code, value])
        path = directory / f"{code}.xlsx"
        workbook.save(path)
        paths.append(path)
    return paths


def consolidate_with_pandas(paths: list[Path]):
    """Read every workbook and sum each count by year, as an operator's script would."""
    import pandas

    frames = [pandas.read_excel(path, sheet_name=SHEET, engine="openpyxl") for path in paths]
    merged = pandas.concat(frames, ignore_index=True)
    return merged.groupby(["Год", "Код"])["Значение"].sum()


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    report = Report("excel_vs_packages", "500 schools: Excel files with pandas against packages")
    try:
        import pandas  # noqa: F401
    except ImportError:
        report.skip("Consolidation from 500 Excel files", scale_label("region", SCHOOLS),
                    "pandas is not installed; install the bench extra: pip install -e \".[bench]\"")
        report.save()
        return

    with tempfile.TemporaryDirectory(prefix="proforient-excel-") as scratch:
        installations = Installations(Path(scratch))
        packages = region_packages(installations.catalog, SCHOOLS)
        excel_paths = write_excel_files(packages.region, Path(scratch) / "excel")

        pandas_timing = measure(lambda: consolidate_with_pandas(excel_paths), runs=args.runs)
        package_timing = measure(lambda context: _import_and_consolidate(context, packages.municipal_paths),
                                 runs=args.runs, setup=installations.region, teardown=installations.discard)

    report.add("Import of 500 schools' packages (19 municipal) and consolidation of one year",
               scale_label("region", SCHOOLS), package_timing, floor=pandas_timing,
               floor_name="pandas: read_excel of 500 files, concat, groupby sum")
    report.note(f"Each school has {len(BENCHMARK_YEARS)} years of counts; its package also carries 50 activities "
                "a year, which the Excel files do not. The pandas side checks nothing: no signatures, no "
                "rules, no record of who sent what.")
    report.save()


def _import_and_consolidate(context, paths: list[Path]) -> None:
    from proforient_desktop.services.consolidation import consolidate

    import_packages(context, paths, trust_new=True)
    consolidate(context, BENCHMARK_YEARS[-1])


if __name__ == "__main__":
    main()
