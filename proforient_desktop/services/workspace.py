"""Services of the window around the data: identity, backups, integrity check, restore."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from proforient_desktop.errors import DatabaseError
from proforient_desktop.services.context import AppContext, open_context
from proforient_desktop.services.installation import Installation, load_installation
from proforient_desktop.storage import backup
from proforient_desktop.storage.database import BACKUPS_FOLDER, DATABASE_FILE, is_lost, open_database

log = logging.getLogger(__name__)


def current_installation(context: AppContext) -> Installation | None:
    """Return the installation's role and organisation, or None before the setup."""
    with context.database.transaction() as session:
        return load_installation(session)


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILE


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUPS_FOLDER


def back_up(context: AppContext, reason: str) -> Path | None:
    """Back up the database; return the copy, or None when backing up failed (logged).

    Only a local SQLite file is backed up here; a server database has its own backups.
    """
    if context.database.path is None:
        return None
    try:
        return backup.backup_database(context.database.path, context.database.backups_dir, reason)
    except OSError as error:
        log.error("Backup of %s (%s) failed: %s", context.database.path, reason, error)
        return None


def list_backups(data_dir: Path) -> list[Path]:
    """Return the backups of the data directory, newest first."""
    return backup.list_backups(backups_dir(data_dir))


def is_damaged(data_dir: Path) -> bool:
    """Return whether the database fails SQLite's integrity check, or is missing or empty beside its backups or key."""
    path = database_path(data_dir)
    if path.exists() and path.stat().st_size > 0:
        return not backup.is_intact(path)
    # SQLite would take a missing or empty file for a new database and start over.
    return is_lost(path, data_dir)


def newest_intact_backup(data_dir: Path) -> Path | None:
    for candidate in list_backups(data_dir):
        if backup.is_intact(candidate):
            return candidate
    return None


def replace_damaged_database(data_dir: Path, good_backup: Path) -> Path | None:
    """Move the damaged database aside (kept for inspection) and restore ``good_backup``.

    Returns the path the damaged file was moved to, or None when there was no file.
    """
    path = database_path(data_dir)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    damaged = path.with_name(f"{path.stem}-damaged-{stamp}{path.suffix}")
    # A write-ahead log left by the damaged or lost file must not be applied to the backup.
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(damaged.with_name(damaged.name + suffix))
    if not path.exists():
        backup.restore_backup(good_backup, path)
        log.warning("Missing database %s restored from %s", path, good_backup)
        return None
    path.rename(damaged)

    backup.restore_backup(good_backup, path)
    log.warning("Damaged database moved to %s and restored from %s", damaged, good_backup)
    return damaged


def set_damaged_data_aside(data_dir: Path) -> Path:
    """Move the damaged database and its backups into a new ``damaged-<time>`` folder; return that folder.

    For a database none of whose backups is intact. Nothing is deleted, so
    the folder can go to support as it is. The signing key, the settings and
    the log stay, and a new empty database is created, so the window runs
    the setup again. Raises OSError when a file
    cannot be moved; what was moved by then stays in the new folder.
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = data_dir / f"damaged-{stamp}"
    suffix = 1
    while aside.exists():
        suffix += 1
        aside = data_dir / f"damaged-{stamp}-{suffix}"
    aside.mkdir()

    # The database goes first: a folder left with backups but no database is
    # taken as damaged again at the next start, and offered this move again.
    path = database_path(data_dir)
    for moved in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), backups_dir(data_dir)):
        if moved.exists():
            moved.rename(aside / moved.name)
    log.warning("Damaged database of %s and its backups moved to %s", data_dir, aside)

    # The installation's key stays, so without a new file the next opening
    # would take the folder for one whose data was lost.
    open_database(data_dir, start_over=True).dispose()
    return aside


def restore_from_backup(context: AppContext, chosen: Path) -> AppContext:
    """Back up the current database, replace it with ``chosen`` and return a reopened context.

    ``context`` is closed and must not be used afterwards.
    """
    if not backup.is_intact(chosen):
        raise DatabaseError(f"Резервная копия «{chosen.name}» повреждена: выберите другую копию.")

    safety_copy = back_up(context, "before-restore")
    if safety_copy is None:
        raise DatabaseError(
            "Не удалось сохранить копию текущих данных перед восстановлением, поэтому восстановление отменено. "
            "Проверьте свободное место на диске."
        )
    data_dir = context.data_dir
    operator = context.operator
    context.close()

    backup.restore_backup(chosen, database_path(data_dir))
    restored = open_context(data_dir, operator=operator)
    log.info("Restored %s from %s; the previous state is in %s", data_dir, chosen, safety_copy)
    return restored



def key_fingerprint(data_dir: Path) -> str:
    """Return the fingerprint of the installation's key pair, creating the pair on first use."""
    from proforient_desktop.exchange.keys import load_or_create_key_pair

    return load_or_create_key_pair(data_dir).fingerprint


def directory_organisations(context: AppContext, municipality_code: str | None, kind: str) -> list[tuple[str, str]]:
    """Return ``(code, name)`` of the directory's organisations of ``kind`` in a municipality."""
    from sqlalchemy import select

    from proforient_desktop.storage.models import Organisation

    with context.database.transaction() as session:
        query = select(Organisation.code, Organisation.name).where(Organisation.kind == kind)
        if municipality_code:
            query = query.where(Organisation.municipality_code == municipality_code)
        return [tuple(row) for row in session.execute(query.order_by(Organisation.name))]
