"""The installation's identity: its role and organisation, set up once."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.errors import InvalidInputError, NotInitializedError, UserError
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.storage.models import Municipality, Organisation, Setting

log = logging.getLogger(__name__)

ORG_CODE_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")
MAX_NAME_LENGTH = 500
SETTING_ROLE = "role"
SETTING_ORGANISATION = "organisation_code"


@dataclass(frozen=True)
class Installation:
    role: Role
    organisation_code: str
    organisation_name: str
    municipality_code: str | None
    municipality_name: str | None


def validate_org_code(code: str) -> str:
    code = code.strip()
    if not ORG_CODE_PATTERN.match(code):
        raise InvalidInputError(
            f"Код организации «{code}» недопустим: нужны латинские буквы и цифры (можно «.», «-», «_»), "
            "не длиннее 64 знаков, например ИНН «2721001234»."
        )
    return code


def validate_org_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInputError("Наименование организации не указано: введите полное наименование.")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInputError(
            f"Наименование организации длиннее {MAX_NAME_LENGTH} знаков: сократите его."
        )
    return name


def find_municipality(catalog: Catalog, session: Session, text: str) -> Municipality:
    """Find a municipality of the directory by its code or name, ignoring case."""
    wanted = " ".join(text.split()).casefold()
    seed_directory(catalog, session)
    for municipality in session.scalars(select(Municipality)):
        if wanted in (municipality.code.casefold(), municipality.name.casefold()):
            return municipality
    names = ", ".join(m.name for m in session.scalars(select(Municipality).order_by(Municipality.name)))
    raise InvalidInputError(f"Муниципальное образование «{text}» не найдено в справочнике. Возможные значения: {names}.")


def seed_directory(catalog: Catalog, session: Session) -> None:
    """Add the catalogue's municipalities missing from the directory; keep edited ones."""
    known = set(session.scalars(select(Municipality.code)))
    for municipality in catalog.municipalities.values():
        if municipality.code not in known:
            session.add(Municipality(code=municipality.code, name=municipality.name, kind=municipality.kind))
    session.flush()


def load_installation(session: Session) -> Installation | None:
    settings = {row.key: row.value for row in session.scalars(select(Setting))}
    if SETTING_ROLE not in settings or SETTING_ORGANISATION not in settings:
        return None
    organisation = session.scalars(
        select(Organisation).where(Organisation.code == settings[SETTING_ORGANISATION])
    ).one()
    municipality = session.get(Municipality, organisation.municipality_code) if organisation.municipality_code else None
    return Installation(
        role=Role(settings[SETTING_ROLE]),
        organisation_code=organisation.code,
        organisation_name=organisation.name,
        municipality_code=municipality.code if municipality else None,
        municipality_name=municipality.name if municipality else None,
    )


def require_installation(session: Session) -> Installation:
    installation = load_installation(session)
    if installation is None:
        raise NotInitializedError(
            "Программа ещё не настроена. Запустите окно программы и пройдите настройку "
            "или выполните «proforient init --role ... --org-code ... --org-name ...»."
        )
    return installation


def initialize(context: AppContext, role: Role | str, org_code: str, org_name: str,
               municipality: str | None = None) -> Installation:
    """Set the installation's role and organisation, or correct its name.

    The organisation's identity (role and code) never changes once set: a
    second call with another code or role is rejected, and one with the same
    code only renames the organisation.
    """
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInputError(
            f"Роль «{role}» неизвестна: укажите school, college, municipality или region."
        ) from None
    org_code = validate_org_code(org_code)
    org_name = validate_org_name(org_name)

    with context.database.transaction() as session:
        return initialize_in(session, context, role, org_code, org_name, municipality)


def initialize_in(session: Session, context: AppContext, role: Role, org_code: str, org_name: str,
                  municipality: str | None) -> Installation:
    """Do the work of ``initialize`` in the caller's transaction, on values it has already validated."""
    seed_directory(context.catalog, session)
    municipality_row = _municipality_for(context.catalog, session, role, municipality)
    existing = load_installation(session)
    if existing is not None:
        return _rename(context, session, existing, role, org_code, org_name, municipality_row)

    organisation = session.scalars(select(Organisation).where(Organisation.code == org_code)).one_or_none()
    if organisation is None:
        organisation = Organisation(code=org_code, name=org_name, kind=role.value)
        session.add(organisation)
    organisation.name = org_name
    organisation.kind = role.value
    organisation.municipality_code = municipality_row.code if municipality_row else None
    session.add_all([Setting(key=SETTING_ROLE, value=role.value),
                     Setting(key=SETTING_ORGANISATION, value=org_code)])
    audit.record(session, context.operator, "initialize", org_code, role=role.value, name=org_name,
                 municipality=organisation.municipality_code)
    session.flush()

    log.info("Installation initialised: role %s, organisation %s", role.value, org_code)
    return load_installation(session)


def _municipality_for(catalog: Catalog, session: Session, role: Role, text: str | None) -> Municipality | None:
    if text:
        return find_municipality(catalog, session, text)
    if role in (Role.SCHOOL, Role.MUNICIPALITY):
        raise InvalidInputError(
            "Не указано муниципальное образование (--municipality): оно определяет, куда отправляются данные."
            if role is Role.SCHOOL else
            "Не указано муниципальное образование (--municipality), которым управляет этот орган."
        )
    return None


def _rename(context: AppContext, session: Session, existing: Installation, role: Role, org_code: str,
            org_name: str, municipality: Municipality | None) -> Installation:
    if existing.organisation_code != org_code or existing.role is not role:
        raise UserError(
            f"Программа уже настроена для организации «{existing.organisation_name}» "
            f"(код {existing.organisation_code}, роль {existing.role.value}). Код и роль организации "
            "не меняются: для другой организации используйте отдельную папку данных (--data-dir)."
        )
    if municipality is not None and municipality.code != existing.municipality_code:
        raise UserError(
            f"Организация уже относится к муниципальному образованию «{existing.municipality_name}»; "
            "его смена меняет адресата отчётов и выполняется только через муниципалитет."
        )
    organisation = session.scalars(select(Organisation).where(Organisation.code == org_code)).one()
    if organisation.name != org_name:
        audit.record(session, context.operator, "rename", org_code, old=organisation.name, new=org_name)
        organisation.name = org_name
        log.info("Organisation %s renamed", org_code)
    session.flush()
    return load_installation(session)


def own_organisation(session: Session) -> Organisation:
    installation = require_installation(session)
    return session.scalars(select(Organisation).where(Organisation.code == installation.organisation_code)).one()
