"""Apply Alembic migrations at start, with a backup taken first.

On SQLite the file is backed up before migrating and restored if the
migration fails. On PostgreSQL no file copy is taken: DDL there is
transactional, so the single migration transaction leaves the database as it
was on failure, and the regional server is backed up with ``pg_dump``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from proforient_desktop.errors import DatabaseBusyError, DatabaseError
from proforient_desktop.storage.backup import backup_database, restore_backup
from proforient_desktop.storage import postgres
from proforient_desktop.storage.database import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Key of the PostgreSQL advisory lock held while migrating, so that operators
# starting a new version at the same moment migrate one after the other.
MIGRATION_LOCK_KEY = 0x50524F46


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
    if database.is_sqlite and (before is not None or _has_tables(database)):
        backup = backup_database(database.path, database.backups_dir, "before-migration")
    elif not database.is_sqlite:
        log.info("No file backup before migrating %s: the migration runs in one PostgreSQL transaction; "
                 "back up the server with pg_dump", database.location)

    log.info("Migrating database %s from %s to %s", database.location, before, wanted)
    try:
        with database.engine.begin() as connection:
            if not database.is_sqlite:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            command.upgrade(alembic_config(connection), target)
    except (SQLAlchemyError, Exception) as error:
        log.error("Migration of %s from %s failed: %s", database.location, before, error, exc_info=True)
        if database.is_sqlite:
            _restore_if_changed(database, before, backup)
        elif isinstance(error, DBAPIError) and postgres.is_server_failure(error):
            raise postgres.operation_error(database.engine.url, error) from error
        if isinstance(error, OperationalError) and "locked" in str(error).lower():
            raise _busy_or_broken(database, error) from error
        raise DatabaseError(
            f"Не удалось обновить структуру базы данных «{database.location}»: {error}. "
            "Прежние данные сохранены без изменений"
            + (f", резервная копия: «{backup}»." if backup else ".")
            + " Сообщите об ошибке в службу поддержки."
        ) from error
    log.info("Database %s migrated to %s", database.location, wanted)


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
    if not database.is_sqlite:
        return postgres.operation_error(database.engine.url, error)
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
