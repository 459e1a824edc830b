"""Benchmark of the regional reports: Excel (500 organisations × 5 years) and the PDF.

Run: ``python benchmarks/reports.py [--runs 3]``. It builds a regional
database in a temporary folder, then times, with the median of ``--runs``:
the formatted Excel export, a floor that dumps the same cells with
openpyxl's write-only mode and no formatting, and the PDF report. Peak
memory is tracemalloc's peak of Python allocations during one run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from proforient_desktop.catalog import Role  # noqa: E402
from proforient_desktop.reports.excel import share_value  # noqa: E402
from proforient_desktop.services.context import open_context  # noqa: E402
from proforient_desktop.services.installation import initialize, seed_directory  # noqa: E402
from proforient_desktop.services.reports import build_report_data, write_excel_report, write_pdf_report  # noqa: E402
from proforient_desktop.storage.models import CountValue, Organisation  # noqa: E402

ORGANISATIONS = 500
YEARS = [2022, 2023, 2024, 2025, 2026]


def build_region(data_dir: Path):
    context = open_context(data_dir, operator="benchmark")
    initialize(context, "region", "REGION-BENCH", "Региональный оператор")
    random.seed(7)
    catalog = context.catalog
    school_counts = [count.code for count in catalog.counts_for(Role.SCHOOL)]
    municipalities = list(catalog.municipalities)
    with context.database.transaction() as session:
        seed_directory(catalog, session)
        organisations = [
            Organisation(code=f"27{index:08d}", name=f"МБОУ СОШ № {index}", kind="school",
                         municipality_code=municipalities[index % len(municipalities)])
            for index in range(ORGANISATIONS)
        ]
        session.add_all(organisations)
        session.flush()
        rows = []
        for organisation in organisations:
            for year in YEARS:
                total = random.randint(80, 1200)
                for code in school_counts:
                    value = total if code == "students_total" else random.randint(0, total // 2)
                    rows.append({"organisation_id": organisation.id, "year": year, "count_code": code,
                                 "value": value, "source": "entry"})
        session.execute(insert(CountValue), rows)
    return context


def excel_floor(data, path: Path) -> None:
    """Dump the same cells as the report, unformatted, with openpyxl's write-only mode."""
    workbook = Workbook(write_only=True)
    indicators = data.indicators
    sheet = workbook.create_sheet("Показатели")
    for year in data.years:
        for indicator in indicators:
            result = data.result(indicator.code, year)
            previous = data.result(indicator.code, year - 1)
            sheet.append([year, indicator.label, indicator.name, indicator.track,
                          share_value(indicator, result.value), share_value(indicator, result.target),
                          result.status.value, result.numerator, result.denominator, result.contributors,
                          share_value(indicator, previous.value if previous else None), indicator.unit])
    for level_sheet in data.level_sheets:
        sheet = workbook.create_sheet(level_sheet.title)
        for row in level_sheet.rows:
            values = [row.year, row.code, row.name, row.municipality_name]
            values += [share_value(i, row.results[i.code].value) for i in indicators]
            sheet.append(values)
    sheet = workbook.create_sheet("Численности")
    codes = list(data.catalog.counts)
    for row in data.counts:
        sheet.append([row.year, row.organisation_code, row.organisation_name, row.municipality_name,
                      *[row.counts.get(code) for code in codes]])
    workbook.save(path)


def measure(name: str, function, runs: int) -> tuple[float, float]:
    """Print and return the median CPU seconds over ``runs`` and the peak traced memory of one more run (MiB).

    CPU time of this process is reported besides wall time because the
    machine may be shared; tracemalloc slows Python down several times, so
    the timed runs go without it.
    """
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)

    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"{name}: CPU {statistics.median(cpu):.2f} s, wall {statistics.median(wall):.2f} s, "
          f"peak {peak:.0f} MiB", flush=True)
    return statistics.median(cpu), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        context = build_region(folder / "data")
        first, last = YEARS[0], YEARS[-1]
        data = build_report_data(context, "region", last, first_year=first)

        print(f"organisations {ORGANISATIONS}, years {first}-{last}, median of {args.runs} runs", flush=True)
        gather, _ = measure(f"gathering report data (consolidation of {len(YEARS)} years)",
                            lambda: build_report_data(context, "region", last, first_year=first), args.runs)
        excel, _ = measure("Excel report, total",
                           lambda: write_excel_report(context, folder / "region.xlsx", "region", last,
                                                      first_year=first), args.runs)
        floor, _ = measure("floor: unformatted write-only dump of the same cells",
                           lambda: excel_floor(data, folder / "floor.xlsx"), args.runs)
        measure("PDF report, total", lambda: write_pdf_report(context, folder / "region.pdf", "region", last),
                args.runs)
        context.close()

    writing = excel - gather
    print(f"Excel writing only (total − gathering): CPU {writing:.2f} s; writing / floor: {writing / floor:.2f}×")


if __name__ == "__main__":
    main()
