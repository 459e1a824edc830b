"""Validation rules of activity records."""

from __future__ import annotations

import datetime as dt

import pytest

from proforient_desktop.catalog import Role
from proforient_desktop.domain.activities import ActivityDraft, normalised, validate_activity

YEAR = 2024


def draft(**changes) -> ActivityDraft:
    fields = dict(measure_code="1.01", held_on=dt.date(YEAR, 3, 1), title="Классный час", participants_total=20,
                  participants_sen=2)
    fields.update(changes)
    return ActivityDraft(**fields)


def problems_of(catalog, role=Role.SCHOOL, **changes):
    return [(problem.field, problem.message) for problem in validate_activity(catalog, role, YEAR, draft(**changes))]


def test_valid_draft_has_no_problems(catalog):
    assert problems_of(catalog) == []


@pytest.mark.parametrize(("changes", "field", "text"), [
    ({"measure_code": ""}, "measure_code", "Не выбрано мероприятие"),
    ({"measure_code": "9.99"}, "measure_code", "не найдено в разделе 5"),
    ({"held_on": None}, "held_on", "Не указана дата"),
    ({"held_on": dt.date(YEAR - 1, 12, 31)}, "held_on", "вне отчётного 2024 года"),
    ({"held_on": dt.date(YEAR + 1, 1, 1)}, "held_on", "с 01.01.2024 по 31.12.2024"),
    ({"title": "   "}, "title", "Не указано название"),
    ({"title": "Т" * 501}, "title", "длиннее 500 знаков"),
    ({"participants_total": None}, "participants_total", "Не указано число участников"),
    ({"participants_total": -1}, "participants_total", "от 0 до"),
    ({"participants_sen": 21}, "participants_sen", "(21) больше, чем участников всего (20)"),
    ({"participants_sen": -1}, "participants_sen", "не может быть отрицательным"),
    ({"publication_url": "school.ru/news"}, "publication_url", "http://"),
    ({"publication_url": "https://school.ru/a b"}, "publication_url", "не содержать пробелов"),
    ({"grade_band": "1" * 51}, "grade_band", "длиннее 50 знаков"),
])
def test_invalid_field_reported(catalog, changes, field, text):
    problems = problems_of(catalog, **changes)
    assert [name for name, _ in problems] == [field]
    assert text in problems[0][1]


def test_measure_of_other_executors_rejected(catalog):
    # Measure 1.03 is assigned to the ministry, the institute and municipalities, not to schools.
    problems = problems_of(catalog, measure_code="1.03")
    assert problems == [("measure_code", "Мероприятие 1.03 не поручено организациям этого вида: "
                                         "выберите мероприятие из списка.")]
    assert problems_of(catalog, role=Role.MUNICIPALITY, measure_code="1.03") == []


def test_sen_equal_to_total_accepted(catalog):
    assert problems_of(catalog, participants_sen=20) == []


def test_several_problems_reported_together(catalog):
    fields = [name for name, _ in problems_of(catalog, measure_code="", title="", participants_total=None)]
    assert fields == ["measure_code", "title", "participants_total"]


def test_normalised_trims_texts():
    result = normalised(draft(title="  Классный   час ", partners=" ООО «Ромашка» \n", participants_sen=None))
    assert result.title == "Классный час"
    assert result.partners == "ООО «Ромашка»"
    assert result.participants_sen == 0
