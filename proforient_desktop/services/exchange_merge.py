"""Merging verified packages into the database: the transactions, locks and audit entries of an import.

Each package is merged completely or not at all: in a savepoint of one
transaction for all files on SQLite, in a transaction of its own on
PostgreSQL (see ``import_batch``).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.merge import Outcome, PackagePlan, apply_plan, plan_package
from proforient_desktop.exchange.package import VerifiedPackage
from proforient_desktop.exchange.receiver import Receiver
from proforient_desktop.exchange.registry import KnownOrganisation
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.directory import merge_package_directory
from proforient_desktop.services.entered_counts import merge_entered_counts
from proforient_desktop.services.installation import require_installation
from proforient_desktop.services.plausibility import merge_package_marks
from proforient_desktop.storage.locking import is_unique_violation, lock_organisation_codes
from proforient_desktop.storage.models import AuditEntry, Organisation, utc_now

log = logging.getLogger(__name__)

MERGE_ATTEMPTS = 3
# SQLite's page cache during an import, in KiB (the pages are only taken as they are used).
IMPORT_CACHE_KIB = 64 * 1024

UNKNOWN_KEY_ADVICE = (
    "Сверьте отпечаток с организацией по телефону и подтвердите его при загрузке "
    "(флажок «Доверять новым ключам» или параметр --trust-new) либо зарегистрируйте ключ по карточке ключа."
)

_RECEIVER_KEY = "proforient.receiver"
_INSERT_AUDIT_ENTRY = insert(AuditEntry.__table__)


def receiver_of(session: Session) -> Receiver:
    """Return this installation as the receiver of packages, read once per session."""
    # An import on SQLite merges every file in one session (see import_batch).
    receiver = session.info.get(_RECEIVER_KEY)
    if receiver is None:
        installation = require_installation(session)
        row = session.execute(
            select(Organisation.id, Organisation.code, Organisation.name, Organisation.kind,
                   Organisation.municipality_code, Organisation.parent_id)
            .where(Organisation.code == installation.organisation_code)
        ).one()
        receiver = Receiver(installation.role.value, KnownOrganisation(*row))
        session.info[_RECEIVER_KEY] = receiver
    return receiver


@contextmanager
def import_batch(context: AppContext) -> Iterator[Session | None]:
    """Yield the session of one transaction for all files on SQLite, or None for a transaction per package.

    SQLite lets one writer in at a time and makes each commit wait for the
    disk, so there the packages are merged in savepoints of one transaction,
    committed after the last file. On PostgreSQL each package commits on its
    own, so an operator holds the organisation locks of one package at a time.
    These are the codes of the sender and its nested packages in sorted order,
    then their rows in an order fixed by their codes and ids. Two imports that share organisations take
    their locks in the same order, so operators wait for each other at most
    one package's import.
    """
    if not context.database.is_sqlite:
        yield None
        return
    with context.database.transaction() as session:
        connection = session.connection()
        previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        # SQLite's default cache of about 2 MB cannot hold the indexes that a region's import
        # updates next to the packages' bytes. With 64 MB the region imported about a quarter faster.
        connection.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
        try:
            yield session
        finally:
            with suppress(DBAPIError):
                connection.exec_driver_sql(f"PRAGMA cache_size={int(previous)}")


def merge_in_transaction(context: AppContext, package: VerifiedPackage, path: Path, trust_new: bool,
                         batch: Session | None) -> PackagePlan:
    """Merge a verified package in a savepoint of ``batch`` or, without it, in a transaction of its own."""
    # Operators sharing the regional database may import the same package, or
    # packages of one organisation, at the same moment. The senders' codes are
    # locked first, so the second import waits and then plans on the first's
    # result, such as «уже загружен». A unique violation (received_package.sha256
    # or organisation.code) left by any other race is retried the same way.
    codes = [package.sender.code, *(item.sender.code for item in package.nested)]
    for attempt in range(1, MERGE_ATTEMPTS + 1):
        try:
            if batch is not None:
                with batch.begin_nested():
                    lock_organisation_codes(batch, codes)
                    return _merge(context, batch, package, path, trust_new)
            with context.database.transaction() as session:
                lock_organisation_codes(session, codes)
                return _merge(context, session, package, path, trust_new)
        except IntegrityError as error:
            if attempt == MERGE_ATTEMPTS or not is_unique_violation(error):
                raise
            log.info("Package %s met a concurrent import (attempt %d): %s", path, attempt,
                     str(error.orig).splitlines()[0])
    raise AssertionError("unreachable")


def _merge(context: AppContext, session: Session, package: VerifiedPackage, path: Path,
           trust_new: bool) -> PackagePlan:
    receiver = receiver_of(session)
    plan = plan_package(session, receiver, package, path.name)
    if plan.key_unknown and not trust_new:
        raise PackageRejected(
            f"ключ организации «{package.sender.name}» (код {package.sender.code}) ещё не зарегистрирован, "
            f"отпечаток {package.manifest.fingerprint}",
            UNKNOWN_KEY_ADVICE,
        )
    if not plan.writes and not plan.key_unknown:
        return plan

    applied = apply_plan(session, receiver, plan, operator=context.operator)
    for item in applied:
        if item.sender.role == "municipality":
            _merge_municipal_records(context, session, item)
    _record_import(context, session, package, path, plan, applied)
    return plan


def _merge_municipal_records(context: AppContext, session: Session, item: PackagePlan) -> None:
    snapshot = item.package.snapshot
    # The municipality's checked marks travel with its data (services.plausibility).
    merge_package_marks(session, item.sender.code, snapshot.plausibility_marks)
    # So are the schools it expects to report, with their closing years (services.directory).
    merge_package_directory(session, item.sender.name, item.sender.municipality_code, snapshot.directory)
    # And the counts it entered for schools without the application (services.entered_counts).
    merge_entered_counts(session, context.operator, item.sender.code, item.sender.name,
                         item.sender.municipality_code, snapshot.entered_counts)


def _record_import(context: AppContext, session: Session, package: VerifiedPackage, path: Path, plan: PackagePlan,
                   applied: list[PackagePlan]) -> None:
    # Written with one Core executemany after the ORM's own entries (merge_entered_counts), in this order.
    entries = []
    if plan.key_unknown:
        entries.append(_entry(context, "key_trusted", package.sender.code,
                              fingerprint=package.manifest.fingerprint, via="first_package", file=path.name))
    for item in applied:
        entries.append(_entry(context, "package_import", item.sender.code, file=path.name,
                              sequence=item.sequence, replaced_sequence=item.current_sequence,
                              sha256=item.package.sha256, fingerprint=item.fingerprint,
                              nested_in=None if item is plan else package.sender.code))
    for nested in plan.nested:
        if nested.vouched_key_action.value != "none" and nested.outcome is not Outcome.REJECTED:
            entries.append(_entry(context, "key_vouched", nested.sender.code,
                                  fingerprint=nested.fingerprint, key_action=nested.vouched_key_action.value,
                                  vouched_by=package.sender.code))
    if entries:
        session.flush()
        session.connection().execute(_INSERT_AUDIT_ENTRY, entries)


def _entry(context: AppContext, action: str, organisation_code: str, **details: Any) -> dict[str, Any]:
    return {"at": utc_now(), "operator": context.operator, "action": action, "organisation_code": organisation_code,
            "details": audit.details_json(details)}
