"""The database: settings, durability, migrations, locking, backups.

Every test runs on SQLite and on PostgreSQL except those marked sqlite_only.
"""

from __future__ import annotations

import sqlite3
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from proforient_desktop.errors import DatabaseBusyError, DatabaseError
from proforient_desktop.services.context import open_context
from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.installation import initialize
from proforient_desktop.storage import database as database_module
from proforient_desktop.storage.backup import backup_database, list_backups
from proforient_desktop.storage.database import open_database, resolve_data_dir
from proforient_desktop.storage.postgres import create_postgres_engine
from proforient_desktop.storage.migrate import current_revision, head_revision, upgrade_database

pytestmark = pytest.mark.usefixtures("backend")


@pytest.mark.sqlite_only
def test_sqlite_pragmas(context):
    with context.database.transaction() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_new_database_at_head(context):
    assert current_revision(context.database) == head_revision()


@pytest.mark.sqlite_only
def test_data_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PROFORIENT_DATA_DIR", str(tmp_path / "из-окружения"))
    assert resolve_data_dir(None) == tmp_path / "из-окружения"
    assert resolve_data_dir(tmp_path / "явная") == tmp_path / "явная"


def test_counts_survive_restart(school_context, data_dir):
    set_counts(school_context, 2024, {"students_total": 420, "ticket_to_future_participants": 60})
    school_context.close()

    reopened = open_context(data_dir)
    try:
        assert get_counts(reopened, 2024) == {"students_total": 420, "ticket_to_future_participants": 60}
    finally:
        reopened.close()


def _database_at_first_revision(data_dir):
    database = open_database(data_dir, migrate=False)
    upgrade_database(database, "0001")
    with database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO organisation (id, code, name, kind, is_demo, created_at) "
            "VALUES (1, '2721000001', 'Школа', 'school', false, '2024-01-01 00:00:00')"
        ))
    return database


def _insert_count(database, value):
    with database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO count_value (organisation_id, year, count_code, value, source, updated_at) "
            "VALUES (1, 2024, 'students_total', :value, 'entry', '2024-01-01 00:00:00')"
        ), {"value": value})


def test_first_revision_upgrades_with_constraint(data_dir, backend):
    database = _database_at_first_revision(data_dir)
    _insert_count(database, 420)
    assert current_revision(database) == "0001"

    upgrade_database(database)

    assert current_revision(database) == head_revision()
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM count_value")).scalar() == 420
    with pytest.raises(IntegrityError):
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE count_value SET value = -1"))
    if backend == "sqlite":
        assert list_backups(database.backups_dir), "a backup is taken before migrating"
    else:
        assert not list_backups(database.backups_dir), "the server's transaction guards the migration"
    database.dispose()


def test_failed_migration_keeps_old_database(data_dir):
    database = _database_at_first_revision(data_dir)
    _insert_count(database, -5)  # allowed before the constraint existed

    with pytest.raises(DatabaseError) as error:
        upgrade_database(database)

    assert "Прежние данные сохранены" in error.value.message
    assert current_revision(database) == "0001"
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM count_value")).scalar() == -5
        assert connection.execute(text("SELECT count(*) FROM organisation")).scalar() == 1
    database.dispose()


@pytest.mark.sqlite_only
def test_busy_database_has_clear_message(context, monkeypatch):
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_SECONDS", 0.1)
    initialize(context, "school", "2721000001", "Школа", "khabarovsky")
    other = open_context(context.data_dir)
    holder = sqlite3.connect(context.database.path)
    try:
        holder.execute("BEGIN IMMEDIATE")
        # A fresh engine picks up the short timeout.
        other.database.dispose()
        other.database.engine = database_module.create_sqlite_engine(context.database.path)
        other.database._sessions.configure(bind=other.database.engine)
        with pytest.raises(DatabaseBusyError) as error:
            set_counts(other, 2024, {"students_total": 1})
        assert "занята другой копией программы" in error.value.message
    finally:
        holder.rollback()
        holder.close()
        other.close()
    assert get_counts(context, 2024) == {}


@pytest.mark.sqlite_only
def test_backups_rotate(context):
    for _ in range(12):
        backup_database(context.database.path, context.database.backups_dir, "test", keep=10)
    backups = list_backups(context.database.backups_dir)
    assert len(backups) == 10
    with sqlite3.connect(backups[0]) as connection:
        assert connection.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)


def test_unwritable_data_dir(tmp_path):
    blocker = tmp_path / "файл"
    blocker.write_text("не папка")
    with pytest.raises(DatabaseError, match="Не удалось создать папку данных"):
        open_database(blocker / "данные")


@pytest.mark.sqlite_only
def test_lost_database_beside_backups_rejected(tmp_path):
    database = open_database(tmp_path)
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "proforient-20261204-101500-000001-start.sqlite3").write_bytes(database.path.read_bytes())
    database.dispose()
    database.path.write_bytes(b"")

    with pytest.raises(DatabaseError, match="отсутствует или пуст"):
        open_database(tmp_path)
    assert database.path.read_bytes() == b""


@pytest.mark.sqlite_only
def test_garbage_database_file_rejected(tmp_path):
    (tmp_path / "proforient.sqlite3").write_bytes(b"not a database at all " * 100)

    with pytest.raises(DatabaseError, match="повреждён или не является базой данных"):
        open_database(tmp_path)


def test_missing_postgres_driver_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)

    with pytest.raises(DatabaseError, match=r"proforient-desktop\[postgres\]"):
        create_postgres_engine(make_url("postgresql+psycopg://operator@127.0.0.1:1/proforient"))
