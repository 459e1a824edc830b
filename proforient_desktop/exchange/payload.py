"""The payload of a package: an organisation's full snapshot, and its checks.

The snapshot contains every reporting year's counts and every activity, so the
newest package alone restores the organisation's data. Reading a payload
checks every type, range and code before anything reaches the database.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from proforient_desktop.catalog import Catalog
from proforient_desktop.domain.consistency import check_counts
from proforient_desktop.domain.values import MAX_COUNT
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.plausibility_marks import PAYLOAD_KEY as MARKS_KEY
from proforient_desktop.exchange.plausibility_marks import MarkRecord, marks_json, parse_marks
from proforient_desktop.exchange.directory_entries import PAYLOAD_KEY as DIRECTORY_KEY
from proforient_desktop.exchange.directory_entries import DirectoryRecord, directory_json, parse_directory
from proforient_desktop.exchange.entered_counts import PAYLOAD_KEY as ENTERED_COUNTS_KEY
from proforient_desktop.exchange.entered_counts import EnteredCounts, entered_counts_json, parse_entered_counts

MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_ACTIVITIES = 200_000

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


@dataclass(frozen=True)
class Snapshot:
    """All counts (``{year: {count code: value}}``) and activities of one organisation."""

    counts: dict[int, dict[str, int]] = field(default_factory=dict)
    activities: list[ActivityRecord] = field(default_factory=list)
    # A municipality's checked marks on plausibility warnings (services.plausibility).
    plausibility_marks: tuple[MarkRecord, ...] = ()
    # A municipality's schools, reporting or not (services.directory).
    directory: tuple[DirectoryRecord, ...] = ()
    # Counts a municipality entered from its schools' Excel templates (services.entered_counts).
    entered_counts: tuple[EnteredCounts, ...] = ()

    @property
    def count_value_total(self) -> int:
        return sum(len(values) for values in self.counts.values())


def payload_bytes(catalog: Catalog, snapshot: Snapshot) -> bytes:
    """Serialise a snapshot, listing the consistency warnings of each year with it."""
    warnings = [
        {"year": year, "part": warning.rule.part, "whole": warning.rule.whole, "message": warning.message}
        for year in sorted(snapshot.counts)
        for warning in check_counts(catalog, snapshot.counts[year])
    ]
    data = {
        "counts": {str(year): dict(sorted(values.items())) for year, values in sorted(snapshot.counts.items())},
        "activities": [record.to_json() for record in sorted(snapshot.activities, key=lambda a: a.uid)],
        "warnings": warnings,
    }
    if snapshot.plausibility_marks:
        data[MARKS_KEY] = marks_json(snapshot.plausibility_marks)
    if snapshot.directory:
        data[DIRECTORY_KEY] = directory_json(snapshot.directory)
    if snapshot.entered_counts:
        data[ENTERED_COUNTS_KEY] = entered_counts_json(snapshot.entered_counts)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def parse_payload(data: bytes, catalog: Catalog) -> Snapshot:
    """Read and check a payload; raise ``PackageRejected`` naming the first wrong value."""
    raw = load_json_object(data, "данные организации (payload.json)")
    counts_raw = raw.get("counts")
    activities_raw = raw.get("activities")
    if not isinstance(counts_raw, dict) or not isinstance(activities_raw, list):
        raise PackageRejected("в данных организации нет разделов численностей и мероприятий")
    if not isinstance(raw.get("warnings", []), list):
        raise PackageRejected("список предупреждений в данных организации имеет неверный тип")

    counts = _all_counts(catalog, counts_raw)
    if len(activities_raw) > MAX_ACTIVITIES:
        raise PackageRejected(f"в пакете больше {MAX_ACTIVITIES} мероприятий")
    activities = [_activity(catalog, index, item) for index, item in enumerate(activities_raw, start=1)]

    uids = [record.uid for record in activities]
    if len(set(uids)) != len(uids):
        raise PackageRejected("в пакете есть два мероприятия с одинаковым идентификатором")
    entered = parse_entered_counts(raw.get(ENTERED_COUNTS_KEY), lambda value: _all_counts(catalog, value))
    return Snapshot(counts, activities, parse_marks(raw.get(MARKS_KEY)), parse_directory(raw.get(DIRECTORY_KEY)),
                    entered)


def _all_counts(catalog: Catalog, raw: object) -> dict[int, dict[str, int]]:
    if not isinstance(raw, dict):
        raise PackageRejected("численности имеют неверный тип")
    return {_year(key): _counts_of_year(catalog, key, values) for key, values in raw.items()}


def load_json_object(data: bytes, what: str) -> dict[str, Any]:
    """Decode UTF-8 JSON that must be an object; ``what`` names it in the message."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise PackageRejected(f"{what}: испорченный JSON") from None
    if not isinstance(value, dict):
        raise PackageRejected(f"{what}: ожидается объект JSON")
    return value


def _year(key: object) -> int:
    if not isinstance(key, str) or not key.isdigit() or not MIN_YEAR <= int(key) <= MAX_YEAR:
        raise PackageRejected(f"недопустимый отчётный год «{key}» в численностях")
    return int(key)


def _counts_of_year(catalog: Catalog, year: str, values: object) -> dict[str, int]:
    if not isinstance(values, dict):
        raise PackageRejected(f"численности за {year} г. имеют неверный тип")
    result = {}
    for code, value in values.items():
        if code not in catalog.counts:
            raise PackageRejected(
                f"неизвестный код численности «{code}» за {year} г.",
                "Пакет создан с другим справочником: обновите программу или попросите отправителя обновить свою.",
            )
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            raise PackageRejected(
                f"численность «{catalog.counts[code].label}» за {year} г. равна «{value!r}», "
                f"а должна быть целым числом от 0 до {MAX_COUNT}"
            )
        result[code] = value
    return result


def _activity(catalog: Catalog, index: int, item: object) -> ActivityRecord:
    # Runs for every activity of a region's import, so the checks are written
    # out inline, and the activity's place is only spelled out for a message.
    if type(item) is not dict:
        raise PackageRejected(f"{_where(index)} имеет неверный тип")

    uid = item.get("uid")
    if type(uid) is not str or not 0 < len(uid) <= MAX_UID_LENGTH:
        raise PackageRejected(f"{_where(index)}: недопустимый идентификатор")
    measure_code = item.get("measure_code")
    if type(measure_code) is not str or measure_code not in catalog.measures:
        raise PackageRejected(
            f"{_where(index)}: неизвестный код мероприятия программы «{measure_code}»",
            "Пакет создан с другим справочником: обновите программу или попросите отправителя обновить свою.",
        )

    record = {"uid": uid, "measure_code": measure_code, "held_on": _date(item, index)}
    for name, limit in _TEXT_LIMITS:
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
    return _checked_record(record)


def _checked_record(values: dict[str, Any]) -> ActivityRecord:
    # The frozen dataclass's __init__ sets each field through object.__setattr__,
    # which took as long as all the checks above. The values are checked, so
    # they go into the instance's __dict__ directly.
    record = object.__new__(ActivityRecord)
    record.__dict__.update(values)
    return record


_TEXT_LIMITS = tuple(ACTIVITY_TEXTS.items())


def _where(index: int) -> str:
    return f"мероприятие № {index}"


def _whole(item: dict, name: str, index: int) -> int:
    value = item.get(name, 0)
    # ``type() is int`` also turns away ``True``, which is an int to isinstance.
    if type(value) is not int or not 0 <= value <= MAX_COUNT:
        raise PackageRejected(f"{_where(index)}: «{name}» равно «{value!r}», а должно быть целым числом ≥ 0")
    return value


def _date(item: dict, index: int) -> dt.date:
    value = item.get("held_on")
    try:
        held_on = dt.date.fromisoformat(value) if type(value) is str else None
    except ValueError:
        held_on = None
    if held_on is None or not MIN_YEAR <= held_on.year <= MAX_YEAR:
        raise PackageRejected(f"{_where(index)}: недопустимая дата проведения «{value}»")
    return held_on
