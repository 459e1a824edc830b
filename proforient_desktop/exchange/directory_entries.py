"""A municipality's directory of its schools, as carried in its package.

In the payload it is the list ``directory`` of objects
``{"code", "name", "closed_from_year"}``: every school of the territory the
municipality expects to report, including those that never sent a package.
The list is absent when empty, so other packages keep their exact bytes.
Every field is checked here, before the package is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from proforient_desktop.exchange.errors import PackageRejected

PAYLOAD_KEY = "directory"
MAX_ENTRIES = 20_000
MAX_NAME_LENGTH = 500
MIN_YEAR = 2000
MAX_YEAR = 2100
ORGANISATION_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")


@dataclass(frozen=True)
class DirectoryRecord:
    """A school of the sender's territory; ``closed_from_year`` None means it is open."""

    code: str
    name: str
    closed_from_year: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "closed_from_year": self.closed_from_year}


def directory_json(records: tuple[DirectoryRecord, ...]) -> list[dict[str, Any]]:
    return [record.to_json() for record in sorted(records, key=lambda record: record.code)]


def parse_directory(raw: object) -> tuple[DirectoryRecord, ...]:
    """Check the payload's directory; raise ``PackageRejected`` naming the first wrong entry."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_ENTRIES:
        raise PackageRejected("справочник организаций в пакете имеет неверный тип")
    records = tuple(_record(index, item) for index, item in enumerate(raw, start=1))
    codes = [record.code for record in records]
    if len(set(codes)) != len(codes):
        raise PackageRejected("в справочнике организаций пакета один код указан дважды")
    return records


def _record(index: int, item: object) -> DirectoryRecord:
    where = f"запись справочника организаций № {index}"
    if not isinstance(item, dict):
        raise PackageRejected(f"{where} имеет неверный тип")
    code, name, closed = item.get("code"), item.get("name"), item.get("closed_from_year")
    if not isinstance(code, str) or not ORGANISATION_CODE.match(code):
        raise PackageRejected(f"{where}: недопустимый код организации «{code!r}»")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_LENGTH:
        raise PackageRejected(f"{where}: наименование должно быть текстом до {MAX_NAME_LENGTH} знаков")
    if closed is not None and (isinstance(closed, bool) or not isinstance(closed, int)
                               or not MIN_YEAR <= closed <= MAX_YEAR):
        raise PackageRejected(f"{where}: недопустимый год закрытия «{closed!r}»")
    return DirectoryRecord(code, name, closed)
