"""Open the local database: where it lives, how connections behave, migrations.

SQLite is opened with WAL, foreign keys on and synchronous FULL, because a
power cut must not lose a saved entry. Every transaction starts with BEGIN
IMMEDIATE, so a writer takes the lock up front and waits (up to the busy
timeout) instead of failing half way through.

A SQLAlchemy URL (``--database-url``, the ``PROFORIENT_DATABASE_URL``
variable, or the server saved in the data folder) selects a PostgreSQL
server instead; see ``storage.postgres``.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import platformdirs
import sqlalchemy.exc
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from proforient_desktop.errors import DatabaseBusyError, DatabaseError, InvalidInputError
from proforient_desktop.storage import postgres

log = logging.getLogger(__name__)

APP_NAME = "ProfOrient"
DATA_DIR_ENV = "PROFORIENT_DATA_DIR"
DATABASE_URL_ENV = "PROFORIENT_DATABASE_URL"
DATABASE_FILE = "proforient.sqlite3"
BACKUPS_FOLDER = "backups"
BUSY_TIMEOUT_SECONDS = 5.0


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Return the data directory: the given one, the environment's, or the user's."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_database_url(explicit: str | URL | None = None, data_dir: Path | None = None) -> URL | None:
    """Return the database URL: the given one, the environment's, the data folder's, or None for SQLite."""
    if isinstance(explicit, URL):
        return explicit
    if explicit:
        return postgres.parse_database_url(explicit)
    from_env = os.environ.get(DATABASE_URL_ENV)
    if from_env:
        return postgres.parse_database_url(from_env)
    if data_dir is not None:
        return postgres.read_saved_url(data_dir)
    return None


class Database:
    """An open database and the directory its files live in."""

    def __init__(self, engine: Engine, data_dir: Path, path: Path | None) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def location(self) -> str:
        """The file path, or the server URL without its password, for messages and logs."""
        if self.path is not None:
            return str(self.path)
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / BACKUPS_FOLDER

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session inside one transaction: committed on success, rolled back on error."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except DBAPIError as error:
            if not self.is_sqlite and postgres.is_server_failure(error):
                raise postgres.operation_error(self.engine.url, error) from error
            message = str(error.orig).lower()
            if self.is_sqlite and isinstance(error, OperationalError) and ("locked" in message or "busy" in message):
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


def open_database(data_dir: Path, *, migrate: bool = True, url: str | URL | None = None) -> Database:
    """Open (creating if needed) the database and bring it up to date.

    Without ``url`` (and without the environment variable or a saved server)
    it is the SQLite file in ``data_dir``. The data folder is created either
    way, because it keeps the log, the keys and the window settings.
    """
    from proforient_desktop.storage.migrate import upgrade_database

    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(
            f"Не удалось создать папку данных «{data_dir}»: {error.strerror}. "
            "Укажите другую папку (--data-dir) или проверьте права доступа."
        ) from error

    database = _connect(data_dir, resolve_database_url(url, data_dir))
    if database.path is not None:
        _check_not_lost(database.path, data_dir)
    if migrate:
        try:
            upgrade_database(database)
        except sqlalchemy.exc.DatabaseError as error:
            database.dispose()
            if database.path is None:
                raise
            log.error("Database %s cannot be read: %s", database.path, error)
            raise DatabaseError(
                f"Файл данных «{database.path}» повреждён или не является базой данных программы. "
                "Запустите программу без команды (окно): она предложит восстановить последнюю исправную "
                "резервную копию из папки backups. Если копий нет, восстановите данные из последнего пакета "
                "организации в новой папке данных (proforient package restore --data-dir НОВАЯ_ПАПКА ФАЙЛ)."
            ) from error
        except BaseException:
            database.dispose()
            raise
    return database


def _check_not_lost(path: Path, data_dir: Path) -> None:
    """Reject a missing or empty SQLite file in a folder that has backups of it.

    SQLite would silently start a new, empty database there, and the next
    backups would then rotate the good ones away.
    """
    from proforient_desktop.storage.backup import BACKUP_SUFFIX

    if path.exists() and path.stat().st_size > 0:
        return
    backups = data_dir / BACKUPS_FOLDER
    if not backups.is_dir() or not any(backups.glob(f"*{BACKUP_SUFFIX}")):
        return
    log.error("Database %s is missing or empty, but %s contains backups of it", path, backups)
    raise DatabaseError(
        f"Файл данных «{path}» отсутствует или пуст, хотя в папке «{backups}» есть резервные копии. "
        "Запустите программу без команды (окно): она предложит восстановить последнюю исправную копию."
    )


def _connect(data_dir: Path, url: URL | None) -> Database:
    if url is None:
        path = data_dir / DATABASE_FILE
        return Database(create_sqlite_engine(path), data_dir, path)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise InvalidInputError(
                f"В адресе базы данных «{url}» не указан файл SQLite: укажите его, например sqlite:///C:/данные/proforient.sqlite3."
            )
        path = Path(url.database).expanduser()
        return Database(create_sqlite_engine(path), data_dir, path)

    log.info("Using the database server %s", postgres.display_url(url))
    return Database(postgres.create_postgres_engine(url), data_dir, None)
