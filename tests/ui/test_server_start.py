"""The window's start on a saved regional server: the failure dialog's choices and the operator's name.

Failures use a closed port on 127.0.0.1; the successful paths use the test
PostgreSQL server (PROFORIENT_TEST_DATABASE_URL).
"""

from __future__ import annotations

import logging
import socket

import pytest
from sqlalchemy import select

from proforient_desktop.errors import DatabaseError
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.installation import initialize
from proforient_desktop.storage import postgres
from proforient_desktop.storage.models import AuditEntry
from proforient_desktop.ui.operator_dialog import OperatorDialog, last_operator
from proforient_desktop.ui.server_connection import ServerConnectionDialog
from proforient_desktop.ui.server_failure_dialog import ServerFailureDialog
from proforient_desktop.ui.server_start import ServerStart, open_start_context
from proforient_desktop.ui.settings_store import SETTINGS_FILE

SCHOOL = ("2721000001", "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_folder(data_dir):
    """A data folder whose saved server is a closed port on this computer."""
    postgres.save_url(data_dir, postgres.parse_database_url(
        f"postgresql://оператор@127.0.0.1:{closed_port()}/proforient"))
    return data_dir


@pytest.fixture
def starts(qtbot):
    started = []

    def start(folder) -> ServerStart:
        server_start = ServerStart(folder)
        started.append(server_start)
        server_start.begin()
        return server_start

    yield start
    for server_start in started:
        if server_start.context is not None:
            server_start.context.close()


@pytest.fixture
def server_folder(postgres_server, monkeypatch, data_dir, tmp_path):
    """A data folder whose saved server is a fresh schema of the test server."""
    url = postgres_server.new_schema_url()
    monkeypatch.setenv("PGPASSWORD", url.password or "")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    postgres.save_url(data_dir, url)
    yield data_dir
    postgres_server.drop_schemas()


def failure_dialog(qtbot, server_start) -> ServerFailureDialog:
    qtbot.waitUntil(lambda: isinstance(server_start.dialog, ServerFailureDialog) and server_start.dialog.isVisible())
    return server_start.dialog


def operator_dialog(qtbot, server_start) -> OperatorDialog:
    qtbot.waitUntil(lambda: isinstance(server_start.dialog, OperatorDialog) and server_start.dialog.isVisible())
    return server_start.dialog


def plain(button) -> str:
    return button.text().replace("&", "")


def test_unreachable_server_offers_choices(qtbot, unreachable_folder, starts, tmp_path):
    server_start = starts(unreachable_folder)
    dialog = failure_dialog(qtbot, server_start)

    assert not server_start.is_finished
    assert "недоступен" in dialog.message_label.text()
    assert "127.0.0.1" in dialog.summary_label.text()
    assert [plain(button) for button in (dialog.retry_button, dialog.change_button, dialog.local_button,
                                         dialog.exit_button)] == [
        "Повторить", "Изменить подключение…", "Работать с локальной базой", "Выход"]
    assert dialog.sizeHint().width() <= 1366
    assert dialog.grab().save(str(tmp_path / "server-failure.png"))


def test_retry_fails_again(qtbot, unreachable_folder, starts):
    server_start = starts(unreachable_folder)
    first = failure_dialog(qtbot, server_start)

    first.retry_button.click()

    second = failure_dialog(qtbot, server_start)
    assert second is not first
    assert "недоступен" in second.message_label.text()
    assert not server_start.is_finished


def test_exit_opens_nothing(qtbot, unreachable_folder, starts):
    server_start = starts(unreachable_folder)
    dialog = failure_dialog(qtbot, server_start)

    with qtbot.waitSignal(server_start.finished):
        dialog.exit_button.click()

    assert server_start.context is None
    assert server_start.error is None
    assert (unreachable_folder / postgres.SAVED_URL_FILE).exists()


def test_local_database_forgets_server(qtbot, unreachable_folder, starts, recorded):
    server_start = starts(unreachable_folder)
    dialog = failure_dialog(qtbot, server_start)

    with qtbot.waitSignal(server_start.finished):
        dialog.local_button.click()

    assert len(recorded.questions) == 1
    assert "остаются на сервере" in recorded.questions[0]
    assert not (unreachable_folder / postgres.SAVED_URL_FILE).exists()
    assert server_start.context.database.is_sqlite


def test_local_database_declined_keeps_server(qtbot, unreachable_folder, starts, recorded):
    recorded.answers = [False]
    server_start = starts(unreachable_folder)
    first = failure_dialog(qtbot, server_start)

    first.local_button.click()

    second = failure_dialog(qtbot, server_start)
    assert second is not first
    assert (unreachable_folder / postgres.SAVED_URL_FILE).exists()
    assert not server_start.is_finished


def test_change_form_shows_saved_server(qtbot, unreachable_folder, starts):
    server_start = starts(unreachable_folder)
    failure_dialog(qtbot, server_start).change_button.click()

    qtbot.waitUntil(lambda: isinstance(server_start.dialog, ServerConnectionDialog))
    form = server_start.dialog
    assert form.host_edit.text() == "127.0.0.1"
    assert form.user_edit.text() == "оператор"
    assert form.password_edit.text() == ""

    form.reject()
    failure_dialog(qtbot, server_start)
    assert not server_start.is_finished


def test_other_failure_left_to_caller(tmp_path):
    not_a_folder = tmp_path / "файл"
    not_a_folder.write_text("", encoding="utf-8")

    with pytest.raises(DatabaseError):
        open_start_context(not_a_folder)


def test_local_start_asks_nothing(qtbot, data_dir, starts):
    server_start = starts(data_dir)

    assert server_start.is_finished
    assert server_start.dialog is None
    assert server_start.context.database.is_sqlite


def test_change_connection_moves_to_server(qtbot, unreachable_folder, starts, postgres_server, monkeypatch,
                                           tmp_path, caplog):
    url = postgres_server.new_schema_url()
    monkeypatch.setenv("PGOPTIONS", url.query["options"])
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    caplog.set_level(logging.DEBUG)
    try:
        server_start = starts(unreachable_folder)
        failure_dialog(qtbot, server_start).change_button.click()
        qtbot.waitUntil(lambda: isinstance(server_start.dialog, ServerConnectionDialog))
        form = server_start.dialog
        form.host_edit.setText(url.host)
        form.port_box.setValue(url.port)
        form.database_edit.setText(url.database)
        form.user_edit.setText(url.username)
        form.password_edit.setText(url.password)
        assert form.test_connection()

        form.accept()
        naming = operator_dialog(qtbot, server_start)
        naming.name_edit.setText("Сидорова В. Г.")
        with qtbot.waitSignal(server_start.finished):
            naming.accept()

        assert not server_start.context.database.is_sqlite
        assert server_start.context.operator == "Сидорова В. Г."
        saved = (unreachable_folder / postgres.SAVED_URL_FILE).read_text(encoding="utf-8")
        assert f":{url.port}/" in saved
        assert url.password not in saved
        assert url.password not in (unreachable_folder / SETTINGS_FILE).read_text(encoding="utf-8")
        assert not [record for record in caplog.records if url.password in record.getMessage()]
    finally:
        postgres_server.drop_schemas()


def test_wrong_password_offers_choices(qtbot, server_folder, starts, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "неверный")
    server_start = starts(server_folder)

    dialog = failure_dialog(qtbot, server_start)

    assert "не принял пароль" in dialog.message_label.text()


def run_session(qtbot, starts, folder, name: str | None, change) -> str:
    """Start on the server, answer the operator question (None cancels), make a change; return the prefilled name."""
    server_start = starts(folder)
    naming = operator_dialog(qtbot, server_start)
    prefilled = naming.name_edit.text()
    with qtbot.waitSignal(server_start.finished):
        if name is None:
            naming.reject()
        else:
            naming.name_edit.setText(name)
            naming.accept()
    change(server_start.context)
    server_start.context.close()
    server_start.context = None
    return prefilled


def audit_operators(folder) -> dict[str, set[str]]:
    from proforient_desktop.services.context import open_context

    context = open_context(folder)
    try:
        with context.database.transaction() as session:
            rows = session.execute(select(AuditEntry.action, AuditEntry.operator)).all()
    finally:
        context.close()
    operators: dict[str, set[str]] = {}
    for action, operator in rows:
        operators.setdefault(action, set()).add(operator)
    return operators


def test_two_sessions_name_their_operators(qtbot, server_folder, starts):
    run_session(qtbot, starts, server_folder, "Иванова  А. П. ", lambda context: initialize(context, "school", *SCHOOL))
    prefilled = run_session(qtbot, starts, server_folder, "Петров Б. В.",
                            lambda context: set_counts(context, 2024, {"students_total": 600}))

    assert prefilled == "Иванова А. П."
    assert last_operator(server_folder) == "Петров Б. В."
    operators = audit_operators(server_folder)
    assert operators["initialize"] == {"Иванова А. П."}
    assert operators["counts_set"] == {"Петров Б. В."}


def test_cancelled_name_records_database_user(qtbot, server_folder, starts, postgres_server):
    run_session(qtbot, starts, server_folder, None, lambda context: initialize(context, "school", *SCHOOL))

    assert audit_operators(server_folder)["initialize"] == {postgres_server.url.username}


def test_operator_name_required(qtbot, data_dir):
    dialog = OperatorDialog(data_dir, "proforient")
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("   ")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()

    dialog.name_edit.setText("Я" * 201)
    dialog.accept()

    assert "длиннее 200 символов" in dialog.status_label.text()
    assert dialog.operator() == "proforient"
    assert last_operator(data_dir) == ""
