"""The main window's menus and what their actions do: data folder, backup, restore, undo, about.

A mixin of ``MainWindow``. Its strings keep the «MainWindow» translation
context, so they are translated with ``QCoreApplication.translate`` and not
with ``self.tr`` (which lupdate would file under this class's name). Data-level
actions go through ``services.workspace``, imported on first use, like the
message boxes: the shell paints before either is needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from proforient_desktop import __version__

if TYPE_CHECKING:
    from proforient_desktop.ui.main_window import MainWindow
    from proforient_desktop.ui.messages import BoxMessenger, RecordingMessenger

def messenger() -> BoxMessenger | RecordingMessenger:
    # Message boxes are imported on first use: the shell shows none.
    from proforient_desktop.ui import messages

    return messages.messenger()


class MenuActionsMixin:
    """Menus «Файл», «Правка», «Справка» of ``MainWindow`` and their handlers."""

    def _init_menus(self: MainWindow) -> None:
        file_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
        self.open_folder_action = file_menu.addAction(
            QCoreApplication.translate("MainWindow", "Open the &data folder"))
        self.backup_action = file_menu.addAction(QCoreApplication.translate("MainWindow", "Make a &backup now"))
        self.restore_action = file_menu.addAction(
            QCoreApplication.translate("MainWindow", "&Restore from a backup…"))
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(QCoreApplication.translate("MainWindow", "E&xit"))

        edit_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
        self.undo_action = self.undo_group.createUndoAction(self, QCoreApplication.translate("MainWindow", "&Undo"))
        self.redo_action = self.undo_group.createRedoAction(self, QCoreApplication.translate("MainWindow", "&Redo"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        help_menu = self.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        self.about_action = help_menu.addAction(QCoreApplication.translate("MainWindow", "&About"))

    def _init_shortcuts(self: MainWindow) -> None:
        # Set once the data is open: the first shortcut makes PySide6 build
        # the enums of Qt's namespace, which takes longer than the whole shell.
        from PySide6.QtGui import QKeySequence

        if not self.quit_action.shortcut().isEmpty():
            return
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])

    def _connect_menu_actions(self: MainWindow) -> None:
        self.open_folder_action.triggered.connect(self._on_open_folder_triggered)
        self.backup_action.triggered.connect(self._on_backup_triggered)
        self.restore_action.triggered.connect(self._on_restore_triggered)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self._on_about_triggered)

    def _on_open_folder_triggered(self: MainWindow) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def _on_backup_triggered(self: MainWindow) -> None:
        from proforient_desktop.services.workspace import back_up

        title = QCoreApplication.translate("MainWindow", "Backup")
        copy = back_up(self.context, "manual")
        if copy is None:
            messenger().error(self, title, QCoreApplication.translate(
                "MainWindow", "The backup failed: check the free disk space."))
        else:
            messenger().notice(self, title, QCoreApplication.translate(
                "MainWindow", "Backup saved: %1").replace("%1", str(copy)))

    def _on_restore_triggered(self: MainWindow) -> None:
        from proforient_desktop.ui.restore_dialog import RestoreDialog

        self.restore_dialog = RestoreDialog(self.context.data_dir, self)
        self.restore_dialog.accepted.connect(self._on_restore_dialog_accepted)
        self.restore_dialog.open()

    def _on_restore_dialog_accepted(self: MainWindow) -> None:
        chosen = self.restore_dialog.chosen_backup()
        if chosen is None:
            return
        title = QCoreApplication.translate("MainWindow", "Restore")
        question = QCoreApplication.translate(
            "MainWindow", "Replace the current data by the backup «%1»? The current data is backed up "
            "first, so this can be reversed.").replace("%1", chosen.name)
        if not messenger().question(self, title, question):
            return

        from proforient_desktop.errors import UserError
        from proforient_desktop.services.workspace import restore_from_backup

        try:
            self.context = restore_from_backup(self.context, chosen)
        except UserError as error:
            messenger().error(self, title, error.message)
            return
        self._rebuild_screens()
        messenger().notice(self, title, QCoreApplication.translate(
            "MainWindow", "The data was restored from «%1».").replace("%1", chosen.name))
        self.context_replaced.emit()

    def _on_about_triggered(self: MainWindow) -> None:
        text = QCoreApplication.translate(
            "MainWindow", "ProfOrient Desktop, version %1.\nCareer-guidance monitoring of the programme "
            "«Учись и работай в Хабаровском крае».\nData folder: %2").replace(
            "%1", __version__).replace("%2", str(self.data_dir))
        messenger().notice(self, QCoreApplication.translate("MainWindow", "About"), text)
