"""Copies of the SQLite database file, taken with SQLite's online backup API."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

BACKUPS_KEPT = 10
BACKUP_SUFFIX = ".sqlite3"


def backup_database(database_path: Path, backups_dir: Path, reason: str, *, keep: int = BACKUPS_KEPT) -> Path:
    """Copy the database into ``backups_dir`` and keep only the newest ``keep`` copies.

    The backup API copies a consistent state even while another connection
    writes, which a plain file copy of a WAL database would not.
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"proforient-{stamp}-{reason}{BACKUP_SUFFIX}"

    source = sqlite3.connect(database_path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()

    log.info("Database backed up to %s (%s)", target, reason)
    _rotate(backups_dir, keep)
    return target


def list_backups(backups_dir: Path) -> list[Path]:
    """Return the backups, newest first."""
    if not backups_dir.is_dir():
        return []
    return sorted(backups_dir.glob(f"proforient-*{BACKUP_SUFFIX}"), reverse=True)


def restore_backup(backup: Path, database_path: Path) -> None:
    """Replace the database's content with a backup's, through the backup API."""
    source = sqlite3.connect(backup)
    try:
        destination = sqlite3.connect(database_path)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    log.info("Database %s restored from %s", database_path, backup)


def is_intact(database_path: Path) -> bool:
    """Return whether SQLite's integrity check passes on the file."""
    try:
        connection = sqlite3.connect(database_path)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        log.warning("Integrity check of %s failed: %s", database_path, error)
        return False
    return rows == [("ok",)]


def _rotate(backups_dir: Path, keep: int) -> None:
    for old in list_backups(backups_dir)[keep:]:
        old.unlink(missing_ok=True)
        log.info("Old backup %s removed", old)
