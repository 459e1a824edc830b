"""The PDF analytical report, read back with pypdf: Russian titles, indicator names, figures, fonts."""

from __future__ import annotations

import re

import pypdf
import pytest

from proforient_desktop.reports.conclusions import conclusions
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.reports import build_report_data, write_pdf_report
from tests.test_reports_excel import YEAR, region_context  # noqa: F401 (fixture)


def pdf_text(path) -> str:
    reader = pypdf.PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    # pypdf keeps line breaks of wrapped cells; tests look for words across them.
    return re.sub(r"\s+", " ", text)


def fonts_showing_text(path) -> set[str]:
    """Return the base fonts of every font that shows text (Tj/TJ) in the PDF."""
    names = set()
    token = re.compile(rb"/(\S+) [\d.]+ Tf|\)\s*Tj|\]\s*TJ")
    for page in pypdf.PdfReader(path).pages:
        fonts = {key: str(font.get_object()["/BaseFont"]) for key, font in page["/Resources"]["/Font"].items()}
        current = None
        for match in token.finditer(page.get_contents().get_data()):
            if match.group(1):
                current = "/" + match.group(1).decode()
            else:
                names.add(fonts[current])
    return names


@pytest.fixture
def school_report(school_context, tmp_path):
    set_counts(school_context, 2023, {"students_total": 600, "ticket_to_future_participants": 50})
    set_counts(school_context, YEAR, {"students_total": 640, "ticket_to_future_participants": 80,
                                      "proektoria_participants": 64})
    path = tmp_path / "справка.pdf"
    write_pdf_report(school_context, path, "org", YEAR)
    return path


def test_school_report_titles(school_report):
    text = pdf_text(school_report)
    assert "Аналитическая справка" in text
    assert f"за {YEAR} год" in text
    assert "МБОУ СОШ № 1 с. Тестовое" in text
    for heading in ("Итоги года", "Показатели и целевые значения", "Полнота представления данных",
                    "Значения, требующие проверки", "Мероприятия по группам", "Динамика показателей", "Выводы"):
        assert heading in text


def test_school_report_figures(school_report):
    text = pdf_text(school_report)
    assert "Доля обучающихся, охваченных проектом «Билет в будущее»" in text
    assert "12,5 %" in text
    assert "8,3 %" in text
    assert "достигнуто" in text
    assert "Стр. 1 из" in text


def test_text_only_in_bundled_font(school_report):
    fonts = fonts_showing_text(school_report)
    assert any(name.endswith("+DejaVuSans") for name in fonts)
    assert any(name.endswith("+DejaVuSans-Bold") for name in fonts)
    assert all("DejaVuSans" in name for name in fonts)


def test_no_missing_glyphs(school_report):
    text = pdf_text(school_report)
    assert "\ufffd" not in text
    assert "■" not in text


def test_conclusions_name_indicators(school_context):
    set_counts(school_context, 2023, {"students_total": 600, "ticket_to_future_participants": 50})
    set_counts(school_context, YEAR, {"students_total": 640, "ticket_to_future_participants": 80,
                                      "proektoria_participants": 64})
    data = build_report_data(school_context, "org", YEAR)
    sentences = conclusions(data)

    assert any("достигнуты по 1 из 2" in sentence and "П1" in sentence for sentence in sentences)
    assert any(sentence.startswith("Отстают") and "П2 (10,0 % при цели 37 %)" in sentence for sentence in sentences)
    assert any("выросли" in sentence and "П1 (+4,2 п. п.)" in sentence for sentence in sentences)


def test_region_report_completeness(region_context, tmp_path):  # noqa: F811
    path = tmp_path / "регион.pdf"
    write_pdf_report(region_context, path, "region", YEAR)
    text = pdf_text(path)

    assert "регион" in text
    assert "Представили данные организаций: 2 из 3" in text
    assert "МБОУ СОШ № 13 г. Амурска" in text
    assert "не выполнено" in text
    assert "11,5 %" in text
    assert "Полнота представления данных ниже требуемой выборки" in text


def test_long_names_stay_inside_page(region_context, tmp_path):  # noqa: F811
    path = tmp_path / "регион.pdf"
    write_pdf_report(region_context, path, "region", YEAR)
    reader = pypdf.PdfReader(path)
    width = float(reader.pages[0].mediabox.width)
    positions = []

    def visitor(text, matrix, text_matrix, font, size):
        if text.strip():
            positions.append(matrix[4] + text_matrix[4])

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
    assert positions
    assert max(positions) < width - 20
