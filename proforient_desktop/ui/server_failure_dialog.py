"""The choice offered when the saved regional server cannot be opened at start."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, \
    QWidget


class Choice(enum.IntEnum):
    """The operator's choice, which is the dialog's ``result()``. Closing the dialog counts as «Выход»."""

    EXIT = 0
    RETRY = 1
    CHANGE = 2
    LOCAL = 3


class ServerFailureDialog(QDialog):
    """Says why the server failed and offers: retry, change the connection, work locally, exit."""

    def __init__(self, server: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The regional server cannot be opened"))
        self.setMinimumWidth(680)
        self._init_texts(server, message)
        self._init_buttons()
        self._init_layout()

    def _init_texts(self, server: str, message: str) -> None:
        self.summary_label = QLabel(self.tr("The program could not open the data on the regional server «%1».")
                                    .replace("%1", server), self)
        self.message_label = QLabel(message, self)
        self.hint_label = QLabel(self.tr("Try again once the server is available, change the connection, or "
                                         "work with the local database of this computer instead."), self)
        for label in (self.summary_label, self.message_label, self.hint_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setStyleSheet("color: #a40000;")

    def _init_buttons(self) -> None:
        self.buttons = QDialogButtonBox(self)
        self.retry_button = self._add_button(self.tr("&Retry"), Choice.RETRY)
        self.change_button = self._add_button(self.tr("&Change the connection…"), Choice.CHANGE)
        self.local_button = self._add_button(self.tr("Work with the &local database"), Choice.LOCAL)
        self.exit_button = self._add_button(self.tr("E&xit"), Choice.EXIT)
        self.retry_button.setDefault(True)

    def _add_button(self, text: str, choice: Choice) -> QPushButton:
        button = QPushButton(text, self)
        # ActionRole keeps the buttons in the order added on every platform's button layout.
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda: self.done(choice))
        return button

    def _init_layout(self) -> None:
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        texts = QVBoxLayout()
        texts.addWidget(self.summary_label)
        texts.addWidget(self.message_label)
        texts.addWidget(self.hint_label)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(texts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def choice(self) -> Choice:
        return Choice(self.result())
