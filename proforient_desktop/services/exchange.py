"""Export of this installation's package and import of packages from lower levels.

Each file is read and verified before the database is touched. Each package
is then merged in its own transaction, so a rejected or interrupted file
leaves the database exactly as it was. Rejections are written to the log and
to the rejection journal next to the database (not into it, because a
rejected file must not change a byte of the database).

Export lives in ``exchange_export`` and the merging transactions in
``exchange_merge``; their public names are imported from here too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy.orm import Session

from proforient_desktop.exchange.batch import plan_batch
from proforient_desktop.exchange.container import DEFAULT_LIMITS
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.merge import Outcome, PackagePlan, plan_package, rejected_plan
from proforient_desktop.exchange.package import FILE_SUFFIX, VerifiedPackage, verify_package
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.exchange_export import default_file_name, export_package
from proforient_desktop.services.exchange_journal import record_rejection
from proforient_desktop.services.exchange_merge import (
    UNKNOWN_KEY_ADVICE,
    import_batch,
    merge_in_transaction,
    receiver_of,
)

__all__ = ["UNKNOWN_KEY_ADVICE", "ImportReport", "collect_package_files", "default_file_name", "export_package",
           "import_one", "import_packages", "preview_import", "read_and_verify", "receiver_of"]

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, Path | None], None]
CancelCheck = Callable[[], bool]


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
    with import_batch(context) as batch:
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


def import_one(context: AppContext, path: Path, *, trust_new: bool = False,
               batch: Session | None = None) -> PackagePlan:
    """Verify and merge one package file completely or not at all; return what happened.

    Without ``batch`` the package gets a transaction of its own; with it, a
    savepoint in the batch's transaction, which the caller commits.
    """
    package = None
    try:
        package = read_and_verify(context, path)
        plan = merge_in_transaction(context, package, path, trust_new, batch)
    except PackageRejected as error:
        plan = rejected_plan(path.name, error, package)
        record_rejection(context, plan)
        log.info("Package %s rejected: %s", path, error.reason)
        return plan.without_contents()

    log.info("Package %s from %s: %s (sequence %s)", path, package.sender.code, plan.outcome.value, plan.sequence)
    for nested in plan.nested:
        if nested.outcome is Outcome.REJECTED:
            # The file itself was imported, but the operator must see the school package it left out.
            record_rejection(context, nested)
            log.info("Package %s: nested package of %s rejected: %s", path, nested.sender.code, nested.message)
    return plan.without_contents()
