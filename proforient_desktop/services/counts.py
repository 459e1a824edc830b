"""Reading and writing an organisation's counts for a reporting year."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Catalog
from proforient_desktop.domain.consistency import ConsistencyWarning, check_counts
from proforient_desktop.domain.values import check_count
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.installation import own_organisation
from proforient_desktop.storage.locking import lock_organisation
from proforient_desktop.storage.models import CountValue, Organisation, ReceivedPackage

log = logging.getLogger(__name__)


def latest_allowed_year() -> int:
    # Next year's figures may be started in December.
    return dt.date.today().year + 1


def validate_year(catalog: Catalog, year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not catalog.first_year <= year <= latest_allowed_year():
        raise InvalidInputError(
            f"Отчётный год «{year}» вне допустимого диапазона: укажите год от {catalog.first_year} "
            f"до {latest_allowed_year()}."
        )
    return year


def validate_count_codes(catalog: Catalog, codes) -> None:
    unknown = [code for code in codes if code not in catalog.counts]
    if unknown:
        raise InvalidInputError(
            "Неизвестный код численности: " + ", ".join(f"«{code}»" for code in unknown)
            + ". Список кодов выводит команда «proforient catalog»."
        )


def find_organisation(session: Session, code: str | None) -> Organisation:
    """Return the organisation with ``code``, or this installation's own one."""
    if code is None:
        return own_organisation(session)
    organisation = session.scalars(select(Organisation).where(Organisation.code == code)).one_or_none()
    if organisation is None:
        raise InvalidInputError(f"Организация с кодом «{code}» не найдена в базе данных этой установки.")
    return organisation


def read_counts(session: Session, organisation_id: int, year: int) -> dict[str, int]:
    rows = session.execute(
        select(CountValue.count_code, CountValue.value)
        .where(CountValue.organisation_id == organisation_id, CountValue.year == year)
    )
    return {code: value for code, value in rows}


def read_all_counts(session: Session, organisation_id: int) -> dict[int, dict[str, int]]:
    """Return every year's counts of one organisation: ``{year: {code: value}}``."""
    result: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(CountValue.year, CountValue.count_code, CountValue.value)
        .where(CountValue.organisation_id == organisation_id)
    )
    for year, code, value in rows:
        result.setdefault(year, {})[code] = value
    return result


def write_counts(session: Session, organisation_id: int, year: int, values: Mapping[str, int | None],
                 source: str) -> dict[str, tuple[int | None, int | None]]:
    """Apply ``values`` (``None`` removes a count) and return what changed: ``{code: (old, new)}``."""
    # An import by another operator may replace the same organisation's counts at this moment.
    lock_organisation(session, session.get(Organisation, organisation_id))
    current = {row.count_code: row for row in session.scalars(
        select(CountValue).where(CountValue.organisation_id == organisation_id, CountValue.year == year)
    )}
    changes = {}
    for code, value in values.items():
        row = current.get(code)
        old = row.value if row is not None else None
        if old == value:
            continue
        changes[code] = (old, value)
        if value is None:
            session.execute(delete(CountValue).where(CountValue.id == row.id))
        elif row is None:
            session.add(CountValue(organisation_id=organisation_id, year=year, count_code=code,
                                   value=value, source=source))
        else:
            row.value = value
            row.source = source
    session.flush()
    return changes


def set_counts(context: AppContext, year: int, values: Mapping[str, int | None], *,
               org_code: str | None = None, source: str = "entry") -> list[ConsistencyWarning]:
    """Save counts of one year in one transaction and return the consistency warnings after it.

    Every value is checked before anything is written, so a bad one leaves
    the database as it was.
    """
    catalog = context.catalog
    validate_year(catalog, year)
    validate_count_codes(catalog, values)
    checked = {
        code: None if value is None else check_count(value, where=catalog.counts[code].label)
        for code, value in values.items()
    }

    with context.database.transaction() as session:
        # The lock makes an edit racing with an import wait, then see the imported source.
        organisation = lock_organisation(session, find_organisation(session, org_code))
        if has_own_signed_data(session, organisation):
            raise UserError(
                f"Численности организации «{organisation.name}» (код {organisation.code}) получены из её "
                "подписанного пакета и здесь не изменяются. Попросите организацию исправить данные "
                "и прислать новый пакет."
            )
        changes = write_counts(session, organisation.id, year, checked, source)
        if changes:
            audit.record(session, context.operator, "counts_set", organisation.code, year=year, source=source,
                         changes={code: list(change) for code, change in changes.items()})
        counts = read_counts(session, organisation.id, year)

    log.info("Counts of %s for %d saved: %d changed", organisation.code, year, len(changes))
    return check_counts(catalog, counts)


def has_own_signed_data(session: Session, organisation: Organisation) -> bool:
    """Return whether the organisation's current data came in its own signed package.

    Such figures are corrected only by the organisation itself, because a
    change made above it would not travel up and would be lost with its next
    package.
    """
    if organisation.source_package_id is None:
        return False
    package = session.get(ReceivedPackage, organisation.source_package_id)
    return package is not None and package.organisation_id == organisation.id


def get_counts(context: AppContext, year: int, *, org_code: str | None = None) -> dict[str, int]:
    validate_year(context.catalog, year)
    with context.database.transaction() as session:
        organisation = find_organisation(session, org_code)
        return read_counts(session, organisation.id, year)
