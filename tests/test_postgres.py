"""The regional database on PostgreSQL: choosing it, connection checks, passwords, operators."""

from __future__ import annotations

import json
import logging
import os
import socket
import stat
import uuid

import pytest
from sqlalchemy import create_engine, select, text

from proforient_desktop.cli import main
from proforient_desktop.errors import DatabaseError, InvalidInputError
from proforient_desktop.services.audit import OPERATOR_ENV
from proforient_desktop.services.context import open_context
from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.installation import initialize
from proforient_desktop.storage import postgres
from proforient_desktop.storage.database import DATABASE_FILE, DATABASE_URL_ENV, resolve_database_url
from proforient_desktop.storage.models import AuditEntry

SECRET = "s3cret-пароль"


@pytest.fixture
def schema_url(postgres_server):
    """A URL of a fresh, empty schema on the test server, with the password in it."""
    url = postgres_server.new_schema_url()
    yield url
    postgres_server.drop_schemas()


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_short_scheme_uses_psycopg():
    url = postgres.parse_database_url("postgres://оператор@127.0.0.1:5432/proforient")
    assert url.drivername == "postgresql+psycopg"
    assert url.username == "оператор"


def test_unsupported_database_rejected():
    with pytest.raises(InvalidInputError, match="не поддерживается"):
        postgres.parse_database_url("mysql://user@127.0.0.1/db")


def test_unparsable_url_hides_password():
    with pytest.raises(InvalidInputError) as error:
        postgres.parse_database_url(f"это не адрес://user:{SECRET}@")
    assert SECRET not in error.value.message


def test_display_url_hides_password():
    url = postgres.parse_database_url(f"postgresql://user:{SECRET}@127.0.0.1/db")
    assert SECRET not in postgres.display_url(url)
    assert "***" in postgres.display_url(url)


def test_saved_url_keeps_no_password(tmp_path):
    postgres.save_url(tmp_path, postgres.parse_database_url(f"postgresql://user:{SECRET}@127.0.0.1:5433/db"))
    saved_text = (tmp_path / postgres.SAVED_URL_FILE).read_text(encoding="utf-8")
    credentials = saved_text.split("://", 1)[1].split("@", 1)[0]
    assert credentials == "user", saved_text

    saved = postgres.read_saved_url(tmp_path)
    assert saved.password is None
    assert (saved.host, saved.port, saved.database) == ("127.0.0.1", 5433, "db")

    postgres.save_url(tmp_path, None)
    assert postgres.read_saved_url(tmp_path) is None


def test_url_precedence(tmp_path, monkeypatch):
    postgres.save_url(tmp_path, postgres.parse_database_url("postgresql://saved@127.0.0.1/db"))
    assert resolve_database_url(None, tmp_path).username == "saved"

    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://environment@127.0.0.1/db")
    assert resolve_database_url(None, tmp_path).username == "environment"
    assert resolve_database_url("postgresql://explicit@127.0.0.1/db", tmp_path).username == "explicit"


def test_sqlite_stays_default(tmp_path):
    assert resolve_database_url(None, tmp_path) is None
    context = open_context(tmp_path / "данные")
    try:
        assert context.database.is_sqlite
        assert (tmp_path / "данные" / DATABASE_FILE).is_file()
    finally:
        context.close()


def test_remembered_password_file(tmp_path, monkeypatch):
    password_file = tmp_path / "pgpass"
    monkeypatch.setenv("PGPASSFILE", str(password_file))
    url = postgres.parse_database_url("postgresql://user@127.0.0.1:5433/db")

    postgres.remember_password(url, "old:pass")
    postgres.remember_password(url, "new\\pass")

    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert password_file.read_text(encoding="utf-8") == "127.0.0.1:5433:db:user:new\\\\pass\n"


def test_unreachable_server_message():
    url = postgres.parse_database_url(f"postgresql://user:x@127.0.0.1:{free_loopback_port()}/db")
    with pytest.raises(DatabaseError, match="недоступен"):
        postgres.check_connection(url)


def test_connection_check_passes(schema_url):
    info = postgres.check_connection(schema_url)
    assert info.user == schema_url.username
    assert not info.schema_exists


def test_wrong_password_message(schema_url, caplog):
    caplog.set_level(logging.DEBUG)
    url = schema_url.set(password=SECRET)
    with pytest.raises(DatabaseError, match="не принял пароль") as error:
        postgres.check_connection(url)
    assert SECRET not in error.value.message
    assert SECRET not in caplog.text


def test_missing_password_message(schema_url, monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "нет-файла"))
    with pytest.raises(DatabaseError, match="требует пароль"):
        postgres.check_connection(postgres.url_without_password(schema_url))


def test_password_from_pgpass(schema_url, monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    postgres.remember_password(schema_url, schema_url.password)

    info = postgres.check_connection(postgres.url_without_password(schema_url))

    assert info.user == schema_url.username


def test_missing_database_message(schema_url):
    url = schema_url.set(database=f"нет_такой_{uuid.uuid4().hex[:8]}")
    with pytest.raises(DatabaseError, match="нет базы данных"):
        postgres.check_connection(url)


def schema_of(url) -> str:
    return url.query["options"].split("=", 1)[1]


@pytest.fixture
def admin(schema_url):
    engine = create_engine(schema_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        yield connection
    engine.dispose()


@pytest.fixture
def role_without_rights(schema_url, admin):
    """A login role that may connect but has no rights in the test schema."""
    name = f"no_rights_{uuid.uuid4().hex[:8]}"
    admin.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD 'limited'"))
    yield schema_url.set(username=name, password="limited")
    schema = schema_of(schema_url)
    admin.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM {name}'))
    admin.execute(text(f'REVOKE ALL ON SCHEMA "{schema}" FROM {name}'))
    admin.execute(text(f"DROP ROLE {name}"))


def test_no_usage_on_schema_message(role_without_rights):
    with pytest.raises(DatabaseError, match="нет прав") as error:
        postgres.check_connection(role_without_rights)
    assert "search_path" in error.value.message


def test_no_right_to_create_tables_message(role_without_rights, schema_url, admin):
    admin.execute(text(f'GRANT USAGE ON SCHEMA "{schema_of(schema_url)}" TO {role_without_rights.username}'))
    with pytest.raises(DatabaseError, match="нет прав") as error:
        postgres.check_connection(role_without_rights)
    assert "создание таблиц" in error.value.message


def test_no_rights_on_tables_message(schema_url, role_without_rights, admin, tmp_path):
    open_context(tmp_path / "администратор", database_url=schema_url).close()
    schema = schema_of(schema_url)
    admin.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {role_without_rights.username}'))
    admin.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO {role_without_rights.username}'))

    with pytest.raises(DatabaseError, match="INSERT на таблицу «count_value»"):
        postgres.check_connection(role_without_rights)


def test_migrates_and_keeps_data_on_server(schema_url, tmp_path):
    context = open_context(tmp_path / "первый", database_url=schema_url, operator="Иванова")
    initialize(context, "region", "2700000000", "Министерство образования и науки", None)
    set_counts(context, 2024, {"students_total": 1000})
    context.close()

    other = open_context(tmp_path / "второй", database_url=schema_url)
    try:
        assert not other.database.is_sqlite
        assert other.database.path is None
        assert get_counts(other, 2024) == {"students_total": 1000}
    finally:
        other.close()
    assert not (tmp_path / "первый" / DATABASE_FILE).exists()


def test_audit_names_database_user_by_default(schema_url, tmp_path):
    context = open_context(tmp_path / "данные", database_url=schema_url)
    try:
        assert context.operator == schema_url.username
        initialize(context, "region", "2700000000", "Министерство образования и науки", None)
        set_counts(context, 2024, {"students_total": 1000})
        with context.database.transaction() as session:
            operators = set(session.scalars(select(AuditEntry.operator)))
    finally:
        context.close()
    assert operators == {schema_url.username}


def test_terminated_connection_reconnects(schema_url, tmp_path, postgres_server):
    context = open_context(tmp_path / "данные", database_url=schema_url)
    try:
        initialize(context, "region", "2700000000", "Министерство образования и науки", None)
        with postgres_server.engine.connect() as admin:
            admin.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = :name AND pid <> pg_backend_pid() AND usename = current_user"
            ), {"name": postgres.APPLICATION_NAME})
        # pool_pre_ping replaces the dead connection, so the next action works again.
        set_counts(context, 2024, {"students_total": 5})
        assert get_counts(context, 2024) == {"students_total": 5}
    finally:
        context.close()


def test_cli_database_url_option(schema_url, tmp_path, capsys):
    url_text = schema_url.render_as_string(hide_password=False)
    data_dir = tmp_path / "данные"
    common = ["--data-dir", str(data_dir), "--database-url", url_text]

    assert main([*common, "init", "--role", "region", "--org-code", "2700000000",
                 "--org-name", "Министерство образования и науки"]) == 0
    assert main([*common, "counts", "set", "--year", "2024", "students_total=77"]) == 0
    assert main([*common, "counts", "show", "--year", "2024", "--format", "json"]) == 0

    output = capsys.readouterr().out
    assert "77" in output
    assert not (data_dir / DATABASE_FILE).exists()
    assert SECRET not in output


def test_cli_environment_variable(schema_url, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, schema_url.render_as_string(hide_password=False))
    data_dir = tmp_path / "данные"
    assert main(["--data-dir", str(data_dir), "init", "--role", "region", "--org-code", "2700000000",
                 "--org-name", "Министерство образования и науки"]) == 0
    assert not (data_dir / DATABASE_FILE).exists()


def test_cli_bad_url_is_invalid_input(tmp_path, capsys):
    code = main(["--data-dir", str(tmp_path), "--database-url", "mysql://x@127.0.0.1/db", "counts", "show",
                 "--year", "2024"])
    assert code == 2
    assert "не поддерживается" in capsys.readouterr().err


def test_password_never_logged(schema_url, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    password = schema_url.password
    context = open_context(tmp_path / "данные", database_url=schema_url)
    context.close()
    with pytest.raises(DatabaseError):
        open_context(tmp_path / "данные", database_url=schema_url.set(database="нет_такой_базы"))
    assert "Using the database server" in caplog.text
    assert password not in caplog.text
    log_file = tmp_path / "данные" / "proforient.log"
    if log_file.exists():
        assert password not in log_file.read_text(encoding="utf-8")


def test_simultaneous_first_starts_migrate_once(schema_url, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from proforient_desktop.storage.migrate import current_revision, head_revision

    def start(name):
        context = open_context(tmp_path / name, database_url=schema_url)
        try:
            return current_revision(context.database)
        finally:
            context.close()

    with ThreadPoolExecutor(max_workers=3) as pool:
        revisions = list(pool.map(start, ["первый", "второй", "третий"]))

    assert revisions == [head_revision()] * 3


def test_deadlock_has_russian_message(schema_url, tmp_path):
    import threading

    from proforient_desktop.errors import DatabaseBusyError
    from proforient_desktop.storage.locking import lock_organisation
    from proforient_desktop.storage.models import Organisation

    first = open_context(tmp_path / "первый", database_url=schema_url)
    second = open_context(tmp_path / "второй", database_url=schema_url)
    initialize(first, "region", "2700000000", "Министерство образования и науки", None)
    with first.database.transaction() as session:
        session.add_all([Organisation(code="A", name="Школа А", kind="school"),
                         Organisation(code="B", name="Школа Б", kind="school")])
    both_locked_one = threading.Barrier(2, timeout=30)
    errors = []

    def lock_in_order(context, codes):
        try:
            with context.database.transaction() as session:
                rows = {row.code: row for row in session.scalars(select(Organisation))}
                lock_organisation(session, rows[codes[0]])
                both_locked_one.wait()
                lock_organisation(session, rows[codes[1]])
        except DatabaseBusyError as error:
            errors.append(error.message)

    threads = [threading.Thread(target=lock_in_order, args=(first, "AB")),
               threading.Thread(target=lock_in_order, args=(second, "BA"))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        first.close()
        second.close()

    assert len(errors) == 1
    assert "изменял другой оператор" in errors[0]


def cli_operators(data_dir, url) -> set[str]:
    context = open_context(data_dir, database_url=url)
    try:
        with context.database.transaction() as session:
            return set(session.scalars(select(AuditEntry.operator)))
    finally:
        context.close()


def test_cli_operator_variable_in_audit(schema_url, tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, schema_url.render_as_string(hide_password=False))
    monkeypatch.setenv(OPERATOR_ENV, "  Иванова   А. П. ")
    data_dir = tmp_path / "данные"

    assert main(["--data-dir", str(data_dir), "init", "--role", "region", "--org-code", "2700000000",
                 "--org-name", "Министерство образования и науки"]) == 0
    monkeypatch.delenv(OPERATOR_ENV)
    assert main(["--data-dir", str(data_dir), "counts", "set", "--year", "2024", "students_total=77"]) == 0

    assert cli_operators(data_dir, schema_url) == {"Иванова А. П.", schema_url.username}


def test_cli_operator_variable_too_long(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(OPERATOR_ENV, "Я" * 201)

    code = main(["--data-dir", str(tmp_path / "данные"), "counts", "show", "--year", "2024"])

    assert code == 2
    assert OPERATOR_ENV in capsys.readouterr().err
