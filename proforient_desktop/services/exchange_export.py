"""Export of this installation's signed package.

A municipality's package carries its schools' current packages unchanged,
with the keys that signed them. The file is written to a temporary file and
renamed, so an interrupted export never leaves a half-written package.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import re
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from proforient_desktop.errors import UserError
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.package import FILE_SUFFIX, AcceptedKey, build_package
from proforient_desktop.exchange.snapshot_store import read_snapshot
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.directory import directory_for_package
from proforient_desktop.services.entered_counts import entered_counts_for_package
from proforient_desktop.services.exchange_settings import LastExport, next_sequence, save_last_export
from proforient_desktop.services.installation import own_organisation, require_installation
from proforient_desktop.services.plausibility import marks_for_package
from proforient_desktop.storage.models import Organisation, ReceivedPackage, TrustedKey

log = logging.getLogger(__name__)

# Characters Windows does not allow in file names, and control characters.
_UNSAFE_FILE_CHARACTERS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def default_file_name(organisation_name: str, organisation_code: str, day: dt.date, sequence: int) -> str:
    """Return a package file name valid on Windows and Linux, e.g. ``МБОУ СОШ № 1 (2721000001) 2026-12-04 №3.proforient``."""
    name = _UNSAFE_FILE_CHARACTERS.sub(" ", organisation_name)
    name = " ".join(name.split())[:80].rstrip(" .") or organisation_code
    return f"{name} ({organisation_code}) {day.isoformat()} №{sequence}{FILE_SUFFIX}"


def export_package(context: AppContext, path: Path | None = None) -> Path:
    """Write this installation's signed package and return its path.

    ``path`` may be a file, a folder or ``None``. A folder is an existing
    one or any path without a suffix, and gets the default name; ``None``
    means the default name in the current folder.

    The sequence number is taken in the transaction before the file is
    written, so a failed write only leaves a gap in the numbering, which
    receivers accept.
    """
    key_pair = load_or_create_key_pair(context.data_dir)
    with context.database.transaction() as session:
        installation = require_installation(session)
        organisation = own_organisation(session)
        sequence = next_sequence(session)
        nested, accepted_keys = _nested_packages(session, organisation)
        sender = Sender(organisation.code, organisation.name, installation.role.value, organisation.municipality_code)
        snapshot = dataclasses.replace(read_snapshot(session, organisation.id),
                                       plausibility_marks=marks_for_package(session),
                                       directory=directory_for_package(session),
                                       entered_counts=entered_counts_for_package(session))
        data = build_package(key_pair=key_pair, catalog=context.catalog, sender=sender, sequence=sequence,
                             snapshot=snapshot, nested=nested,
                             accepted_keys=accepted_keys)
        target = _target_path(path, default_file_name(organisation.name, organisation.code, dt.date.today(),
                                                      sequence))
        save_last_export(session, LastExport(dt.datetime.now(dt.timezone.utc), str(target), sequence))
        audit.record(session, context.operator, "package_export", organisation.code, file=str(target),
                     sequence=sequence, nested=len(nested), size=len(data))

    _write_atomically(target, data)
    log.info("Package %d of %s exported to %s (%d bytes, %d nested)", sequence, organisation.code, target,
             len(data), len(nested))
    return target


def _nested_packages(session: Session, organisation: Organisation) -> tuple[list[bytes], tuple[AcceptedKey, ...]]:
    # A municipality passes on its schools' current packages unchanged,
    # with the keys that signed them, which it thereby vouches for.
    if organisation.kind != "municipality":
        return [], ()
    rows = session.execute(
        select(ReceivedPackage, Organisation)
        .join(Organisation, ReceivedPackage.organisation_id == Organisation.id)
        .where(ReceivedPackage.is_current.is_(True), Organisation.kind == "school",
               Organisation.municipality_code == organisation.municipality_code)
        .order_by(Organisation.code)
    ).all()
    nested, keys = [], []
    for package, school in rows:
        key = session.scalars(
            select(TrustedKey).where(TrustedKey.organisation_id == school.id,
                                     TrustedKey.fingerprint == package.signer_fingerprint)
        ).first()
        if key is None:
            log.warning("No registered key signed the current package of %s; it is not passed on", school.code)
            continue
        nested.append(package.content)
        keys.append(AcceptedKey(school.code, key.public_key))
    return nested, tuple(keys)


def _target_path(path: Path | None, default_name: str) -> Path:
    if path is None:
        return Path.cwd() / default_name
    path = Path(path)
    # A path without a suffix is a folder, existing or not («-o outbox/»).
    if path.is_dir() or not path.suffix:
        return path / default_name
    return path


def _write_atomically(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".package-", dir=target.parent)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        log.error("Package could not be written to %s: %s", target, error)
        raise UserError(
            f"Не удалось записать пакет в «{target}»: {error.strerror}. "
            "Выберите другую папку или проверьте, что флешка вставлена и не защищена от записи."
        ) from error
