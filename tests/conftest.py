"""Fixtures shared by the whole suite: real data directories and databases."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from proforient_desktop.catalog import Catalog, load_catalog  # noqa: E402
from proforient_desktop.services.context import AppContext, open_context  # noqa: E402
from proforient_desktop.services.installation import initialize  # noqa: E402
from proforient_desktop.storage import postgres  # noqa: E402
from proforient_desktop.storage.database import DATABASE_URL_ENV  # noqa: E402

# The PostgreSQL server the «postgresql» backend runs on (.ci/run starts one).
TEST_DATABASE_URL_ENV = "PROFORIENT_TEST_DATABASE_URL"
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory, monkeypatch):
    # No test may touch the real user's data directory, settings or database server.
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PROFORIENT_DATA_DIR", str(home / "default-data"))
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "данные"


@pytest.fixture
def context(request, data_dir):
    """An opened, not yet initialised installation on a real SQLite file.

    In a test that uses the ``backend`` fixture it is on that backend.
    """
    if "backend" in request.fixturenames:
        request.getfixturevalue("backend")
    app_context = open_context(data_dir, operator="тест")
    yield app_context
    app_context.close()


@pytest.fixture
def school_context(context) -> AppContext:
    initialize(context, "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")
    return context


# Backends: a test (or a module, with ``pytestmark = pytest.mark.usefixtures("backend")``)
# that uses the ``backend`` fixture runs once on SQLite and once on PostgreSQL.
# On PostgreSQL every data folder opened in the test gets its own fresh schema,
# saved as the folder's server URL, so a school, a municipality and the region
# in one test still have separate databases. The schemas are dropped when the
# module's tests on PostgreSQL end.

def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: checks SQLite's own behaviour; runs on SQLite only")


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames:
        only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("backend", ("sqlite",) if only_sqlite else BACKENDS, indirect=True, scope="module")


class PostgresServer:
    """The test server: hands out fresh schemas and drops them afterwards."""

    def __init__(self, url):
        self.url = postgres.parse_database_url(url)
        self.engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self.schemas: list[str] = []

    def new_schema_url(self):
        schema = f"test_{uuid.uuid4().hex[:16]}"
        with self.engine.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        self.schemas.append(schema)
        return self.url.update_query_dict({"options": f"-csearch_path={schema}"})

    def drop_schemas(self):
        with self.engine.connect() as connection:
            connection.execute(text("SET lock_timeout = '10s'"))
            while self.schemas:
                connection.execute(text(f'DROP SCHEMA "{self.schemas.pop()}" CASCADE'))


@pytest.fixture(scope="session")
def postgres_server():
    """The server named by PROFORIENT_TEST_DATABASE_URL; skipped without it, failed without it in CI."""
    url = os.environ.get(TEST_DATABASE_URL_ENV)
    if not url:
        reason = (f"{TEST_DATABASE_URL_ENV} is not set: PostgreSQL tests need a server "
                  "(.ci/run starts one on 127.0.0.1)")
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; in CI the server is required", pytrace=False)
        pytest.skip(reason)
    server = PostgresServer(url)
    yield server
    server.engine.dispose()


@pytest.fixture(scope="module")
def backend(request):
    """The database backend of the module's tests: «sqlite» (the default) or «postgresql».

    Module-scoped, so that a module-scoped fixture that requests it is built
    once per backend and the tests are grouped by backend.
    """
    name = getattr(request, "param", "sqlite")
    if name == "sqlite":
        yield name
        return

    server = request.getfixturevalue("postgres_server")
    saved_url = postgres.read_saved_url

    def read_or_assign_schema(data_dir):
        url = saved_url(data_dir)
        if url is None:
            postgres.save_url(data_dir, server.new_schema_url())
            url = saved_url(data_dir)
        return url

    with pytest.MonkeyPatch.context() as patch:
        if server.url.password:
            # The saved URL keeps no password, as in the product; libpq reads it from here.
            patch.setenv("PGPASSWORD", server.url.password)
        patch.setattr(postgres, "read_saved_url", read_or_assign_schema)
        try:
            yield name
        finally:
            server.drop_schemas()
