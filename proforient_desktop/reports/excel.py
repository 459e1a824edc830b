"""Excel tables of a report: title, indicators, levels below, raw counts, activities, completeness.

Written in openpyxl's write-only mode, which streams rows to the file and
keeps memory flat at regional scale. Numbers are stored as numbers, shares
as fractions in a percent format with one decimal, so Excel can sum and sort.

A workbook of demo data carries its mark in the first row of every sheet
(the header row moves to the second) and in the workbook's properties.
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
_MARK_FONT = Font(bold=True, size=12, color="C00000")


class _SheetWriter:
    """A write-only sheet with a styled, frozen and filtered header row."""

    def __init__(self, workbook: Workbook, title: str, headers: Sequence[tuple[str, float]],
                 mark: str | None = None) -> None:
        self.sheet = workbook.create_sheet(title)
        self.columns = len(headers)
        self.header_row = 2 if mark else 1
        self.rows = self.header_row
        for index, (_, width) in enumerate(headers, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = f"A{self.header_row + 1}"
        _fit_print_to_width(self.sheet, landscape=True)
        # The mark row repeats with the header on every printed page.
        self.sheet.print_title_rows = f"1:{self.header_row}"
        if mark:
            self.sheet.append([_mark_cell(self.sheet, mark)])
        self.sheet.append([self._header_cell(text) for text, _ in headers])

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

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
        self.sheet.auto_filter.ref = f"A{self.header_row}:{last}{self._last_row()}"

    def data_range(self, column: int) -> str:
        letter = get_column_letter(column)
        return f"{letter}{self.first_data_row}:{letter}{self._last_row()}"

    def _last_row(self) -> int:
        # The ranges of an empty table still span the row under the header.
        return max(self.rows, self.first_data_row)

    def colour_statuses(self, column: int) -> None:
        cells = self.data_range(column)
        for status, colour in STATUS_FILLS.items():
            self.sheet.conditional_formatting.add(cells, CellIsRule(
                operator="equal", formula=[f'"{STATUS_NAMES_RU[status]}"'],
                fill=PatternFill("solid", fgColor=colour, bgColor=colour)))


def _mark_cell(sheet, mark: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, mark)
    cell.font = _MARK_FONT
    return cell


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


def write_excel(data: ReportData, path: str | Path, *, mark: str | None = None) -> None:
    """Write the report's Excel workbook to ``path``.

    ``mark`` (the demo data notice) goes to the first row of every sheet and
    to the workbook's subject, keywords and description.
    """
    workbook = Workbook(write_only=True)
    if mark:
        workbook.properties.subject = mark
        workbook.properties.keywords = mark
        workbook.properties.description = mark
    _write_title(workbook, data, mark)
    _write_indicators(workbook, data, mark)
    for level_sheet in data.level_sheets:
        _write_level(workbook, data, level_sheet.title, level_sheet.rows, mark)
    _write_counts(workbook, data, mark)
    _write_activities(workbook, data, mark)
    _write_completeness(workbook, data, mark)
    workbook.save(path)


def _write_title(workbook: Workbook, data: ReportData, mark: str | None) -> None:
    sheet = workbook.create_sheet("Титул")
    _fit_print_to_width(sheet, landscape=False)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 90
    if mark:
        sheet.append([_mark_cell(sheet, mark)])
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


def _write_indicators(workbook: Workbook, data: ReportData, mark: str | None) -> None:
    writer = _SheetWriter(workbook, "Показатели", [
        ("Год", 7), ("Показатель", 13), ("Наименование показателя", 60), ("Трек", 7), ("Значение", 11),
        ("Целевое значение", 11), ("Статус", 18), ("Числитель", 12), ("Знаменатель", 14),
        ("Организаций в расчёте", 13), ("Значение за прошлый год", 12), ("Ед. изм.", 8),
    ], mark)
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


def _write_level(workbook: Workbook, data: ReportData, title: str, rows, mark: str | None) -> None:
    indicators = data.indicators
    headers = [("Год", 7), ("Код", 14), ("Наименование", 50), ("Муниципальное образование", 26)]
    headers += [(indicator.label, 9) for indicator in indicators]
    writer = _SheetWriter(workbook, title, headers, mark)
    formats = [value_format(indicator) for indicator in indicators]
    for row in rows:
        values = [row.year, row.code, row.name, row.municipality_name]
        for indicator, fmt in zip(indicators, formats):
            result = row.results.get(indicator.code)
            values.append(writer.cell(share_value(indicator, result.value if result else None), fmt))
        writer.append(values)
    writer.finish()


def _write_counts(workbook: Workbook, data: ReportData, mark: str | None) -> None:
    # Without a list from the caller, the columns are the counts that appear in any row.
    codes = list(data.count_codes) if data.count_codes is not None else [
        code for code in data.catalog.counts if any(code in row.counts for row in data.counts)]
    headers = [("Год", 7), ("Код организации", 14), ("Организация", 50), ("Муниципальное образование", 26)]
    headers += [(_count_header(data, code), 14) for code in codes]
    writer = _SheetWriter(workbook, "Численности", headers, mark)
    for row in data.counts:
        values = [row.year, row.organisation_code, row.organisation_name, row.municipality_name]
        values += [row.counts.get(code) for code in codes]
        writer.append(values)
    writer.finish()


def _count_header(data: ReportData, code: str) -> str:
    count = data.catalog.counts[code]
    definition = count.definition if len(count.definition) <= 90 else count.definition[:89] + "…"
    return f"{count.symbol} — {definition}" if count.symbol else definition


def _write_activities(workbook: Workbook, data: ReportData, mark: str | None) -> None:
    writer = _SheetWriter(workbook, "Мероприятия", [
        ("Год", 7), ("Группа мероприятий", 40), ("Код мероприятия", 10), ("Мероприятие", 70),
        ("Проведено", 11), ("Участников", 12), ("из них с ОВЗ, инвалидностью", 14),
    ], mark)
    for row in data.activities:
        writer.append([row.year, row.group_name, row.measure_code, row.measure_title, row.held,
                       row.participants, row.participants_sen])
    writer.finish()


def _write_completeness(workbook: Workbook, data: ReportData, mark: str | None) -> None:
    writer = _SheetWriter(workbook, "Полнота", [
        ("Год", 7), ("Показатель", 13), ("Наименование показателя", 50), ("Ожидалось организаций", 13),
        ("Представили", 14), ("Полнота", 10), ("Требуется", 10), ("Правило выполнено", 12),
        ("Не представили", 80),
    ], mark)
    for line in data.completeness:
        percent = None if line.percent is None else line.percent / 100
        writer.append([
            line.year, line.indicator.label, line.indicator.name, line.expected, line.reported,
            writer.cell(percent, PERCENT_FORMAT), writer.cell(line.required_percent / 100, "0%"),
            "да" if line.met else "нет", "; ".join(line.missing),
        ])
    for text in data.non_reporting if not data.completeness else ():
        writer.append([data.year, None, text])
    writer.sheet.conditional_formatting.add(writer.data_range(8), CellIsRule(
        operator="equal", formula=['"нет"'], fill=PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")))
    writer.finish()
