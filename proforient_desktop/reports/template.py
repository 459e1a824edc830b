"""The Excel entry template for organisations that cannot install the application.

The sheet «Показатели» lists the counts with their official wording and one
unlocked input cell each; everything else is protected. Column A (hidden)
holds each count's code and a very hidden sheet holds the organisation, the
year and the list of codes, so the import maps cells by code and never by
position.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from proforient_desktop.catalog import Catalog, Count
from proforient_desktop.domain.values import MAX_COUNT

TEMPLATE_SHEET = "Показатели"
META_SHEET = "_proforient"
FORMAT_MARKER = "proforient-counts-template"
FORMAT_VERSION = 1

CODE_COLUMN = 1
SYMBOL_COLUMN = 2
DEFINITION_COLUMN = 3
VALUE_COLUMN = 4
UNIT_COLUMN = 5
VALUE_LETTER = "D"
HEADER_ROW = 6

_THIN = Side(style="thin", color="A0A0A0")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_GROUP_FILL = PatternFill("solid", fgColor="EDEDED")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class TemplateSpec:
    """What one template is for: an organisation, a year and the counts it enters."""

    organisation_code: str
    organisation_name: str
    organisation_kind: str
    year: int
    catalog_version: int
    counts: Sequence[Count]
    values: Mapping[str, int]
    # The territory the organisation belongs to; a municipality refuses a template of another one.
    municipality_code: str | None = None


def group_counts_by_track(catalog: Catalog, counts: Sequence[Count]) -> list[tuple[str, list[Count]]]:
    """Group counts under the track of the first indicator that uses them."""
    groups: dict[str, list[Count]] = {}
    for count in counts:
        indicators = catalog.indicators_using(count.code)
        if indicators:
            title = catalog.tracks[indicators[0].track].name
        else:
            title = "Прочие численности"
        groups.setdefault(title, []).append(count)
    return list(groups.items())


def write_template(catalog: Catalog, spec: TemplateSpec, path: str | Path) -> None:
    """Write the protected entry template for ``spec`` to ``path``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = TEMPLATE_SHEET

    _write_heading(sheet, spec)
    codes = _write_count_rows(catalog, sheet, spec)
    _protect(sheet)
    _write_meta(workbook, spec, codes)
    workbook.save(path)


def _write_heading(sheet, spec: TemplateSpec) -> None:
    sheet["B1"] = f"Численности для мониторинга профориентации за {spec.year} год"
    sheet["B1"].font = Font(bold=True, size=13)
    sheet["B2"] = f"Организация: {spec.organisation_name} (код {spec.organisation_code})"
    sheet["B3"] = (
        "Заполните жёлтые ячейки столбца «Значение» целыми числами ≥ 0. Пустая ячейка означает "
        "«не представлено», 0 — ноль. Не меняйте другие ячейки и не удаляйте строки."
    )
    sheet["B4"] = "Персональные данные обучающихся в файл не вносятся: только численности."
    for address in ("B2", "B3", "B4"):
        sheet.merge_cells(f"{address}:E{address[1:]}")
        sheet[address].alignment = _WRAP
    sheet.row_dimensions[3].height = 30

    headers = {CODE_COLUMN: "код", SYMBOL_COLUMN: "Обозначение", DEFINITION_COLUMN: "Наименование численности",
               VALUE_COLUMN: "Значение", UNIT_COLUMN: "Ед. изм."}
    for column, title in headers.items():
        cell = sheet.cell(HEADER_ROW, column, title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 80
    sheet.column_dimensions["D"].width = 14
    sheet.column_dimensions["E"].width = 9
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)

    # Printed, the sheet is one A4 page wide, so the wording and the values stay together.
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _write_count_rows(catalog: Catalog, sheet, spec: TemplateSpec) -> list[str]:
    validation = DataValidation(
        type="whole", operator="between", formula1="0", formula2=str(MAX_COUNT), allow_blank=True,
        showErrorMessage=True, errorTitle="Недопустимое значение",
        error="Введите целое число от 0 (без дробной части) или оставьте ячейку пустой.",
        showInputMessage=True, promptTitle="Численность", prompt="Целое число ≥ 0; пусто — не представлено.",
    )
    sheet.add_data_validation(validation)

    codes = []
    row = HEADER_ROW + 1
    for title, counts in group_counts_by_track(catalog, spec.counts):
        group_cell = sheet.cell(row, SYMBOL_COLUMN, title)
        sheet.merge_cells(start_row=row, start_column=SYMBOL_COLUMN, end_row=row, end_column=UNIT_COLUMN)
        group_cell.font = Font(bold=True)
        group_cell.fill = _GROUP_FILL
        group_cell.alignment = _WRAP
        sheet.row_dimensions[row].height = 30
        row += 1

        for count in counts:
            _write_count_row(sheet, row, count, spec.values.get(count.code), validation)
            codes.append(count.code)
            row += 1
    return codes


def _write_count_row(sheet, row: int, count: Count, value: int | None, validation: DataValidation) -> None:
    sheet.cell(row, CODE_COLUMN, count.code)
    sheet.cell(row, SYMBOL_COLUMN, count.symbol or "—")
    sheet.cell(row, DEFINITION_COLUMN, count.definition[:1].upper() + count.definition[1:])
    sheet.cell(row, UNIT_COLUMN, count.unit)
    for column in (SYMBOL_COLUMN, DEFINITION_COLUMN, UNIT_COLUMN):
        sheet.cell(row, column).alignment = _WRAP
        sheet.cell(row, column).border = _BORDER

    value_cell = sheet.cell(row, VALUE_COLUMN, value)
    value_cell.protection = Protection(locked=False)
    value_cell.fill = _INPUT_FILL
    value_cell.border = _BORDER
    value_cell.number_format = "#,##0"
    validation.add(value_cell.coordinate)

    # About 65 characters of the definition fit on one line of column C (checked in LibreOffice).
    lines = max(1, -(-len(count.definition) // 65))
    sheet.row_dimensions[row].height = 15 * lines + 3


def _protect(sheet) -> None:
    # No password: protection guards against slips, not against the owner.
    sheet.protection.sheet = True
    sheet.protection.formatCells = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _write_meta(workbook: Workbook, spec: TemplateSpec, codes: list[str]) -> None:
    meta = workbook.create_sheet(META_SHEET)
    rows = [
        ("format", FORMAT_MARKER),
        ("format_version", FORMAT_VERSION),
        ("organisation_code", spec.organisation_code),
        ("organisation_name", spec.organisation_name),
        ("organisation_kind", spec.organisation_kind),
        ("municipality_code", spec.municipality_code or ""),
        ("year", spec.year),
        ("catalog_version", spec.catalog_version),
        ("sheet", TEMPLATE_SHEET),
        ("codes", ",".join(codes)),
        ("created_at", dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
    ]
    for row in rows:
        meta.append(row)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
