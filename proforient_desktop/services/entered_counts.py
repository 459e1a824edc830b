"""Counts a municipality entered for schools without the application, sent up in its package.

At the municipality these are the schools whose counts came from an Excel
entry template and that never sent a signed package of their own. At the
region the municipality's package supplies their counts, unless the school's
own signed package has already done so: a school's own signature wins.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Role
from proforient_desktop.exchange.entered_counts import EnteredCounts
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.services import audit
from proforient_desktop.services.counts import has_own_signed_data, read_all_counts
from proforient_desktop.services.installation import own_organisation, require_installation
from proforient_desktop.storage.models import CountValue, Organisation

log = logging.getLogger(__name__)

COUNT_SOURCE = "municipality"


def entered_counts_for_package(session: Session) -> tuple[EnteredCounts, ...]:
    """Return the counts of a municipality's schools that no signed school package supplied."""
    installation = require_installation(session)
    if installation.role is not Role.MUNICIPALITY:
        return ()

    own = own_organisation(session)
    schools = session.scalars(
        select(Organisation).where(
            Organisation.kind == Role.SCHOOL.value,
            Organisation.municipality_code == installation.municipality_code,
            Organisation.source_package_id.is_(None),
            Organisation.id != own.id,
        ).order_by(Organisation.code)
    )
    records = []
    for school in schools:
        counts = read_all_counts(session, school.id)
        if counts:
            records.append(EnteredCounts(school.code, counts))
    return tuple(records)


def merge_entered_counts(session: Session, operator: str, sender_code: str, sender_name: str,
                         municipality_code: str | None, records: tuple[EnteredCounts, ...]) -> int:
    """Replace the counts of the listed schools with those their municipality entered; return how many.

    A school whose current data came from its own signed package keeps it.
    A code of another territory or kind rejects the whole package.
    """
    replaced = 0
    for record in records:
        school = _school_of_territory(session, record.code, sender_name, municipality_code)
        if has_own_signed_data(session, school):
            log.info("Counts of %s entered by %s ignored: the school's own package supplies its data",
                     school.code, sender_code)
            continue

        session.execute(delete(CountValue).where(CountValue.organisation_id == school.id))
        session.add_all(
            CountValue(organisation_id=school.id, year=year, count_code=code, value=value, source=COUNT_SOURCE)
            for year, values in record.counts.items()
            for code, value in values.items()
        )
        audit.record(session, operator, "counts_entered_by_municipality", school.code,
                     municipality=sender_code, years=sorted(record.counts))
        replaced += 1

    session.flush()
    if replaced:
        log.info("Counts of %d schools entered by %s merged", replaced, sender_code)
    return replaced


def _school_of_territory(session: Session, code: str, sender_name: str,
                         municipality_code: str | None) -> Organisation:
    school = session.scalars(select(Organisation).where(Organisation.code == code)).one_or_none()
    if school is None:
        raise PackageRejected(
            f"пакет «{sender_name}» содержит численности организации с кодом {code}, "
            "которой нет в его справочнике организаций",
            "Попросите отправителя выгрузить пакет заново.",
        )
    if school.kind != Role.SCHOOL.value or school.municipality_code != municipality_code:
        raise PackageRejected(
            f"пакет «{sender_name}» содержит численности организации «{school.name}» (код {school.code}) "
            "другого вида или другой территории",
            "Пакет не может изменять данные другой территории; свяжитесь с отправителем.",
        )
    return school

