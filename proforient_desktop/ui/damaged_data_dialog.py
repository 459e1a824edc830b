"""The way out at start when the data file is damaged and no backup of it is intact.

The dialog offers to set the damaged file aside and run the setup again,
where the organisation's data can be restored from its last package, or to
exit. Setting aside only moves files (``services.workspace``), so nothing is
lost, and a notice shows the folder they went to, for the user to send to support.
"""

from __future__ import annotations

import enum
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QStyle, QWidget

from proforient_desktop.services.workspace import database_path, set_damaged_data_aside
from proforient_desktop.ui.choice_dialog import ChoiceDialog
from proforient_desktop.ui.messages import messenger

log = logging.getLogger(__name__)


class Choice(enum.IntEnum):
    """The user's choice, which is the dialog's ``result()``. Closing the dialog counts as «Выход»."""

    EXIT = 0
    SET_UP_AGAIN = 1


class DamagedDataDialog(ChoiceDialog):
    """A notice that the data file is damaged without an intact backup, with two choices: set it aside and set up again, or exit."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("DamagedDataDialog", "Damaged data file"), Choice, parent)
        path = database_path(data_dir)
        if path.exists() and path.stat().st_size > 0:
            summary = self.tr("The data file «%1» is damaged, and there is no intact backup of it.")
        else:
            summary = self.tr("The data file «%1» is missing or empty, and there is no intact backup of it.")
        self.summary_label = self._paragraph(summary.replace("%1", str(path)))
        self.plan_label = self._paragraph(self.tr(
            "The program can move the damaged file and its backups into a new folder inside «%1» and start "
            "the setup again. Nothing is deleted. In the setup, tick «Restore from your own last package» to "
            "take your organisation's data from the last package it exported.").replace("%1", str(data_dir)))
        self.support_label = self._paragraph(self.tr(
            "Send the moved files to your support: they may recover entries made after that package."))

        self.set_up_button = self._add_button(self.tr("&Set the file aside and set up again"), Choice.SET_UP_AGAIN)
        self.exit_button = self._add_button(self.tr("E&xit"), Choice.EXIT)
        self.set_up_button.setDefault(True)

        self._lay_out(QStyle.StandardPixmap.SP_MessageBoxCritical,
                      [self.summary_label, self.plan_label, self.support_label])


def offer_fresh_start(data_dir: Path, parent: QWidget | None = None) -> bool:
    """Ask what to do with a damaged data file that has no intact backup; return whether to go on to the setup.

    Going on means the damaged files were moved aside and a notice showed where.
    """
    dialog = DamagedDataDialog(data_dir, parent)
    dialog.exec()
    if dialog.choice() is not Choice.SET_UP_AGAIN:
        log.info("Damaged data in %s left as it is; the program exits", data_dir)
        return False

    title = dialog.windowTitle()
    try:
        aside = set_damaged_data_aside(data_dir)
    except OSError as error:
        log.error("Damaged data in %s cannot be moved aside: %s", data_dir, error)
        text = QCoreApplication.translate(
            "DamagedDataDialog", "The damaged file cannot be moved: %1. Close the programs that may use the data "
            "folder «%2» and start the program again.")
        detail = error.strerror or str(error)
        messenger().error(parent, title, text.replace("%1", detail).replace("%2", str(data_dir)))
        return False

    text = QCoreApplication.translate(
        "DamagedDataDialog", "The damaged data was moved to the folder «%1». Keep the folder and send it to your "
        "support. The setup starts now.")
    messenger().notice(parent, title, text.replace("%1", str(aside)))
    return True
