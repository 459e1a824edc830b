"""The list of received packages: each known organisation, its current package and its key state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from proforient_desktop.domain.sort_keys import natural_key
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.trust import keys_of
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.exchange import default_file_name
from proforient_desktop.services.exchange_settings import LastExport, last_sequence, load_last_export
from proforient_desktop.services.installation import own_organisation, require_installation
from proforient_desktop.storage.models import Organisation, ReceivedPackage

STATUS_RECEIVED = "received"
STATUS_NO_PACKAGE = "no_package"
STATUS_KEY_RETIRED = "key_retired"
STATUS_NAMES_RU = {
    STATUS_RECEIVED: "получен",
    STATUS_NO_PACKAGE: "пакета нет",
    STATUS_KEY_RETIRED: "ключ выведен, ждёт нового ключа",
}


@dataclass(frozen=True)
class Submission:
    """An organisation and the package that supplied its current data, if any."""

    organisation_code: str
    organisation_name: str
    kind: str
    municipality_code: str | None
    via: str
    sequence: int | None
    received_at: dt.datetime | None
    sender_created_at: str
    file_name: str
    fingerprint: str
    status: str


def list_submissions(context: AppContext) -> list[Submission]:
    """Return every other organisation of this installation's registry, by kind and name."""
    with context.database.transaction() as session:
        own = own_organisation(session)
        organisations = session.scalars(
            select(Organisation).where(Organisation.id != own.id, Organisation.is_demo.is_(False))
        ).all()
        # Natural order, so «Школа № 2» comes before «Школа № 10»; SQL would compare the names as text.
        organisations = sorted(organisations, key=lambda organisation: (organisation.kind,
                                                                        natural_key(organisation.name)))
        return [_submission(session, own, organisation) for organisation in organisations]


def _submission(session, own: Organisation, organisation: Organisation) -> Submission:
    package = session.get(ReceivedPackage, organisation.source_package_id) if organisation.source_package_id else None
    keys = keys_of(session, organisation.id)
    if package is not None:
        status = STATUS_RECEIVED
    elif keys and all(key.retired_at is not None for key in keys):
        status = STATUS_KEY_RETIRED
    else:
        status = STATUS_NO_PACKAGE
    parent = session.get(Organisation, organisation.parent_id) if organisation.parent_id else None
    # Empty when the organisation sends straight to this installation.
    via = parent.name if parent is not None and parent.id != own.id else ""
    return Submission(
        organisation_code=organisation.code,
        organisation_name=organisation.name,
        kind=organisation.kind,
        municipality_code=organisation.municipality_code,
        via=via,
        sequence=package.sequence if package else None,
        received_at=package.received_at if package else None,
        sender_created_at=package.sender_created_at if package else "",
        file_name=package.file_name if package else "",
        fingerprint=package.signer_fingerprint if package else "",
        status=status,
    )


@dataclass(frozen=True)
class ExchangeOverview:
    """This installation's own organisation, key fingerprint and last export, as the exchange screen shows them."""

    role: str
    organisation_code: str
    organisation_name: str
    fingerprint: str
    last_export: LastExport | None
    suggested_file_name: str


def last_export(context: AppContext) -> LastExport | None:
    with context.database.transaction() as session:
        return load_last_export(session)


def exchange_overview(context: AppContext) -> ExchangeOverview:
    fingerprint = load_or_create_key_pair(context.data_dir).fingerprint
    with context.database.transaction() as session:
        installation = require_installation(session)
        organisation = own_organisation(session)
        file_name = default_file_name(organisation.name, organisation.code, dt.date.today(),
                                      last_sequence(session) + 1)
        return ExchangeOverview(installation.role.value, organisation.code, organisation.name, fingerprint,
                                load_last_export(session), file_name)
