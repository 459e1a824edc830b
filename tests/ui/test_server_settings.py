"""The settings screen's «regional server» section: changing and forgetting the saved server."""

from __future__ import annotations

import socket

import pytest

from proforient_desktop.services.installation import initialize
from proforient_desktop.storage import postgres
from proforient_desktop.ui.settings_screen import SettingsScreen
from tests.ui.conftest import SCREEN_SIZE


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def region_context(context):
    initialize(context, "region", "2700000000", "Министерство образования и науки Хабаровского края", None)
    return context


@pytest.fixture
def settings(qtbot, region_context, recorded):
    screen = SettingsScreen(region_context)
    qtbot.addWidget(screen)
    screen.resize(*SCREEN_SIZE)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_region_sees_local_database(settings):
    box = settings.server_box

    assert box.isVisible()
    assert box.location_label.text() == "локальный файл на этом компьютере"
    assert box.operator_label.text() == "тест"
    assert not box.local_button.isEnabled()


def test_school_has_no_server_section(qtbot, school_context, recorded):
    screen = SettingsScreen(school_context)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)

    assert not screen.server_box.isVisible()


def test_forget_server_confirmed(settings, region_context, recorded):
    postgres.save_url(region_context.data_dir, postgres.parse_database_url(
        f"postgresql://оператор@127.0.0.1:{closed_port()}/proforient"))
    box = settings.server_box
    box.refresh()
    assert box.local_button.isEnabled()

    box.local_button.click()

    assert "остаются на сервере" in recorded.questions[0]
    assert not (region_context.data_dir / postgres.SAVED_URL_FILE).exists()
    assert "после перезапуска" in box.pending_label.text()
    assert not box.local_button.isEnabled()


def test_forget_server_declined(settings, region_context, recorded):
    recorded.answers = [False]
    postgres.save_url(region_context.data_dir, postgres.parse_database_url(
        f"postgresql://оператор@127.0.0.1:{closed_port()}/proforient"))
    settings.server_box.refresh()

    settings.server_box.local_button.click()

    assert (region_context.data_dir / postgres.SAVED_URL_FILE).exists()
    assert settings.server_box.pending_label.text() == ""


def test_change_saves_for_next_start(qtbot, settings, region_context, postgres_server, monkeypatch, tmp_path):
    url = postgres_server.new_schema_url()
    monkeypatch.setenv("PGOPTIONS", url.query["options"])
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    try:
        dialog = settings.server_box.open_connection_dialog()
        dialog.host_edit.setText(url.host)
        dialog.port_box.setValue(url.port)
        dialog.database_edit.setText(url.database)
        dialog.user_edit.setText(url.username)
        dialog.password_edit.setText(url.password)
        assert dialog.test_connection()
        with qtbot.waitSignal(dialog.accepted):
            dialog.accept()

        assert region_context.database.is_sqlite, "the open screens keep the current database"
        saved = postgres.read_saved_url(region_context.data_dir)
        assert (saved.host, saved.port, saved.username) == (url.host, url.port, url.username)
        assert saved.password is None
        assert f"127.0.0.1:{url.port}/" in settings.server_box.pending_label.text()
        assert settings.server_box.local_button.isEnabled()
    finally:
        postgres_server.drop_schemas()


def test_settings_fit_small_screen(settings, tmp_path):
    assert settings.sizeHint().height() <= SCREEN_SIZE[1]
    assert settings.grab().save(str(tmp_path / "settings.png"))
