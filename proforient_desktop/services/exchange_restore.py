"""Restoring an organisation's data on a new computer from its own last package.

The package carries the organisation's full snapshot, so the newest one
restores everything. The new installation signs with a new key; the level
above approves the key change before it accepts the next package.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from proforient_desktop.catalog import Role
from proforient_desktop.errors import UserError
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.merge import ensure_organisation, store_package
from proforient_desktop.exchange.snapshot_store import replace_snapshot
from proforient_desktop.exchange.trust import VIA_RESTORE, keys_of, register_key
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.exchange import read_and_verify
from proforient_desktop.services.exchange_settings import last_sequence, set_last_sequence
from proforient_desktop.services.installation import initialize_in, load_installation, own_organisation, \
    validate_org_code, validate_org_name
from proforient_desktop.storage.models import ReceivedPackage

log = logging.getLogger(__name__)

SOURCE_RESTORE = "restore"


@dataclass(frozen=True)
class RestoreResult:
    organisation_code: str
    organisation_name: str
    sequence: int
    nested: int
    fingerprint: str
    key_changed: bool


def restore_from_package(context: AppContext, path: Path) -> RestoreResult:
    """Set up (or refill) this installation from the organisation's own package.

    The package's signature and hashes are checked; its key cannot be checked
    against a registry, because a new computer has none: the operator vouches
    that the file is the organisation's own.
    """
    path = Path(path)
    try:
        package = read_and_verify(context, path)
    except PackageRejected as error:
        raise UserError(error.for_file(path.name)) from None
    sender = package.sender
    _check_installation(context, sender.code, sender.name)

    # The setup and the data land in one transaction, so a failed restore leaves no half-set-up installation.
    with context.database.transaction() as session:
        initialize_in(session, context, Role(sender.role), validate_org_code(sender.code),
                      validate_org_name(sender.name), sender.municipality_code)
        if last_sequence(session) > package.manifest.sequence:
            raise UserError(
                f"Пакет «{path.name}» (№ {package.manifest.sequence}) старше уже выгруженного этой установкой "
                f"(№ {last_sequence(session)}): восстановление из него потеряло бы более новые данные."
            )
        organisation = own_organisation(session)
        replace_snapshot(session, organisation, package.snapshot, source=SOURCE_RESTORE)
        set_last_sequence(session, package.manifest.sequence)
        for nested in package.nested:
            school = ensure_organisation(session, nested.sender, organisation)
            if not any(key.public_key == nested.manifest.public_key for key in keys_of(session, school.id)):
                register_key(session, school, nested.manifest.public_key, VIA_RESTORE)
            if session.scalar(select(ReceivedPackage.id).where(ReceivedPackage.sha256 == nested.sha256)) is None:
                store_package(session, school, nested, path.name, context.operator)
        audit.record(session, context.operator, "package_restore", sender.code, file=path.name,
                     sequence=package.manifest.sequence, nested=len(package.nested))

    key_pair = load_or_create_key_pair(context.data_dir)
    key_changed = key_pair.public_key_bytes != package.manifest.public_key
    log.info("Installation restored from package %d of %s (%s), key changed: %s",
             package.manifest.sequence, sender.code, path, key_changed)
    return RestoreResult(sender.code, sender.name, package.manifest.sequence, len(package.nested),
                         key_pair.fingerprint, key_changed)


def _check_installation(context: AppContext, code: str, name: str) -> None:
    with context.database.transaction() as session:
        installation = load_installation(session)
    if installation is not None and installation.organisation_code != code:
        raise UserError(
            f"Программа настроена для организации «{installation.organisation_name}», а пакет — организации "
            f"«{name}» (код {code}). Восстанавливайте данные в отдельной папке данных (--data-dir)."
        )
