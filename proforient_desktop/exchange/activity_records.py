"""The activities of a payload: their record type and their checks.

A region's import checks over a hundred thousand activities, so the checks
first run column by column over the whole list, where each test is one
pass of a built-in over the values. Only when that finds a wrong value are
the activities checked one by one, for a message naming the first wrong
activity. Both accept exactly the same activities.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from dataclasses import dataclass
from typing import Any

from proforient_desktop.catalog import Catalog
from proforient_desktop.domain.values import MAX_COUNT
from proforient_desktop.exchange.errors import PackageRejected

MIN_YEAR = 2000
MAX_YEAR = 2100

# Text fields of an activity and their maximum lengths (as in the database).
ACTIVITY_TEXTS = {
    "title": 500,
    "format": 100,
    "grade_band": 50,
    "partners": 20_000,
    "publication_url": 1000,
    "note": 20_000,
}
MAX_UID_LENGTH = 36
_CATALOG_ADVICE = "Пакет создан с другим справочником: обновите программу или попросите отправителя обновить свою."


@dataclass(frozen=True)
class ActivityRecord:
    """One activity as carried in a package."""

    uid: str
    measure_code: str
    held_on: dt.date
    title: str
    format: str = ""
    participants_total: int = 0
    participants_sen: int = 0
    grade_band: str = ""
    partners: str = ""
    publication_url: str = ""
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["held_on"] = self.held_on.isoformat()
        return data


# The record's fields in order, and its values in that order (a row of ``activity`` after the organisation).
FIELDS = tuple(field.name for field in dataclasses.fields(ActivityRecord))
values_of = operator.attrgetter(*FIELDS)


def _new_record(values: tuple) -> ActivityRecord:
    # The frozen dataclass's __init__ sets each field through object.__setattr__,
    # which took as long as all the checks. The values are checked, so they go
    # into the instance's __dict__ directly.
    record = object.__new__(ActivityRecord)
    record.__dict__.update(zip(FIELDS, values))
    return record


def check_activities(catalog: Catalog, items: list[Any]) -> list[ActivityRecord]:
    """Return the records of a payload's activities; raise ``PackageRejected`` naming the first wrong one."""
    records = _check_columns(catalog, items)
    if records is None:
        records = [_check_one(catalog, index, item) for index, item in enumerate(items, start=1)]
    return records


def _check_columns(catalog: Catalog, items: list[Any]) -> list[ActivityRecord] | None:
    # Returns None when any value is wrong or a field is missing, leaving the
    # message (or the field's default) to _check_one.
    if not items:
        return []
    if set(map(type, items)) != {dict}:
        return None
    try:
        rows = list(map(_fields_in_order, items))
    except KeyError:
        return None
    (uids, measure_codes, held_on, titles, formats, totals, sen, grade_bands, partners, publication_urls,
     notes) = zip(*rows)

    try:
        if not _texts_within(uids, MAX_UID_LENGTH) or not all(uids):
            return None
        if not _texts_within(measure_codes, None) or not all(map(catalog.measures.__contains__, set(measure_codes))):
            return None
        dates = _dates(held_on)
    except TypeError:
        # An unhashable value (a list or an object) where a code or a date should be.
        return None
    if dates is None:
        return None
    texts = (titles, formats, grade_bands, partners, publication_urls, notes)
    if not all(_texts_within(values, ACTIVITY_TEXTS[name]) for values, name in zip(texts, _TEXT_NAMES)):
        return None
    if not all(map(str.strip, titles)):
        return None
    if not _wholes_within(totals) or not _wholes_within(sen) or not all(map(operator.le, sen, totals)):
        return None

    columns = zip(uids, measure_codes, dates, titles, formats, totals, sen, grade_bands, partners, publication_urls,
                  notes)
    return list(map(_new_record, columns))


# Reads an activity's fields in the record's order. A missing field raises KeyError.
_fields_in_order = operator.itemgetter(*FIELDS)
_TEXT_NAMES = ("title", "format", "grade_band", "partners", "publication_url", "note")


def _texts_within(values: tuple[Any, ...], limit: int | None) -> bool:
    # ``type() is str`` as in _check_one: a set of the types equal to {str}.
    if set(map(type, values)) != {str}:
        return False
    return limit is None or max(map(len, values)) <= limit


def _wholes_within(values: tuple[Any, ...]) -> bool:
    # {int} also turns away ``True``, whose type is bool.
    return set(map(type, values)) == {int} and min(values) >= 0 and max(values) <= MAX_COUNT


def _dates(values: tuple[Any, ...]) -> list[dt.date] | None:
    # The days of a few years recur in many activities, so each distinct text is parsed once.
    parsed = {}
    for value in set(values):
        held_on = _parse_date(value)
        if held_on is None:
            return None
        parsed[value] = held_on
    return list(map(parsed.__getitem__, values))


def _parse_date(value: object) -> dt.date | None:
    try:
        held_on = dt.date.fromisoformat(value) if type(value) is str else None
    except ValueError:
        return None
    if held_on is None or not MIN_YEAR <= held_on.year <= MAX_YEAR:
        return None
    return held_on


def _check_one(catalog: Catalog, index: int, item: object) -> ActivityRecord:
    if type(item) is not dict:
        raise PackageRejected(f"{_where(index)} имеет неверный тип")

    uid = item.get("uid")
    if type(uid) is not str or not 0 < len(uid) <= MAX_UID_LENGTH:
        raise PackageRejected(f"{_where(index)}: недопустимый идентификатор")
    measure_code = item.get("measure_code")
    if type(measure_code) is not str or measure_code not in catalog.measures:
        raise PackageRejected(f"{_where(index)}: неизвестный код мероприятия программы «{measure_code}»",
                              _CATALOG_ADVICE)
    held_on = _parse_date(item.get("held_on"))
    if held_on is None:
        raise PackageRejected(f"{_where(index)}: недопустимая дата проведения «{item.get('held_on')}»")

    record = {"uid": uid, "measure_code": measure_code, "held_on": held_on}
    for name, limit in ACTIVITY_TEXTS.items():
        value = item.get(name, "")
        if type(value) is not str or len(value) > limit:
            raise PackageRejected(f"{_where(index)}: поле «{name}» должно быть текстом не длиннее {limit} знаков")
        record[name] = value
    if not record["title"].strip():
        raise PackageRejected(f"{_where(index)}: не указано название")
    total = record["participants_total"] = _whole(item, "participants_total", index)
    sen = record["participants_sen"] = _whole(item, "participants_sen", index)
    if sen > total:
        raise PackageRejected(f"{_where(index)}: участников с ОВЗ ({sen}) больше, чем всего участников ({total})")
    return ActivityRecord(**record)


def _where(index: int) -> str:
    return f"мероприятие № {index}"


def _whole(item: dict, name: str, index: int) -> int:
    value = item.get(name, 0)
    # ``type() is int`` also turns away ``True``, which is an int to isinstance.
    if type(value) is not int or not 0 <= value <= MAX_COUNT:
        raise PackageRejected(f"{_where(index)}: «{name}» равно «{value!r}», а должно быть целым числом ≥ 0")
    return value
