"""Excel tables of a report, read back with openpyxl: numbers, types, formats and sheets."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from proforient_desktop.catalog import Role
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.directory import add_organisation
from proforient_desktop.services.installation import initialize
from proforient_desktop.services.reports import build_report_data, write_excel_report
from proforient_desktop.storage.models import Activity, Organisation

YEAR = 2024

# Three schools in two municipalities; the third one never reports.
SCHOOLS = [
    ("2721000011", "МБОУ СОШ № 11", "khabarovsky", {2023: (500, 40), 2024: (520, 78)}),
    ("2721000012", "МБОУ СОШ № 12", "khabarovsky", {2023: (300, 10), 2024: (280, 14)}),
    ("2703000013", "МБОУ СОШ № 13 г. Амурска", "amursky", {}),
]


def add_activity_row(context, org_code: str, measure_code: str, participants: int, sen: int) -> None:
    from sqlalchemy import select

    with context.database.transaction() as session:
        organisation = session.scalars(select(Organisation).where(Organisation.code == org_code)).one()
        session.add(Activity(uid=f"{org_code}-{measure_code}-{participants}", organisation_id=organisation.id,
                             measure_code=measure_code, held_on=dt.date(YEAR, 3, 1), title="Профпроба",
                             participants_total=participants, participants_sen=sen))


@pytest.fixture
def region_context(context, catalog):
    initialize(context, "region", "REGION-IRO", "КГАОУ ДПО ХК ИРО")
    for code, name, municipality, years in SCHOOLS:
        add_organisation(context, code, name, "school", municipality)
        for year, (total, ticket) in years.items():
            set_counts(context, year, {"students_total": total, "ticket_to_future_participants": ticket},
                       org_code=code)
    measure = next(iter(catalog.measures))
    add_activity_row(context, "2721000011", measure, 40, 3)
    add_activity_row(context, "2721000012", measure, 25, 0)
    return context


@pytest.fixture
def school_with_counts(school_context):
    set_counts(school_context, 2023, {"students_total": 600, "ticket_to_future_participants": 50})
    set_counts(school_context, YEAR, {"students_total": 640, "ticket_to_future_participants": 80})
    return school_context


def rows_by_key(sheet, key_columns: int = 2) -> dict:
    header = [cell.value for cell in sheet[1]]
    rows = {}
    for row in sheet.iter_rows(min_row=2):
        key = tuple(cell.value for cell in row[:key_columns])
        rows[key] = {name: cell for name, cell in zip(header, row)}
    return rows


def test_organisation_indicators_sheet(school_with_counts, tmp_path):
    path = tmp_path / "школа.xlsx"
    write_excel_report(school_with_counts, path, "org", YEAR)
    workbook = openpyxl.load_workbook(path)

    assert workbook.sheetnames == ["Титул", "Показатели", "Численности", "Мероприятия", "Полнота"]
    rows = rows_by_key(workbook["Показатели"])
    p1 = rows[(YEAR, "П1")]
    assert p1["Значение"].value == pytest.approx(0.125)
    assert p1["Значение"].number_format == "0.0%"
    assert p1["Целевое значение"].value == pytest.approx(0.12)
    assert p1["Статус"].value == "достигнуто"
    assert p1["Числитель"].value == 80
    assert p1["Знаменатель"].value == 640
    assert p1["Организаций в расчёте"].value == 1
    assert p1["Значение за прошлый год"].value == pytest.approx(50 / 600)
    assert p1["Наименование показателя"].value.startswith("Доля обучающихся, охваченных проектом")


def test_sheets_frozen_filtered_coloured(school_with_counts, tmp_path):
    path = tmp_path / "школа.xlsx"
    write_excel_report(school_with_counts, path, "org", YEAR)
    sheet = openpyxl.load_workbook(path)["Показатели"]

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:L")
    assert sheet.column_dimensions["C"].width == 60
    rules = [rule for ranges in sheet.conditional_formatting for rule in ranges.rules]
    assert {rule.formula[0] for rule in rules} >= {'"достигнуто"', '"не достигнуто"'}
    assert sheet["A1"].font.bold is True


def test_title_sheet(school_with_counts, tmp_path, catalog):
    path = tmp_path / "школа.xlsx"
    write_excel_report(school_with_counts, path, "org", YEAR, first_year=2023)
    title = {row[0]: row[1] for row in openpyxl.load_workbook(path)["Титул"].iter_rows(values_only=True) if row}

    assert title["Уровень"] == "организация"
    assert title["Отчётные годы"] == "2023–2024"
    assert title["Версия каталога показателей"] == catalog.version
    assert dt.datetime.strptime(title["Сформировано"], "%d.%m.%Y %H:%M")


def test_counts_sheet_numbers(school_with_counts, tmp_path):
    path = tmp_path / "школа.xlsx"
    write_excel_report(school_with_counts, path, "org", YEAR, first_year=2023)
    sheet = openpyxl.load_workbook(path)["Численности"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Чоко — общая численность обучающихся")

    values = {row[0]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values == {2023: 600, 2024: 640}
    assert isinstance(values[2024], int)


# The region runs on PostgreSQL too.
@pytest.mark.usefixtures("backend")
def test_region_level_sheets(region_context, tmp_path):
    path = tmp_path / "регион.xlsx"
    write_excel_report(region_context, path, "region", YEAR)
    workbook = openpyxl.load_workbook(path)

    assert "Муниципалитеты" in workbook.sheetnames
    assert "Организации" in workbook.sheetnames
    p1 = rows_by_key(workbook["Показатели"])[(YEAR, "П1")]
    assert p1["Числитель"].value == 78 + 14
    assert p1["Знаменатель"].value == 520 + 280
    assert p1["Значение"].value == pytest.approx((78 + 14) / 800)
    assert p1["Организаций в расчёте"].value == 2

    municipalities = rows_by_key(workbook["Муниципалитеты"], 2)
    khabarovsky = next(row for key, row in municipalities.items() if key[1] == "khabarovsky")
    assert khabarovsky["П1"].value == pytest.approx(92 / 800)
    assert khabarovsky["П1"].number_format == "0.0%"


@pytest.mark.usefixtures("backend")
def test_region_completeness_and_activities(region_context, tmp_path):
    path = tmp_path / "регион.xlsx"
    write_excel_report(region_context, path, "region", YEAR)
    workbook = openpyxl.load_workbook(path)

    completeness = rows_by_key(workbook["Полнота"])[(YEAR, "П1")]
    assert completeness["Ожидалось организаций"].value == 3
    assert completeness["Представили"].value == 2
    assert completeness["Правило выполнено"].value == "нет"
    assert "МБОУ СОШ № 13 г. Амурска" in completeness["Не представили"].value

    activities = list(workbook["Мероприятия"].iter_rows(min_row=2, values_only=True))
    assert [(row[4], row[5], row[6]) for row in activities] == [(2, 65, 3)]


@pytest.mark.usefixtures("backend")
def test_municipality_level(region_context, tmp_path):
    data = build_report_data(region_context, "municipality", YEAR, code="khabarovsky")
    assert data.result("P1", YEAR).numerator == 92
    assert {row.code for sheet in data.level_sheets for row in sheet.rows} == {"2721000011", "2721000012"}
    assert data.non_reporting == []
    assert data.organisations_reported == 2


def test_unknown_level_rejected(school_context):
    with pytest.raises(InvalidInputError, match="Уровень отчёта"):
        build_report_data(school_context, "planet", YEAR)


def test_region_report_refused_at_school(school_context):
    with pytest.raises(InvalidInputError, match="региональный оператор"):
        build_report_data(school_context, "region", YEAR)


def test_unknown_municipality_rejected(region_context):
    with pytest.raises(InvalidInputError, match="не найдено в справочнике"):
        build_report_data(region_context, "municipality", YEAR, code="nowhere")


@pytest.mark.usefixtures("backend")
def test_region_lists_silent_school(region_context):
    data = build_report_data(region_context, "region", YEAR)
    assert data.non_reporting == ["МБОУ СОШ № 13 г. Амурска (Амурский)"]
    assert data.organisations_expected == 3
    assert data.organisations_reported == 2


def test_counts_sheet_lists_unreported(school_with_counts, tmp_path, catalog):
    path = tmp_path / "школа.xlsx"
    write_excel_report(school_with_counts, path, "org", YEAR)
    sheet = openpyxl.load_workbook(path)["Численности"]
    header = [cell.value for cell in sheet[1]]

    assert len(header) == 4 + len(catalog.counts_for(Role.SCHOOL))
    column = next(index for index, title in enumerate(header) if title.startswith("Чпро —"))
    assert sheet.cell(2, column + 1).value is None
