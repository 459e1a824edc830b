"""The main window's title and status bar: organisation, demo mark, data file.

A mixin of ``MainWindow``. Its strings keep the «MainWindow» translation
context through ``QCoreApplication.translate``, as in ``main_window_menus``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from proforient_desktop.locations import APP_TITLE

if TYPE_CHECKING:
    from proforient_desktop.ui.main_window import MainWindow


class StatusBarMixin:
    """The status bar's labels of ``MainWindow`` and the window title."""

    def _init_status_bar(self: MainWindow) -> None:
        self.organisation_label = QLabel(self)
        self.data_file_label = QLabel(self)
        self.data_file_label.setToolTip(QCoreApplication.translate("MainWindow", "Click to open the data folder"))
        self.demo_label = QLabel(QCoreApplication.translate("MainWindow", "Demo data: not for reporting"), self)
        self.demo_label.setObjectName("demo_label")
        self.demo_label.setStyleSheet("QLabel { color: #8a4b00; font-weight: bold; }")
        self.demo_label.hide()
        self.statusBar().addWidget(self.organisation_label, 1)
        self.statusBar().addPermanentWidget(self.demo_label)
        self.statusBar().addPermanentWidget(self.data_file_label)

    def _update_title(self: MainWindow) -> None:
        title = APP_TITLE
        if self.is_demo:
            title += QCoreApplication.translate("MainWindow", " — demo data")
        self.setWindowTitle(title)
        self.demo_label.setVisible(self.is_demo)

    def _update_status_bar(self: MainWindow) -> None:
        import html

        from PySide6.QtCore import QUrl

        from proforient_desktop.services.workspace import current_installation

        installation = current_installation(self.context)
        if installation is not None:
            self.organisation_label.setText(f"{installation.organisation_name} ({installation.organisation_code})")
        # The data folder opens on a click; a server database shows its URL without the password.
        url = QUrl.fromLocalFile(str(self.data_dir)).toString()
        location = html.escape(self.context.database.location)
        self.data_file_label.setText(QCoreApplication.translate("MainWindow", "Data: <a href=\"%1\">%2</a>").replace(
            "%1", url).replace("%2", location))

    def _on_data_file_link_activated(self: MainWindow, link: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl(link))
