"""Apply Alembic migrations at start, with a backup taken first."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from proforient_desktop.errors import DatabaseBusyError, DatabaseError
from proforient_desktop.storage.backup import backup_database, restore_backup
from proforient_desktop.storage.database import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_database(database: Database, target: str = "head") -> None:
    """Migrate the database to ``target`` in one transaction.

    An existing database is backed up first. If a migration fails, the
    transaction is rolled back, and should the file still differ from its
    previous revision the backup is restored, so the old database stays usable.
    """
    try:
        before = current_revision(database)
    except OperationalError as error:
        raise _busy_or_broken(database, error) from error

    wanted = head_revision() if target == "head" else target
    if before == wanted:
        return

    backup = None
    if before is not None or _has_tables(database):
        backup = backup_database(database.path, database.backups_dir, "before-migration")

    log.info("Migrating database %s from %s to %s", database.path, before, wanted)
    try:
        with database.engine.begin() as connection:
            command.upgrade(alembic_config(connection), target)
    except (SQLAlchemyError, Exception) as error:
        log.error("Migration of %s from %s failed: %s", database.path, before, error, exc_info=True)
        _restore_if_changed(database, before, backup)
        if isinstance(error, OperationalError) and "locked" in str(error).lower():
            raise _busy_or_broken(database, error) from error
        raise DatabaseError(
            f"Не удалось обновить структуру базы данных «{database.path}»: {error}. "
            "Прежние данные сохранены без изменений"
            + (f", резервная копия: «{backup}»." if backup else ".")
            + " Сообщите об ошибке в службу поддержки."
        ) from error
    log.info("Database %s migrated to %s", database.path, wanted)


def _has_tables(database: Database) -> bool:
    with database.engine.connect() as connection:
        return bool(inspect(connection).get_table_names())


def _restore_if_changed(database: Database, before: str | None, backup: Path | None) -> None:
    try:
        after = current_revision(database)
    except SQLAlchemyError:
        after = "<unreadable>"
    if after == before or backup is None:
        return
    database.engine.dispose()
    restore_backup(backup, database.path)
    log.warning("Database %s restored from %s after a failed migration", database.path, backup)


def _busy_or_broken(database: Database, error: OperationalError) -> DatabaseError:
    message = str(error.orig).lower()
    if "locked" in message or "busy" in message:
        return DatabaseBusyError(
            f"База данных «{database.path}» занята другой копией программы. "
            "Закройте другую копию и запустите программу снова."
        )
    return DatabaseError(
        f"Не удалось открыть базу данных «{database.path}»: {error.orig}. "
        "Файл может быть повреждён; восстановите его из резервной копии."
    )
