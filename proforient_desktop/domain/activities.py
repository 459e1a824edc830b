"""Validation of activity records: which fields are wrong and why, in Russian.

The rules return structured problems instead of raising, so a form can show
each message beside its field and a command line or an import can list them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from proforient_desktop.catalog.model import Catalog, Role

MAX_TITLE_LENGTH = 500
MAX_FORMAT_LENGTH = 100
MAX_GRADE_BAND_LENGTH = 50
MAX_URL_LENGTH = 1000
MAX_PARTICIPANTS = 1_000_000

# Formats offered in the form; any other text typed by the user is accepted too.
SUGGESTED_FORMATS = ("очно", "дистанционно", "смешанный", "на предприятии", "экскурсия", "конкурс")

_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class ActivityDraft:
    """The fields of an activity as entered, before it is saved."""

    measure_code: str
    held_on: dt.date | None
    title: str
    format: str = ""
    participants_total: int | None = None
    participants_sen: int | None = 0
    grade_band: str = ""
    partners: str = ""
    publication_url: str = ""
    note: str = ""


@dataclass(frozen=True)
class FieldProblem:
    """One invalid field: its name in ``ActivityDraft`` and the Russian message."""

    field: str
    message: str


def validate_activity(catalog: Catalog, role: Role, year: int, draft: ActivityDraft) -> list[FieldProblem]:
    """Return every problem of ``draft`` for an organisation of ``role`` reporting ``year``."""
    problems = _check_measure(catalog, role, draft.measure_code)
    problems += _check_date(year, draft.held_on)
    problems += _check_texts(draft)
    problems += _check_participants(draft.participants_total, draft.participants_sen)
    return problems


def normalised(draft: ActivityDraft) -> ActivityDraft:
    """Return the draft with surrounding spaces removed from its texts."""
    return ActivityDraft(
        measure_code=draft.measure_code.strip(),
        held_on=draft.held_on,
        title=" ".join(draft.title.split()),
        format=draft.format.strip(),
        participants_total=draft.participants_total,
        participants_sen=0 if draft.participants_sen is None else draft.participants_sen,
        grade_band=draft.grade_band.strip(),
        partners=draft.partners.strip(),
        publication_url=draft.publication_url.strip(),
        note=draft.note.strip(),
    )


def _check_measure(catalog: Catalog, role: Role, code: str) -> list[FieldProblem]:
    if not code:
        return [FieldProblem("measure_code", "Не выбрано мероприятие программы (раздел 5): выберите его из списка.")]
    measure = catalog.measures.get(code)
    if measure is None:
        return [FieldProblem("measure_code", f"Мероприятие «{code}» не найдено в разделе 5 программы.")]
    if measure not in catalog.measures_for(role):
        return [FieldProblem(
            "measure_code",
            f"Мероприятие {code} не поручено организациям этого вида: выберите мероприятие из списка.",
        )]
    return []


def _check_date(year: int, held_on: dt.date | None) -> list[FieldProblem]:
    if held_on is None:
        return [FieldProblem("held_on", "Не указана дата проведения.")]
    if held_on.year != year:
        return [FieldProblem(
            "held_on",
            f"Дата {held_on:%d.%m.%Y} вне отчётного {year} года: укажите дату с 01.01.{year} по 31.12.{year} "
            "или выберите другой отчётный год.",
        )]
    return []


def _check_texts(draft: ActivityDraft) -> list[FieldProblem]:
    problems = []
    if not draft.title.strip():
        problems.append(FieldProblem("title", "Не указано название мероприятия."))
    elif len(draft.title) > MAX_TITLE_LENGTH:
        problems.append(FieldProblem("title", f"Название длиннее {MAX_TITLE_LENGTH} знаков: сократите его."))

    if len(draft.format) > MAX_FORMAT_LENGTH:
        problems.append(FieldProblem("format", f"Формат длиннее {MAX_FORMAT_LENGTH} знаков: сократите его."))
    if len(draft.grade_band) > MAX_GRADE_BAND_LENGTH:
        problems.append(FieldProblem(
            "grade_band", f"Классы (курсы) длиннее {MAX_GRADE_BAND_LENGTH} знаков: например, «5–9» или «1–2 курс».",
        ))

    url = draft.publication_url.strip()
    if url and (len(url) > MAX_URL_LENGTH or not _URL.match(url)):
        problems.append(FieldProblem(
            "publication_url",
            "Ссылка на публикацию должна начинаться с http:// или https:// и не содержать пробелов.",
        ))
    return problems


def _check_participants(total: int | None, sen: int | None) -> list[FieldProblem]:
    if total is None:
        return [FieldProblem("participants_total", "Не указано число участников.")]
    if not 0 <= total <= MAX_PARTICIPANTS:
        return [FieldProblem("participants_total", f"Число участников должно быть от 0 до {MAX_PARTICIPANTS}.")]
    sen = 0 if sen is None else sen
    if sen < 0:
        return [FieldProblem("participants_sen", "Число участников с ОВЗ не может быть отрицательным.")]
    if sen > total:
        return [FieldProblem(
            "participants_sen",
            f"Участников с ОВЗ, инвалидностью ({sen}) больше, чем участников всего ({total}): "
            "проверьте оба числа.",
        )]
    return []
