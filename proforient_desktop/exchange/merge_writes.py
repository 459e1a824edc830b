"""The rows an import writes next to an organisation's snapshot: its organisation, keys and kept package.

An import runs these statements for every organisation of every package,
so they are SQLAlchemy Core statements, portable to SQLite and PostgreSQL,
without the ORM's unit of work. They run in the caller's transaction. The
ORM ``ensure_organisation`` serves the single-organisation callers: key
cards and restoring from a package.
"""

from __future__ import annotations

import datetime as dt
from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from proforient_desktop.exchange.keys import fingerprint
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.package import VerifiedPackage
from proforient_desktop.exchange.registry import HasId, KnownOrganisation
from proforient_desktop.storage.models import Organisation, ReceivedPackage, TrustedKey, utc_now

_ORGANISATIONS = Organisation.__table__
_KEYS = TrustedKey.__table__
_PACKAGES = ReceivedPackage.__table__

# Built once, because building a statement took longer than running it on
# SQLite. Each runs with a dict of the values of its bound parameters.
_INSERT_ORGANISATION = insert(_ORGANISATIONS)
_INSERT_KEY = insert(_KEYS)
_INSERT_PACKAGE = insert(_PACKAGES)
_RETIRE_KEYS = (update(_KEYS)
                .where(_KEYS.c.organisation_id == bindparam("organisation"), _KEYS.c.retired_at.is_(None))
                .values(retired_at=bindparam("now"), retired_reason=bindparam("reason")))
_NOT_CURRENT = (update(_PACKAGES)
                .where(_PACKAGES.c.organisation_id == bindparam("organisation"), _PACKAGES.c.is_current.is_(True))
                .values(is_current=False))
_SET_SOURCE_PACKAGE = (update(_ORGANISATIONS).where(_ORGANISATIONS.c.id == bindparam("organisation"))
                       .values(source_package_id=bindparam("package")))


def write_organisation(connection: Connection, sender: Sender, parent_id: int | None,
                       known: KnownOrganisation | None, *, claim: bool = False) -> tuple[KnownOrganisation, bool]:
    """Create the sender's organisation or update its name, and return it and whether it was created.

    ``known`` is the organisation as planning read (and locked) it, None when
    there was none. A parent is set only where none is recorded yet, unless
    ``claim`` is true: a municipality that sends a school's package nested in
    its own becomes that school's parent, also over one recorded before.
    """
    if known is None:
        values = {"code": sender.code, "name": sender.name, "kind": sender.role,
                  "municipality_code": sender.municipality_code, "parent_id": parent_id}
        result = connection.execute(_INSERT_ORGANISATION, {**values, "is_demo": False, "created_at": utc_now()})
        return KnownOrganisation(result.inserted_primary_key[0], **values), True

    changes = {}
    if known.name != sender.name:
        changes["name"] = sender.name
    if parent_id is not None and known.parent_id != parent_id and (claim or known.parent_id is None):
        changes["parent_id"] = parent_id
    if changes:
        connection.execute(update(_ORGANISATIONS).where(_ORGANISATIONS.c.id == known.id).values(**changes))
    return KnownOrganisation(known.id, known.code, sender.name, known.kind, known.municipality_code,
                             changes.get("parent_id", known.parent_id)), False


def insert_key(connection: Connection, organisation_id: int, public_key: bytes, via: str, *,
               vouched_by_id: int | None = None) -> None:
    """Register ``public_key`` for the organisation, as ``trust.register_key`` does."""
    connection.execute(_INSERT_KEY, {
        "organisation_id": organisation_id, "public_key": public_key, "fingerprint": fingerprint(public_key),
        "registered_at": utc_now(), "registered_via": via, "vouched_by_id": vouched_by_id, "retired_reason": "",
    })


def retire_active_keys(connection: Connection, organisation_id: int, reason: str) -> None:
    """Retire every active key of the organisation, as ``trust.retire_keys`` does."""
    connection.execute(_RETIRE_KEYS, {"organisation": organisation_id, "now": dt.datetime.now(dt.timezone.utc),
                                      "reason": reason})


def insert_package(session: Session, organisation: HasId, package: VerifiedPackage, file_name: str,
                   operator: str, *, created: bool) -> int:
    """Keep the package's bytes as the organisation's current package and return the row's id.

    With ``created`` (the organisation was created in this transaction) it
    has no earlier package to mark as no longer current.
    """
    connection = session.connection()
    if not created:
        connection.execute(_NOT_CURRENT, {"organisation": organisation.id})
    manifest = package.manifest
    result = connection.execute(_INSERT_PACKAGE, {
        "sha256": package.sha256,
        "organisation_id": organisation.id,
        "sequence": manifest.sequence,
        "signer_fingerprint": manifest.fingerprint,
        "format_version": manifest.format_version,
        "catalog_version": manifest.catalog_version,
        "file_name": file_name[:500],
        "sender_created_at": manifest.created_at,
        "received_at": utc_now(),
        "imported_by": operator[:200],
        "content": package.data,
        "is_current": True,
    })
    package_id = result.inserted_primary_key[0]

    connection.execute(_SET_SOURCE_PACKAGE, {"organisation": organisation.id, "package": package_id})
    if isinstance(organisation, Organisation):
        # An ORM caller's object would otherwise keep the old value.
        set_committed_value(organisation, "source_package_id", package_id)
    return package_id


def ensure_organisation(session: Session, sender: Sender, parent: HasId | None, *,
                        known: Organisation | None = None) -> Organisation:
    """Return the sender's organisation as an ORM object, creating it or updating its name.

    ``known`` saves looking the organisation up by code again.
    """
    organisation = known
    if organisation is None:
        organisation = session.scalars(select(Organisation).where(Organisation.code == sender.code)).one_or_none()
    if organisation is None:
        organisation = Organisation(code=sender.code, name=sender.name, kind=sender.role,
                                    municipality_code=sender.municipality_code)
        session.add(organisation)
    organisation.name = sender.name
    if organisation.parent_id is None and parent is not None:
        organisation.parent_id = parent.id
    session.flush()
    return organisation
