"""The report, template and counts import commands, run as a user would."""

from __future__ import annotations

import openpyxl
import pypdf

from proforient_desktop.cli import main
from proforient_desktop.reports.template import TEMPLATE_SHEET, VALUE_COLUMN
from proforient_desktop.services.counts import get_counts, set_counts

YEAR = "2024"


def test_template_import_report(school_context, data_dir, tmp_path, capsys):
    set_counts(school_context, 2024, {"students_total": 600})
    template = tmp_path / "шаблон.xlsx"
    assert main(["--data-dir", str(data_dir), "template", "--year", YEAR, "-o", str(template)]) == 0

    workbook = openpyxl.load_workbook(template)
    sheet = workbook[TEMPLATE_SHEET]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "students_total")
    sheet.cell(row, VALUE_COLUMN).value = "640"
    workbook.save(template)

    assert main(["--data-dir", str(data_dir), "counts", "import", str(template), "--dry-run"]) == 0
    assert "Пробный запуск" in capsys.readouterr().out
    assert get_counts(school_context, 2024) == {"students_total": 600}

    assert main(["--data-dir", str(data_dir), "counts", "import", str(template)]) == 0
    output = capsys.readouterr().out
    assert "600" in output and "640" in output
    assert get_counts(school_context, 2024) == {"students_total": 640}

    pdf = tmp_path / "справка.pdf"
    assert main(["--data-dir", str(data_dir), "report", "pdf", "--year", YEAR, "-o", str(pdf)]) == 0
    assert "Аналитическая справка" in pypdf.PdfReader(pdf).pages[0].extract_text()
    excel = tmp_path / "таблицы.xlsx"
    assert main(["--data-dir", str(data_dir), "report", "excel", "--year", YEAR, "-o", str(excel)]) == 0
    assert "Показатели" in openpyxl.load_workbook(excel).sheetnames


def test_bad_file_exit_code(school_context, data_dir, tmp_path, capsys):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert main(["--data-dir", str(data_dir), "counts", "import", str(path)]) == 2
    assert ".xls" in capsys.readouterr().err


def test_region_level_refused_at_school(school_context, data_dir, tmp_path, capsys):
    out = tmp_path / "r.pdf"
    assert main(["--data-dir", str(data_dir), "report", "pdf", "--level", "region", "--year", YEAR,
                 "-o", str(out)]) == 2
    assert not out.exists()


def test_missing_folder_reported(school_context, data_dir, tmp_path, capsys):
    target = tmp_path / "нет такой папки" / "t.xlsx"
    code = main(["--data-dir", str(data_dir), "template", "--year", YEAR, "-o", str(target)])
    assert code == 2
    assert "не существует" in capsys.readouterr().err
    assert not target.parent.exists()


def test_output_is_a_folder(school_context, data_dir, tmp_path, capsys):
    target = tmp_path / "папка.pdf"
    target.mkdir()
    code = main(["--data-dir", str(data_dir), "report", "pdf", "--year", YEAR, "-o", str(target)])
    assert code == 2
    assert "Не удаётся записать файл" in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
