"""Starting the window: translations, one copy per data folder, integrity, setup, backups.

The window's shell is painted first, with only Qt and the translations
loaded. The data layer (SQLAlchemy, the catalogue, the services) is imported
after that first paint. Then the integrity check, the opening of the database
with its migrations, the start-up backup and the setup wizard run. So this
module imports the data layer inside the functions that need it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from proforient_desktop.locations import resolve_data_dir
from proforient_desktop.folder_lock import FolderLock, held_by_commands, try_lock
from proforient_desktop.ui.i18n import DEFAULT_LANGUAGE, install_translations, remove_translations
from proforient_desktop.ui.main_window import MainWindow, messenger
from proforient_desktop.ui.settings_store import saved_language

if TYPE_CHECKING:
    from proforient_desktop.services.context import AppContext
    from proforient_desktop.ui.setup_wizard import SetupWizard

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
# The data opens after the shell's first paint; a window that is never
# painted (started minimised) opens it after this delay anyway.
UNPAINTED_OPEN_DELAY_MS = 1500


def acquire_lock(data_dir: Path) -> FolderLock | None:
    """Lock the data folder for this copy of the program; None when another copy or a writing command holds it.

    The operating system releases the lock of a crashed copy.
    """
    return try_lock(data_dir, exclusive=True)


def check_integrity(data_dir: Path, parent: QWidget | None = None) -> bool:
    """Offer the newest intact backup when the database is damaged; return whether to go on."""
    from proforient_desktop.services.workspace import database_path, is_damaged, newest_intact_backup, \
        replace_damaged_database

    if not is_damaged(data_dir):
        return True

    log.error("Database in %s failed the integrity check", data_dir)
    title = QCoreApplication.translate("Application", "Damaged data file")
    good = newest_intact_backup(data_dir)
    if good is None:
        from proforient_desktop.ui.damaged_data_dialog import offer_fresh_start

        return offer_fresh_start(data_dir, parent)

    question = QCoreApplication.translate(
        "Application",
        "The data file is damaged. Restore the newest intact backup «%1»? The damaged file "
        "is kept beside it for inspection.")
    if not database_path(data_dir).exists() or database_path(data_dir).stat().st_size == 0:
        question = QCoreApplication.translate(
            "Application",
            "The data file is missing or empty, although the folder holds its backups. Restore the newest "
            "intact backup «%1»?")
    if not messenger().question(parent, title, question.replace("%1", good.name)):
        return False

    damaged = replace_damaged_database(data_dir, good)
    if damaged is None:
        text = QCoreApplication.translate("Application", "The data was restored from «%1».")
        messenger().notice(parent, title, text.replace("%1", good.name))
        return True
    text = QCoreApplication.translate(
        "Application", "The data was restored from «%1». The damaged file was saved as «%2».")
    messenger().notice(parent, title, text.replace("%1", good.name).replace("%2", damaged.name))
    return True


class Session:
    """One run of the window on one data folder: lock, shell, data, window, backups.

    ``window`` is set once the data is open and the window filled; until
    then (and while the setup wizard runs) only ``shell`` is.
    """

    def __init__(self, data_dir: Path, package_file: Path | None = None) -> None:
        self.data_dir = data_dir
        # A package the user double-clicked, shown in the import preview once the window is up.
        self.package_file = package_file
        self.lock: FolderLock | None = None
        self.context: AppContext | None = None
        self.shell: MainWindow | None = None
        self.window: MainWindow | None = None
        self.wizard: SetupWizard | None = None
        # An error while opening the data inside the event loop, raised again when the loop ends.
        self.failure: Exception | None = None
        self._opening = False

    def start(self) -> bool:
        """Show the shell and open the data at once; False means quit at once."""
        return self.show_shell() and self.open_data()

    def show_shell(self) -> bool:
        """Lock the data folder and show the window's shell; False when it cannot be created or another copy holds it."""
        try:
            self.lock = acquire_lock(self.data_dir)
        except OSError as error:
            log.error("Data folder %s cannot be created: %s", self.data_dir, error)
            text = QCoreApplication.translate(
                "Application",
                "The data folder %1 cannot be created: %2. Start the program with another folder (--data-dir) "
                "or check the access rights.")
            title = QCoreApplication.translate("Application", "Data cannot be opened")
            detail = error.strerror or str(error)
            messenger().error(None, title, text.replace("%1", str(self.data_dir)).replace("%2", detail))
            return False
        if self.lock is None:
            text = QCoreApplication.translate(
                "Application",
                "The program is already open with the data folder %1. Switch to that window, or close it "
                "and start the program again.")
            title = QCoreApplication.translate("Application", "ProfOrient Desktop is already running")
            if held_by_commands(self.data_dir):
                text = QCoreApplication.translate(
                    "Application",
                    "A command (proforient …) is working with the data folder %1. Wait until it finishes, "
                    "then start the program again.")
                title = QCoreApplication.translate("Application", "Data folder is busy")
            messenger().error(None, title, text.replace("%1", str(self.data_dir)))
            return False

        self.shell = MainWindow(data_dir=self.data_dir)
        self.shell.show()
        return True

    def open_data_after_paint(self) -> None:
        """Open the data once the shell has been painted, inside the event loop."""
        self.shell.first_painted.connect(self._schedule_open_data)
        QTimer.singleShot(UNPAINTED_OPEN_DELAY_MS, self._schedule_open_data)

    def _schedule_open_data(self) -> None:
        # Queued, so that the paint in progress reaches the screen first.
        if not self._opening:
            self._opening = True
            QTimer.singleShot(0, self._open_data_in_loop)

    def _open_data_in_loop(self) -> None:
        from proforient_desktop.logging_setup import configure_logging

        configure_logging(self.data_dir)
        try:
            opened = self.open_data()
        except Exception as error:
            # Qt would only print an exception raised in a slot; run() raises
            # it again for the start-up failure report.
            self.failure = error
            opened = False
        if not opened:
            QCoreApplication.exit(EXIT_FAILURE)

    def open_data(self) -> bool:
        """Check and open the data, back it up, then set up or fill the window; False means quit."""
        from proforient_desktop.errors import UserError
        from proforient_desktop.ui.server_start import open_start_context
        from proforient_desktop.services.workspace import back_up, current_installation

        if not check_integrity(self.data_dir, self.shell):
            return False
        try:
            # A failing saved server offers retry, another connection, the local database or exit.
            self.context = open_start_context(self.data_dir, self.shell)
        except UserError as error:
            title = QCoreApplication.translate("Application", "Data cannot be opened")
            messenger().error(self.shell, title, error.message)
            return False
        if self.context is None:
            return False

        back_up(self.context, "start")
        if current_installation(self.context) is None:
            from proforient_desktop.ui.setup_wizard import SetupWizard

            # A package double-clicked on a new computer is most likely the organisation's own.
            # So the wizard starts with the restore from it chosen, and the operator can still untick it.
            self.wizard = SetupWizard(self.context, restore_file=self.package_file)
            self.wizard.finished.connect(self._on_wizard_finished)
            self.wizard.open()
        else:
            self._show_window()
        return True

    def _on_wizard_finished(self, _result: int) -> None:
        from proforient_desktop.services.workspace import current_installation

        if current_installation(self.context) is None:
            QCoreApplication.quit()
            return
        if self.wizard.restored_from is not None:
            # The package has become this installation's own data; importing it too would reject it.
            self.package_file = None
        self._show_window()

    def _show_window(self) -> None:
        self.shell.attach(self.context)
        self.window = self.shell
        self.window.context_replaced.connect(self._on_context_replaced)
        if self.package_file is not None:
            screen = self.window.show_section("exchange")
            screen.start_preview([self.package_file])
            self.package_file = None

    def _on_context_replaced(self) -> None:
        self.context = self.window.context

    def stop(self) -> None:
        from proforient_desktop.services.workspace import back_up

        if self.shell is not None and self.window is None:
            # Closed before the data was open: nothing of the window is saved but its place.
            self.shell.close()
        if self.context is not None:
            back_up(self.context, "close")
            self.context.close()
            self.context = None
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def run(data_dir: str | Path | None = None, package_file: Path | None = None) -> int:
    """Run the window on ``data_dir`` (or the default folder) until it is closed.

    ``package_file`` is opened in the exchange screen's import preview.
    """
    folder = resolve_data_dir(data_dir)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ProfOrient Desktop")
    translators = install_translations(app, saved_language(folder, DEFAULT_LANGUAGE))

    session = Session(folder, package_file)
    try:
        if not session.show_shell():
            return EXIT_FAILURE
        session.open_data_after_paint()
        code = app.exec()
        if session.failure is not None:
            raise session.failure
        return code
    finally:
        session.stop()
        # The translators are the application's children and stay installed in an application
        # that outlives this run, as in the tests, unless they are removed.
        remove_translations(app, translators)
