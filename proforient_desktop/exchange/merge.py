"""Merge rules: what a verified package would do to this database, and doing it.

Planning reads only, so the preview and ``--dry-run`` show exactly what an
import would write. It reads the rows of the sender and of every nested
school with a few batched queries (``registry``). Applying runs inside the
caller's transaction, so a package (with its nested packages) is merged
completely or not at all.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.merge_writes import (
    ensure_organisation,
    insert_key,
    insert_package,
    retire_active_keys,
    write_organisation,
)
from proforient_desktop.exchange.package import VerifiedPackage
from proforient_desktop.exchange.plans import (
    OUTCOME_NAMES_RU,
    Outcome,
    PackagePlan,
    SequenceReused,
    key_registered_note,
    rejected_plan,
    unknown_key_note,
)
from proforient_desktop.exchange.receiver import Receiver, check_nested_sender_in, check_sender_in
from proforient_desktop.exchange.registry import HasId, KnownOrganisation, SenderLookup, load_lookup
from proforient_desktop.exchange.snapshot_store import replace_snapshot
from proforient_desktop.exchange.trust import (
    VIA_FIRST_PACKAGE,
    VIA_VOUCHED,
    KeyStatus,
    VouchedKeyAction,
    check_signer_in,
    check_vouched_key_in,
)

# Names other modules import from here.
__all__ = ["OUTCOME_NAMES_RU", "Outcome", "PackagePlan", "SequenceReused", "apply_plan", "ensure_organisation",
           "plan_package", "rejected_plan", "store_package", "unknown_key_note"]

WRITING_OUTCOMES = (Outcome.NEW, Outcome.REPLACES)


def plan_package(session: Session, receiver: Receiver, package: VerifiedPackage, file_name: str) -> PackagePlan:
    """Decide what importing ``package`` would do; raise ``PackageRejected`` if it must not be imported.

    Locks the rows of the sender's and the nested schools' organisations
    until the transaction ends.
    """
    # The lookups below are Core queries, which do not flush the session's pending objects themselves.
    session.flush()
    senders = [package.sender, *(nested.sender for nested in package.nested)]
    public_keys = [package.manifest.public_key, *(nested.manifest.public_key for nested in package.nested)]
    lookup = load_lookup(session, senders, public_keys, lock=True, school_parents=receiver.role == "region")

    sender = package.sender
    organisation = check_sender_in(lookup, receiver, sender)
    key = check_signer_in(lookup, _id_of(organisation), package.manifest.public_key, sender.name)

    plan = _sequence_plan(lookup, organisation, package, file_name)
    plan.organisation = organisation
    plan.key_unknown = key.status == KeyStatus.UNKNOWN
    if plan.key_unknown:
        plan.message += "; " + unknown_key_note(plan.fingerprint)
    if plan.outcome in WRITING_OUTCOMES and package.nested:
        plan.nested = [_plan_nested(lookup, receiver, organisation, sender, nested, file_name)
                       for nested in package.nested]
    return plan


def _id_of(organisation: KnownOrganisation | None) -> int | None:
    return organisation.id if organisation is not None else None


def _plan_nested(lookup: SenderLookup, receiver: Receiver, parent: KnownOrganisation | None, parent_sender: Sender,
                 package: VerifiedPackage, file_name: str) -> PackagePlan:
    organisation = check_nested_sender_in(lookup, receiver, parent_sender, package.sender)
    action = check_vouched_key_in(lookup, _id_of(parent), _id_of(organisation), package.manifest.public_key,
                                  package.sender.name)
    try:
        plan = _sequence_plan(lookup, organisation, package, file_name)
    except SequenceReused as error:
        # One school's mistake leaves the municipality's other schools importable.
        return PackagePlan(file_name, Outcome.REJECTED, f"вложенный пакет не загружается: {error.message}",
                           package, error.sequence, error.sequence, organisation=organisation)
    plan.organisation = organisation
    plan.vouched_key_action = action
    return plan


def _sequence_plan(lookup: SenderLookup, organisation: KnownOrganisation | None, package: VerifiedPackage,
                   file_name: str) -> PackagePlan:
    sequence = package.manifest.sequence
    current = lookup.current.get(organisation.id) if organisation is not None else None
    if current is not None and current.sha256 == package.sha256:
        return PackagePlan(file_name, Outcome.ALREADY_IMPORTED, f"пакет № {sequence} уже загружен, ничего не меняется",
                           package, sequence, sequence)
    if current is None:
        return PackagePlan(file_name, Outcome.NEW, f"новый: пакет № {sequence}, данных организации ещё нет",
                           package, sequence)
    if sequence > current.sequence:
        return PackagePlan(file_name, Outcome.REPLACES,
                           f"пакет № {sequence} заменит загруженный ранее пакет № {current.sequence}",
                           package, sequence, current.sequence)
    if sequence == current.sequence:
        raise SequenceReused(sequence, package.sender.name)
    return PackagePlan(file_name, Outcome.OLDER,
                       f"более старый пакет № {sequence} (загружен № {current.sequence}): не загружается",
                       package, sequence, current.sequence)


def apply_plan(session: Session, receiver: Receiver, plan: PackagePlan, *, operator: str) -> list[PackagePlan]:
    """Write a planned package and its nested packages; return the plans that changed data."""
    connection = session.connection()
    package = plan.package
    organisation, created = write_organisation(connection, package.sender, receiver.organisation.id,
                                               plan.organisation)
    if plan.key_unknown:
        insert_key(connection, organisation.id, package.manifest.public_key, VIA_FIRST_PACKAGE)
        plan.message = plan.message.replace(unknown_key_note(plan.fingerprint), key_registered_note(plan.fingerprint))

    applied = []
    if plan.outcome in WRITING_OUTCOMES:
        store_package(session, organisation, package, plan.file_name, operator, created=created)
        applied.append(plan)
    for nested in plan.nested:
        if _apply_nested(session, organisation, nested, operator):
            applied.append(nested)

    # The rows were written with Core statements: ORM objects that the session
    # may still hold for them would otherwise show the old values.
    session.expire_all()
    return applied


def _apply_nested(session: Session, parent: KnownOrganisation, plan: PackagePlan, operator: str) -> bool:
    if plan.outcome is Outcome.REJECTED:
        return False
    connection = session.connection()
    package = plan.package
    organisation, created = write_organisation(connection, package.sender, parent.id, plan.organisation, claim=True)
    if plan.vouched_key_action is VouchedKeyAction.REPLACE:
        retire_active_keys(connection, organisation.id, f"заменён ключом, подтверждённым организацией «{parent.name}»")
    if plan.vouched_key_action in (VouchedKeyAction.REGISTER, VouchedKeyAction.REPLACE):
        insert_key(connection, organisation.id, package.manifest.public_key, VIA_VOUCHED, vouched_by_id=parent.id)

    if plan.outcome not in WRITING_OUTCOMES:
        return False
    store_package(session, organisation, package, plan.file_name, operator, created=created)
    return True


def store_package(session: Session, organisation: HasId, package: VerifiedPackage, file_name: str,
                  operator: str, *, created: bool = False) -> int:
    """Keep the package's bytes, make it the organisation's current one and replace its data.

    With ``created`` (the organisation was created in this transaction)
    there are no older packages, counts or activities to replace. Returns
    the id of the kept package's row.
    """
    package_id = insert_package(session, organisation, package, file_name, operator, created=created)
    replace_snapshot(session, organisation, package.snapshot, existing_rows=not created)
    return package_id
