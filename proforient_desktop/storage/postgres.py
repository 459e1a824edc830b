"""The regional database on a PostgreSQL server: URLs, the engine, connection checks.

Several regional operators share one PostgreSQL database. The password never
reaches a log or a settings file: URLs are shown with ``hide_password``, the
saved connection keeps no password, and libpq takes the password from the
URL, from ``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf`` on Windows,
or the file named by ``PGPASSFILE``) or from ``PGPASSWORD``.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from proforient_desktop.errors import DatabaseBusyError, DatabaseError, InvalidInputError

log = logging.getLogger(__name__)

DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_SECONDS = 10
APPLICATION_NAME = "ProfOrient Desktop"
# The data folder keeps the chosen server's URL, without a password.
SAVED_URL_FILE = "database-url.txt"
# Tables every operator reads and writes; see ``missing_privileges``.
TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")


def parse_database_url(text_url: str) -> URL:
    """Parse a SQLAlchemy URL of a supported database, or raise ``InvalidInputError``.

    ``postgresql://`` and ``postgres://`` are taken as PostgreSQL through
    psycopg 3, the only PostgreSQL driver the program ships with.
    """
    try:
        url = make_url(text_url.strip())
    except ArgumentError:
        raise InvalidInputError(
            f"Адрес базы данных «{_mask_password(text_url)}» не распознан. Пример правильного адреса: "
            "postgresql://оператор@сервер:5432/proforient (пароль — в файле .pgpass или переменной PGPASSWORD)."
        ) from None

    backend = url.get_backend_name()
    if backend == "sqlite":
        return url
    if backend in ("postgresql", "postgres"):
        if url.drivername not in ("postgresql", "postgres", DRIVER):
            raise InvalidInputError(
                f"Драйвер «{url.drivername}» в адресе базы данных не поддерживается: "
                f"укажите «postgresql://» или «{DRIVER}://»."
            )
        return url.set(drivername=DRIVER)
    raise InvalidInputError(
        f"База данных «{backend}» в адресе «{display_url(url)}» не поддерживается: "
        "программа работает с SQLite и PostgreSQL."
    )


def display_url(url: URL) -> str:
    """Return the URL for messages and logs, with the password replaced by ***."""
    return url.render_as_string(hide_password=True)


def _mask_password(text_url: str) -> str:
    # An unparsable URL may still hold a password between «:» and «@».
    scheme, separator, rest = text_url.partition("://")
    if not separator or "@" not in rest:
        return text_url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else text_url


def url_without_password(url: URL) -> URL:
    # URL.set() takes None as "keep the current value", so the tuple field is replaced directly.
    return url._replace(password=None)


def read_saved_url(data_dir: Path) -> URL | None:
    """Return the server URL saved in the data folder, or None for the local SQLite file."""
    path = data_dir / SAVED_URL_FILE
    try:
        saved = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DatabaseError(
            f"Не удалось прочитать настройку подключения «{path}»: {error.strerror}. "
            "Проверьте права доступа к папке данных."
        ) from error
    return parse_database_url(saved) if saved else None


def save_url(data_dir: Path, url: URL | None) -> None:
    """Remember the server for this data folder (without the password); None returns to SQLite."""
    path = data_dir / SAVED_URL_FILE
    if url is None:
        path.unlink(missing_ok=True)
        log.info("Data folder %s switched to the local SQLite database", data_dir)
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    plain = url_without_password(url).render_as_string(hide_password=False)
    path.write_text(plain + "\n", encoding="utf-8")
    log.info("Data folder %s now uses the database %s", data_dir, display_url(url))


def create_postgres_engine(url: URL) -> Engine:
    """Create the engine for the regional server.

    Transactions run at PostgreSQL's default READ COMMITTED level: the import
    and the manual edit lock the organisation row (``SELECT ... FOR UPDATE``)
    before reading what they change, so each statement after the lock sees
    what other operators committed.
    """
    try:
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS, "application_name": APPLICATION_NAME},
        )
    except ModuleNotFoundError as error:
        # The driver is an optional dependency of an installation from source; the built program carries it.
        log.error("PostgreSQL driver for %s is not installed: %s", display_url(url), error)
        raise DatabaseError(
            f"Для работы с сервером PostgreSQL не установлен драйвер ({error.name}). Установите его командой "
            'python -m pip install "proforient-desktop[postgres]" или пользуйтесь собранной программой, '
            "в которой драйвер уже есть."
        ) from error


@dataclass(frozen=True)
class ServerInfo:
    """What a successful connection test learnt about the server."""

    user: str
    database: str
    server_version: str
    schema_exists: bool


def check_connection(url: URL) -> ServerInfo:
    """Connect to the server and check the rights the program needs.

    Raises ``DatabaseError`` with a Russian message for each usual failure:
    the server is unreachable, the password is wrong or missing, the database
    does not exist, or the user lacks rights on the schema or the tables.
    """
    engine = create_postgres_engine(url)
    try:
        with engine.connect() as connection:
            info = _server_info(connection)
            missing = missing_privileges(connection)
    except DBAPIError as error:
        raise connection_error(url, error) from error
    except SQLAlchemyError as error:
        log.warning("Connection test of %s failed: %s", display_url(url), error)
        raise DatabaseError(
            f"Не удалось проверить подключение к «{display_url(url)}»: {error}. Сообщите об ошибке в службу поддержки."
        ) from error
    finally:
        engine.dispose()

    if missing:
        log.warning("User %s lacks rights on %s: %s", info.user, display_url(url), ", ".join(missing))
        raise DatabaseError(
            f"У пользователя «{info.user}» нет прав в базе данных «{info.database}»: {'; '.join(missing)}. "
            "Попросите администратора сервера выдать права (см. «Региональный сервер» в документации: "
            "роль proforient_operators)."
        )
    log.info("Connection to %s checked: user %s, PostgreSQL %s", display_url(url), info.user, info.server_version)
    return info


def _server_info(connection) -> ServerInfo:
    row = connection.execute(text(
        "SELECT current_user, current_database(), current_setting('server_version')"
    )).one()
    schema_exists = "alembic_version" in inspect(connection).get_table_names()
    return ServerInfo(row[0], row[1], row[2], schema_exists)


def missing_privileges(connection) -> list[str]:
    """Return, in Russian, the rights the current user lacks; empty when it has all it needs.

    A new database needs the right to create tables in the current schema,
    because the first operator to connect runs the migrations. An existing
    one needs reading and writing every table of the program.
    """
    schema = connection.execute(text("SELECT current_schema()")).scalar()
    if schema is None:
        search_path = connection.execute(text("SELECT current_setting('search_path')")).scalar()
        return [f"нет доступа (USAGE) ни к одной схеме из search_path «{search_path}»"]

    tables = inspect(connection).get_table_names(schema=schema)
    if "alembic_version" not in tables:
        can_create = connection.execute(
            text("SELECT has_schema_privilege(:schema, 'CREATE')"), {"schema": schema}
        ).scalar()
        return [] if can_create else [f"создание таблиц в схеме «{schema}»"]

    missing = []
    for table in sorted(tables):
        for privilege in TABLE_PRIVILEGES:
            granted = connection.execute(
                text("SELECT has_table_privilege(:table, :privilege)"),
                {"table": f'"{schema}"."{table}"', "privilege": privilege},
            ).scalar()
            if not granted:
                missing.append(f"{privilege} на таблицу «{table}»")
    return missing


# Substrings of libpq's and the server's messages, in English and in the
# server's Russian translation, because the server answers in its own locale.
_UNREACHABLE = ("connection refused", "could not connect", "timeout expired", "could not translate host",
                "failed to resolve host", "name or service not known", "no route to host",
                "network is unreachable", "server closed the connection", "connection timed out",
                "соединение отвергнуто", "не удалось подключиться")
_WRONG_PASSWORD = ("password authentication failed", "не прошёл проверку подлинности")
_NO_PASSWORD = ("no password supplied", "пароль не указан")
_NO_DATABASE = ("does not exist",)
_NO_RIGHTS = ("permission denied", "нет доступа", "доступ запрещён", "must be owner", "no pg_hba.conf entry",
              "нет записи в pg_hba.conf")


def connection_error(url: URL, error: DBAPIError) -> DatabaseError:
    """Turn a driver error into a ``DatabaseError`` with a Russian message saying what to do."""
    message = str(error.orig).lower()
    target = f"«{url.host or 'localhost'}:{url.port or 5432}»"
    log.warning("Database %s: %s", display_url(url), str(error.orig).strip().splitlines()[0] if str(error.orig)
                else type(error.orig).__name__)

    if any(part in message for part in _WRONG_PASSWORD):
        return DatabaseError(
            f"Сервер {target} не принял пароль пользователя «{url.username or ''}». Проверьте имя пользователя "
            "и пароль (в файле .pgpass, переменной PGPASSWORD или в окне подключения)."
        )
    if any(part in message for part in _NO_PASSWORD):
        return DatabaseError(
            f"Сервер {target} требует пароль пользователя «{url.username or ''}», а он не указан. "
            "Введите пароль в окне подключения или запишите его в файл .pgpass."
        )
    if any(part in message for part in _NO_DATABASE) and ("database" in message or "база данных" in message):
        return DatabaseError(
            f"На сервере {target} нет базы данных «{url.database or ''}». Проверьте её имя или попросите "
            "администратора создать её (createdb)."
        )
    if ("role" in message and "does not exist" in message) or ("роль" in message and "не существует" in message):
        return DatabaseError(
            f"На сервере {target} нет пользователя «{url.username or ''}». Проверьте имя пользователя "
            "или попросите администратора создать его."
        )
    if any(part in message for part in _NO_RIGHTS):
        return DatabaseError(
            f"У пользователя «{url.username or ''}» нет прав на базу данных «{url.database or ''}» "
            f"на сервере {target}. Попросите администратора выдать права (GRANT)."
        )
    if any(part in message for part in _UNREACHABLE):
        return DatabaseError(
            f"Сервер базы данных {target} недоступен. Проверьте адрес и порт, подключение к сети "
            "и что сервер PostgreSQL запущен."
        )
    return DatabaseError(
        f"Не удалось подключиться к базе данных «{display_url(url)}»: {str(error.orig).strip()}. "
        "Проверьте параметры подключения или сообщите об ошибке администратору сервера."
    )


# SQLSTATE classes of a transaction that lost a race with another operator's.
_RETRYABLE_SQLSTATES = {"40001": "serialization_failure", "40P01": "deadlock_detected", "55P03": "lock_not_available"}


_INSUFFICIENT_PRIVILEGE = "42501"


def is_server_failure(error: DBAPIError) -> bool:
    """Return whether the error is the server's or the network's, not a bug in a statement."""
    from sqlalchemy.exc import OperationalError

    sqlstate = getattr(error.orig, "sqlstate", None)
    return isinstance(error, OperationalError) or sqlstate == _INSUFFICIENT_PRIVILEGE


def operation_error(url: URL, error: DBAPIError) -> DatabaseError:
    """Turn a failure during work on the server into a Russian ``DatabaseError``.

    A statement the server rejected carries a SQLSTATE; a lost connection
    does not, and is explained like a failed connection.
    """
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate in _RETRYABLE_SQLSTATES:
        log.warning("Transaction on %s lost a race (%s): %s", display_url(url), _RETRYABLE_SQLSTATES[sqlstate],
                    error.orig)
        return DatabaseBusyError(
            "Те же данные в этот момент изменял другой оператор, поэтому действие отменено и ничего не изменено. "
            "Повторите действие."
        )
    if sqlstate is None:
        return connection_error(url, error)
    if sqlstate == _INSUFFICIENT_PRIVILEGE:
        log.warning("Statement on %s rejected for lack of rights: %s", display_url(url), error.orig)
        return DatabaseError(
            f"У пользователя «{url.username or ''}» не хватает прав в базе данных «{url.database or ''}»: "
            f"{str(error.orig).strip()}. Ничего не изменено. Попросите администратора сервера выдать права "
            "(роль proforient_operators)."
        )
    log.error("Statement on %s failed (%s): %s", display_url(url), sqlstate, error.orig)
    return DatabaseError(
        f"Сервер базы данных «{display_url(url)}» отклонил операцию: {str(error.orig).strip()}. "
        "Ничего не изменено. Сообщите об ошибке администратору сервера."
    )


def pgpass_path() -> Path:
    """Return the password file libpq reads: PGPASSFILE, or the platform's default."""
    explicit = os.environ.get("PGPASSFILE")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", str(Path.home()))) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _pgpass_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def remember_password(url: URL, password: str) -> Path:
    """Write the password to the user's password file (mode 0600), replacing an older line for the same server.

    libpq reads this file when the URL has no password, so the program's
    own settings never hold it.
    """
    path = pgpass_path()
    key = ":".join(_pgpass_field(part) for part in (
        url.host or "localhost", str(url.port or 5432), url.database or "*", url.username or ""))
    lines = []
    if path.exists():
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(key + ":")]
    lines.append(f"{key}:{_pgpass_field(password)}")

    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(path, 0o600)
    log.info("Password for %s saved in %s", display_url(url), path)
    return path
