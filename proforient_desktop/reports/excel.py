"""Excel tables of a report: title, indicators, levels below, raw counts, activities, completeness.

Written in openpyxl's write-only mode, which streams rows to the file and
keeps memory flat at regional scale. Numbers are stored as numbers, shares
as fractions in a percent format with one decimal, so Excel can sum and sort.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from proforient_desktop.catalog import Indicator
from proforient_desktop.domain.indicators import STATUS_NAMES_RU, IndicatorResult, Status
from proforient_desktop.reports.data import LEVEL_NAMES_RU, ReportData, ReportLevel

PERCENT_FORMAT = "0.0%"
NUMBER_FORMAT = "#,##0"

STATUS_FILLS = {
    Status.REACHED: "C6EFCE",
    Status.NEAR: "FFEB9C",
    Status.BELOW: "FFC7CE",
    Status.NO_DATA: "E7E6E6",
    Status.INCONSISTENT: "F8CBAD",
}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")


class _SheetWriter:
    """A write-only sheet with a styled, frozen and filtered header row."""

    def __init__(self, workbook: Workbook, title: str, headers: Sequence[tuple[str, float]]) -> None:
        self.sheet = workbook.create_sheet(title)
        self.columns = len(headers)
        self.rows = 1
        for index, (_, width) in enumerate(headers, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = "A2"
        _fit_print_to_width(self.sheet, landscape=True)
        self.sheet.print_title_rows = "1:1"
        self.sheet.append([self._header_cell(text) for text, _ in headers])

    def _header_cell(self, text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGNMENT
        return cell

    def append(self, values: Iterable[Any]) -> None:
        self.sheet.append(values)
        self.rows += 1

    def cell(self, value: Any, number_format: str) -> WriteOnlyCell | Any:
        if value is None:
            return None
        cell = WriteOnlyCell(self.sheet, value)
        cell.number_format = number_format
        return cell

    def finish(self) -> None:
        last = get_column_letter(self.columns)
        self.sheet.auto_filter.ref = f"A1:{last}{max(self.rows, 2)}"

    def colour_statuses(self, column: int) -> None:
        letter = get_column_letter(column)
        cells = f"{letter}2:{letter}{max(self.rows, 2)}"
        for status, colour in STATUS_FILLS.items():
            self.sheet.conditional_formatting.add(cells, CellIsRule(
                operator="equal", formula=[f'"{STATUS_NAMES_RU[status]}"'],
                fill=PatternFill("solid", fgColor=colour, bgColor=colour)))


def _fit_print_to_width(sheet, *, landscape: bool) -> None:
    # Printed, a sheet is one page wide (pages run down), as officials file it.
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def share_value(indicator: Indicator, value: float | None) -> float | None:
    """Return a value as Excel stores it: a fraction for shares, the number for counts."""
    if value is None:
        return None
    return value / 100 if indicator.is_share else value


def value_format(indicator: Indicator) -> str:
    return PERCENT_FORMAT if indicator.is_share else NUMBER_FORMAT


def write_excel(data: ReportData, path: str | Path) -> None:
    """Write the report's Excel workbook to ``path``."""
    workbook = Workbook(write_only=True)
    _write_title(workbook, data)
    _write_indicators(workbook, data)
    for level_sheet in data.level_sheets:
        _write_level(workbook, data, level_sheet.title, level_sheet.rows)
    _write_counts(workbook, data)
    _write_activities(workbook, data)
    _write_completeness(workbook, data)
    workbook.save(path)


def _write_title(workbook: Workbook, data: ReportData) -> None:
    sheet = workbook.create_sheet("Титул")
    _fit_print_to_width(sheet, landscape=False)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 90
    heading = WriteOnlyCell(sheet, "Мониторинг профориентационной работы: показатели")
    heading.font = Font(bold=True, size=14)
    sheet.append([heading])
    sheet.append([])
    years = data.years
    rows = [
        ("Уровень", LEVEL_NAMES_RU[data.level]),
        ("Объект отчёта", f"{data.subject_name} (код {data.subject_code})"
         if data.level is ReportLevel.ORGANISATION else data.subject_name),
        ("Отчётные годы", str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"),
        ("Программа", data.catalog.title),
        ("Версия каталога показателей", data.catalog.version),
        ("Сформировано", data.generated_at.strftime("%d.%m.%Y %H:%M")),
        ("Статусы показателей", "; ".join(STATUS_NAMES_RU.values())),
    ]
    for label, value in rows:
        label_cell = WriteOnlyCell(sheet, label)
        label_cell.font = _HEADER_FONT
        sheet.append([label_cell, value])


def _write_indicators(workbook: Workbook, data: ReportData) -> None:
    writer = _SheetWriter(workbook, "Показатели", [
        ("Год", 7), ("Показатель", 13), ("Наименование показателя", 60), ("Трек", 7), ("Значение", 11),
        ("Целевое значение", 11), ("Статус", 18), ("Числитель", 12), ("Знаменатель", 14),
        ("Организаций в расчёте", 13), ("Значение за прошлый год", 12), ("Ед. изм.", 8),
    ])
    for year in data.years:
        for indicator in data.indicators:
            result = data.result(indicator.code, year)
            if result is None:
                continue
            previous = data.result(indicator.code, year - 1)
            writer.append(_indicator_row(writer, indicator, result, previous))
    writer.colour_statuses(7)
    writer.finish()


def _indicator_row(writer: _SheetWriter, indicator: Indicator, result: IndicatorResult,
                   previous: IndicatorResult | None) -> list:
    fmt = value_format(indicator)
    return [
        result.year, indicator.label, indicator.name, indicator.track,
        writer.cell(share_value(indicator, result.value), fmt),
        writer.cell(share_value(indicator, result.target), fmt),
        STATUS_NAMES_RU[result.status],
        writer.cell(result.numerator, NUMBER_FORMAT),
        writer.cell(result.denominator, NUMBER_FORMAT),
        result.contributors,
        writer.cell(share_value(indicator, previous.value if previous else None), fmt),
        indicator.unit,
    ]


def _write_level(workbook: Workbook, data: ReportData, title: str, rows) -> None:
    indicators = data.indicators
    headers = [("Год", 7), ("Код", 14), ("Наименование", 50), ("Муниципальное образование", 26)]
    headers += [(indicator.label, 9) for indicator in indicators]
    writer = _SheetWriter(workbook, title, headers)
    formats = [value_format(indicator) for indicator in indicators]
    for row in rows:
        values = [row.year, row.code, row.name, row.municipality_name]
        for indicator, fmt in zip(indicators, formats):
            result = row.results.get(indicator.code)
            values.append(writer.cell(share_value(indicator, result.value if result else None), fmt))
        writer.append(values)
    writer.finish()


def _write_counts(workbook: Workbook, data: ReportData) -> None:
    # Without a list from the caller, the columns are the counts that appear in any row.
    codes = list(data.count_codes) if data.count_codes is not None else [
        code for code in data.catalog.counts if any(code in row.counts for row in data.counts)]
    headers = [("Год", 7), ("Код организации", 14), ("Организация", 50), ("Муниципальное образование", 26)]
    headers += [(_count_header(data, code), 14) for code in codes]
    writer = _SheetWriter(workbook, "Численности", headers)
    for row in data.counts:
        values = [row.year, row.organisation_code, row.organisation_name, row.municipality_name]
        values += [row.counts.get(code) for code in codes]
        writer.append(values)
    writer.finish()


def _count_header(data: ReportData, code: str) -> str:
    count = data.catalog.counts[code]
    definition = count.definition if len(count.definition) <= 90 else count.definition[:89] + "…"
    return f"{count.symbol} — {definition}" if count.symbol else definition


def _write_activities(workbook: Workbook, data: ReportData) -> None:
    writer = _SheetWriter(workbook, "Мероприятия", [
        ("Год", 7), ("Группа мероприятий", 40), ("Код мероприятия", 10), ("Мероприятие", 70),
        ("Проведено", 11), ("Участников", 12), ("из них с ОВЗ, инвалидностью", 14),
    ])
    for row in data.activities:
        writer.append([row.year, row.group_name, row.measure_code, row.measure_title, row.held,
                       row.participants, row.participants_sen])
    writer.finish()


def _write_completeness(workbook: Workbook, data: ReportData) -> None:
    writer = _SheetWriter(workbook, "Полнота", [
        ("Год", 7), ("Показатель", 13), ("Наименование показателя", 50), ("Ожидалось организаций", 13),
        ("Представили", 14), ("Полнота", 10), ("Требуется", 10), ("Правило выполнено", 12),
        ("Не представили", 80),
    ])
    for line in data.completeness:
        percent = None if line.percent is None else line.percent / 100
        writer.append([
            line.year, line.indicator.label, line.indicator.name, line.expected, line.reported,
            writer.cell(percent, PERCENT_FORMAT), writer.cell(line.required_percent / 100, "0%"),
            "да" if line.met else "нет", "; ".join(line.missing),
        ])
    for text in data.non_reporting if not data.completeness else ():
        writer.append([data.year, None, text])
    letter = "H"
    rows = max(writer.rows, 2)
    writer.sheet.conditional_formatting.add(f"{letter}2:{letter}{rows}", CellIsRule(
        operator="equal", formula=['"нет"'], fill=PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")))
    writer.finish()
