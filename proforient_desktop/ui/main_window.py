"""The main window: navigation list, the current screen, menus and status bar.

The window only assembles sections from ``navigation.SECTIONS``; what each
screen does lives in the screen. Data-level actions (restore, backups) go
through ``services.workspace``.
"""

from __future__ import annotations

import html
import logging
from PySide6.QtCore import QByteArray, QUrl, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, \
    QWidget

from proforient_desktop import __version__
from proforient_desktop.errors import UserError
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.workspace import back_up, current_installation, restore_from_backup
from proforient_desktop.ui import navigation
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.restore_dialog import RestoreDialog
from proforient_desktop.ui.settings_store import KEY_GEOMETRY, KEY_SECTION, window_settings

log = logging.getLogger(__name__)

NAVIGATION_WIDTH = 170
# Fits a 1366×768 screen with the taskbar and the window frame.
DEFAULT_SIZE = (1280, 700)


class MainWindow(QMainWindow):
    """Sections on the left, the chosen screen on the right."""

    context_replaced = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._screens: dict[str, QWidget] = {}
        self.restore_dialog: RestoreDialog | None = None
        self.undo_group = QUndoGroup(self)

        self._init_central()
        self._init_menus()
        self._init_status_bar()
        self._connect_signals()
        self._fill_navigation()
        self._restore_geometry()

    def _init_central(self) -> None:
        self.navigation = QListWidget(self)
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setObjectName("navigation")
        self.stack = QStackedWidget(self)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _init_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_folder_action = file_menu.addAction(self.tr("Open the &data folder"))
        self.backup_action = file_menu.addAction(self.tr("Make a &backup now"))
        self.restore_action = file_menu.addAction(self.tr("&Restore from a backup…"))
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("E&xit"))
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Z))
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Y),
                                       QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Z)])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = help_menu.addAction(self.tr("&About"))

        # A server database is backed up on the server, not by this program.
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(self.context.database.is_sqlite)

    def _init_status_bar(self) -> None:
        self.organisation_label = QLabel(self)
        self.data_file_label = QLabel(self)
        self.data_file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.data_file_label.setToolTip(self.tr("Click to open the data folder"))
        self.statusBar().addWidget(self.organisation_label, 1)
        self.statusBar().addPermanentWidget(self.data_file_label)
        self._update_status_bar()

    def _connect_signals(self) -> None:
        self.navigation.currentRowChanged.connect(self._on_current_row_changed)
        self.open_folder_action.triggered.connect(self._on_open_folder_triggered)
        self.backup_action.triggered.connect(self._on_backup_triggered)
        self.restore_action.triggered.connect(self._on_restore_triggered)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self._on_about_triggered)
        self.data_file_label.linkActivated.connect(self._on_data_file_link_activated)

    def _fill_navigation(self) -> None:
        installation = current_installation(self.context)
        role = installation.role if installation else None
        self._sections = navigation.sections_for(role)
        self.navigation.clear()
        for section in self._sections:
            item = QListWidgetItem(section.translated_title())
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            self.navigation.addItem(item)

    def _restore_geometry(self) -> None:
        settings = window_settings(self.context.data_dir)
        geometry = settings.value(KEY_GEOMETRY)
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if not restored:
            self.resize(*DEFAULT_SIZE)
        keys = [section.key for section in self._sections]
        saved_key = settings.value(KEY_SECTION, keys[0])
        self.navigation.setCurrentRow(keys.index(saved_key) if saved_key in keys else 0)

    def _update_status_bar(self) -> None:
        installation = current_installation(self.context)
        if installation is not None:
            self.organisation_label.setText(f"{installation.organisation_name} ({installation.organisation_code})")
        # The data folder opens on a click; a server database shows its URL without the password.
        url = QUrl.fromLocalFile(str(self.context.data_dir)).toString()
        location = html.escape(self.context.database.location)
        self.data_file_label.setText(self.tr("Data: <a href=\"%1\">%2</a>").replace("%1", url).replace(
            "%2", location))

    def section_keys(self) -> list[str]:
        return [section.key for section in self._sections]

    def show_section(self, key: str) -> QWidget:
        """Switch to the section ``key`` and return its screen."""
        self.navigation.setCurrentRow(self.section_keys().index(key))
        return self._screens[key]

    def screen(self, key: str) -> QWidget | None:
        return self._screens.get(key)

    def _on_current_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self._sections):
            return
        section = self._sections[row]
        screen = self._screens.get(section.key)
        if screen is None:
            screen = section.create(self.context, self.stack)
            self._screens[section.key] = screen
            self.stack.addWidget(screen)
            stack = getattr(screen, "undo_stack", None)
            if stack is not None:
                self.undo_group.addStack(stack)
        elif hasattr(screen, "refresh"):
            screen.refresh()

        self.stack.setCurrentWidget(screen)
        self.undo_group.setActiveStack(getattr(screen, "undo_stack", None))
        self._update_status_bar()

    def _on_open_folder_triggered(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.data_dir)))

    def _on_data_file_link_activated(self, link: str) -> None:
        QDesktopServices.openUrl(QUrl(link))

    def _on_backup_triggered(self) -> None:
        copy = back_up(self.context, "manual")
        if copy is None:
            messenger().error(self, self.tr("Backup"), self.tr("The backup failed: check the free disk space."))
        else:
            messenger().notice(self, self.tr("Backup"), self.tr("Backup saved: %1").replace("%1", str(copy)))

    def _on_restore_triggered(self) -> None:
        self.restore_dialog = RestoreDialog(self.context.data_dir, self)
        self.restore_dialog.accepted.connect(self._on_restore_dialog_accepted)
        self.restore_dialog.open()

    def _on_restore_dialog_accepted(self) -> None:
        chosen = self.restore_dialog.chosen_backup()
        if chosen is None:
            return
        question = self.tr("Replace the current data by the backup «%1»? The current data is backed up "
                           "first, so this can be reversed.").replace("%1", chosen.name)
        if not messenger().question(self, self.tr("Restore"), question):
            return
        try:
            self.context = restore_from_backup(self.context, chosen)
        except UserError as error:
            messenger().error(self, self.tr("Restore"), error.message)
            return
        self._rebuild_screens()
        messenger().notice(self, self.tr("Restore"), self.tr("The data was restored from «%1».").replace(
            "%1", chosen.name))
        self.context_replaced.emit()

    def _rebuild_screens(self) -> None:
        # Screens hold the old context, so all of them are built anew.
        for screen in self._screens.values():
            stack = getattr(screen, "undo_stack", None)
            if stack is not None:
                self.undo_group.removeStack(stack)
            self.stack.removeWidget(screen)
            screen.deleteLater()
        self._screens.clear()
        current = self.navigation.currentRow()
        self._fill_navigation()
        self.navigation.setCurrentRow(max(current, 0))

    def _on_about_triggered(self) -> None:
        text = self.tr("ProfOrient Desktop, version %1.\nCareer-guidance monitoring of the programme "
                       "«Учись и работай в Хабаровском крае».\nData folder: %2").replace(
            "%1", __version__).replace("%2", str(self.context.data_dir))
        messenger().notice(self, self.tr("About"), text)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Leaving a field saves it, so the focused editor is committed first.
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()
        settings = window_settings(self.context.data_dir)
        settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        keys = self.section_keys()
        row = self.navigation.currentRow()
        if 0 <= row < len(keys):
            settings.setValue(KEY_SECTION, keys[row])
        settings.sync()
        super().closeEvent(event)

