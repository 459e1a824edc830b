"""The main window: navigation list, the current screen, menus and status bar.

The window only assembles sections from ``navigation.SECTIONS``; what each
screen does lives in the screen. The menus and their actions (restore,
backups) are in ``main_window_menus``, the title and status bar in
``main_window_status``; data-level actions go through ``services.workspace``.

The window is built in two steps so that it paints as soon as Qt is up:
``MainWindow(data_dir=...)`` is the shell (frame, title, the sections of
the role last seen in this folder, disabled, and «Открываю данные…»), which
needs only Qt; ``attach(context)`` fills it once the data layer is imported
and the data is open. ``MainWindow(context)`` does both at once. The data
layer is therefore imported inside the methods that need it, and so is Qt's
``Qt`` namespace: building its enums costs more than the whole shell.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, \
    QWidget

from proforient_desktop.locations import PACKAGE_SUFFIX
from proforient_desktop.ui import navigation
from proforient_desktop.ui.main_window_menus import MenuActionsMixin, messenger
from proforient_desktop.ui.main_window_status import StatusBarMixin
from proforient_desktop.ui.settings_store import KEY_GEOMETRY, KEY_SECTION, window_settings

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from proforient_desktop.services.context import AppContext
    from proforient_desktop.ui.restore_dialog import RestoreDialog
    from proforient_desktop.ui.window_drop import PackageDropFilter

log = logging.getLogger(__name__)

NAVIGATION_WIDTH = 170
# Fits a 1366×768 screen with the taskbar and the window frame.
DEFAULT_SIZE = (1280, 700)
# The role of the folder's installation, kept so that the shell lists the
# right sections before the database is open.
KEY_ROLE = "main_window/role"
RECEIVING_ROLES = ("municipality", "region")


class MainWindow(MenuActionsMixin, StatusBarMixin, QMainWindow):
    """Sections on the left, the chosen screen on the right.

    Built with ``data_dir`` only, it is the shell painted while the data
    opens; ``attach`` makes it the working window and emits ``ready``.
    """

    context_replaced = Signal()
    # Emitted once, from the window's first paint event.
    first_painted = Signal()
    ready = Signal()

    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None, *,
                 data_dir: Path | None = None) -> None:
        super().__init__(parent)
        if context is None and data_dir is None:
            raise ValueError("MainWindow needs a context or a data folder")
        self.context: AppContext | None = None
        self.data_dir = Path(data_dir) if data_dir is not None else context.data_dir
        self.is_demo = False
        self._role: str | None = None
        self._screens: dict[str, QWidget] = {}
        self._sections: list[navigation.Section] = []
        self._painted = False
        self.restore_dialog: RestoreDialog | None = None
        self.undo_group = QUndoGroup(self)

        self._init_central()
        self._init_menus()
        self._init_status_bar()
        self.drops: PackageDropFilter | None = None
        self._connect_signals()
        self._update_title()
        remembered_role = window_settings(self.data_dir).value(KEY_ROLE)
        self._fill_navigation(remembered_role if isinstance(remembered_role, str) else None)
        self._restore_geometry()
        self._show_loading()
        if context is not None:
            self.attach(context)

    def attach(self, context: AppContext) -> None:
        """Fill the window from the open data: the role's sections, the remembered screen, the status bar."""
        from PySide6.QtCore import Qt

        self.context = context
        self.data_dir = context.data_dir
        self.data_file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._init_shortcuts()
        self._load_installation()
        # A server database is backed up on the server, not by this program.
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(context.database.is_sqlite)
        self.navigation.setEnabled(True)
        self._init_drops()

        self._select_saved_section(window_settings(self.data_dir))
        self._update_status_bar()
        self.ready.emit()

    def _load_installation(self) -> None:
        from proforient_desktop.services.demo import is_demo_installation
        from proforient_desktop.services.workspace import current_installation

        installation = current_installation(self.context)
        self._role = navigation.role_value(installation.role) if installation else None
        self.is_demo = is_demo_installation(self.context)
        settings = window_settings(self.data_dir)
        settings.setValue(KEY_ROLE, self._role or "")
        self._fill_navigation(self._role)
        self._update_title()

    def is_ready(self) -> bool:
        return self.context is not None

    def _init_central(self) -> None:
        self.navigation = QListWidget(self)
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setObjectName("navigation")
        self.stack = QStackedWidget(self)
        self.loading_label = QLabel(self.tr("Opening the data…"), self)
        self.loading_label.setStyleSheet("qproperty-alignment: AlignCenter;")
        self.stack.addWidget(self.loading_label)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _init_drops(self) -> None:
        # Set up with the data: before it the window takes no drop at all.
        if self.drops is not None:
            return
        from proforient_desktop.ui.window_drop import PackageDropFilter

        self.drops = PackageDropFilter(self, PACKAGE_SUFFIX)
        self.drops.dropped.connect(self._on_packages_dropped)
        self.drops.start()

    def _show_loading(self) -> None:
        # Nothing may pretend to work before the data is open.
        self.navigation.setEnabled(False)
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(False)
        self.stack.setCurrentWidget(self.loading_label)
        self.organisation_label.setText(self.tr("Opening the data…"))

    def _connect_signals(self) -> None:
        self.navigation.currentRowChanged.connect(self._on_current_row_changed)
        self._connect_menu_actions()
        self.data_file_label.linkActivated.connect(self._on_data_file_link_activated)

    def _fill_navigation(self, role: str | None) -> None:
        self._sections = navigation.sections_for(role or None)
        # Emptying the list moves its current row, which would build screens on the way.
        self.navigation.blockSignals(True)
        try:
            self.navigation.clear()
            for section in self._sections:
                self.navigation.addItem(QListWidgetItem(section.translated_title()))
        finally:
            self.navigation.blockSignals(False)

    def _restore_geometry(self) -> None:
        settings = window_settings(self.data_dir)
        geometry = settings.value(KEY_GEOMETRY)
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if not restored:
            self.resize(*DEFAULT_SIZE)
        # The shell already marks the section that will open.
        self._select_saved_section(settings)

    def _select_saved_section(self, settings) -> None:
        keys = self.section_keys()
        saved_key = settings.value(KEY_SECTION, keys[0])
        self._open_row(keys.index(saved_key) if saved_key in keys else 0)

    def _open_row(self, row: int) -> None:
        if self.navigation.currentRow() == row:
            self._on_current_row_changed(row)
        else:
            self.navigation.setCurrentRow(row)

    def section_keys(self) -> list[str]:
        return [section.key for section in self._sections]

    def show_section(self, key: str) -> QWidget:
        """Switch to the section ``key`` and return its screen."""
        self.navigation.setCurrentRow(self.section_keys().index(key))
        return self._screens[key]

    def screen(self, key: str) -> QWidget | None:
        return self._screens.get(key)

    def _on_current_row_changed(self, row: int) -> None:
        if self.context is None or not 0 <= row < len(self._sections):
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
        self._load_installation()
        self._open_row(max(current, 0))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Leaving a field saves it, so the focused editor is committed first.
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()
        settings = window_settings(self.data_dir)
        settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        keys = self.section_keys()
        row = self.navigation.currentRow()
        if self.context is not None and 0 <= row < len(keys):
            settings.setValue(KEY_SECTION, keys[row])
        settings.sync()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _on_packages_dropped(self, paths: list[Path]) -> None:
        # The drop ends first: on Windows the file manager waits for this
        # handler to return, and a dialog opened here would freeze it.
        QTimer.singleShot(0, lambda: self.open_packages(paths))

    def open_packages(self, paths: list[Path]) -> None:
        """Show the import preview of ``paths`` on the exchange screen, or why this role does not import."""
        # A school's own restore from its package is a button of the exchange screen.
        if self._role not in RECEIVING_ROLES:
            messenger().notice(self, self.tr("Import of packages"), self.tr(
                "Only a municipality or the region imports packages; a school or college installation does not. "
                "To restore your own organisation's data from its last package, open «Exchange» and press "
                "«Restore from own package…»."))
            return
        screen = self.show_section("exchange")
        screen.start_preview(paths)

