"""Plausibility warnings over the received data, and the operators' "checked" marks.

A warning comes from ``domain.plausibility``; a mark is stored by
organisation code, year and the warning's key, so it survives re-imports
and travels up in the municipality's package (``marks_for_package`` and
``merge_package_marks``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.domain.plausibility import (
    KIND_NAMES_RU,
    PlausibilityKind,
    PlausibilityThresholds,
    check_plausibility,
)
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.exchange.plausibility_marks import KEY_PATTERN, MarkRecord
from proforient_desktop.services import audit
from proforient_desktop.services.consolidation import Member, load_members, municipality_name
from proforient_desktop.services.consolidation_sql import read_counts
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import validate_year
from proforient_desktop.services.directory import installation_scope, municipality_names
from proforient_desktop.services.installation import require_installation
from proforient_desktop.storage.models import Organisation, PlausibilityMark, utc_now

log = logging.getLogger(__name__)

MAX_COMMENT_LENGTH = 2000


@dataclass(frozen=True)
class PlausibilityWarning:
    """A plausibility warning on one organisation's counts of a year, with its mark if any.

    ``count_codes`` and ``values`` run in parallel: (part, whole) for
    ``PART_ABOVE_WHOLE``, (this year, previous year) for the two kinds of
    change. ``message`` is the Russian text. ``checked`` and the fields after
    it describe the operator's mark; ``marked_by_code`` is the organisation
    whose operator set it (a municipality, for marks that came in its package).
    """

    organisation_code: str
    organisation_name: str
    municipality_code: str
    municipality_name: str
    year: int
    kind: PlausibilityKind
    count_codes: tuple[str, ...]
    values: tuple[int, ...]
    message: str
    key: str
    checked: bool = False
    comment: str = ""
    checked_by: str = ""
    checked_at: dt.datetime | None = None
    marked_by_code: str = ""

    @property
    def kind_name(self) -> str:
        return KIND_NAMES_RU[self.kind]


def plausibility_warnings(context: AppContext, year: int, *, municipality_code: str | None = None,
                          thresholds: PlausibilityThresholds = PlausibilityThresholds()) -> list[PlausibilityWarning]:
    """Return the warnings of ``year`` for the schools and colleges in scope, by municipality and name."""
    validate_year(context.catalog, year)
    with context.database.transaction() as session:
        scope = installation_scope(session) or municipality_code
        members = load_members(session, scope)
        by_year = read_counts(session, [year - 1, year], (member.id for member in members))
        names = municipality_names(session)
        marks = marks_of_year(session, year)
    return warnings_of(context.catalog, year, members, by_year[year], by_year[year - 1], names, marks, thresholds)


def warnings_of(catalog: Catalog, year: int, members: Iterable[Member], current: Mapping[int, Mapping[str, int]],
                previous: Mapping[int, Mapping[str, int]], names: Mapping[str, str],
                marks: Mapping[tuple[str, str], PlausibilityMark],
                thresholds: PlausibilityThresholds = PlausibilityThresholds()) -> list[PlausibilityWarning]:
    """Return the warnings of ``year`` from counts already read: ``{organisation id: {count code: value}}``.

    ``marks`` come from ``marks_of_year``.
    """
    warnings = []
    for member in members:
        counts = current.get(member.id)
        if not counts:
            continue
        for finding in check_plausibility(catalog, counts, previous.get(member.id, {}), thresholds):
            mark = marks.get((member.code, finding.key))
            warnings.append(PlausibilityWarning(
                organisation_code=member.code,
                organisation_name=member.name,
                municipality_code=member.municipality_code,
                municipality_name=municipality_name(names, member.municipality_code),
                year=year,
                kind=finding.kind,
                count_codes=finding.count_codes,
                values=finding.values,
                message=finding.message,
                key=finding.key,
                checked=mark is not None,
                comment=mark.comment if mark else "",
                checked_by=mark.checked_by if mark else "",
                checked_at=mark.checked_at if mark else None,
                marked_by_code=mark.marked_by_code if mark else "",
            ))
    warnings.sort(key=lambda warning: (warning.municipality_name, warning.organisation_name, warning.key))
    return warnings


def mark_checked(context: AppContext, organisation_code: str, year: int, key: str, comment: str) -> None:
    """Mark a warning as checked with the operator's comment, replacing an earlier mark."""
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidInputError(f"Комментарий длиннее {MAX_COMMENT_LENGTH} знаков: сократите его.")
    _validate_key(key)

    with context.database.transaction() as session:
        installation = require_installation(session)
        if session.scalar(select(Organisation.id).where(Organisation.code == organisation_code)) is None:
            raise InvalidInputError(f"Организация с кодом «{organisation_code}» не найдена в базе данных.")
        mark = _find_mark(session, organisation_code, year, key)
        if mark is None:
            mark = PlausibilityMark(organisation_code=organisation_code, year=year, warning_key=key)
            session.add(mark)
        mark.comment = comment
        mark.checked_by = context.operator
        mark.checked_at = utc_now()
        mark.marked_by_code = installation.organisation_code
        audit.record(session, context.operator, "plausibility_checked", organisation_code, year=year, key=key,
                     comment=comment)
    log.info("Plausibility warning %s of %s for %d marked as checked", key, organisation_code, year)


def unmark_checked(context: AppContext, organisation_code: str, year: int, key: str) -> None:
    """Remove the checked mark of a warning, if there is one."""
    with context.database.transaction() as session:
        session.execute(delete(PlausibilityMark).where(
            PlausibilityMark.organisation_code == organisation_code, PlausibilityMark.year == year,
            PlausibilityMark.warning_key == key))
        audit.record(session, context.operator, "plausibility_unchecked", organisation_code, year=year, key=key)
    log.info("Plausibility mark %s of %s for %d removed", key, organisation_code, year)


def marks_for_package(session: Session) -> tuple[MarkRecord, ...]:
    """Return this installation's own marks for its outgoing package.

    Only a municipality's marks travel: a school has none, and the region
    sends no packages.
    """
    installation = require_installation(session)
    if installation.role is not Role.MUNICIPALITY:
        return ()
    rows = session.scalars(
        select(PlausibilityMark).where(PlausibilityMark.marked_by_code == installation.organisation_code)
    )
    return tuple(
        MarkRecord(row.organisation_code, row.year, row.warning_key, row.comment, row.checked_by[:200],
                   row.checked_at.isoformat(timespec="seconds") if row.checked_at else "")
        for row in rows
    )


def merge_package_marks(session: Session, sender_code: str, records: Iterable[MarkRecord]) -> int:
    """Replace the marks set by ``sender_code`` with those of its newest package; return how many were added.

    A mark the receiving operator set on the same warning is kept: the
    receiving level's own judgement wins over the one that came with the data.
    The records were checked when the package was verified.
    """
    session.execute(delete(PlausibilityMark).where(PlausibilityMark.marked_by_code == sender_code))
    session.flush()

    merged = 0
    for record in records:
        if _find_mark(session, record.organisation_code, record.year, record.key) is not None:
            continue
        session.add(PlausibilityMark(
            organisation_code=record.organisation_code, year=record.year, warning_key=record.key,
            comment=record.comment, checked_by=record.checked_by, checked_at=_parse_time(record.checked_at),
            marked_by_code=sender_code,
        ))
        merged += 1
    session.flush()
    if merged:
        log.info("%d plausibility marks of %s merged", merged, sender_code)
    return merged


def marks_of_year(session: Session, year: int) -> dict[tuple[str, str], PlausibilityMark]:
    """Return the checked marks of ``year`` by (organisation code, warning key)."""
    rows = session.scalars(select(PlausibilityMark).where(PlausibilityMark.year == year))
    return {(row.organisation_code, row.warning_key): row for row in rows}


def _find_mark(session: Session, organisation_code: str, year: int, key: str) -> PlausibilityMark | None:
    return session.scalars(select(PlausibilityMark).where(
        PlausibilityMark.organisation_code == organisation_code, PlausibilityMark.year == year,
        PlausibilityMark.warning_key == key)).one_or_none()


def _validate_key(key: str) -> None:
    if not KEY_PATTERN.match(key):
        raise InvalidInputError(f"Неизвестное предупреждение «{key}».")


def _parse_time(text: Any) -> dt.datetime:
    # The sender's clock may be wrong; the time is shown, never compared.
    if isinstance(text, str):
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            return utc_now()
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
    return utc_now()
