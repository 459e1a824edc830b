"""The «Reports» screen: build a report with progress, import a filled template with a preview."""

from __future__ import annotations

import openpyxl
import pypdf

from proforient_desktop.reports.template import TEMPLATE_SHEET, VALUE_COLUMN
from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.excel_import import write_entry_template
from proforient_desktop.ui.reports_screen import KIND_PDF, KIND_TEMPLATE, ReportsScreen

SCREEN_SIZE = (1366, 768)


def make_screen(qtbot, context) -> ReportsScreen:
    screen = ReportsScreen(context)
    qtbot.addWidget(screen)
    screen.resize(*SCREEN_SIZE)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_pdf_report_written(qtbot, school_context, recorded, tmp_path):
    set_counts(school_context, 2024, {"students_total": 640, "ticket_to_future_participants": 80})
    screen = make_screen(qtbot, school_context)
    screen.kind_box.setCurrentIndex(screen.kind_box.findData(KIND_PDF))
    screen.year_box.setValue(2024)
    path = tmp_path / "справка.pdf"
    screen.path_edit.setText(str(path))

    with qtbot.waitSignal(screen.report_written):
        screen.create_button.click()
    assert "Аналитическая справка" in pypdf.PdfReader(path).pages[0].extract_text()
    assert screen.open_folder_button.isEnabled()
    assert recorded.errors == []


def test_russian_labels(qtbot, school_context, recorded):
    screen = make_screen(qtbot, school_context)
    assert screen.create_button.text() == "Сформировать"
    assert screen.kind_box.itemText(0) == "Аналитическая справка (PDF)"
    assert screen.level_box.count() == 1


def test_import_with_preview(qtbot, school_context, recorded, tmp_path):
    set_counts(school_context, 2024, {"students_total": 600})
    path = tmp_path / "шаблон.xlsx"
    write_entry_template(school_context, path, 2024)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[TEMPLATE_SHEET]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "students_total")
    sheet.cell(row, VALUE_COLUMN).value = "640"
    workbook.save(path)
    screen = make_screen(qtbot, school_context)

    recorded.answers = [False]
    assert screen.import_file(path) is False
    assert "Чоко: 600 → 640" in recorded.questions[0]
    assert get_counts(school_context, 2024) == {"students_total": 600}

    with qtbot.waitSignal(screen.counts_imported):
        assert screen.import_file(path) is True
    assert get_counts(school_context, 2024) == {"students_total": 640}


def test_bad_import_shows_cell(qtbot, school_context, recorded, tmp_path):
    path = tmp_path / "шаблон.xlsx"
    write_entry_template(school_context, path, 2024)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[TEMPLATE_SHEET]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "students_total")
    sheet.cell(row, VALUE_COLUMN).value = "12,5"
    workbook.save(path)
    screen = make_screen(qtbot, school_context)

    assert screen.import_file(path) is False
    assert f"ячейка D{row}: ожидается целое число ≥ 0, получено «12,5»" in recorded.errors[0]
    assert get_counts(school_context, 2024) == {}


def test_template_kind_writes_template(qtbot, school_context, recorded, tmp_path):
    screen = make_screen(qtbot, school_context)
    screen.kind_box.setCurrentIndex(screen.kind_box.findData(KIND_TEMPLATE))
    path = tmp_path / "шаблон.xlsx"
    screen.path_edit.setText(str(path))
    assert screen.create_report() is True
    assert TEMPLATE_SHEET in openpyxl.load_workbook(path).sheetnames


def test_cancel_leaves_no_file(qtbot, school_context, recorded, tmp_path):
    from PySide6.QtCore import QTimer

    screen = make_screen(qtbot, school_context)
    screen.kind_box.setCurrentIndex(screen.kind_box.findData(KIND_PDF))
    folder = tmp_path / "отчёты"
    folder.mkdir()
    path = folder / "отменённая.pdf"
    screen.path_edit.setText(str(path))

    # The click lands during the first progress step, while the report is being built.
    QTimer.singleShot(0, screen.cancel_button.click)
    assert screen.create_report() is False
    assert not path.exists()
    assert list(folder.iterdir()) == []
    assert screen.status_label.text() == "Отменено: файл не записан."
    assert screen.create_button.isEnabled()


def test_main_window_opens_reports(school_window):
    screen = school_window.show_section("reports")
    assert isinstance(screen, ReportsScreen)
    assert screen.isVisible()
    assert screen.width() <= SCREEN_SIZE[0]


def test_excel_range_of_years(qtbot, school_context, recorded, tmp_path):
    from proforient_desktop.ui.reports_screen import KIND_EXCEL

    set_counts(school_context, 2023, {"students_total": 600})
    set_counts(school_context, 2024, {"students_total": 640})
    screen = make_screen(qtbot, school_context)
    screen.kind_box.setCurrentIndex(screen.kind_box.findData(KIND_EXCEL))
    screen.year_box.setValue(2024)
    assert screen.first_year_label.text() == "Таблицы с года:"
    screen.first_year_box.setValue(2023)
    path = tmp_path / "таблицы.xlsx"
    screen.path_edit.setText(str(path))

    assert screen.create_report() is True
    years = {row[0] for row in openpyxl.load_workbook(path)["Численности"].iter_rows(min_row=2, values_only=True)}
    assert years == {2023, 2024}
