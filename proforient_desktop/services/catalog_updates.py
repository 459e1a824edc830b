"""Exporting the region's targets as a signed catalogue update, and importing one at any level.

The region exports its complete set of targets for later years; a school,
college or municipality imports the file and from then on computes its
indicators against the same targets. The issuer's key is registered in the
trust registry on the first update, after the operator compared its
fingerprint; later updates must be signed by the same key.
"""

from __future__ import annotations

import enum
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Role
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.exchange import catalog_update
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import fingerprint, load_or_create_key_pair
from proforient_desktop.exchange.receiver import DEMO_CODE_PREFIX
from proforient_desktop.exchange.trust import VIA_FIRST_PACKAGE, KeyStatus, check_signer, register_key
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.installation import own_organisation, require_installation
from proforient_desktop.services.targets import read_targets, validate_target, write_targets
from proforient_desktop.storage.models import Organisation, Setting, TargetValue

log = logging.getLogger(__name__)

EXPORT_SEQUENCE_SETTING = "catalog_update.export_sequence"
APPLIED_SEQUENCE_SETTING = "catalog_update.applied_sequence."


class UpdateStatus(str, enum.Enum):
    APPLIED = "applied"
    SAME = "same"
    OLDER = "older"


@dataclass(frozen=True)
class UpdateImport:
    """The outcome of importing a catalogue update; ``changed`` counts the targets it changed."""

    status: UpdateStatus
    issuer_code: str
    issuer_name: str
    sequence: int
    fingerprint: str
    changed: int

    @property
    def message(self) -> str:
        if self.status is UpdateStatus.SAME:
            return f"Обновление № {self.sequence} от «{self.issuer_name}» уже загружено; ничего не изменилось."
        if self.status is UpdateStatus.OLDER:
            return (f"Обновление № {self.sequence} от «{self.issuer_name}» старше загруженного ранее "
                    "и пропущено.")
        return (f"Загружено обновление № {self.sequence} от «{self.issuer_name}»: "
                f"изменено целевых значений: {self.changed}.")


class UnknownIssuerKeyError(UserError):
    """The update is signed by a key not yet in the trust registry; the operator must compare it."""

    def __init__(self, issuer_name: str, key_fingerprint: str) -> None:
        super().__init__(
            f"Файл обновления подписан ключом «{issuer_name}», который ещё не зарегистрирован в этой установке. "
            f"Сверьте отпечаток {key_fingerprint} с региональным оператором по телефону и подтвердите загрузку."
        )
        self.issuer_name = issuer_name
        self.fingerprint = key_fingerprint


def export_catalog_update(context: AppContext, path: str | Path) -> Path:
    """Write the region's targets as a signed catalogue update to ``path`` and return it."""
    path = Path(path)
    with context.database.transaction() as session:
        installation = require_installation(session)
        if installation.role is not Role.REGION:
            raise UserError("Файл обновления справочника выгружает только региональный оператор.")
        sequence = _next_export_sequence(session)
        entries = [catalog_update.TargetEntry(code, year, value)
                   for (code, year), value in sorted(read_targets(session).items())]
        data = catalog_update.build_update(
            load_or_create_key_pair(context.data_dir), issuer_code=installation.organisation_code,
            issuer_name=installation.organisation_name, sequence=sequence,
            catalog_version=context.catalog.version, targets=entries,
        )
        _write_atomically(path, data)
        audit.record(session, context.operator, "catalog_update_export", installation.organisation_code,
                     sequence=sequence, targets=len(entries), file=str(path))

    log.info("Catalogue update %d with %d targets exported to %s", sequence, len(entries), path)
    return path


def import_catalog_update(context: AppContext, path: str | Path, *, trust_new: bool = False) -> UpdateImport:
    """Verify a catalogue update file and apply its targets in one transaction.

    The first update from an issuer raises ``UnknownIssuerKeyError`` unless
    ``trust_new`` is true, meaning the operator compared the fingerprint. The same
    update again changes nothing, and an older one is skipped.
    """
    path = Path(path)
    update = _read(path)
    issuer_fingerprint = fingerprint(update.public_key)

    with context.database.transaction() as session:
        installation = require_installation(session)
        if installation.organisation_code == update.issuer_code:
            raise UserError(f"Файл «{path.name}» выгружен этой же установкой; загружать его не нужно.")
        _check_not_demo(session, path, update)
        issuer = session.scalars(select(Organisation).where(Organisation.code == update.issuer_code)).one_or_none()
        try:
            check = check_signer(session, issuer, update.public_key, update.issuer_name)
        except PackageRejected as error:
            log.warning("Catalogue update %s rejected: %s", path, error.reason)
            raise UserError(error.for_file(path.name)) from None
        if check.status == KeyStatus.UNKNOWN and not trust_new:
            raise UnknownIssuerKeyError(update.issuer_name, issuer_fingerprint)

        status = _sequence_status(session, update)
        changed = 0
        if status is UpdateStatus.APPLIED:
            targets = _checked_targets(context, path, update)
            issuer = issuer or _add_issuer(session, update)
            if check.status == KeyStatus.UNKNOWN:
                register_key(session, issuer, update.public_key, VIA_FIRST_PACKAGE)
            changed = _apply(session, update, targets)
            audit.record(session, context.operator, "catalog_update_import", update.issuer_code,
                         sequence=update.sequence, changed=changed, file=path.name)

    log.info("Catalogue update %d of %s from %s: %s, %d targets changed", update.sequence, update.issuer_code,
             path, status.value, changed)
    return UpdateImport(status, update.issuer_code, update.issuer_name, update.sequence, issuer_fingerprint, changed)


def _check_not_demo(session: Session, path: Path, update: catalog_update.CatalogUpdate) -> None:
    """Reject a demo region's update at a real installation, so demo targets never reach real indicators.

    An installation is a demo one when its own organisation carries the demo
    mark or a demo code. An issuer is a demo one by its code, as for packages
    (``receiver.check_not_demo``).
    """
    if not update.issuer_code.startswith(DEMO_CODE_PREFIX):
        return
    own = own_organisation(session)
    if own.is_demo or own.code.startswith(DEMO_CODE_PREFIX):
        return
    log.warning("Catalogue update %s of demo issuer %s rejected at a real installation", path, update.issuer_code)
    raise UserError(PackageRejected(
        f"файл целевых значений создан демонстрационной установкой «{update.issuer_name}» "
        f"(код {update.issuer_code}), а в рабочую установку демонстрационные целевые значения не загружаются",
        "Загрузите настоящий файл целевых значений, выгруженный региональным оператором.",
    ).for_file(path.name))


def _read(path: Path) -> catalog_update.CatalogUpdate:
    try:
        size = path.stat().st_size
        if size > catalog_update.MAX_FILE_BYTES:
            raise PackageRejected("файл слишком велик для файла обновления справочника",
                                  "Выберите файл с расширением " + catalog_update.FILE_SUFFIX + ".")
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"Не удалось прочитать файл «{path}»: {error.strerror}. Проверьте путь и права доступа.") \
            from error
    except PackageRejected as error:
        raise UserError(error.for_file(path.name)) from None
    try:
        return catalog_update.read_update(data)
    except PackageRejected as error:
        log.warning("Catalogue update %s rejected: %s", path, error.reason)
        raise UserError(error.for_file(path.name)) from None


def _checked_targets(context: AppContext, path: Path, update: catalog_update.CatalogUpdate
                     ) -> dict[tuple[str, int], float]:
    targets = {}
    for entry in update.targets:
        try:
            targets[(entry.indicator_code, entry.year)] = validate_target(
                context.catalog, entry.indicator_code, entry.year, entry.value)
        except InvalidInputError as error:
            log.warning("Catalogue update %s rejected: %s", path, error.message)
            raise UserError(
                f"Файл «{path.name}» отклонён: {error.message} Если показатель неизвестен, обновите программу "
                "до версии регионального оператора."
            ) from None
    return targets


def _sequence_status(session: Session, update: catalog_update.CatalogUpdate) -> UpdateStatus:
    setting = session.get(Setting, APPLIED_SEQUENCE_SETTING + update.issuer_code)
    applied = int(setting.value) if setting is not None else -1
    if update.sequence == applied:
        return UpdateStatus.SAME
    if update.sequence < applied:
        return UpdateStatus.OLDER
    return UpdateStatus.APPLIED


def _apply(session: Session, update: catalog_update.CatalogUpdate, targets: dict[tuple[str, int], float]) -> int:
    # The update is the issuer's complete set, so targets it no longer lists go.
    previous = session.scalars(select(TargetValue).where(TargetValue.issuer_code == update.issuer_code))
    values: dict[tuple[str, int], float | None] = {(row.indicator_code, row.year): None for row in previous}
    values.update(targets)
    changes = write_targets(session, values, source="update", issuer_code=update.issuer_code)

    key = APPLIED_SEQUENCE_SETTING + update.issuer_code
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=str(update.sequence)))
    else:
        setting.value = str(update.sequence)
    session.flush()
    return len(changes)


def _add_issuer(session: Session, update: catalog_update.CatalogUpdate) -> Organisation:
    organisation = Organisation(code=update.issuer_code, name=update.issuer_name, kind=Role.REGION.value)
    session.add(organisation)
    session.flush()
    return organisation


def _next_export_sequence(session: Session) -> int:
    setting = session.get(Setting, EXPORT_SEQUENCE_SETTING)
    sequence = int(setting.value) + 1 if setting is not None else 1
    if setting is None:
        session.add(Setting(key=EXPORT_SEQUENCE_SETTING, value=str(sequence)))
    else:
        setting.value = str(sequence)
    session.flush()
    return sequence


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".update-", dir=path.parent)
    except OSError as error:
        raise UserError(f"Не удалось записать файл «{path}»: {error.strerror}. Выберите другую папку.") from error
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"Не удалось записать файл «{path}»: {error.strerror}. Выберите другую папку.") from error
