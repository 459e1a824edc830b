"""The Excel entry template and its import, with one test per kind of bad input."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from proforient_desktop.catalog import Role
from proforient_desktop.domain.values import MAX_COUNT
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.reports.excel_import import TemplateImportError, cell_to_count, read_filled_template
from proforient_desktop.reports.template import CODE_COLUMN, META_SHEET, TEMPLATE_SHEET, VALUE_COLUMN
from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.excel_import import (
    AUDIT_ACTION,
    apply_import,
    preview_import,
    write_entry_template,
)
from proforient_desktop.services.installation import initialize
from proforient_desktop.storage.models import AuditEntry

YEAR = 2024
SCHOOL = "2721000001"


def value_rows(path: Path) -> dict[str, int]:
    """Map each count code to its row in the template's sheet."""
    sheet = openpyxl.load_workbook(path)[TEMPLATE_SHEET]
    return {
        sheet.cell(row, CODE_COLUMN).value: row
        for row in range(1, sheet.max_row + 1)
        if isinstance(sheet.cell(row, CODE_COLUMN).value, str) and sheet.cell(row, CODE_COLUMN).value != "код"
    }


def fill(path: Path, values: dict[str, object], *, merge: str | None = None) -> None:
    """Put ``values`` (any cell content) into the template's input cells, as a user would."""
    rows = value_rows(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[TEMPLATE_SHEET]
    for code, value in values.items():
        sheet.cell(rows[code], VALUE_COLUMN).value = value
    if merge:
        sheet.merge_cells(merge)
    workbook.save(path)


def rewrite_sheet(path: Path, edit) -> None:
    """Rewrite the first sheet's XML, as another spreadsheet program might have saved it."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)


def audit_actions(context) -> list[AuditEntry]:
    with context.database.transaction() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == AUDIT_ACTION)).all()
        session.expunge_all()
        return entries


@pytest.fixture
def template(school_context, tmp_path) -> Path:
    path = tmp_path / "шаблон.xlsx"
    write_entry_template(school_context, path, YEAR)
    return path


def import_file(context, path: Path):
    return apply_import(context, preview_import(context, path))


def assert_rejected_unchanged(context, path: Path, *fragments: str) -> str:
    before = get_counts(context, YEAR)
    with pytest.raises(InvalidInputError) as caught:
        preview_import(context, path)
    for fragment in fragments:
        assert fragment in caught.value.message
    assert get_counts(context, YEAR) == before
    assert audit_actions(context) == []
    return caught.value.message


# --- the template itself ---------------------------------------------------


def test_template_protected_with_validation(template):
    workbook = openpyxl.load_workbook(template)
    sheet = workbook[TEMPLATE_SHEET]
    rows = value_rows(template)
    first_input = sheet.cell(rows["students_total"], VALUE_COLUMN)

    assert sheet.protection.sheet is True
    assert first_input.protection.locked is False
    assert sheet.cell(rows["students_total"], 3).protection.locked is True
    assert sheet.column_dimensions["A"].hidden is True
    assert workbook[META_SHEET].sheet_state == "veryHidden"
    validation = sheet.data_validations.dataValidation[0]
    assert validation.type == "whole"
    assert validation.formula1 == "0"
    assert first_input.coordinate in validation.sqref


def test_template_official_wording(template, catalog):
    sheet = openpyxl.load_workbook(template)[TEMPLATE_SHEET]
    rows = value_rows(template)
    definition = sheet.cell(rows["ticket_to_future_participants"], 3).value

    assert definition.lower() == catalog.counts["ticket_to_future_participants"].definition.lower()
    assert sheet.cell(rows["ticket_to_future_participants"], 2).value == "Чбвб"
    assert set(rows) == {count.code for count in catalog.counts_for(Role.SCHOOL)}


def test_template_prefilled_from_database(school_context, tmp_path):
    set_counts(school_context, YEAR, {"students_total": 640, "ticket_to_future_participants": 75})
    path = tmp_path / "заполненный.xlsx"
    write_entry_template(school_context, path, YEAR)

    sheet = openpyxl.load_workbook(path)[TEMPLATE_SHEET]
    rows = value_rows(path)
    assert sheet.cell(rows["students_total"], VALUE_COLUMN).value == 640
    assert sheet.cell(rows["ticket_to_future_participants"], VALUE_COLUMN).value == 75
    assert sheet.cell(rows["proektoria_participants"], VALUE_COLUMN).value is None


# --- good files ------------------------------------------------------------


@pytest.mark.usefixtures("backend")
def test_import_preview_then_apply(school_context, template):
    set_counts(school_context, YEAR, {"students_total": 600, "proektoria_participants": 50})
    fill(template, {"students_total": 640, "ticket_to_future_participants": 75})

    preview = preview_import(school_context, template)
    changes = {change.count.code: (change.old, change.new) for change in preview.changes}
    assert changes == {
        "students_total": (600, 640),
        "ticket_to_future_participants": (None, 75),
        "proektoria_participants": (50, None),
    }
    assert get_counts(school_context, YEAR) == {"students_total": 600, "proektoria_participants": 50}

    apply_import(school_context, preview)
    assert get_counts(school_context, YEAR) == {"students_total": 640, "ticket_to_future_participants": 75}
    [entry] = audit_actions(school_context)
    details = json.loads(entry.details)
    assert details["file"] == template.name
    assert details["changes"]["students_total"] == [600, 640]


def test_numbers_stored_as_text(school_context, template):
    fill(template, {"students_total": "640", "ticket_to_future_participants": " 75 "})
    import_file(school_context, template)
    assert get_counts(school_context, YEAR) == {"students_total": 640, "ticket_to_future_participants": 75}


@pytest.mark.parametrize("text", ["1\u00a0240", "1\u202f240", "1 240"])
def test_thousands_separated_by_spaces(school_context, template, text):
    fill(template, {"students_total": text})
    import_file(school_context, template)
    assert get_counts(school_context, YEAR) == {"students_total": 1240}


def test_whole_float_accepted(school_context, template):
    fill(template, {"students_total": 640.0})
    import_file(school_context, template)
    assert get_counts(school_context, YEAR) == {"students_total": 640}


def test_formula_with_cached_value(school_context, template):
    rows = value_rows(template)
    fill(template, {"students_total": "=600+40"})
    rewrite_sheet(template, lambda xml: xml.replace("<f>600+40</f><v />", "<f>600+40</f><v>640</v>"))

    preview = preview_import(school_context, template)
    assert preview.template.formula_cells == {"students_total"}
    apply_import(school_context, preview)
    assert get_counts(school_context, YEAR) == {"students_total": 640}
    assert rows["students_total"] > 0


def test_extra_rows_and_columns_ignored(school_context, template):
    workbook = openpyxl.load_workbook(template)
    sheet = workbook[TEMPLATE_SHEET]
    sheet["H3"] = "заметка методиста"
    sheet["Z200"] = 999
    sheet.cell(300, VALUE_COLUMN).value = 12345
    sheet.cell(value_rows(template)["students_total"], 7).value = "проверено"
    sheet.cell(value_rows(template)["students_total"], VALUE_COLUMN).value = 640
    workbook.save(template)

    import_file(school_context, template)
    assert get_counts(school_context, YEAR) == {"students_total": 640}


def test_wrong_declared_dimension(school_context, template):
    fill(template, {"students_total": 640, "ticket_to_future_participants": 75})
    rewrite_sheet(template, lambda xml: re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:B2"/>', xml))
    assert '<dimension ref="A1:B2"/>' in zipfile.ZipFile(template).read("xl/worksheets/sheet1.xml").decode()

    import_file(school_context, template)
    assert get_counts(school_context, YEAR) == {"students_total": 640, "ticket_to_future_participants": 75}


def test_merged_across_columns_accepted(school_context, template):
    row = value_rows(template)["students_total"]
    fill(template, {"students_total": 640}, merge=f"D{row}:E{row}")
    import_file(school_context, template)
    assert get_counts(school_context, YEAR) == {"students_total": 640}


# --- bad files: one test per kind -------------------------------------------


def test_decimal_comma_refused(school_context, template):
    row = value_rows(template)["students_total"]
    fill(template, {"students_total": "12,5"})
    message = assert_rejected_unchanged(school_context, template)
    assert f"Лист «Показатели», ячейка D{row}: ожидается целое число ≥ 0, получено «12,5»" in message


def test_fractional_number_refused(school_context, template):
    row = value_rows(template)["students_total"]
    fill(template, {"students_total": 12.5})
    assert_rejected_unchanged(school_context, template, f"ячейка D{row}", "получено «12,5»")


def test_negative_and_text_refused(school_context, template):
    rows = value_rows(template)
    fill(template, {"students_total": -3, "ticket_to_future_participants": "много"})
    message = assert_rejected_unchanged(school_context, template, "Ошибок: 2")
    assert f"ячейка D{rows['students_total']}: ожидается целое число ≥ 0, получено «-3»" in message
    assert f"ячейка D{rows['ticket_to_future_participants']}" in message


@pytest.mark.usefixtures("backend")
def test_one_bad_cell_blocks_good_ones(school_context, template):
    set_counts(school_context, YEAR, {"students_total": 600})
    fill(template, {"students_total": 640, "ticket_to_future_participants": "7,5"})
    assert_rejected_unchanged(school_context, template, "7,5")
    assert get_counts(school_context, YEAR) == {"students_total": 600}


def test_formula_without_cached_value(school_context, template):
    row = value_rows(template)["students_total"]
    fill(template, {"students_total": "=600+40"})
    assert_rejected_unchanged(school_context, template, f"ячейка D{row}", "=600+40", "сохраните")


def test_formula_error_value(school_context, template):
    fill(template, {"students_total": "=1/0"})
    rewrite_sheet(template, lambda xml: xml.replace("<f>1/0</f><v />", '<f>1/0</f><v>#DIV/0!</v>')
                  .replace('<c r="D', '<c r="D', 1))
    xml = zipfile.ZipFile(template).read("xl/worksheets/sheet1.xml").decode()
    cell = re.search(r'<c r="(D\d+)"[^>]*><f>1/0</f>', xml).group(1)
    rewrite_sheet(template, lambda text: text.replace(f'<c r="{cell}"', f'<c r="{cell}" t="e"', 1))
    assert_rejected_unchanged(school_context, template, cell, "#DIV/0!")


def test_merged_over_value_cell_refused(school_context, template):
    rows = value_rows(template)
    first, second = rows["students_total"], rows["ticket_to_future_participants"]
    fill(template, {"students_total": 640}, merge=f"C{second}:D{second}")
    assert_rejected_unchanged(school_context, template, f"ячейка D{second}", "объединённые ячейки")
    assert first != second


def test_legacy_xls_refused(school_context, tmp_path):
    path = tmp_path / "отчёт.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    assert_rejected_unchanged(school_context, path, "Excel 97–2003 (.xls)", "«Книга Excel (.xlsx)»")


def test_csv_in_cp1251_refused(school_context, tmp_path):
    path = tmp_path / "отчёт.xlsx"
    path.write_bytes("Обозначение;Значение\r\nЧоко;640\r\nЧбвб;75\r\n".encode("cp1251"))
    assert_rejected_unchanged(school_context, path, "CSV", "proforient template")


def test_plain_workbook_refused(school_context, tmp_path):
    path = tmp_path / "своя таблица.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Чоко"
    workbook.active["B1"] = 640
    workbook.save(path)
    assert_rejected_unchanged(school_context, path, "не является шаблоном")


def test_truncated_file_refused(school_context, template):
    data = template.read_bytes()
    template.write_bytes(data[: len(data) // 2])
    assert_rejected_unchanged(school_context, template, "повреждён")


def test_defusedxml_active():
    assert openpyxl.xml.DEFUSEDXML is True


def test_billion_laughs_refused(school_context, template):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                  for i in range(1, 10))
        + "]>"
    )
    rewrite_sheet(template, lambda xml: bomb + xml.replace("<sheetData>", "<sheetData><row r=\"1\"><c r=\"A1\" "
                                                                  "t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>", 1))
    assert_rejected_unchanged(school_context, template, "отклонён", "запрещённые конструкции XML")


def test_zip_bomb_refused(school_context, template):
    padding = "<!--" + " " * (150 * 1024 * 1024) + "-->"
    rewrite_sheet(template, lambda xml: xml.replace("<sheetData>", padding + "<sheetData>", 1))
    assert_rejected_unchanged(school_context, template, "при распаковке")


# --- who may import what ---------------------------------------------------


@pytest.fixture
def municipality_context(context):
    initialize(context, "municipality", "MUN-KHR", "Управление образования Хабаровского района", "khabarovsky")
    return context


@pytest.mark.usefixtures("backend")
def test_municipality_registers_new_school(municipality_context, tmp_path):
    path = tmp_path / "новая школа.xlsx"
    write_entry_template(municipality_context, path, YEAR, org_code="2721000099",
                         org_name="МБОУ ООШ с. Новое")
    fill(path, {"students_total": 120})

    preview = preview_import(municipality_context, path)
    assert preview.new_organisation is True
    apply_import(municipality_context, preview)
    assert get_counts(municipality_context, YEAR, org_code="2721000099") == {"students_total": 120}
    [entry] = audit_actions(municipality_context)
    assert json.loads(entry.details)["entered_by"] == "municipality MUN-KHR"


def test_other_organisations_template_refused(school_context, tmp_path, data_dir):
    from proforient_desktop.services.context import open_context

    other = open_context(tmp_path / "другая", operator="тест")
    try:
        initialize(other, "school", "2721000002", "МБОУ СОШ № 2", "khabarovsky")
        path = tmp_path / "чужой.xlsx"
        write_entry_template(other, path, YEAR)
    finally:
        other.close()
    fill(path, {"students_total": 10})

    with pytest.raises(UserError, match="другую организацию"):
        preview_import(school_context, path)
    assert get_counts(school_context, YEAR) == {}


def test_file_changed_after_preview(school_context, template):
    fill(template, {"students_total": 640})
    preview = preview_import(school_context, template)
    fill(template, {"students_total": 641})

    with pytest.raises(UserError, match="изменился после просмотра"):
        apply_import(school_context, preview)
    assert get_counts(school_context, YEAR) == {}


def test_read_template_reports_cells(catalog, template):
    rows = value_rows(template)
    fill(template, {"students_total": 5, "ticket_to_future_participants": 3})
    filled = read_filled_template(catalog, template)
    assert filled.cells["students_total"] == f"D{rows['students_total']}"
    assert filled.values["students_total"] == 5
    assert filled.organisation_code == SCHOOL
    assert filled.year == YEAR
    with pytest.raises(TemplateImportError):
        fill(template, {"students_total": "пять"})
        read_filled_template(catalog, template)


def test_inline_strings_accepted(school_context, template):
    row = value_rows(template)["students_total"]
    fill(template, {"students_total": 1})
    rewrite_sheet(template, lambda xml: re.sub(
        rf'<c r="D{row}"([^>]*)><v>1</v></c>', rf'<c r="D{row}" t="inlineStr"><is><t>1 240</t></is></c>', xml))
    assert "inlineStr" in zipfile.ZipFile(template).read("xl/worksheets/sheet1.xml").decode()

    import_file(school_context, template)
    assert get_counts(school_context, YEAR) == {"students_total": 1240}


def test_cells_without_references(school_context, template):
    fill(template, {"students_total": 640, "ticket_to_future_participants": 75})
    xml_before = zipfile.ZipFile(template).read("xl/worksheets/sheet1.xml").decode()
    rows = value_rows(template)

    def strip_count_rows(xml: str) -> str:
        # Some exporters write <c> without «r» when a row's cells are contiguous.
        for row in rows.values():
            xml = re.sub(rf'(<row r="{row}"[^>]*>)(.*?)(</row>)',
                         lambda match: match.group(1) + re.sub(r'<c r="[A-Z]+\d+"', "<c", match.group(2))
                         + match.group(3), xml, flags=re.S)
        return xml

    rewrite_sheet(template, strip_count_rows)
    assert zipfile.ZipFile(template).read("xl/worksheets/sheet1.xml").decode() != xml_before

    import_file(school_context, template)
    assert get_counts(school_context, YEAR) == {"students_total": 640, "ticket_to_future_participants": 75}


@given(value=st.integers(min_value=0, max_value=MAX_COUNT))
def test_cell_whole_number_forms(value):
    grouped = f"{value:,}".replace(",", "\u00a0")
    for form in (value, float(value), str(value), grouped, f" {value} "):
        assert cell_to_count(form, "Лист «Показатели», ячейка D7") == value


@given(value=st.floats(min_value=0, max_value=1e6, allow_nan=False).filter(lambda x: not x.is_integer()))
def test_cell_fraction_never_truncated(value):
    with pytest.raises(InvalidInputError, match="ячейка D7: ожидается целое число"):
        cell_to_count(value, "Лист «Показатели», ячейка D7")
