"""Regional and municipal reports over data that arrived as real signed packages."""

from __future__ import annotations

import openpyxl
import pypdf
import pytest

from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.exchange import export_package, import_packages
from proforient_desktop.services.reports import write_excel_report, write_pdf_report
from tests.exchange_support import OTHER_MUNICIPALITY, add_activity, install

YEAR = 2024


@pytest.fixture(scope="module")
def region_from_packages(tmp_path_factory):
    """Two schools → Хабаровский район → the region; a third school of Амурский sends nothing."""
    root = tmp_path_factory.mktemp("packages")
    first = install(root, "s1", "school", "2721000101", "МБОУ СОШ с. Первое", "khabarovsky")
    second = install(root, "s2", "school", "2721000102", "МБОУ СОШ с. Второе", "khabarovsky")
    municipality = install(root, "m", "municipality", "MUN-KHR", "Управление образования района", "khabarovsky")
    region = install(root, "r", "region", "REGION-IRO", "КГАОУ ДПО ХК ИРО")
    opened = [first, second, municipality, region]

    set_counts(first, YEAR, {"students_total": 400, "ticket_to_future_participants": 60})
    set_counts(second, YEAR, {"students_total": 100, "ticket_to_future_participants": 2})
    set_counts(first, YEAR - 1, {"students_total": 390, "ticket_to_future_participants": 30})
    add_activity(first, "Профпроба на заводе", participants=30)
    files = [export_package(school, root / f"{index}.zip") for index, school in enumerate((first, second))]
    import_packages(municipality, files, trust_new=True)
    import_packages(region, [export_package(municipality, root / "m.zip")], trust_new=True)

    from proforient_desktop.services.directory import add_organisation
    add_organisation(region, "2703000103", "МБОУ СОШ г. Амурска", "school", OTHER_MUNICIPALITY)

    yield {"region": region, "municipality": municipality, "root": root}
    for context in opened:
        context.close()


def test_region_excel_from_packages(region_from_packages):
    path = region_from_packages["root"] / "регион.xlsx"
    write_excel_report(region_from_packages["region"], path, "region", YEAR)
    workbook = openpyxl.load_workbook(path)

    indicators = {(row[0], row[1]): row for row in workbook["Показатели"].iter_rows(min_row=2, values_only=True)}
    p1 = indicators[(YEAR, "П1")]
    assert p1[7] == 62
    assert p1[8] == 500
    assert p1[4] == pytest.approx(62 / 500)
    assert p1[9] == 2

    organisations = {row[1]: row for row in workbook["Организации"].iter_rows(min_row=2, values_only=True)}
    assert organisations["2721000101"][4] == pytest.approx(0.15)
    assert organisations["2721000102"][4] == pytest.approx(0.02)
    assert workbook["Мероприятия"]["E2"].value == 1


def test_municipal_pdf_from_packages(region_from_packages):
    path = region_from_packages["root"] / "район.pdf"
    write_pdf_report(region_from_packages["municipality"], path, "municipality", YEAR)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)

    assert "Хабаровский" in text
    assert "12,4 %" in text
    assert "Представили данные организаций: 2 из 2" in text
    assert "МБОУ СОШ г. Амурска" not in text


def test_region_pdf_lists_silent_school(region_from_packages):
    path = region_from_packages["root"] / "регион.pdf"
    write_pdf_report(region_from_packages["region"], path, "region", YEAR)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)

    assert "Представили данные организаций: 2 из 3" in text
    assert "МБОУ СОШ г. Амурска" in text
    assert "Проведено мероприятий: 1, участников: 30" in text


def test_excel_import_notes_package_sender(region_from_packages):
    from proforient_desktop.services.excel_import import PACKAGE_NOTE, preview_import, write_entry_template

    municipality = region_from_packages["municipality"]
    path = region_from_packages["root"] / "шаблон школы.xlsx"
    write_entry_template(municipality, path, YEAR, org_code="2721000101")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Показатели"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "students_total")
    assert sheet.cell(row, 4).value == 400
    sheet.cell(row, 4).value = 410
    workbook.save(path)

    preview = preview_import(municipality, path)
    assert [(change.old, change.new) for change in preview.changes] == [(400, 410)]
    assert preview.notes == (PACKAGE_NOTE,)


def test_municipal_pdf_names_indicator_gaps(region_from_packages):
    # Both schools reported, but only П1's counts: the other indicators miss their sample.
    path = region_from_packages["root"] / "пропуски.pdf"
    write_pdf_report(region_from_packages["municipality"], path, "municipality", YEAR)

    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)
    assert "не выполнено" in text
    assert "не по всем показателям" in text
    assert "Все ожидаемые организации представили данные." not in text
