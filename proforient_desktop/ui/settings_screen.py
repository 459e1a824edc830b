"""The settings screen: language, the organisation, the data folder."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPushButton, QSizePolicy, QVBoxLayout, \
    QWidget

from proforient_desktop.catalog.model import ROLE_NAMES_RU
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.workspace import backups_dir, current_installation, database_path
from proforient_desktop.ui.i18n import DEFAULT_LANGUAGE
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.server_settings import ServerSettingsBox
from proforient_desktop.ui.settings_store import save_language, saved_language
from proforient_desktop.ui.setup_wizard import SetupWizard


class SettingsScreen(QWidget):
    """Language of the screens, the organisation (name correction only) and where data lives."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.wizard: SetupWizard | None = None
        self._init_language()
        self._init_organisation()
        self._init_data()
        self._init_layout()
        self._connect_signals()
        self.refresh()

    def _init_language(self) -> None:
        self.language_box = QComboBox(self)
        self.language_box.addItem("Русский", "ru")
        self.language_box.addItem("English", "en")
        language = saved_language(self._context.data_dir, DEFAULT_LANGUAGE)
        self.language_box.setCurrentIndex(max(self.language_box.findData(language), 0))

    def _init_organisation(self) -> None:
        self.role_label = QLabel(self)
        self.code_label = QLabel(self)
        self.name_label = QLabel(self)
        self.name_label.setWordWrap(True)
        self.municipality_label = QLabel(self)
        self.rename_button = QPushButton(self.tr("Correct the &name…"), self)

    def _init_data(self) -> None:
        self.data_file_label = QLabel(str(database_path(self._context.data_dir)), self)
        self.backups_label = QLabel(str(backups_dir(self._context.data_dir)), self)
        for label in (self.data_file_label, self.backups_label):
            label.setWordWrap(True)
        self.open_folder_button = QPushButton(self.tr("&Open the data folder"), self)
        for button in (self.rename_button, self.open_folder_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def _init_layout(self) -> None:
        language_box = QGroupBox(self.tr("Language"), self)
        language_form = QFormLayout(language_box)
        language_form.addRow(self.tr("Screen &language:"), self.language_box)

        organisation_box = QGroupBox(self.tr("Organisation"), self)
        organisation_form = QFormLayout(organisation_box)
        organisation_form.addRow(self.tr("Kind:"), self.role_label)
        organisation_form.addRow(self.tr("Code:"), self.code_label)
        organisation_form.addRow(self.tr("Name:"), self.name_label)
        organisation_form.addRow(self.tr("Municipality:"), self.municipality_label)
        organisation_form.addRow("", self.rename_button)

        data_box = QGroupBox(self.tr("Data"), self)
        data_form = QFormLayout(data_box)
        data_form.addRow(self.tr("Data file:"), self.data_file_label)
        data_form.addRow(self.tr("Backups:"), self.backups_label)
        data_form.addRow("", self.open_folder_button)
        privacy = QLabel(self.tr("The program stores counts and activity descriptions only, "
                                 "no personal data of students."), self)
        privacy.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(language_box)
        layout.addWidget(organisation_box)
        layout.addWidget(data_box)
        self.server_box = ServerSettingsBox(self._context, self)
        layout.addWidget(self.server_box)
        layout.addWidget(privacy)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.language_box.currentIndexChanged.connect(self._on_language_changed)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.open_folder_button.clicked.connect(self._on_open_folder_clicked)

    def refresh(self) -> None:
        installation = current_installation(self._context)
        if installation is None:
            return
        self.role_label.setText(ROLE_NAMES_RU[installation.role])
        self.code_label.setText(installation.organisation_code)
        self.name_label.setText(installation.organisation_name)
        self.municipality_label.setText(installation.municipality_name or "—")

    def _on_language_changed(self, _index: int) -> None:
        save_language(self._context.data_dir, self.language_box.currentData())
        messenger().notice(self, self.tr("Language"),
                           self.tr("The new language is used after the program is restarted."))

    def _on_rename_clicked(self) -> None:
        self.wizard = SetupWizard(self._context, current_installation(self._context), self)
        self.wizard.installation_saved.connect(self.refresh)
        self.wizard.open()

    def _on_open_folder_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._context.data_dir)))
