"""The catalogue against the programme document it is transcribed from.

tests/data/programme.txt is the programme's text as published. Texts are
compared after Unicode NFC normalisation and folding of whitespace, because
the document spells some letters with combining marks and breaks lines
inside table cells.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

PROGRAMME = Path(__file__).parent / "data" / "programme.txt"


def _fold(text: str) -> str:
    # The text export left a word-processor bookmark marker in one table row.
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def programme() -> str:
    return _fold(PROGRAMME.read_text(encoding="utf-8"))


def _between(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin:text.index(end, begin)]


@pytest.fixture(scope="module")
def section3(programme):
    return _between(programme, "3. Показатели проекта", "4. Мониторинг состояния")


@pytest.fixture(scope="module")
def section5(programme):
    return _between(programme, "5. Мероприятия, меры", "Приложение 1")


@pytest.fixture(scope="module")
def appendix1(programme):
    return _between(programme, "Приложение 1", "Приложение 2")


@pytest.fixture(scope="module")
def appendix2(programme):
    return programme[programme.index("Приложение 2"):]


def test_every_seed_symbol_is_a_count(catalog, appendix1):
    symbols = set(re.findall(r"(Ч[а-я]+) – ", appendix1))
    assert symbols == {count.symbol for count in catalog.counts.values() if count.symbol}


def test_count_definitions_match_seed(catalog, appendix1):
    for count in catalog.counts.values():
        if count.symbol:
            assert f"{count.symbol} – {count.definition}, чел." in appendix1, count.code


def test_indicator_names_and_formulas_match_seed(catalog, appendix1):
    blocks = re.split(r"Значение показателя \(П", appendix1)[1:]
    assert len(blocks) == 18
    for block in blocks:
        number = int(re.match(r"(\d+)\)", block).group(1))
        indicator = catalog.indicators[f"P{number}"]
        symbols = re.findall(r"(Ч[а-я]+) – ", block)
        assert catalog.counts[indicator.numerator].symbol == symbols[0], indicator.code
        assert catalog.counts[indicator.denominator].symbol == symbols[1], indicator.code
        assert indicator.name in appendix1


def test_indicator_order_matches_appendix1(catalog, appendix1):
    positions = [appendix1.index(catalog.indicators[f"P{n}"].name) for n in range(1, 19)]
    assert positions == sorted(positions)


def test_targets_match_section3(catalog, section3):
    # Section 3 gives each indicator's wording followed by "2022 г. – N; 2023 г. – N; 2024 г. – N".
    found = re.findall(r"(Доля[^:]+):\s*2022 г\. – (\d+); 2023 г\. – (\d+); 2024 г\. – (\d+)", section3)
    assert len(found) == 18
    by_wording = {wording.strip(): tuple(float(v) for v in values) for wording, *values in found}
    for number in range(1, 19):
        indicator = catalog.indicators[f"P{number}"]
        expected = by_wording[indicator.target_wording]
        assert tuple(indicator.targets[year] for year in (2022, 2023, 2024)) == expected, indicator.code


def test_assessment_positions_in_section3(catalog, section3):
    for indicator in catalog.indicators.values():
        if indicator.assessment_position:
            assert indicator.assessment_position in section3, indicator.code


def test_monitoring_rows_match_appendix2(catalog, appendix2):
    rows = {}
    for indicator in catalog.indicators.values():
        if indicator.monitoring:
            rows[indicator.monitoring.number] = indicator.monitoring
    assert sorted(rows) == list(range(1, 13))
    for number, row in rows.items():
        assert f"{number}. {row.name}" in appendix2
        assert row.sample in appendix2
        start = appendix2.index(f"{number}. {row.name}")
        method_text = catalog.collection_method_names[row.collection_method]
        assert appendix2.index(method_text, start) - start < len(row.name) + 20, number


def test_measures_match_section5(catalog, section5):
    cursor = 0
    for measure in catalog.measures.values():
        for text in (measure.title, measure.deadline, measure.executors_text, measure.report_form):
            position = section5.find(text, cursor)
            assert position >= 0, (measure.code, text)
            cursor = position + len(text)


def test_measure_count_matches_report_forms(catalog, section5):
    # Every measure row ends with its report form, so their number is the number of measures.
    forms = len(re.findall(r"аналитическая справка \(раз в (?:год|полугодие)\)|публикации в СМИ, социальных сетях",
                           section5))
    assert forms == len(catalog.measures)


def test_measure_groups_in_section5(catalog, section5):
    positions = [section5.index(group.name) for group in catalog.measure_groups.values()]
    assert positions == sorted(positions)
    for measure in catalog.measures.values():
        group_start = positions[measure.group - 1]
        next_start = positions[measure.group] if measure.group < len(positions) else len(section5)
        assert group_start < section5.index(measure.title) < next_start, measure.code
