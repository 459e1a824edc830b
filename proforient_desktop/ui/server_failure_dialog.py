"""The choice offered when the saved regional server cannot be opened at start."""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle, QWidget

from proforient_desktop.ui.choice_dialog import ChoiceDialog


class Choice(enum.IntEnum):
    """The operator's choice, which is the dialog's ``result()``. Closing the dialog counts as «Выход»."""

    EXIT = 0
    RETRY = 1
    CHANGE = 2
    LOCAL = 3


class ServerFailureDialog(ChoiceDialog):
    """Says why the server failed and offers: retry, change the connection, work locally, exit."""

    def __init__(self, server: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ServerFailureDialog", "The regional server cannot be opened"),
                         Choice, parent)
        self.summary_label = self._paragraph(
            self.tr("The program could not open the data on the regional server «%1».").replace("%1", server))
        self.message_label = self._paragraph(message)
        self.message_label.setStyleSheet("color: #a40000;")
        self.hint_label = self._paragraph(self.tr("Try again once the server is available, change the connection, "
                                                  "or work with the local database of this computer instead."))

        self.retry_button = self._add_button(self.tr("&Retry"), Choice.RETRY)
        self.change_button = self._add_button(self.tr("&Change the connection…"), Choice.CHANGE)
        self.local_button = self._add_button(self.tr("Work with the &local database"), Choice.LOCAL)
        self.exit_button = self._add_button(self.tr("E&xit"), Choice.EXIT)
        self.retry_button.setDefault(True)

        self._lay_out(QStyle.StandardPixmap.SP_MessageBoxWarning,
                      [self.summary_label, self.message_label, self.hint_label])
