"""Counts a municipality entered for its schools, as carried in its package.

A school without the application sends its figures in the Excel entry
template, and the municipality imports them. Such a school has no signed
package of its own, so the municipality's package carries its counts under
the municipality's signature: the list ``entered_counts`` of objects
``{"code": ..., "counts": {"2024": {count code: value}}}``. The list is
absent when empty, so other packages keep their exact bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from proforient_desktop.exchange.directory_entries import MAX_ENTRIES, ORGANISATION_CODE
from proforient_desktop.exchange.errors import PackageRejected

PAYLOAD_KEY = "entered_counts"

YearCounts = dict[int, dict[str, int]]


@dataclass(frozen=True)
class EnteredCounts:
    """All years' counts of one school, entered at the municipality."""

    code: str
    counts: YearCounts

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "counts": {str(year): dict(sorted(values.items())) for year, values in sorted(self.counts.items())},
        }


def entered_counts_json(records: tuple[EnteredCounts, ...]) -> list[dict[str, Any]]:
    return [record.to_json() for record in sorted(records, key=lambda record: record.code)]


def parse_entered_counts(raw: object, parse_counts: Callable[[object], YearCounts]) -> tuple[EnteredCounts, ...]:
    """Check the payload's entered counts; ``parse_counts`` checks one ``{year: {code: value}}`` object.

    Raises ``PackageRejected`` naming the first wrong entry.
    """
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_ENTRIES:
        raise PackageRejected("численности, внесённые муниципалитетом, имеют неверный тип")

    records = []
    for index, item in enumerate(raw, start=1):
        where = f"численности, внесённые муниципалитетом, запись № {index}"
        if not isinstance(item, dict):
            raise PackageRejected(f"{where} имеет неверный тип")
        code = item.get("code")
        if not isinstance(code, str) or not ORGANISATION_CODE.match(code):
            raise PackageRejected(f"{where}: недопустимый код организации «{code!r}»")
        records.append(EnteredCounts(code, parse_counts(item.get("counts"))))

    codes = [record.code for record in records]
    if len(set(codes)) != len(codes):
        raise PackageRejected("в численностях, внесённых муниципалитетом, один код организации указан дважды")
    return tuple(records)
