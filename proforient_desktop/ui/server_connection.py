"""Connecting the regional installation to a PostgreSQL server.

The dialog builds the server's URL from its fields, checks the connection
through ``storage.postgres`` and, once the check passed, saves the URL
(without the password) for the data folder. The password goes to the user's
PostgreSQL password file only if the operator asks for it. Otherwise it is
kept in this process's environment until the program closes.

Given an open context, the dialog also switches that context to the server.
Given only a data folder (a start that failed, or the settings screen), it
saves the URL, and the program opens the server on its next attempt.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, \
    QPushButton, QSpinBox, QVBoxLayout, QWidget
from sqlalchemy import URL

from proforient_desktop.catalog import Role
from proforient_desktop.errors import UserError
from proforient_desktop.services.context import AppContext, switch_database
from proforient_desktop.services.workspace import current_installation
from proforient_desktop.storage.postgres import DRIVER, check_connection, pgpass_path, read_saved_url, \
    remember_password, save_url
from proforient_desktop.ui.operator_dialog import OperatorDialog

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #a40000;"
SUCCESS_STYLE = "color: #1b5e20;"
DEFAULT_PORT = 5432
DEFAULT_DATABASE = "proforient"


class ServerConnectionDialog(QDialog):
    """Server, port, database, user and password, with a connection test before saving."""

    def __init__(self, context: AppContext | None, parent: QWidget | None = None, *,
                 data_dir: Path | None = None) -> None:
        super().__init__(parent)
        if context is None and data_dir is None:
            raise ValueError("ServerConnectionDialog needs a context or a data folder")
        self.context = context
        self.data_dir = context.data_dir if context is not None else data_dir
        self._checked_url: URL | None = None
        # Options of a saved URL that the form has no field for, such as sslmode, are kept.
        self._query: dict = {}
        self.setWindowTitle(self.tr("Regional database server"))
        self.setMinimumWidth(560)
        self._init_fields()
        self._init_layout()
        self._connect_signals()
        self._fill_saved_server()
        self._on_field_changed()

    def _init_fields(self) -> None:
        self.host_edit = QLineEdit(self)
        self.host_edit.setPlaceholderText(self.tr("e.g. db.region.local or 10.0.0.5"))
        self.port_box = QSpinBox(self)
        self.port_box.setRange(1, 65535)
        self.port_box.setValue(DEFAULT_PORT)
        self.database_edit = QLineEdit(DEFAULT_DATABASE, self)
        self.user_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(self.tr("&Remember the password on this computer"), self)
        self.remember_box.setChecked(True)
        self.remember_hint = QLabel(self.tr("It is kept in PostgreSQL's password file %1, which only your "
                                            "user account can read.").replace("%1", str(pgpass_path())), self)
        self.remember_hint.setWordWrap(True)
        self.check_button = QPushButton(self.tr("&Test the connection"), self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Connect"))

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.host_edit)
        form.addRow(self.tr("&Port:"), self.port_box)
        form.addRow(self.tr("&Database:"), self.database_edit)
        form.addRow(self.tr("&User:"), self.user_edit)
        form.addRow(self.tr("Pass&word:"), self.password_edit)
        hint = QLabel(self.tr("Ask the regional IT staff for these values. The password is never written to the "
                              "program's settings or log."), self)
        hint.setWordWrap(True)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.remember_hint)
        layout.addLayout(check_row)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        for edit in (self.host_edit, self.database_edit, self.user_edit, self.password_edit):
            edit.textChanged.connect(self._on_field_changed)
        self.port_box.valueChanged.connect(self._on_field_changed)
        self.check_button.clicked.connect(self.test_connection)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def fill(self, url: URL) -> None:
        """Put a server URL's parts into the fields; a password in the URL is not shown."""
        self.host_edit.setText(url.host or "")
        self.port_box.setValue(url.port or DEFAULT_PORT)
        self.database_edit.setText(url.database or "")
        self.user_edit.setText(url.username or "")
        self._query = dict(url.query)

    def _fill_saved_server(self) -> None:
        # A saved address that no longer parses is typed again, so its error is only logged.
        try:
            saved = read_saved_url(self.data_dir)
        except UserError as error:
            log.warning("Saved server of %s not shown in the connection form: %s", self.data_dir, error.message)
            return
        if saved is not None and saved.get_backend_name() == "postgresql":
            self.fill(saved)

    def url(self) -> URL:
        return URL.create(DRIVER, username=self.user_edit.text().strip() or None,
                          password=self.password_edit.text() or None, host=self.host_edit.text().strip() or None,
                          port=self.port_box.value(), database=self.database_edit.text().strip() or None,
                          query=self._query)

    def problem(self) -> str:
        """Return the Russian message of the first empty required field, or ""."""
        if not self.host_edit.text().strip():
            return self.tr("Type the server's name or address.")
        if not self.database_edit.text().strip():
            return self.tr("Type the database name.")
        if not self.user_edit.text().strip():
            return self.tr("Type the user name.")
        return ""

    def test_connection(self) -> bool:
        """Check the connection with the fields' values; show and return the result."""
        problem = self.problem()
        if problem:
            self._show_status(problem, ERROR_STYLE)
            return False

        url = self.url()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info = check_connection(url)
        except UserError as error:
            self._checked_url = None
            self._show_status(error.message, ERROR_STYLE)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()

        self._checked_url = url
        state = (self.tr("the database is already set up by another operator") if info.schema_exists
                 else self.tr("the database is empty and will be set up now"))
        self._show_status(self.tr("Connected to PostgreSQL %1 as «%2»: %3.").replace("%1", info.server_version)
                          .replace("%2", info.user).replace("%3", state), SUCCESS_STYLE)
        self._on_checked()
        return True

    def accept(self) -> None:
        """Save the checked connection and, given a context, switch the program's data to the server."""
        url = self._checked_url
        if url is None:
            return
        try:
            if self.remember_box.isChecked() and url.password:
                remember_password(url, url.password)
            elif url.password:
                # NOTE: kept for this run only; the next start needs the password file or PGPASSWORD.
                os.environ["PGPASSWORD"] = url.password
            if self.context is not None:
                switch_database(self.context, url)
            else:
                save_url(self.data_dir, url)
        except (UserError, OSError) as error:
            message = error.message if isinstance(error, UserError) else str(error)
            log.warning("Switching to the server failed: %s", message)
            self._show_status(message, ERROR_STYLE)
            return
        super().accept()

    def _show_status(self, text: str, style: str) -> None:
        self.status_label.setStyleSheet(style)
        self.status_label.setText(text)

    def _on_field_changed(self, *_args) -> None:
        self._checked_url = None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _on_checked(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)


class ServerOption(QWidget):
    """The setup wizard's «regional server» choice, shown for the region's role only.

    After a successful connection the wizard's context works on the server.
    If another operator has already set the server's database up, the
    wizard closes at once, because there is nothing left to set up.
    """

    server_connected = Signal()

    def __init__(self, wizard, role_page, parent: QWidget | None = None) -> None:
        super().__init__(parent or role_page)
        self._wizard = wizard
        self._role_page = role_page
        self.operator_dialog: OperatorDialog | None = None
        self.button = QPushButton(self.tr("Keep the region's data on the regional &server (PostgreSQL)…"), self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.status_label)
        self.button.clicked.connect(self.open_dialog)
        role_page.group.idToggled.connect(self._on_role_toggled)
        self._on_role_toggled()

    def open_dialog(self) -> ServerConnectionDialog:
        dialog = ServerConnectionDialog(self._wizard.context, self)
        dialog.accepted.connect(self._on_connected)
        dialog.open()
        return dialog

    def _on_connected(self) -> None:
        # The window's start asks the operator's name only when it opens a server, which this start did not.
        context = self._wizard.context
        self.operator_dialog = OperatorDialog(context.data_dir, context.operator, self)
        self.operator_dialog.finished.connect(self._on_operator_named)
        self.operator_dialog.open()

    def _on_operator_named(self, _result: int) -> None:
        context = self._wizard.context
        context.operator = self.operator_dialog.operator()
        self.status_label.setText(self.tr("The data is kept on the server %1.")
                                  .replace("%1", context.database.location))
        self.server_connected.emit()
        if current_installation(context) is not None:
            self._wizard.accept()

    def _on_role_toggled(self, *_args) -> None:
        self.setVisible(self._role_page.chosen_role() is Role.REGION)
