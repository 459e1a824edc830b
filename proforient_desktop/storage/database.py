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

from proforient_desktop.errors import DatabaseBusyError, DatabaseError, InvalidInputError, NotInitializedError
from proforient_desktop.storage import postgres

log = logging.getLogger(__name__)

APP_NAME = "ProfOrient"
DATA_DIR_ENV = "PROFORIENT_DATA_DIR"
DATABASE_URL_ENV = "PROFORIENT_DATABASE_URL"
DATABASE_FILE = "proforient.sqlite3"
BACKUPS_FOLDER = "backups"
# The installation's signing key; kept in step with exchange.keys, which this layer does not import.
INSTALLATION_KEY = Path("keys") / "installation_key.pem"
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


def open_database(data_dir: Path, *, migrate: bool = True, url: str | URL | None = None,
                  start_over: bool = False) -> Database:
    """Open (creating if needed) the database and bring it up to date.

    Without ``url`` (and without the environment variable or a saved server)
    it is the SQLite file in ``data_dir``. The data folder is created either
    way, because it keeps the log, the keys and the window settings.
    ``start_over`` accepts a missing or empty file beside the installation's
    key, for a caller that sets the installation up again (a restore from
    a package, or the setup after the damaged data was set aside).
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
        _check_not_lost(database.path, data_dir, key_allowed=start_over)
    if migrate:
        try:
            upgrade_database(database)
        except sqlalchemy.exc.DatabaseError as error:
            database.dispose()
            if database.path is None:
                raise
            log.error("Database %s cannot be read: %s", database.path, error)
            raise DatabaseError(damaged_database_message(database.path, data_dir)) from error
        except BaseException:
            database.dispose()
            raise
    return database


def _check_not_lost(path: Path, data_dir: Path, *, key_allowed: bool = False) -> None:
    """Reject a missing or empty SQLite file in a folder that has backups of it or the installation's key.

    SQLite would silently start a new, empty database there: the next
    backups would then rotate the good ones away, and the window would run
    the setup as if the installation were new.
    """
    from proforient_desktop.storage.backup import BACKUP_SUFFIX

    if path.exists() and path.stat().st_size > 0:
        return
    backups = data_dir / BACKUPS_FOLDER
    if backups.is_dir() and any(backups.glob(f"*{BACKUP_SUFFIX}")):
        log.error("Database %s is missing or empty, but %s contains backups of it", path, backups)
        raise DatabaseError(
            f"Файл данных «{path}» отсутствует или пуст, хотя в папке «{backups}» есть резервные копии. "
            "Запустите программу без команды (окно): она предложит восстановить последнюю исправную копию."
        )
    key = data_dir / INSTALLATION_KEY
    if key.is_file() and not key_allowed:
        log.error("Database %s is missing or empty, but the installation's key %s exists", path, key)
        raise DatabaseError(
            f"Файл данных «{path}» отсутствует или пуст, хотя в папке данных есть ключ подписи установки "
            f"«{key}»: данные этой установки утеряны, а резервных копий нет. Восстановите данные из последнего "
            f"пакета организации: proforient package restore --data-dir \"{data_dir}\" ФАЙЛ.proforient "
            "(ключ подписи сохранится). Или запустите программу без команды (окно): она предложит отложить "
            "файл и настроить установку заново, с восстановлением из пакета."
        )


def is_lost(path: Path, data_dir: Path) -> bool:
    """Return whether the SQLite file is missing or empty beside its backups or the installation's key."""
    try:
        _check_not_lost(path, data_dir)
    except DatabaseError:
        return True
    return False


def damaged_database_message(path: Path, data_dir: Path) -> str:
    """Return the Russian message for a damaged data file, naming the newest intact backup if there is one."""
    from proforient_desktop.storage.backup import is_intact, list_backups

    good = next((candidate for candidate in list_backups(data_dir / BACKUPS_FOLDER) if is_intact(candidate)), None)
    if good is not None:
        remedy = (f"Последняя исправная резервная копия — «{good}». Запустите программу без команды (окно): "
                  "она предложит восстановить эту копию, а повреждённый файл сохранит рядом.")
    else:
        remedy = ("Исправных резервных копий нет. Запустите программу без команды (окно): она предложит отложить "
                  "повреждённый файл (ничего не удаляется) и настроить установку заново, с восстановлением данных "
                  "из последнего пакета организации. То же из командной строки: перенесите файл в другую папку "
                  f"и выполните proforient package restore --data-dir \"{data_dir}\" ФАЙЛ.proforient.")
    return f"Файл данных «{path}» повреждён или не является базой данных программы. {remedy}"


def check_database_file(data_dir: Path, url: str | URL | None = None, *, must_exist: bool = False,
                        read_every_page: bool = True) -> None:
    """Check the data folder's SQLite file before a command opens it; a server database is not checked here.

    Raises DatabaseError for a damaged or a lost file (see ``_check_not_lost``).
    The check is ``PRAGMA quick_check``: it reads every page but skips the
    index cross-checks of integrity_check, which the window runs at start.
    With ``must_exist`` set, a folder without a database raises
    NotInitializedError instead of getting a new, empty database. Without
    ``read_every_page`` only the file's presence is checked, because reading a
    regional database of several gigabytes takes seconds per command.
    """
    path = _sqlite_file_of(data_dir, url)
    if path is None:
        return

    if data_dir.exists() and not data_dir.is_dir():
        raise DatabaseError(f"«{data_dir}» — это файл, а не папка данных. Укажите в --data-dir папку данных программы.")
    _check_not_lost(path, data_dir)
    if not path.exists() or path.stat().st_size == 0:
        if must_exist:
            raise NotInitializedError(
                f"В папке данных «{data_dir}» нет данных программы (файла {path.name}). Проверьте путь в --data-dir "
                f"или настройте установку: proforient init --data-dir \"{data_dir}\" … (справка: proforient "
                "init --help), либо запустите программу без команды (окно)."
            )
        return

    if read_every_page:
        _quick_check(path, data_dir)


def _sqlite_file_of(data_dir: Path, url: str | URL | None) -> Path | None:
    """Return the SQLite file the data folder uses, or None when it uses a database server."""
    # A folder that does not exist has no saved server, but the variable may name one.
    resolved = resolve_database_url(url, data_dir if data_dir.is_dir() else None)
    if resolved is not None and resolved.get_backend_name() != "sqlite":
        return None
    return Path(resolved.database).expanduser() if resolved is not None and resolved.database else \
        data_dir / DATABASE_FILE


def _quick_check(path: Path, data_dir: Path) -> None:
    """Run ``PRAGMA quick_check`` on an existing SQLite file, raising DatabaseError or DatabaseBusyError."""
    import sqlite3

    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" not in str(error).lower() and "busy" not in str(error).lower():
            log.error("Database %s cannot be read: %s", path, error)
            raise DatabaseError(
                f"Не удалось прочитать файл данных «{path}»: {error}. Проверьте права доступа к файлу и папке данных."
            ) from error
        log.warning("Database %s is locked by another process: %s", path, error)
        raise DatabaseBusyError(
            f"База данных «{path}» занята другой копией программы. Закройте другую копию и повторите действие."
        ) from error
    except sqlite3.DatabaseError as error:
        rows = [(str(error),)]
    if rows != [("ok",)]:
        log.error("Database %s failed the quick check: %s", path, "; ".join(str(row[0]) for row in rows[:5]))
        raise DatabaseError(damaged_database_message(path, data_dir))


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
