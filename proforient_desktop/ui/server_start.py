"""Opening the data folder's database at the window's start, with a way out when the saved server fails.

The data folder's saved PostgreSQL server may fail to open: unreachable,
wrong password, missing database, no rights. ``ServerStart`` then shows
``ServerFailureDialog`` and acts on the choice: retry, change the connection,
forget the server and work with the local SQLite file, or exit. Once the
server is open it asks the operator's name for the audit log.

The steps run on signals, so tests drive them with qtbot; ``open_start_context``
waits for them in a local event loop for the start-up code.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from proforient_desktop.errors import UserError
from proforient_desktop.services.context import AppContext, open_context
from proforient_desktop.storage.database import DATABASE_URL_ENV
from proforient_desktop.storage.postgres import SAVED_URL_FILE, read_saved_url, save_url
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.operator_dialog import OperatorDialog
from proforient_desktop.ui.server_connection import DEFAULT_PORT, ServerConnectionDialog
from proforient_desktop.ui.server_failure_dialog import Choice, ServerFailureDialog

log = logging.getLogger(__name__)


def has_saved_server(data_dir: Path) -> bool:
    """Tell whether the data folder's own setting selects a server (not the environment variable)."""
    return (data_dir / SAVED_URL_FILE).exists() and not os.environ.get(DATABASE_URL_ENV)


def saved_server_text(data_dir: Path) -> str:
    """Return the saved server as «user@host:port/database», or the setting file's path when it is unreadable."""
    try:
        url = read_saved_url(data_dir)
    except UserError:
        url = None
    if url is None or url.get_backend_name() != "postgresql":
        return str(data_dir / SAVED_URL_FILE)
    user = f"{url.username}@" if url.username else ""
    return f"{user}{url.host or 'localhost'}:{url.port or DEFAULT_PORT}/{url.database or ''}"


class ServerStart(QObject):
    """Opens the database of ``data_dir``; ``finished`` is emitted once ``context`` or ``error`` is set, or neither.

    Neither means the operator chose to exit. ``error`` is a failure that is
    not the saved server's (a damaged SQLite file, say); the caller shows it.
    """

    finished = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.parent_widget = parent
        self.context: AppContext | None = None
        self.error: UserError | None = None
        self.is_finished = False
        self._failure_message = ""
        # The dialog on screen, for tests and for keeping it alive.
        self.dialog = None
        # Dialogs already closed stay referenced, because the next step starts while the
        # closed one still emits ``finished``, and a parentless dialog dies with its last reference.
        self._closed_dialogs: list = []

    def begin(self) -> None:
        self._try_open()

    def _try_open(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            context = open_context(self.data_dir)
        except UserError as error:
            self._on_open_failed(error)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()

        if context.database.is_sqlite:
            self._finish(context)
        else:
            self._ask_operator(context)

    def _on_open_failed(self, error: UserError) -> None:
        if not has_saved_server(self.data_dir):
            self.error = error
            self._finish(None)
            return

        log.warning("Saved server of %s failed at start: %s", self.data_dir, error.message)
        self._failure_message = error.message
        self._show_failure()

    def _show_failure(self) -> None:
        self._replace_dialog(ServerFailureDialog(saved_server_text(self.data_dir), self._failure_message,
                                                 self.parent_widget))
        self.dialog.finished.connect(self._on_failure_choice)
        self.dialog.open()

    def _on_failure_choice(self, result: int) -> None:
        choice = Choice(result)
        log.info("Operator chose %s after the server failure", choice.name.lower())
        if choice is Choice.RETRY:
            self._try_open()
        elif choice is Choice.CHANGE:
            self._change_connection()
        elif choice is Choice.LOCAL:
            self._work_locally()
        else:
            self._finish(None)

    def _change_connection(self) -> None:
        self._replace_dialog(ServerConnectionDialog(None, self.parent_widget, data_dir=self.data_dir))
        self.dialog.accepted.connect(self._try_open)
        self.dialog.rejected.connect(self._show_failure)
        self.dialog.open()

    def _work_locally(self) -> None:
        title = self.tr("Work with the local database")
        question = self.tr("Forget the regional server %1 and work with the local database of this computer? "
                           "The data on the server stay on the server, and other operators keep working with "
                           "them. You can connect to the server again in «Settings».").replace(
                               "%1", saved_server_text(self.data_dir))
        if not messenger().question(self.parent_widget, title, question):
            self._show_failure()
            return

        save_url(self.data_dir, None)
        self._try_open()

    def _ask_operator(self, context: AppContext) -> None:
        # Until a name is entered, ``open_context`` has set the operator to the database user.
        self._replace_dialog(OperatorDialog(self.data_dir, context.operator, self.parent_widget))
        self.dialog.finished.connect(lambda _result: self._on_operator_named(context))
        self.dialog.open()

    def _on_operator_named(self, context: AppContext) -> None:
        context.operator = self.dialog.operator()
        self._finish(context)

    def _replace_dialog(self, dialog) -> None:
        if self.dialog is not None:
            self._closed_dialogs.append(self.dialog)
        self.dialog = dialog

    def _finish(self, context: AppContext | None) -> None:
        self.context = context
        if self.dialog is not None:
            self._closed_dialogs.append(self.dialog)
        self.dialog = None
        self.is_finished = True
        self.finished.emit()


def open_start_context(data_dir: Path, parent: QWidget | None = None) -> AppContext | None:
    """Open the data folder's database for the window; None when the operator chose to exit.

    Raises the ``UserError`` of a failure that has nothing to do with a saved
    server, as ``open_context`` would.
    """
    start = ServerStart(data_dir, parent)
    loop = QEventLoop()
    start.finished.connect(loop.quit)
    start.begin()
    if not start.is_finished:
        loop.exec()
    if start.error is not None:
        raise start.error
    return start.context
