"""Merge rules: what a verified package would do to this database, and doing it.

Planning reads only, so the preview and ``--dry-run`` show exactly what an
import would write. Applying runs inside the caller's transaction, so a
package (with its nested packages) is merged completely or not at all.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.package import VerifiedPackage
from proforient_desktop.exchange.snapshot_store import replace_snapshot
from proforient_desktop.exchange.receiver import Receiver, check_nested_sender, check_sender
from proforient_desktop.exchange.trust import (
    VIA_FIRST_PACKAGE,
    VIA_VOUCHED,
    KeyStatus,
    VouchedKeyAction,
    check_signer,
    check_vouched_key,
    register_key,
    retire_keys,
)
from proforient_desktop.storage.locking import lock_organisation
from proforient_desktop.storage.models import Organisation, ReceivedPackage


class Outcome(str, enum.Enum):
    NEW = "new"
    REPLACES = "replaces"
    ALREADY_IMPORTED = "already_imported"
    OLDER = "older"
    REJECTED = "rejected"


OUTCOME_NAMES_RU = {
    Outcome.NEW: "новый",
    Outcome.REPLACES: "заменит прежний",
    Outcome.ALREADY_IMPORTED: "уже загружен",
    Outcome.OLDER: "более старый, не загружается",
    Outcome.REJECTED: "отклонён",
}


@dataclass
class PackagePlan:
    """The planned outcome of one package; ``message`` is the Russian explanation."""

    file_name: str
    outcome: Outcome
    message: str
    package: VerifiedPackage | None = None
    sequence: int | None = None
    current_sequence: int | None = None
    key_unknown: bool = False
    vouched_key_action: VouchedKeyAction = VouchedKeyAction.NONE
    nested: list[PackagePlan] = field(default_factory=list)
    # The sender's organisation as planning found it (locked), None if new.
    organisation: Organisation | None = None

    @property
    def sender(self) -> Sender | None:
        return self.package.sender if self.package is not None else None

    @property
    def fingerprint(self) -> str:
        return self.package.manifest.fingerprint if self.package is not None else ""

    @property
    def needs_trust(self) -> bool:
        """Whether the package is rejected unless the operator trusts its new key."""
        return self.key_unknown and self.outcome is not Outcome.REJECTED

    @property
    def writes(self) -> bool:
        """Whether applying the plan changes the database."""
        if self.outcome is Outcome.REJECTED:
            return False
        own = self.outcome in (Outcome.NEW, Outcome.REPLACES)
        return own or any(plan.writes for plan in self.nested)


def unknown_key_note(key_fingerprint: str) -> str:
    return (f"ключ отправителя ещё не зарегистрирован (отпечаток {key_fingerprint}): пакет будет отклонён, "
            "если не подтвердить ключ после сверки отпечатка с организацией по телефону")


def _key_registered_note(key_fingerprint: str) -> str:
    return f"ключ отправителя зарегистрирован после сверки отпечатка ({key_fingerprint})"


def rejected_plan(file_name: str, error: PackageRejected, package: VerifiedPackage | None = None) -> PackagePlan:
    return PackagePlan(file_name, Outcome.REJECTED, error.for_file(file_name), package)


def plan_package(session: Session, receiver: Receiver, package: VerifiedPackage, file_name: str) -> PackagePlan:
    """Decide what importing ``package`` would do; raise ``PackageRejected`` if it must not be imported."""
    sender = package.sender
    organisation = lock_organisation(session, check_sender(session, receiver, sender))
    key = check_signer(session, organisation, package.manifest.public_key, sender.name)

    plan = _sequence_plan(session, organisation, package, file_name)
    plan.organisation = organisation
    plan.key_unknown = key.status == KeyStatus.UNKNOWN
    if plan.key_unknown:
        plan.message += "; " + unknown_key_note(plan.fingerprint)
    if plan.outcome in (Outcome.NEW, Outcome.REPLACES) and package.nested:
        plan.nested = [_plan_nested(session, receiver, organisation, sender, nested, file_name)
                       for nested in package.nested]
    return plan


def _plan_nested(session: Session, receiver: Receiver, parent: Organisation | None, parent_sender: Sender,
                 package: VerifiedPackage, file_name: str) -> PackagePlan:
    organisation = lock_organisation(session, check_nested_sender(session, receiver, parent_sender, package.sender))
    action = check_vouched_key(session, parent, organisation, package.manifest.public_key, package.sender.name)
    try:
        plan = _sequence_plan(session, organisation, package, file_name)
    except SequenceReused as error:
        # One school's mistake leaves the municipality's other schools importable.
        return PackagePlan(file_name, Outcome.REJECTED, f"вложенный пакет не загружается: {error.message}",
                           package, error.sequence, error.sequence, organisation=organisation)
    plan.organisation = organisation
    plan.vouched_key_action = action
    return plan


def _sequence_plan(session: Session, organisation: Organisation | None, package: VerifiedPackage,
                   file_name: str) -> PackagePlan:
    sequence = package.manifest.sequence
    current = current_package(session, organisation.id) if organisation is not None else None
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


class SequenceReused(PackageRejected):
    """A package numbered like the imported one but with other contents.

    The sender gave one number to two different packages, for instance
    after restoring its program from an old copy. Neither can be called the
    newer, so the file is rejected rather than ignored as older.
    """

    def __init__(self, sequence: int, sender_name: str) -> None:
        super().__init__(
            f"пакет № {sequence} организации «{sender_name}» уже загружен, а в этом файле под тем же номером "
            "другие данные: отправитель дал один номер двум разным пакетам",
            f"Попросите организацию выгрузить пакет заново и прислать файл с номером больше {sequence}; "
            "если номер снова не больше, пусть она обратится в техническую поддержку.",
        )
        self.sequence = sequence


def current_package(session: Session, organisation_id: int) -> ReceivedPackage | None:
    return session.scalars(
        select(ReceivedPackage)
        .where(ReceivedPackage.organisation_id == organisation_id, ReceivedPackage.is_current.is_(True))
        .order_by(ReceivedPackage.sequence.desc())
    ).first()


def apply_plan(session: Session, receiver: Receiver, plan: PackagePlan, *, operator: str) -> list[PackagePlan]:
    """Write a planned package and its nested packages; return the plans that changed data."""
    package = plan.package
    organisation, created = _ensure_organisation(session, package.sender, receiver.organisation, plan.organisation)
    if plan.key_unknown:
        register_key(session, organisation, package.manifest.public_key, VIA_FIRST_PACKAGE)
        plan.message = plan.message.replace(unknown_key_note(plan.fingerprint), _key_registered_note(plan.fingerprint))

    applied = []
    if plan.outcome in (Outcome.NEW, Outcome.REPLACES):
        store_package(session, organisation, package, plan.file_name, operator, created=created)
        applied.append(plan)
    for nested in plan.nested:
        if _apply_nested(session, organisation, nested, operator):
            applied.append(nested)
    return applied


def _apply_nested(session: Session, parent: Organisation, plan: PackagePlan, operator: str) -> bool:
    if plan.outcome is Outcome.REJECTED:
        return False
    package = plan.package
    organisation, created = _ensure_organisation(session, package.sender, parent, plan.organisation)
    if plan.vouched_key_action is VouchedKeyAction.REPLACE:
        retire_keys(session, organisation, f"заменён ключом, подтверждённым организацией «{parent.name}»")
    if plan.vouched_key_action in (VouchedKeyAction.REGISTER, VouchedKeyAction.REPLACE):
        register_key(session, organisation, package.manifest.public_key, VIA_VOUCHED, vouched_by=parent)

    if plan.outcome not in (Outcome.NEW, Outcome.REPLACES):
        return False
    store_package(session, organisation, package, plan.file_name, operator, created=created)
    return True


def ensure_organisation(session: Session, sender: Sender, parent: Organisation | None, *,
                        known: Organisation | None = None) -> Organisation:
    """Return the sender's organisation, creating it or updating its name.

    ``known`` is the organisation the plan locked in this transaction, which
    saves looking it up again. Without it the organisation is looked up by code.
    """
    return _ensure_organisation(session, sender, parent, known)[0]


def _ensure_organisation(session: Session, sender: Sender, parent: Organisation | None,
                         known: Organisation | None) -> tuple[Organisation, bool]:
    # Also returns whether the organisation was created here, so it has no rows to replace yet.
    organisation = known
    if organisation is None:
        organisation = session.scalars(select(Organisation).where(Organisation.code == sender.code)).one_or_none()
    created = organisation is None
    if created:
        organisation = Organisation(code=sender.code, name=sender.name, kind=sender.role,
                                    municipality_code=sender.municipality_code)
        session.add(organisation)
    organisation.name = sender.name
    if organisation.parent_id is None and parent is not None:
        organisation.parent_id = parent.id
    session.flush()
    return organisation, created


def store_package(session: Session, organisation: Organisation, package: VerifiedPackage, file_name: str,
                  operator: str, *, created: bool = False) -> ReceivedPackage:
    """Keep the package's bytes, make it the organisation's current one and replace its data.

    With ``created`` (the organisation was created in this transaction)
    there are no older packages, counts or activities to replace.
    """
    if not created:
        session.execute(
            update(ReceivedPackage)
            .where(ReceivedPackage.organisation_id == organisation.id, ReceivedPackage.is_current.is_(True))
            .values(is_current=False)
        )
    manifest = package.manifest
    row = ReceivedPackage(
        sha256=package.sha256,
        organisation_id=organisation.id,
        sequence=manifest.sequence,
        signer_fingerprint=manifest.fingerprint,
        format_version=manifest.format_version,
        catalog_version=manifest.catalog_version,
        file_name=file_name[:500],
        sender_created_at=manifest.created_at,
        imported_by=operator[:200],
        content=package.data,
        is_current=True,
    )
    session.add(row)
    session.flush()

    organisation.source_package_id = row.id
    replace_snapshot(session, organisation, package.snapshot, existing_rows=not created)
    return row
