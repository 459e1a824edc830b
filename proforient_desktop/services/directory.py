"""The directory of organisations expected to report, which the region and municipalities edit.

An organisation enters the directory when its first package is imported or
when an operator adds it. The region edits any entry; a municipality edits
the schools of its own territory. Closing an organisation keeps its history:
it stops being expected from ``closed_from_year`` on.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Role
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.exchange.directory_entries import DirectoryRecord
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.installation import (
    Installation,
    find_municipality,
    require_installation,
    seed_directory,
    validate_org_code,
    validate_org_name,
)
from proforient_desktop.storage.models import Municipality, Organisation, ReceivedPackage

log = logging.getLogger(__name__)

# Kinds of organisation that report counts and are expected in completeness.
REPORTING_KINDS = (Role.SCHOOL.value, Role.COLLEGE.value)

KIND_NAMES_RU = {
    Role.SCHOOL.value: "ОО",
    Role.COLLEGE.value: "ПОО",
    Role.MUNICIPALITY.value: "ОМСУ",
    Role.REGION.value: "регион",
}


@dataclass(frozen=True)
class DirectoryEntry:
    """An organisation of the directory as the screens and reports show it."""

    code: str
    name: str
    kind: str
    municipality_code: str | None
    municipality_name: str
    closed_from_year: int | None
    last_package_at: dt.datetime | None

    def is_expected_in(self, year: int) -> bool:
        return self.closed_from_year is None or year < self.closed_from_year


def is_open_in(organisation: Organisation, year: int) -> bool:
    return organisation.closed_from_year is None or year < organisation.closed_from_year


def installation_scope(session: Session) -> str | None:
    """Return the municipality a municipal installation covers, or None for the whole region."""
    installation = require_installation(session)
    if installation.role is Role.MUNICIPALITY:
        return installation.municipality_code
    return None


def reporting_organisations(session: Session, municipality_code: str | None = None) -> list[Organisation]:
    """Return the schools and colleges of the directory (demo ones excluded), by name."""
    query = select(Organisation).where(Organisation.kind.in_(REPORTING_KINDS), Organisation.is_demo.is_(False))
    if municipality_code is not None:
        query = query.where(Organisation.municipality_code == municipality_code)
    return list(session.scalars(query.order_by(Organisation.name, Organisation.code)))


def last_package_dates(session: Session) -> dict[int, dt.datetime]:
    """Return the time the newest package of each organisation was received, by organisation id."""
    rows = session.execute(
        select(ReceivedPackage.organisation_id, func.max(ReceivedPackage.received_at))
        .group_by(ReceivedPackage.organisation_id)
    )
    return {organisation_id: received_at for organisation_id, received_at in rows}


def municipality_names(session: Session) -> dict[str, str]:
    return {code: name for code, name in session.execute(select(Municipality.code, Municipality.name))}


def list_directory(context: AppContext, *, municipality_code: str | None = None,
                   year: int | None = None) -> list[DirectoryEntry]:
    """Return the directory's schools and colleges; with ``year``, only those expected in it."""
    with context.database.transaction() as session:
        scope = installation_scope(session)
        organisations = reporting_organisations(session, municipality_code or scope)
        dates = last_package_dates(session)
        names = municipality_names(session)

    entries = [_entry_of(organisation, names, dates) for organisation in organisations]
    if year is not None:
        entries = [entry for entry in entries if entry.is_expected_in(year)]
    return entries


def add_organisation(context: AppContext, code: str, name: str, kind: str,
                     municipality: str | None) -> DirectoryEntry:
    """Add a school or college to the directory, so it is expected to report."""
    code = validate_org_code(code)
    name = validate_org_name(name)
    kind = _validate_kind(kind)

    with context.database.transaction() as session:
        installation = _require_editor(session)
        seed_directory(context.catalog, session)
        if not municipality and installation.role is Role.MUNICIPALITY:
            municipality = installation.municipality_code
        municipality_row = find_municipality(context.catalog, session, municipality) if municipality else None
        _check_territory(installation, municipality_row.code if municipality_row else None, kind)
        if session.scalars(select(Organisation).where(Organisation.code == code)).one_or_none() is not None:
            raise InvalidInputError(f"Организация с кодом «{code}» уже есть в справочнике.")

        organisation = Organisation(code=code, name=name, kind=kind,
                                    municipality_code=municipality_row.code if municipality_row else None)
        session.add(organisation)
        audit.record(session, context.operator, "directory_add", code, name=name, kind=kind,
                     municipality=organisation.municipality_code)
        session.flush()
        entry = _entry_of(organisation, municipality_names(session), {})

    log.info("Organisation %s added to the directory", code)
    return entry


def rename_organisation(context: AppContext, code: str, name: str) -> DirectoryEntry:
    """Change an organisation's name in the directory; its code stays."""
    name = validate_org_name(name)
    with context.database.transaction() as session:
        installation = _require_editor(session)
        organisation = _find_editable(session, installation, code)
        if organisation.name != name:
            audit.record(session, context.operator, "directory_rename", code, old=organisation.name, new=name)
            organisation.name = name
        session.flush()
        entry = _entry_of(organisation, municipality_names(session), last_package_dates(session))

    log.info("Organisation %s renamed in the directory", code)
    return entry


def close_organisation(context: AppContext, code: str, from_year: int | None) -> DirectoryEntry:
    """Close an organisation from ``from_year`` (``None`` reopens it); its reported data stay."""
    if from_year is not None and (isinstance(from_year, bool) or not isinstance(from_year, int)
                                  or not context.catalog.first_year < from_year <= 2100):
        raise InvalidInputError(
            f"Год закрытия «{from_year}» недопустим: укажите год после {context.catalog.first_year}, "
            "с которого организация больше не представляет данные."
        )

    with context.database.transaction() as session:
        installation = _require_editor(session)
        organisation = _find_editable(session, installation, code)
        audit.record(session, context.operator, "directory_close" if from_year else "directory_reopen", code,
                     old=organisation.closed_from_year, new=from_year)
        organisation.closed_from_year = from_year
        session.flush()
        entry = _entry_of(organisation, municipality_names(session), last_package_dates(session))

    log.info("Organisation %s closed from %s", code, from_year)
    return entry


def _entry_of(organisation: Organisation, names: dict[str, str], dates: dict[int, dt.datetime]) -> DirectoryEntry:
    return DirectoryEntry(
        code=organisation.code,
        name=organisation.name,
        kind=organisation.kind,
        municipality_code=organisation.municipality_code,
        municipality_name=names.get(organisation.municipality_code or "", ""),
        closed_from_year=organisation.closed_from_year,
        last_package_at=dates.get(organisation.id),
    )


def _validate_kind(kind: str) -> str:
    if kind not in REPORTING_KINDS:
        raise InvalidInputError(
            f"Вид организации «{kind}» недопустим: укажите school (ОО) или college (ПОО)."
        )
    return kind


def _require_editor(session: Session) -> Installation:
    installation = require_installation(session)
    if installation.role not in (Role.REGION, Role.MUNICIPALITY):
        raise UserError("Справочник организаций изменяют только региональный оператор и муниципалитет.")
    return installation


def _check_territory(installation: Installation, municipality_code: str | None, kind: str) -> None:
    if installation.role is not Role.MUNICIPALITY:
        return
    if kind != Role.SCHOOL.value:
        raise UserError("Муниципалитет добавляет в справочник только общеобразовательные организации; "
                        "ПОО добавляет региональный оператор.")
    if municipality_code not in (None, installation.municipality_code):
        raise UserError(
            f"Организация относится к другому муниципальному образованию; муниципалитет изменяет только "
            f"организации своей территории («{installation.municipality_name}»)."
        )


def _find_editable(session: Session, installation: Installation, code: str) -> Organisation:
    query = select(Organisation).where(Organisation.code == code.strip(), Organisation.kind.in_(REPORTING_KINDS))
    if installation.role is Role.MUNICIPALITY:
        query = query.where(Organisation.municipality_code == installation.municipality_code)
    organisation = session.scalars(query).one_or_none()
    if organisation is None:
        raise InvalidInputError(
            f"Организация с кодом «{code}» не найдена в справочнике"
            + (" этого муниципального образования." if installation.role is Role.MUNICIPALITY else ".")
        )
    return organisation


def list_municipalities(context: AppContext) -> list[tuple[str, str]]:
    """Return the directory's municipalities as (code, name), by name; a municipal installation gets its own."""
    with context.database.transaction() as session:
        seed_directory(context.catalog, session)
        scope = installation_scope(session)
        names = municipality_names(session)
    pairs = [(code, name) for code, name in names.items() if scope is None or code == scope]
    return sorted(pairs, key=lambda pair: pair[1])


def directory_for_package(session: Session) -> tuple[DirectoryRecord, ...]:
    """Return a municipality's schools for its outgoing package; other roles send none."""
    installation = require_installation(session)
    if installation.role is not Role.MUNICIPALITY:
        return ()
    return tuple(
        DirectoryRecord(organisation.code, organisation.name, organisation.closed_from_year)
        for organisation in reporting_organisations(session, installation.municipality_code)
        if organisation.kind == Role.SCHOOL.value
    )


def merge_package_directory(session: Session, sender_name: str, municipality_code: str | None,
                            records: tuple[DirectoryRecord, ...]) -> int:
    """Add the schools a municipality's package lists and take its closing years; return how many changed.

    A school that is already known keeps its name, because its own packages
    carry it. A code that belongs to an organisation of another territory or
    kind rejects the package, so nothing of it is merged.
    """
    changed = 0
    for record in records:
        organisation = session.scalars(select(Organisation).where(Organisation.code == record.code)).one_or_none()
        if organisation is None:
            session.add(Organisation(code=record.code, name=record.name, kind=Role.SCHOOL.value,
                                     municipality_code=municipality_code, closed_from_year=record.closed_from_year))
            changed += 1
            continue
        if organisation.kind != Role.SCHOOL.value or organisation.municipality_code != municipality_code:
            raise PackageRejected(
                f"справочник организаций «{sender_name}» содержит организацию «{organisation.name}» "
                f"(код {organisation.code}) другого вида или другой территории",
                "Пакет не может изменять справочник другой территории; свяжитесь с отправителем.",
            )
        if organisation.closed_from_year != record.closed_from_year:
            organisation.closed_from_year = record.closed_from_year
            changed += 1
    session.flush()
    if changed:
        log.info("Directory of %s merged: %d organisations added or changed", sender_name, changed)
    return changed
