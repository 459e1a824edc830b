"""The Excel entry template: writing it for an organisation and importing it filled.

The import runs in two steps: ``preview_import`` reads and validates the
whole file and lists what would change (old → new per count) without writing;
``apply_import`` writes that preview in one transaction, after checking that
the file has not changed since. The audit log records the change as entered
by the importing operator from Excel.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Count, Role
from proforient_desktop.domain.consistency import ConsistencyWarning, check_counts
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.reports.excel_import import FilledTemplate, read_filled_template
from proforient_desktop.reports.template import TemplateSpec, write_template
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import find_organisation, read_counts, validate_year, write_counts
from proforient_desktop.services.installation import Installation, require_installation, validate_org_code
from proforient_desktop.services.reports import write_file_atomically
from proforient_desktop.storage.models import Organisation, ReceivedPackage

log = logging.getLogger(__name__)

AUDIT_ACTION = "counts_entered_from_excel"
COUNT_SOURCE = "excel"

# NOTE: a municipal package carries the municipality's own data and its
# schools' packages, so counts entered here for a school without the
# application do not reach the region until packages carry them too.
PACKAGE_NOTE = (
    "Организация присылает подписанные пакеты: её следующий пакет заменит значения, "
    "загруженные из Excel."
)


@dataclass(frozen=True)
class CountChange:
    """One count whose stored value the import changes; ``None`` is «не представлено»."""

    count: Count
    old: int | None
    new: int | None

    @property
    def caption(self) -> str:
        """The count's symbol (Чоко), or its wording where the programme gives no symbol."""
        return self.count.symbol or self.count.definition


@dataclass(frozen=True)
class ImportPreview:
    """What importing a filled template would change, computed without writing."""

    template: FilledTemplate
    organisation_code: str
    organisation_name: str
    new_organisation: bool
    changes: list[CountChange]
    unchanged: int
    warnings: list[ConsistencyWarning]
    notes: tuple[str, ...] = ()

    @property
    def year(self) -> int:
        return self.template.year


def template_counts(context: AppContext, kind: str) -> list[Count]:
    """Return the counts an organisation of ``kind`` enters."""
    try:
        role = Role(kind)
    except ValueError:
        role = Role.SCHOOL
    counts = context.catalog.counts_for(role)
    if not counts:
        raise InvalidInputError(
            "Организация этого вида не вводит численности: шаблон нужен только школам, "
            "колледжам и региональному оператору."
        )
    return counts


def write_entry_template(context: AppContext, path: str | Path, year: int, *, org_code: str | None = None,
                         org_name: str | None = None) -> TemplateSpec:
    """Write the entry template of an organisation, pre-filled with the counts already stored.

    An organisation this installation does not know yet gets a blank school
    template when ``org_name`` is given; importing it registers the school.
    """
    validate_year(context.catalog, year)
    with context.database.transaction() as session:
        organisation = _organisation_or_none(session, org_code)
        if organisation is not None:
            spec_args = (organisation.code, organisation.name, organisation.kind,
                         read_counts(session, organisation.id, year))
            municipality_code = organisation.municipality_code
        else:
            spec_args = _new_school_args(session, org_code, org_name)
            municipality_code = require_installation(session).municipality_code

    code, name, kind, values = spec_args
    spec = TemplateSpec(code, name, kind, year, context.catalog.version, template_counts(context, kind), values,
                        municipality_code)
    write_file_atomically(path, lambda temporary: write_template(context.catalog, spec, temporary))
    log.info("Entry template of %s for %d written to %s", code, year, path)
    return spec


def _organisation_or_none(session: Session, org_code: str | None) -> Organisation | None:
    if org_code is None:
        return find_organisation(session, None)
    return session.scalars(select(Organisation).where(Organisation.code == org_code)).one_or_none()


def _new_school_args(session: Session, org_code: str, org_name: str | None):
    installation = require_installation(session)
    if not org_name:
        raise InvalidInputError(
            f"Организация с кодом «{org_code}» не найдена в базе данных этой установки. Для новой школы "
            "укажите её полное наименование (--org-name)."
        )
    if installation.role is not Role.MUNICIPALITY:
        raise InvalidInputError(
            f"Организация с кодом «{org_code}» не найдена. Шаблон для новой школы создаёт "
            "муниципальный орган управления образованием, к которому она относится."
        )
    return validate_org_code(org_code), " ".join(org_name.split()), Role.SCHOOL.value, {}


def preview_import(context: AppContext, path: str | Path) -> ImportPreview:
    """Read a filled template and list what importing it would change; write nothing."""
    catalog = context.catalog
    template = read_filled_template(catalog, path)
    validate_year(catalog, template.year)

    with context.database.transaction() as session:
        installation = require_installation(session)
        organisation = session.scalars(
            select(Organisation).where(Organisation.code == template.organisation_code)).one_or_none()
        _check_may_import(installation, organisation, template)
        current = read_counts(session, organisation.id, template.year) if organisation else {}
        sends_packages = organisation is not None and _has_current_package(session, organisation.id)

    changes = [
        CountChange(catalog.counts[code], current.get(code), new)
        for code, new in template.values.items() if current.get(code) != new
    ]
    after = {**current, **{code: value for code, value in template.values.items()}}
    after = {code: value for code, value in after.items() if value is not None}
    return ImportPreview(
        template=template,
        organisation_code=template.organisation_code,
        organisation_name=organisation.name if organisation else template.organisation_name,
        new_organisation=organisation is None,
        changes=changes,
        unchanged=len(template.values) - len(changes),
        warnings=check_counts(catalog, after),
        notes=(PACKAGE_NOTE,) if sends_packages else (),
    )


def _has_current_package(session: Session, organisation_id: int) -> bool:
    query = select(ReceivedPackage.id).where(ReceivedPackage.organisation_id == organisation_id,
                                             ReceivedPackage.is_current.is_(True)).limit(1)
    return session.scalars(query).first() is not None


def _check_may_import(installation: Installation, organisation: Organisation | None,
                      template: FilledTemplate) -> None:
    code = template.organisation_code
    if code == installation.organisation_code or installation.role is Role.REGION and organisation:
        return
    if installation.role is not Role.MUNICIPALITY:
        raise UserError(
            f"Шаблон заполнен для организации «{template.organisation_name}» (код {code}), а эта "
            "установка ведёт другую организацию. Импортируйте шаблон в её установке или в установке "
            "муниципалитета."
        )
    if template.municipality_code and template.municipality_code != installation.municipality_code:
        raise UserError(
            f"Шаблон заполнен для организации «{template.organisation_name}» (код {code}) другого "
            f"муниципального образования, а не «{installation.municipality_name}»: её данные импортирует "
            "её муниципалитет."
        )
    if organisation is not None and organisation.municipality_code != installation.municipality_code:
        raise UserError(
            f"Организация «{organisation.name}» (код {code}) не относится к муниципальному образованию "
            f"«{installation.municipality_name}»: её данные импортирует её муниципалитет."
        )


def apply_import(context: AppContext, preview: ImportPreview) -> ImportPreview:
    """Write a previewed import in one transaction and record it in the audit log.

    Raise ``UserError`` if the file changed after the preview, so what is
    written is exactly what the operator saw.
    """
    template = preview.template
    if hashlib.sha256(template.path.read_bytes()).hexdigest() != template.sha256:
        raise UserError(f"Файл «{template.path.name}» изменился после просмотра: откройте его для импорта заново.")

    fresh = preview_import(context, template.path)
    with context.database.transaction() as session:
        installation = require_installation(session)
        organisation = session.scalars(
            select(Organisation).where(Organisation.code == template.organisation_code)).one_or_none()
        if organisation is None:
            organisation = _register_school(context, session, installation, template)
        changes = write_counts(session, organisation.id, template.year, template.values, COUNT_SOURCE)
        audit.record(
            session, context.operator, AUDIT_ACTION, organisation.code,
            year=template.year, file=template.path.name, sha256=template.sha256,
            entered_by=f"{installation.role.value} {installation.organisation_code}",
            changes={code: list(change) for code, change in changes.items()},
        )

    log.info("Excel template %s imported for %s, %d: %d counts changed",
             template.path, organisation.code, template.year, len(changes))
    return fresh


def _register_school(context: AppContext, session: Session, installation: Installation,
                     template: FilledTemplate) -> Organisation:
    organisation = Organisation(
        code=validate_org_code(template.organisation_code), name=template.organisation_name,
        kind=Role.SCHOOL.value, municipality_code=installation.municipality_code,
    )
    session.add(organisation)
    session.flush()
    audit.record(session, context.operator, "organisation_registered_from_excel", organisation.code,
                 name=organisation.name, municipality=organisation.municipality_code)
    log.info("School %s registered from an Excel template", organisation.code)
    return organisation
