"""Starting the window: translations, one copy per data folder, integrity, setup, backups."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import QApplication, QWidget

from proforient_desktop.errors import UserError
from proforient_desktop.logging_setup import configure_logging
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.workspace import back_up, current_installation, is_damaged, \
    newest_intact_backup, replace_damaged_database
from proforient_desktop.storage.database import resolve_data_dir
from proforient_desktop.ui.i18n import DEFAULT_LANGUAGE, install_translations
from proforient_desktop.ui.main_window import MainWindow
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.server_start import open_start_context
from proforient_desktop.ui.settings_store import saved_language
from proforient_desktop.ui.setup_wizard import SetupWizard

log = logging.getLogger(__name__)

LOCK_FILE = "proforient.lock"
EXIT_OK = 0
EXIT_FAILURE = 1


def acquire_lock(data_dir: Path) -> QLockFile | None:
    """Lock the data folder for this copy of the program; None when another copy holds it.

    A lock left by a crashed copy is taken over, because QLockFile checks
    whether its owner process still runs.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / LOCK_FILE))
    lock.setStaleLockTime(0)
    if lock.tryLock(100):
        return lock
    return None


def check_integrity(data_dir: Path, parent: QWidget | None = None) -> bool:
    """Offer the newest intact backup when the database is damaged; return whether to go on."""
    if not is_damaged(data_dir):
        return True

    log.error("Database in %s failed the integrity check", data_dir)
    title = QCoreApplication.translate("Application", "Damaged data file")
    good = newest_intact_backup(data_dir)
    if good is None:
        text = QCoreApplication.translate(
            "Application",
            "The data file in %1 is damaged and there is no intact backup. The file was left as it is: "
            "ask your support to check it, or restore your data from your organisation's last package.")
        messenger().error(parent, title, text.replace("%1", str(data_dir)))
        return False

    question = QCoreApplication.translate(
        "Application",
        "The data file is damaged. Restore the newest intact backup «%1»? The damaged file "
        "is kept beside it for inspection.")
    if not messenger().question(parent, title, question.replace("%1", good.name)):
        return False

    damaged = replace_damaged_database(data_dir, good)
    text = QCoreApplication.translate(
        "Application", "The data was restored from «%1». The damaged file was saved as «%2».")
    messenger().notice(parent, title, text.replace("%1", good.name).replace("%2", damaged.name))
    return True


def open_window(context: AppContext) -> MainWindow:
    window = MainWindow(context)
    window.show()
    return window


class Session:
    """One run of the window on one data folder: lock, context, window, backups."""

    def __init__(self, data_dir: Path, package_file: Path | None = None) -> None:
        self.data_dir = data_dir
        # A package the user double-clicked, shown in the import preview once the window is up.
        self.package_file = package_file
        self.lock: QLockFile | None = None
        self.context: AppContext | None = None
        self.window: MainWindow | None = None
        self.wizard: SetupWizard | None = None

    def start(self) -> bool:
        """Prepare the data and show the setup or the window; False means quit at once."""
        self.lock = acquire_lock(self.data_dir)
        if self.lock is None:
            text = QCoreApplication.translate(
                "Application",
                "The program is already open with the data folder %1. Switch to that window, or close it "
                "and start the program again.")
            title = QCoreApplication.translate("Application", "ProfOrient Desktop is already running")
            messenger().error(None, title, text.replace("%1", str(self.data_dir)))
            return False
        if not check_integrity(self.data_dir):
            return False

        try:
            # A failing saved server offers retry, another connection, the local database or exit.
            self.context = open_start_context(self.data_dir, None)
        except UserError as error:
            title = QCoreApplication.translate("Application", "Data cannot be opened")
            messenger().error(None, title, error.message)
            return False
        if self.context is None:
            return False

        back_up(self.context, "start")
        if current_installation(self.context) is None:
            self.wizard = SetupWizard(self.context)
            self.wizard.finished.connect(self._on_wizard_finished)
            self.wizard.open()
        else:
            self._show_window()
        return True

    def _on_wizard_finished(self, _result: int) -> None:
        if current_installation(self.context) is None:
            QCoreApplication.quit()
            return
        self._show_window()

    def _show_window(self) -> None:
        self.window = open_window(self.context)
        self.window.context_replaced.connect(self._on_context_replaced)
        if self.package_file is not None:
            screen = self.window.show_section("exchange")
            screen.start_preview([self.package_file])
            self.package_file = None

    def _on_context_replaced(self) -> None:
        self.context = self.window.context

    def stop(self) -> None:
        if self.context is not None:
            back_up(self.context, "close")
            self.context.close()
            self.context = None
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def run(data_dir: str | None = None, package_file: Path | None = None) -> int:
    """Run the window on ``data_dir`` (or the default folder) until it is closed.

    ``package_file`` is opened in the exchange screen's import preview.
    """
    folder = resolve_data_dir(data_dir)
    configure_logging(folder)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ProfOrient Desktop")
    translators = install_translations(app, saved_language(folder, DEFAULT_LANGUAGE))

    session = Session(folder, package_file)
    try:
        if not session.start():
            return EXIT_FAILURE
        return app.exec()
    finally:
        session.stop()
        del translators
