"""The operator's name for the audit log, asked once per start on the regional server.

Several people share one server database and often one database user, so
the audit log would not tell them apart by the database user alone. The last
name entered is kept in the window settings of the data folder and offered
again at the next start. Cancelling keeps the database user.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services.audit import normalize_operator
from proforient_desktop.ui.settings_store import window_settings

log = logging.getLogger(__name__)

KEY_LAST_OPERATOR = "audit/last_operator"


def last_operator(data_dir: Path) -> str:
    return str(window_settings(data_dir).value(KEY_LAST_OPERATOR, "") or "")


def save_last_operator(data_dir: Path, name: str) -> None:
    settings = window_settings(data_dir)
    settings.setValue(KEY_LAST_OPERATOR, name)
    settings.sync()


class OperatorDialog(QDialog):
    """Asks the operator's name; ``operator()`` is the name to record, the database user after «Cancel»."""

    def __init__(self, data_dir: Path, database_user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.database_user = database_user
        self._operator = database_user
        self.setWindowTitle(self.tr("Operator"))
        self.setMinimumWidth(480)
        self._init_widgets()
        self._init_layout()
        self._connect_signals()
        self._on_name_changed()

    def _init_widgets(self) -> None:
        self.hint_label = QLabel(self.tr("Several operators work with the regional database. Your name is written "
                                         "in the change log next to every change you make until the program "
                                         "is closed. «Cancel» records the database user «%1» instead.")
                                 .replace("%1", self.database_user), self)
        self.hint_label.setWordWrap(True)
        self.name_edit = QLineEdit(last_operator(self.data_dir) or self.database_user, self)
        self.name_edit.setPlaceholderText(self.tr("e.g. Ivanova A. P."))
        self.name_edit.selectAll()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #a40000;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Your &name:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.name_edit.textChanged.connect(self._on_name_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def operator(self) -> str:
        return self._operator

    def accept(self) -> None:
        try:
            name = normalize_operator(self.name_edit.text())
        except InvalidInputError as error:
            self.status_label.setText(error.message)
            return

        save_last_operator(self.data_dir, name)
        self._operator = name
        log.info("Audit log names the operator %s (database user %s)", name, self.database_user)
        super().accept()

    def reject(self) -> None:
        self._operator = self.database_user
        super().reject()

    def _on_name_changed(self, *_args) -> None:
        self.status_label.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name_edit.text().strip()))
