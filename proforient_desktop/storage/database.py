"""Open the local database: where it lives, how connections behave, migrations.

SQLite is opened with WAL, foreign keys on and synchronous FULL, because a
power cut must not lose a saved entry. Every transaction starts with BEGIN
IMMEDIATE, so a writer takes the lock up front and waits (up to the busy
timeout) instead of failing half way through.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from proforient_desktop.errors import DatabaseBusyError, DatabaseError

log = logging.getLogger(__name__)

APP_NAME = "ProfOrient"
DATA_DIR_ENV = "PROFORIENT_DATA_DIR"
DATABASE_FILE = "proforient.sqlite3"
BUSY_TIMEOUT_SECONDS = 5.0


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Return the data directory: the given one, the environment's, or the user's."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class Database:
    """An open database and the directory its files live in."""

    def __init__(self, engine: Engine, data_dir: Path, path: Path | None) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session inside one transaction: committed on success, rolled back on error."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as error:
            if "locked" in str(error.orig).lower() or "busy" in str(error.orig).lower():
                log.warning("Database %s is locked by another process", self.path)
                raise DatabaseBusyError(
                    f"База данных «{self.path}» занята другой копией программы. "
                    "Закройте другую копию и повторите действие."
                ) from error
            raise

    def dispose(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event start transactions instead of the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
    )
    _configure_sqlite(engine)
    return engine


def open_database(data_dir: Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database in ``data_dir`` and bring it up to date."""
    from proforient_desktop.storage.migrate import upgrade_database

    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(
            f"Не удалось создать папку данных «{data_dir}»: {error.strerror}. "
            "Укажите другую папку (--data-dir) или проверьте права доступа."
        ) from error

    path = data_dir / DATABASE_FILE
    database = Database(create_sqlite_engine(path), data_dir, path)
    if migrate:
        try:
            upgrade_database(database)
        except BaseException:
            database.dispose()
            raise
    return database
