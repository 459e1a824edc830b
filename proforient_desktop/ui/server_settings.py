"""The settings screen's «regional server» section: change or forget the data folder's server.

The new choice is saved for the data folder and used from the next start,
because every open screen shows data read from the current database.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, \
    QWidget

from proforient_desktop.catalog import Role
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.workspace import current_installation
from proforient_desktop.storage.postgres import save_url
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.server_connection import ServerConnectionDialog
from proforient_desktop.ui.server_start import has_saved_server, saved_server_text

log = logging.getLogger(__name__)


class ServerSettingsBox(QGroupBox):
    """The data's location, the operator named in the change log, and buttons to change or forget the server."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.dialog: ServerConnectionDialog | None = None
        self.setTitle(self.tr("Regional server"))
        self._init_widgets()
        self._init_layout()
        self._connect_signals()
        self.refresh()

    def _init_widgets(self) -> None:
        self.location_label = QLabel(self)
        self.operator_label = QLabel(self)
        self.pending_label = QLabel(self)
        for label in (self.location_label, self.operator_label, self.pending_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.pending_label.setStyleSheet("color: #1b5e20;")
        self.change_button = QPushButton(self.tr("&Change the server connection…"), self)
        self.local_button = QPushButton(self.tr("Work with the local data&base"), self)
        for button in (self.change_button, self.local_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def _init_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.local_button)
        buttons.addStretch(1)
        actions = QVBoxLayout()
        actions.addLayout(buttons)
        actions.addWidget(self.pending_label)
        self.pending_label.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("Database:"), self.location_label)
        form.addRow(self.tr("Operator in the change log:"), self.operator_label)
        form.addRow("", actions)

    def _connect_signals(self) -> None:
        self.change_button.clicked.connect(self.open_connection_dialog)
        self.local_button.clicked.connect(self.forget_server)

    def refresh(self) -> None:
        database = self._context.database
        if database.is_sqlite:
            self.location_label.setText(self.tr("the local file on this computer"))
        else:
            self.location_label.setText(self.tr("the server %1").replace("%1", database.location))
        self.operator_label.setText(self._context.operator or "—")
        self.local_button.setEnabled(has_saved_server(self._context.data_dir))
        installation = current_installation(self._context)
        # Only the region keeps its data on a server. Other roles see the section once a server is in use.
        is_region = installation is not None and installation.role is Role.REGION
        self.setVisible(is_region or not database.is_sqlite or has_saved_server(self._context.data_dir))

    def open_connection_dialog(self) -> ServerConnectionDialog:
        self.dialog = ServerConnectionDialog(None, self, data_dir=self._context.data_dir)
        self.dialog.accepted.connect(self._on_server_saved)
        self.dialog.open()
        return self.dialog

    def _on_server_saved(self) -> None:
        self._show_pending(self.tr("The program works with the server %1 after it is restarted.")
                           .replace("%1", saved_server_text(self._context.data_dir)))

    def forget_server(self) -> None:
        title = self.tr("Work with the local database")
        question = self.tr("Forget the regional server %1 and work with the local database of this computer from "
                           "the next start? The data on the server stay on the server, and other operators keep "
                           "working with them.").replace("%1", saved_server_text(self._context.data_dir))
        if not messenger().question(self, title, question):
            return

        save_url(self._context.data_dir, None)
        self._show_pending(self.tr("The program works with the local database after it is restarted."))

    def _show_pending(self, text: str) -> None:
        self.pending_label.setText(text)
        self.pending_label.show()
        self.local_button.setEnabled(has_saved_server(self._context.data_dir))
