"""The payload of a package: an organisation's full snapshot, and its checks.

The snapshot contains every reporting year's counts and every activity, so the
newest package alone restores the organisation's data. Reading a payload
checks every type, range and code before anything reaches the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from proforient_desktop.catalog import Catalog
from proforient_desktop.domain.consistency import check_counts
from proforient_desktop.domain.values import MAX_COUNT
# ActivityRecord is part of this module's interface: the snapshot's activities are of that type.
from proforient_desktop.exchange.activity_records import (
    MAX_YEAR,
    MIN_YEAR,
    ActivityRecord,
    check_activities,
)
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.plausibility_marks import PAYLOAD_KEY as MARKS_KEY
from proforient_desktop.exchange.plausibility_marks import MarkRecord, marks_json, parse_marks
from proforient_desktop.exchange.directory_entries import PAYLOAD_KEY as DIRECTORY_KEY
from proforient_desktop.exchange.directory_entries import DirectoryRecord, directory_json, parse_directory
from proforient_desktop.exchange.entered_counts import PAYLOAD_KEY as ENTERED_COUNTS_KEY
from proforient_desktop.exchange.entered_counts import EnteredCounts, entered_counts_json, parse_entered_counts

MAX_ACTIVITIES = 200_000


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
    activities = check_activities(catalog, activities_raw)

    if len({record.uid for record in activities}) != len(activities):
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
