"""What every use case needs: the catalogue, the database and who is working."""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import URL, text

from proforient_desktop.catalog import Catalog, load_catalog
from proforient_desktop.storage.database import Database, open_database, resolve_data_dir, resolve_database_url
from proforient_desktop.storage.postgres import save_url

log = logging.getLogger(__name__)


def default_operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@dataclass
class AppContext:
    """The open catalogue and database of one installation."""

    catalog: Catalog
    database: Database
    operator: str = field(default_factory=default_operator)

    @property
    def data_dir(self) -> Path:
        return self.database.data_dir

    def close(self) -> None:
        self.database.dispose()


def open_context(data_dir: str | Path | None = None, *, operator: str | None = None,
                 database_url: str | URL | None = None) -> AppContext:
    """Load the catalogue and open (and migrate) the database of ``data_dir``.

    ``database_url`` selects a PostgreSQL server instead of the data folder's
    SQLite file. There the audit log names the database user unless an
    operator name is given, because several people share one database.
    """
    catalog = load_catalog()
    database = open_database(resolve_data_dir(data_dir), url=database_url)
    context = AppContext(catalog, database)
    if operator:
        context.operator = operator
    elif not database.is_sqlite:
        context.operator = database_user(database)
    return context


def switch_database(context: AppContext, database_url: str | URL | None, *, operator: str | None = None) -> None:
    """Save ``database_url`` (without its password) for the data folder and reopen the context on it.

    The context object stays the same, so every holder of it works on the
    new database from now on. None returns the folder to its SQLite file.
    """
    url = resolve_database_url(database_url) if database_url is not None else None
    database = open_database(context.data_dir, url=url) if url is not None else None
    save_url(context.data_dir, url)
    if database is None:
        database = open_database(context.data_dir)

    context.database.dispose()
    context.database = database
    if operator:
        context.operator = operator
    elif not database.is_sqlite:
        context.operator = database_user(database)
    log.info("Data folder %s switched to %s", context.data_dir, database.location)


def database_user(database: Database) -> str:
    """Return the connection's database user, which came from the URL, PGUSER or the OS login."""
    with database.engine.connect() as connection:
        return connection.execute(text("SELECT session_user")).scalar() or ""
