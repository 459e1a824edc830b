"""Fixtures shared by the whole suite: real data directories and databases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from proforient_desktop.catalog import Catalog, load_catalog  # noqa: E402
from proforient_desktop.services.context import AppContext, open_context  # noqa: E402
from proforient_desktop.services.installation import initialize  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory, monkeypatch):
    # No test may touch the real user's data directory or settings.
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PROFORIENT_DATA_DIR", str(home / "default-data"))
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
def context(data_dir):
    """An opened, not yet initialised installation on a real SQLite file."""
    app_context = open_context(data_dir, operator="тест")
    yield app_context
    app_context.close()


@pytest.fixture
def school_context(context) -> AppContext:
    initialize(context, "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")
    return context
