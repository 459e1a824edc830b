"""The operators' "checked" marks on plausibility warnings, as carried in a municipality's package.

In the payload they are the list ``plausibility_marks`` of objects
``{"organisation", "year", "key", "comment", "checked_by", "checked_at"}``;
the list is absent when empty, so packages without marks stay byte for
byte as before. Every field is checked here, before the package is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from proforient_desktop.exchange.errors import PackageRejected

PAYLOAD_KEY = "plausibility_marks"
MAX_MARKS = 100_000
MAX_COMMENT_LENGTH = 2000
MAX_NAME_LENGTH = 200
MIN_YEAR = 2000
MAX_YEAR = 2100
# «kind:count_code[:count_code]» with the kinds of domain.plausibility.
KEY_PATTERN = re.compile(r"^(part_above_whole|value_jump|denominator_change)(:[a-z0-9_]{1,64}){1,2}$")
ORGANISATION_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")


@dataclass(frozen=True)
class MarkRecord:
    """A checked mark: the warning (organisation, year, key), the operator who checked it and the comment."""

    organisation_code: str
    year: int
    key: str
    comment: str = ""
    checked_by: str = ""
    checked_at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"organisation": self.organisation_code, "year": self.year, "key": self.key,
                "comment": self.comment, "checked_by": self.checked_by, "checked_at": self.checked_at}


def marks_json(marks: tuple[MarkRecord, ...]) -> list[dict[str, Any]]:
    return [mark.to_json() for mark in sorted(marks, key=lambda m: (m.organisation_code, m.year, m.key))]


def parse_marks(raw: object) -> tuple[MarkRecord, ...]:
    """Check the payload's list of marks; raise ``PackageRejected`` naming the first wrong one."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_MARKS:
        raise PackageRejected("список отметок о проверке данных имеет неверный тип")
    return tuple(_mark(index, item) for index, item in enumerate(raw, start=1))


def _mark(index: int, item: object) -> MarkRecord:
    where = f"отметка о проверке № {index}"
    if not isinstance(item, dict):
        raise PackageRejected(f"{where} имеет неверный тип")
    organisation, year, key = item.get("organisation"), item.get("year"), item.get("key")
    if not isinstance(organisation, str) or not ORGANISATION_CODE.match(organisation):
        raise PackageRejected(f"{where}: недопустимый код организации «{organisation!r}»")
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise PackageRejected(f"{where}: недопустимый год «{year!r}»")
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise PackageRejected(f"{where}: неизвестное предупреждение «{key!r}»")

    texts = {}
    for name, limit in (("comment", MAX_COMMENT_LENGTH), ("checked_by", MAX_NAME_LENGTH), ("checked_at", 40)):
        value = item.get(name, "")
        if not isinstance(value, str) or len(value) > limit:
            raise PackageRejected(f"{where}: поле «{name}» должно быть текстом не длиннее {limit} знаков")
        texts[name] = value
    return MarkRecord(organisation, year, key, **texts)
