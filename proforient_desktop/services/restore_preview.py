"""Restoring a new installation from the organisation's own package, as the setup wizard does it.

The wizard first describes the package, writing nothing. It then shows the
fingerprint of a new key pair kept in a staging folder. Only «Восстановить»
installs the key and restores the data in one step. When the restore fails,
the database and the key file are put back as they were.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from proforient_desktop.catalog import Role
from proforient_desktop.errors import UserError
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.keys import KeyPair, load_or_create_key_pair, private_key_path
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.exchange import read_and_verify
from proforient_desktop.services.exchange_restore import RestoreResult, restore_from_package
from proforient_desktop.services.setup_directory import municipality_name

log = logging.getLogger(__name__)

STAGING_PREFIX = ".new-key-"


@dataclass(frozen=True)
class YearContents:
    """The number of count values and activities a package contains for one reporting year."""

    year: int
    count_values: int
    activities: int


@dataclass(frozen=True)
class RestorePreview:
    """The organisation and data a package would restore, read from the verified file."""

    path: Path
    organisation_code: str
    organisation_name: str
    role: Role
    municipality_code: str | None
    municipality_name: str
    sequence: int
    created_at: str
    years: tuple[YearContents, ...]
    nested: int


def describe_package(context: AppContext, path: Path) -> RestorePreview:
    """Read and verify a package for a restore, writing nothing.

    Raises ``UserError`` with the same Russian message the restore itself
    gives for a broken, tampered or foreign file.
    """
    path = Path(path)
    try:
        package = read_and_verify(context, path)
    except PackageRejected as error:
        log.info("Package %s rejected for a restore: %s", path, error.reason)
        raise UserError(error.for_file(path.name)) from None

    sender = package.sender
    counts = {year: len(values) for year, values in package.snapshot.counts.items()}
    activities = Counter(record.held_on.year for record in package.snapshot.activities)
    years = tuple(YearContents(year, counts.get(year, 0), activities.get(year, 0))
                  for year in sorted(set(counts) | set(activities)))
    return RestorePreview(
        path=path,
        organisation_code=sender.code,
        organisation_name=sender.name,
        role=Role(sender.role),
        municipality_code=sender.municipality_code,
        municipality_name=municipality_name(context, sender.municipality_code),
        sequence=package.manifest.sequence,
        created_at=package.manifest.created_at,
        years=years,
        nested=len(package.nested),
    )


class StagedKey:
    """A new key pair kept in a staging folder of the data folder until the restore installs it.

    The installation's own key file is untouched until ``install``; ``discard``
    removes the staging folder, so a cancelled wizard leaves no key behind.
    """

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = Path(data_dir)
        self._folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self._data_dir))
        self.key_pair: KeyPair = load_or_create_key_pair(self._folder)
        self._previous: Path | None = None

    @property
    def fingerprint(self) -> str:
        return self.key_pair.fingerprint

    def install(self) -> None:
        """Make the staged pair the installation's key, keeping an existing key file as ``*.pem.old``."""
        target = private_key_path(self._data_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_file():
            self._previous = target.with_suffix(".pem.old")
            os.replace(target, self._previous)
        try:
            # The same file system, so the rename keeps the owner-only file whole.
            os.replace(private_key_path(self._folder), target)
        except OSError:
            if self._previous is not None:
                os.replace(self._previous, target)
                self._previous = None
            raise

    def uninstall(self) -> None:
        """Move the pair back into the staging folder and put the previous key file back."""
        os.replace(private_key_path(self._data_dir), private_key_path(self._folder))
        if self._previous is not None:
            os.replace(self._previous, private_key_path(self._data_dir))
            self._previous = None

    def discard(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)


def discard_stale_keys(data_dir: Path) -> None:
    """Remove staged key pairs that a wizard killed mid-restore (a power cut) left in ``data_dir``."""
    for folder in Path(data_dir).glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(folder, ignore_errors=True)
        log.info("Stale staged key folder %s removed", folder)


def restore_new_installation(context: AppContext, path: Path, staged_key: StagedKey) -> RestoreResult:
    """Install the staged key and restore the organisation from its package, all or nothing.

    The package service writes the setup and the data in one transaction, so
    only the key file has to be put back when the restore fails.
    """
    _install_key(staged_key, context.data_dir)
    try:
        result = restore_from_package(context, path)
    except BaseException:
        staged_key.uninstall()
        raise

    staged_key.discard()

    return result


def _install_key(staged_key: StagedKey, data_dir: Path) -> None:
    try:
        staged_key.install()
    except OSError as error:
        log.error("New key pair could not be installed in %s: %s", data_dir, error)
        raise UserError(
            f"Не удалось записать новый ключ подписи в папку «{data_dir}»: {error.strerror}. "
            "Проверьте права на папку данных и свободное место на диске."
        ) from error
