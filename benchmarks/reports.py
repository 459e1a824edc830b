"""The regional Excel export and PDF report, against raw write-only openpyxl.

    python -m benchmarks.reports [--runs N] [--scales municipality,region,country]

For each scale a regional installation contains that many schools, each with
5 years of counts and 50 activities a year, written straight into storage.
The municipality and region scales come from a generated region. The country
scale comes from the rows of ``benchmarks.country_packages``, the same rows
the country's import writes. The script times, for the region-level
report of 2022–2026:

- gathering its data (consolidation of each year and the year before,
  completeness, warnings, activities, counts), against one SQL GROUP BY;
- writing the Excel workbook from the gathered data, against the same cells
  dumped with openpyxl's write-only mode and no formatting;
- the whole Excel export (gathering, then writing, as the program does);
- the PDF report of the last year, whole and its writing alone.

The country scale takes many minutes and runs at most ``COUNTRY_RUNS``
times. A run without it keeps the country rows of the last run that
measured them, which ``benchmarks/reports.recorded.json`` stores.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from openpyxl import Workbook

from benchmarks.common import SCALES, Report, add_recorded, cpu_note, measure, parse_args, record, scale_label, \
    with_cpu_time
from benchmarks.consolidation import group_by_floor
from benchmarks.country_packages import country_packages, write_country_raw
from benchmarks.fixtures import ACTIVITIES_PER_YEAR, BENCHMARK_YEARS, MUNICIPALITY, SEED, Installations, \
    write_rows_raw
from proforient_desktop.reports.excel import share_value, write_excel
from proforient_desktop.reports.pdf import write_pdf
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.demo import generate_region
from proforient_desktop.services.reports import build_report_data, write_excel_report, write_pdf_report

COUNTRY_RUNS = 3
RECORDED = Path(__file__).with_name("reports.recorded.json")
FIRST_YEAR, LAST_YEAR = BENCHMARK_YEARS[0], BENCHMARK_YEARS[-1]
EXCEL_FLOOR = "the same cells dumped with write-only openpyxl, no formatting"
GATHER_FLOOR = "one SQL GROUP BY (municipality, year, count) over the same rows"


def excel_floor(data, path: Path) -> None:
    """Dump the report's cells, unformatted, with openpyxl's write-only mode."""
    workbook = Workbook(write_only=True)
    indicators = data.indicators
    sheet = workbook.create_sheet("Показатели")
    for year in data.years:
        for indicator in indicators:
            result = data.result(indicator.code, year)
            if result is None:
                continue
            previous = data.result(indicator.code, year - 1)
            sheet.append([year, indicator.label, indicator.name, indicator.track,
                          share_value(indicator, result.value), share_value(indicator, result.target),
                          result.status.value, result.numerator, result.denominator, result.contributors,
                          share_value(indicator, previous.value if previous else None), indicator.unit])
    for level_sheet in data.level_sheets:
        sheet = workbook.create_sheet(level_sheet.title)
        for row in level_sheet.rows:
            values = [row.year, row.code, row.name, row.municipality_name]
            for indicator in indicators:
                result = row.results.get(indicator.code)
                values.append(share_value(indicator, result.value if result else None))
            sheet.append(values)
    sheet = workbook.create_sheet("Численности")
    codes = list(data.catalog.counts)
    for row in data.counts:
        sheet.append([row.year, row.organisation_code, row.organisation_name, row.municipality_name,
                      *[row.counts.get(code) for code in codes]])
    sheet = workbook.create_sheet("Мероприятия")
    for row in data.activities:
        sheet.append([row.year, row.group_name, row.measure_code, row.measure_title, row.held, row.participants,
                      row.participants_sen])
    workbook.save(path)


def main() -> None:
    args = parse_args("Excel export and the PDF report against raw write-only openpyxl")
    report = Report("reports", "Excel export and the PDF report")
    root = Path(tempfile.mkdtemp(prefix="proforient-reports-"))
    installations = Installations(root)
    try:
        for scale in args.scales:
            runs = min(args.runs, COUNTRY_RUNS) if scale == "country" else args.runs
            context = _installation(installations, scale)
            _measure_scale(report, context, scale, runs, root)
            installations.discard(context)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    report.note(f"The report is that of the region over {FIRST_YEAR}–{LAST_YEAR} (the PDF: of {LAST_YEAR}), made at "
                "a regional installation whose schools have 5 years of counts and "
                f"{ACTIVITIES_PER_YEAR} activities a year, written with executemany (no packages). The municipality "
                "scale's 40 schools all belong to one municipality. The workbook has a row per organisation and "
                "year on two sheets (indicators and counts), so at the country scale 200,000 rows each.")
    report.note("«Writing» starts from the gathered data; «whole» is what the program does: gathering, then "
                "writing to a temporary file renamed into place. The Excel floor dumps the values of the "
                "indicator, level, counts and activities sheets with no styles, number formats, column widths or "
                "conditional formatting; the title and completeness sheets (a few dozen rows) are left out. The "
                "PDF has no floor. Peak memory is above the RSS before each run.")
    add_recorded(report, args.scales, RECORDED)
    saved = report.save()
    if "country" in args.scales:
        record(saved, RECORDED)


def _installation(installations: Installations, scale: str) -> AppContext:
    """Return a regional installation holding the scale's schools with 5 years of counts and activities."""
    context = installations.region()
    if scale == "country":
        country = country_packages(SCALES["country"])
        write_country_raw(context.database.path, country.rows_paths)
        return context
    region = generate_region(installations.catalog, schools=SCALES[scale], colleges=0, years=BENCHMARK_YEARS,
                             seed=SEED, activities_per_year=ACTIVITIES_PER_YEAR, deviations=False,
                             municipality_codes=(MUNICIPALITY,) if scale == "municipality" else None)
    write_rows_raw(context.database.path, installations.catalog, region, with_municipalities=True)
    return context


def _measure_scale(report: Report, context: AppContext, scale: str, runs: int, folder: Path) -> None:
    label = scale_label(scale) + f" × {len(BENCHMARK_YEARS)} years"
    level = "region"

    def gather():
        return build_report_data(context, level, LAST_YEAR, first_year=FIRST_YEAR)

    timing, cpu = _measure(gather, runs)
    floor = measure(lambda: group_by_floor(context), runs=runs)
    report.add("Gathering the report's data", label, timing, floor=floor, floor_name=GATHER_FLOOR, note=cpu)

    data = gather()
    timing, cpu = _measure(lambda: write_excel(data, folder / "report.xlsx"), runs)
    floor = measure(lambda: excel_floor(data, folder / "floor.xlsx"), runs=runs)
    report.add("Excel export: writing the workbook", label, timing, floor=floor, floor_name=EXCEL_FLOOR, note=cpu)
    del data

    timing, cpu = _measure(lambda: write_excel_report(context, folder / "whole.xlsx", level, LAST_YEAR,
                                                      first_year=FIRST_YEAR), runs)
    report.add("Excel export, whole (gathering and writing)", label, timing, note=cpu)

    pdf_label = scale_label(scale) + f", {LAST_YEAR}"
    data = build_report_data(context, level, LAST_YEAR)
    # The first PDF of a process registers the fonts; the program pays that once, not per report.
    write_pdf(data, folder / "report.pdf")
    timing, cpu = _measure(lambda: write_pdf(data, folder / "report.pdf"), runs)
    report.add("PDF report: writing the document", pdf_label, timing, note=cpu)
    del data
    timing, cpu = _measure(lambda: write_pdf_report(context, folder / "whole.pdf", level, LAST_YEAR), runs)
    report.add("PDF report, whole (gathering and writing)", pdf_label, timing, note=cpu)


def _measure(operation, runs: int):
    """Return the timing of ``operation`` and the note with its median CPU time."""
    wrapped, cpu_seconds = with_cpu_time(operation)
    return measure(wrapped, runs=runs), cpu_note(cpu_seconds)


if __name__ == "__main__":
    main()
