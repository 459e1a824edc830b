"""The demo data notice in the PDF and Excel reports, read back from the real files."""

from __future__ import annotations

import openpyxl
import pypdf
import pytest

from proforient_desktop.catalog import Role
from proforient_desktop.services.context import open_context
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.demo import generate_region
from proforient_desktop.services.demo_install import build_demo
from proforient_desktop.services.reports import DEMO_REPORT_MARK, write_excel_report, write_pdf_report

YEARS = (2023, 2024)
YEAR = YEARS[-1]


@pytest.fixture(scope="module")
def demo_school(tmp_path_factory, catalog):
    """A school demo installation, built once for the module."""
    folder = tmp_path_factory.mktemp("демо")
    region = generate_region(catalog, schools=19, colleges=0, years=YEARS, seed=3)
    build_demo(catalog, region, Role.SCHOOL, folder / "данные", folder / "пакеты")
    return folder / "данные"


@pytest.fixture
def demo_context(demo_school):
    context = open_context(demo_school, operator="тест")
    yield context
    context.close()


@pytest.fixture
def real_school(school_context):
    set_counts(school_context, YEAR, {"students_total": 640, "ticket_to_future_participants": 80})
    return school_context


def page_texts(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def test_demo_pdf_marks_every_page(demo_context, tmp_path):
    path = tmp_path / "демо.pdf"
    write_pdf_report(demo_context, path, "org", YEAR)

    pages = page_texts(path)
    assert len(pages) >= 2, "the mark must be checked on more than the title page"
    for number, text in enumerate(pages, start=1):
        assert DEMO_REPORT_MARK in text, f"page {number} has no demo mark"
    assert DEMO_REPORT_MARK in pypdf.PdfReader(path).metadata.subject


def test_real_pdf_has_no_mark(real_school, tmp_path):
    path = tmp_path / "справка.pdf"
    write_pdf_report(real_school, path, "org", YEAR)

    for text in page_texts(path):
        assert "Демонстрационные данные" not in text
    assert "Демонстрационные" not in (pypdf.PdfReader(path).metadata.subject or "")


def test_demo_excel_marks_every_sheet(demo_context, tmp_path):
    path = tmp_path / "демо.xlsx"
    write_excel_report(demo_context, path, "org", YEAR, first_year=YEARS[0])
    workbook = openpyxl.load_workbook(path)

    for sheet in workbook.worksheets:
        assert sheet["A1"].value == DEMO_REPORT_MARK, f"sheet «{sheet.title}» has no demo mark"
    assert workbook.properties.subject == DEMO_REPORT_MARK
    assert workbook.properties.keywords == DEMO_REPORT_MARK


def test_demo_excel_header_below_mark(demo_context, tmp_path):
    path = tmp_path / "демо.xlsx"
    write_excel_report(demo_context, path, "org", YEAR)
    sheet = openpyxl.load_workbook(path)["Показатели"]

    assert sheet["A2"].value == "Год"
    assert sheet["A2"].font.bold
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref.startswith("A2:")
    assert sheet["A3"].value == YEAR


def test_real_excel_has_no_mark(real_school, tmp_path):
    path = tmp_path / "школа.xlsx"
    write_excel_report(real_school, path, "org", YEAR)
    workbook = openpyxl.load_workbook(path)

    for sheet in workbook.worksheets:
        values = [cell.value for row in sheet.iter_rows(max_row=3) for cell in row]
        assert DEMO_REPORT_MARK not in values, f"sheet «{sheet.title}» is marked as demo"
    assert workbook["Показатели"]["A1"].value == "Год"
    assert workbook.properties.subject != DEMO_REPORT_MARK
