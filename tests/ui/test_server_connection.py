"""The «regional server» choice of the setup wizard and its connection dialog."""

from __future__ import annotations

import socket
import stat

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from proforient_desktop.catalog import Role
from proforient_desktop.services.installation import initialize
from proforient_desktop.services.workspace import current_installation
from proforient_desktop.storage import postgres
from proforient_desktop.ui.server_connection import ServerConnectionDialog, ServerOption
from proforient_desktop.ui.setup_wizard import SetupWizard


@pytest.fixture
def wizard(qtbot, context, recorded):
    wizard = SetupWizard(context)
    qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    return wizard


@pytest.fixture
def dialog(qtbot, context):
    dialog = ServerConnectionDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def server_schema(postgres_server, monkeypatch, tmp_path):
    """A fresh schema on the test server, chosen through PGOPTIONS as the dialog has no such field."""
    url = postgres_server.new_schema_url()
    monkeypatch.setenv("PGOPTIONS", url.query["options"])
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    yield url
    postgres_server.drop_schemas()


def fill(dialog: ServerConnectionDialog, url) -> None:
    dialog.host_edit.setText(url.host)
    dialog.port_box.setValue(url.port)
    dialog.database_edit.setText(url.database)
    dialog.user_edit.setText(url.username)
    dialog.password_edit.setText(url.password or "")


def connect_button(dialog: ServerConnectionDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_option_shown_for_region_only(wizard):
    option = wizard.role_page.findChild(ServerOption)
    assert not option.isVisible()
    wizard.role_page.findChild(type(wizard.role_page.group.button(0)), f"role_{Role.REGION.value}").setChecked(True)
    assert option.isVisible()


def test_empty_server_named(dialog):
    assert not dialog.test_connection()
    assert dialog.status_label.text() == "Введите имя или адрес сервера."
    assert not connect_button(dialog).isEnabled()


def test_unreachable_server_message(dialog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fill(dialog, postgres.parse_database_url(f"postgresql://оператор:x@127.0.0.1:{port}/proforient"))

    assert not dialog.test_connection()

    assert "недоступен" in dialog.status_label.text()
    assert not connect_button(dialog).isEnabled()


def test_wrong_password_message(dialog, server_schema):
    fill(dialog, server_schema.set(password="неверный"))
    assert not dialog.test_connection()
    assert "не принял пароль" in dialog.status_label.text()


def test_connect_moves_data_to_server(dialog, server_schema, context, tmp_path):
    fill(dialog, server_schema)
    assert dialog.test_connection()
    assert "база данных пуста" in dialog.status_label.text()
    assert connect_button(dialog).isEnabled()

    dialog.password_edit.setText(server_schema.password + " ")
    assert not connect_button(dialog).isEnabled(), "a changed field needs a new check"
    dialog.password_edit.setText(server_schema.password)
    assert dialog.test_connection()
    connect_button(dialog).click()

    assert not dialog.isVisible()
    assert not context.database.is_sqlite
    assert context.operator == server_schema.username
    saved = (context.data_dir / postgres.SAVED_URL_FILE).read_text(encoding="utf-8")
    assert server_schema.password not in saved
    password_file = tmp_path / "pgpass"
    assert server_schema.password in password_file.read_text(encoding="utf-8")
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600


def test_set_up_server_closes_wizard(qtbot, wizard, server_schema, tmp_path):
    from proforient_desktop.services.context import open_context

    other = open_context(tmp_path / "другой оператор", database_url=server_schema)
    initialize(other, "region", "2700000000", "Министерство образования и науки Хабаровского края", None)
    other.close()
    wizard.role_page.findChild(type(wizard.role_page.group.button(0)), f"role_{Role.REGION.value}").setChecked(True)

    dialog = wizard.role_page.findChild(ServerOption).open_dialog()
    fill(dialog, server_schema)
    assert dialog.test_connection()
    assert "уже настроена" in dialog.status_label.text()
    connect_button(dialog).click()
    option = wizard.role_page.findChild(ServerOption)
    qtbot.waitUntil(lambda: option.operator_dialog is not None and option.operator_dialog.isVisible())
    option.operator_dialog.name_edit.setText("Иванова А. П.")
    with qtbot.waitSignal(wizard.finished):
        option.operator_dialog.accept()

    assert current_installation(wizard.context).organisation_code == "2700000000"
    assert wizard.context.operator == "Иванова А. П."


def test_dialog_fits_small_screen(dialog, tmp_path):
    dialog.status_label.setText("Сервер базы данных «10.0.0.5:5432» недоступен. Проверьте адрес и порт, "
                                "подключение к сети и что сервер PostgreSQL запущен.")
    assert dialog.sizeHint().width() <= 1366
    assert dialog.sizeHint().height() <= 768
    assert dialog.windowTitle() == "Региональный сервер базы данных"
    assert dialog.grab().save(str(tmp_path / "server-connection.png"))
