"""Export of this installation's package and import of packages from lower levels.

Each file is read and verified before the database is touched. Each package
is then merged in its own transaction, so a rejected or interrupted file
leaves the database exactly as it was. Rejections are written to the log and
to the rejection journal next to the database (not into it, because a
rejected file must not change a byte of the database).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from contextlib import contextmanager, suppress
from typing import Callable, Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from proforient_desktop.errors import UserError
from proforient_desktop.exchange.batch import plan_batch
from proforient_desktop.exchange.container import DEFAULT_LIMITS
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.merge import Outcome, PackagePlan, apply_plan, plan_package, rejected_plan
from proforient_desktop.exchange.package import FILE_SUFFIX, AcceptedKey, VerifiedPackage, build_package, verify_package
from proforient_desktop.exchange.receiver import Receiver
from proforient_desktop.exchange.snapshot_store import read_snapshot
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.exchange_journal import record_rejection
from proforient_desktop.services.exchange_settings import (
    LastExport,
    next_sequence,
    save_last_export,
)
from proforient_desktop.services.installation import own_organisation, require_installation
from proforient_desktop.services.directory import directory_for_package, merge_package_directory
from proforient_desktop.services.entered_counts import entered_counts_for_package, merge_entered_counts
from proforient_desktop.services.plausibility import marks_for_package, merge_package_marks
from proforient_desktop.storage.locking import is_unique_violation, lock_organisation_codes
from proforient_desktop.storage.models import Organisation, ReceivedPackage, TrustedKey

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, Path | None], None]
CancelCheck = Callable[[], bool]

# Characters Windows does not allow in file names, and control characters.
_UNSAFE_FILE_CHARACTERS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')

MERGE_ATTEMPTS = 3
# SQLite's page cache during an import, in KiB (the pages are only taken as they are used).
IMPORT_CACHE_KIB = 64 * 1024

UNKNOWN_KEY_ADVICE = (
    "Сверьте отпечаток с организацией по телефону и подтвердите его при загрузке "
    "(флажок «Доверять новым ключам» или параметр --trust-new) либо зарегистрируйте ключ по карточке ключа."
)


@dataclass
class ImportReport:
    """The outcome of an import, file by file, in the order the files were processed."""

    results: list[PackagePlan] = field(default_factory=list)
    cancelled: bool = False

    def with_outcome(self, outcome: Outcome) -> list[PackagePlan]:
        return [plan for plan in self.results if plan.outcome is outcome]

    @property
    def imported(self) -> list[PackagePlan]:
        return [plan for plan in self.results if plan.outcome in (Outcome.NEW, Outcome.REPLACES)]

    @property
    def rejected(self) -> list[PackagePlan]:
        return self.with_outcome(Outcome.REJECTED)


def default_file_name(organisation_name: str, organisation_code: str, day: dt.date, sequence: int) -> str:
    """Return a package file name valid on Windows and Linux, e.g. ``МБОУ СОШ № 1 (2721000001) 2026-12-04 №3.proforient``."""
    name = _UNSAFE_FILE_CHARACTERS.sub(" ", organisation_name)
    name = " ".join(name.split())[:80].rstrip(" .") or organisation_code
    return f"{name} ({organisation_code}) {day.isoformat()} №{sequence}{FILE_SUFFIX}"


def export_package(context: AppContext, path: Path | None = None) -> Path:
    """Write this installation's signed package and return its path.

    ``path`` may be a file, a folder (existing, or any path without a
    suffix; the default name is used in it) or ``None`` (the default name in
    the current folder). The sequence number
    is taken in the transaction before the file is written: a failed write
    only leaves a gap in the numbering, which receivers accept.
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


def collect_package_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their package files (not recursive); keep files as given, without repeats."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(child for child in path.iterdir()
                                if child.is_file() and child.suffix.lower() == FILE_SUFFIX))
        else:
            files.append(path)
    unique: dict[Path, None] = {}
    for path in files:
        unique.setdefault(path, None)
    return list(unique)


def read_and_verify(context: AppContext, path: Path) -> VerifiedPackage:
    """Read a package file and verify it; raise ``PackageRejected`` with the reason."""
    limit = DEFAULT_LIMITS.max_file_bytes
    try:
        # Checked before reading, so a huge wrong file is not loaded into memory.
        if path.stat().st_size > limit:
            raise PackageRejected(f"файл больше допустимого для пакета ({limit // 2**20} МиБ)",
                                  "Проверьте, что выбран нужный файл.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise PackageRejected("файл не найден", "Проверьте путь к файлу.") from None
    except IsADirectoryError:
        raise PackageRejected("это папка, а не файл", "Укажите файл пакета или папку целиком.") from None
    except OSError as error:
        raise PackageRejected(f"файл не читается ({error.strerror})", "Скопируйте файл заново.") from None
    return verify_package(data, context.catalog)


def receiver_of(session: Session) -> Receiver:
    """Return this installation as the receiver of packages, read once per session."""
    # An import on SQLite merges every file in one session (see _import_batch).
    receiver = session.info.get(_RECEIVER_KEY)
    if receiver is None:
        installation = require_installation(session)
        organisation = session.scalars(
            select(Organisation).where(Organisation.code == installation.organisation_code)
        ).one()
        receiver = Receiver(installation.role.value, organisation)
        session.info[_RECEIVER_KEY] = receiver
    return receiver


_RECEIVER_KEY = "proforient.receiver"


def preview_import(context: AppContext, paths: list[Path], *, progress: ProgressCallback | None = None,
                   cancelled: CancelCheck | None = None) -> list[PackagePlan]:
    """Return what importing each file would do, writing nothing.

    ``progress`` and ``cancelled`` work as in ``import_packages``; a
    cancelled preview returns the plans made so far.
    """
    plans = []
    files = collect_package_files(paths)
    for index, path in enumerate(files):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(index, len(files), path)
        try:
            package = read_and_verify(context, path)
        except PackageRejected as error:
            plans.append(rejected_plan(path.name, error))
            continue
        plans.append(_plan_in_transaction(context, path, package))
    return plan_batch(plans)


def _plan_in_transaction(context: AppContext, path: Path, package: VerifiedPackage) -> PackagePlan:
    with context.database.transaction() as session:
        try:
            return plan_package(session, receiver_of(session), package, path.name)
        except PackageRejected as error:
            return rejected_plan(path.name, error, package)


def import_packages(context: AppContext, paths: list[Path], *, trust_new: bool = False,
                    progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None) -> ImportReport:
    """Import package files and folders, each package completely or not at all.

    ``progress(done, total, current_path)`` is called before each file and
    once at the end with ``current_path=None``. When ``cancelled()`` returns
    true, the import stops between two packages: those already merged stay,
    the rest are untouched. ``trust_new`` registers the key of an
    organisation that has never had one, after the operator compared its
    fingerprint.
    """
    files = collect_package_files(paths)
    report = ImportReport()
    with _import_batch(context) as batch:
        for index, path in enumerate(files):
            if cancelled is not None and cancelled():
                report.cancelled = True
                log.info("Import cancelled after %d of %d files", index, len(files))
                break
            if progress is not None:
                progress(index, len(files), path)
            report.results.append(import_one(context, path, trust_new=trust_new, batch=batch))

    if progress is not None and not report.cancelled:
        progress(len(files), len(files), None)
    return report


@contextmanager
def _import_batch(context: AppContext) -> Iterator[Session | None]:
    """Yield the session of one transaction for all files on SQLite, or None for a transaction per package.

    SQLite lets one writer in at a time and makes each commit wait for the
    disk, so there the packages are merged in savepoints of one transaction,
    committed after the last file. On PostgreSQL each package commits on its
    own, so an operator holds the organisation locks of one package at a time:
    the sender's, then its nested packages' in the order of their hashes. Two
    imports that share organisations take their locks in the same order, so
    operators wait for each other at most one package's import.
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


def import_one(context: AppContext, path: Path, *, trust_new: bool = False,
               batch: Session | None = None) -> PackagePlan:
    """Verify and merge one package file completely or not at all; return what happened.

    Without ``batch`` the package gets a transaction of its own; with it, a
    savepoint in the batch's transaction, which the caller commits.
    """
    package = None
    try:
        package = read_and_verify(context, path)
        plan = _merge_in_transaction(context, package, path, trust_new, batch)
    except PackageRejected as error:
        plan = rejected_plan(path.name, error, package)
        record_rejection(context, plan)
        log.info("Package %s rejected: %s", path, error.reason)
        return plan

    log.info("Package %s from %s: %s (sequence %s)", path, package.sender.code, plan.outcome.value, plan.sequence)
    for nested in plan.nested:
        if nested.outcome is Outcome.REJECTED:
            # The file itself was imported, but the operator must see the school package it left out.
            record_rejection(context, nested)
            log.info("Package %s: nested package of %s rejected: %s", path, nested.sender.code, nested.message)
    return plan


def _merge_in_transaction(context: AppContext, package: VerifiedPackage, path: Path, trust_new: bool,
                          batch: Session | None) -> PackagePlan:
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
        # The municipality's checked marks travel with its data (services.plausibility).
        if item.sender.role == "municipality":
            merge_package_marks(session, item.sender.code, item.package.snapshot.plausibility_marks)
            # So are the schools it expects to report, with their closing years (services.directory).
            merge_package_directory(session, item.sender.name, item.sender.municipality_code,
                                    item.package.snapshot.directory)
            # And the counts it entered for schools without the application (services.entered_counts).
            merge_entered_counts(session, context.operator, item.sender.code, item.sender.name,
                                 item.sender.municipality_code, item.package.snapshot.entered_counts)
    if plan.key_unknown:
        audit.record(session, context.operator, "key_trusted", package.sender.code,
                     fingerprint=package.manifest.fingerprint, via="first_package", file=path.name)
    for item in applied:
        audit.record(session, context.operator, "package_import", item.sender.code, file=path.name,
                     sequence=item.sequence, replaced_sequence=item.current_sequence,
                     sha256=item.package.sha256, fingerprint=item.fingerprint,
                     nested_in=None if item is plan else package.sender.code)
    for nested in plan.nested:
        if nested.vouched_key_action.value != "none" and nested.outcome is not Outcome.REJECTED:
            audit.record(session, context.operator, "key_vouched", nested.sender.code,
                         fingerprint=nested.fingerprint, key_action=nested.vouched_key_action.value,
                         vouched_by=package.sender.code)
    return plan
