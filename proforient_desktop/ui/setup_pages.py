"""The pages of a new setup: role (or a restore), organisation, summary, key fingerprint."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QComboBox, QFormLayout, QLabel, QLineEdit, QListWidget, \
    QListWidgetItem, QRadioButton, QVBoxLayout, QWidget, QWizard, QWizardPage, QCheckBox, QGroupBox

from proforient_desktop.catalog import Role
from proforient_desktop.catalog.model import ROLE_NAMES_RU
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.services.installation import validate_org_code, validate_org_name
from proforient_desktop.services.setup_directory import setup_municipalities, setup_organisations
from proforient_desktop.services.workspace import key_fingerprint
from proforient_desktop.ui.server_connection import ServerOption

if TYPE_CHECKING:
    from proforient_desktop.ui.setup_wizard import SetupWizard

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #a40000;"
PAGE_ROLE, PAGE_ORGANISATION, PAGE_SUMMARY, PAGE_KEY, PAGE_RESTORE_FILE, PAGE_RESTORE_KEY, PAGE_RESTORE_SUMMARY = range(7)


def add_summary_labels(page: QWizardPage) -> tuple[QLabel, QLabel]:
    """Lay out a summary page: the plain-text summary, then the error of a failed save under it."""
    summary = QLabel(page)
    summary.setWordWrap(True)
    summary.setTextFormat(Qt.TextFormat.PlainText)
    error_label = QLabel(page)
    error_label.setWordWrap(True)
    error_label.setStyleSheet(ERROR_STYLE)

    layout = QVBoxLayout(page)
    layout.addWidget(summary)
    layout.addWidget(error_label)
    layout.addStretch(1)
    return summary, error_label


class RolePage(QWizardPage):
    """The page choosing the kind of organisation, or a restore from the organisation's own package."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Who works in this program?"))
        self.setSubTitle(self.tr("Choose the kind of your organisation. It cannot be changed later."))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for index, role in enumerate(Role):
            button = QRadioButton(ROLE_NAMES_RU[role], self)
            button.setObjectName(f"role_{role.value}")
            self.group.addButton(button, index)
            layout.addWidget(button)
        self.group.button(0).setChecked(True)
        layout.addWidget(ServerOption(wizard, self))
        layout.addWidget(self._init_restore_choice())
        layout.addStretch(1)

    def _init_restore_choice(self) -> QWidget:
        box = QGroupBox(self.tr("The computer is new, and the organisation already worked in the program"), self)
        self.restore_check = QCheckBox(self.tr("Restore from your own last package (new computer)"), box)
        self.restore_check.setObjectName("restore_choice")
        hint = QLabel(self.tr("The organisation, its counts and activities are taken from the last package this "
                              "organisation exported. The new computer gets a new signing key, which the "
                              "organisation receiving your packages must approve."), box)
        hint.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.restore_check)
        layout.addWidget(hint)
        self.restore_check.toggled.connect(self._on_restore_toggled)
        return box

    def chosen_role(self) -> Role:
        return list(Role)[self.group.checkedId()]

    def restore_chosen(self) -> bool:
        return self.restore_check.isChecked()

    def nextId(self) -> int:
        return PAGE_RESTORE_FILE if self.restore_chosen() else PAGE_ORGANISATION

    def _on_restore_toggled(self, checked: bool) -> None:
        # The package decides the kind of organisation.
        for button in self.group.buttons():
            button.setEnabled(not checked)


class OrganisationPage(QWizardPage):
    """The organisation: picked from the directory by municipality, or typed."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Your organisation"))
        self.setSubTitle(self.tr("Choose the municipality, then pick the organisation from the list or type "
                                 "its official code (e.g. the INN) and full name."))
        self._init_fields()
        self._init_layout()
        self._connect_signals()

    def _init_fields(self) -> None:
        self.municipality_box = QComboBox(self)
        self.municipality_box.addItem(self.tr("— not specified —"), None)
        for code, name in setup_municipalities(self._wizard.context):
            self.municipality_box.addItem(name, code)
        self.directory_list = QListWidget(self)
        self.directory_list.setMaximumHeight(120)
        self.directory_hint = QLabel(self)
        self.directory_hint.setWordWrap(True)
        self.code_edit = QLineEdit(self)
        self.code_edit.setMaxLength(64)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(500)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Municipality:"), self.municipality_box)
        form.addRow(self.tr("Organisations in the directory:"), self.directory_list)
        form.addRow("", self.directory_hint)
        form.addRow(self.tr("Official &code:"), self.code_edit)
        form.addRow(self.tr("Full &name:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.municipality_box.currentIndexChanged.connect(self._on_municipality_changed)
        self.directory_list.currentItemChanged.connect(self._on_directory_item_changed)
        self.code_edit.textChanged.connect(self._on_text_changed)
        self.name_edit.textChanged.connect(self._on_text_changed)

    def initializePage(self) -> None:
        existing = self._wizard.existing
        if existing is not None:
            self.code_edit.setText(existing.organisation_code)
            self.name_edit.setText(existing.organisation_name)
            index = self.municipality_box.findData(existing.municipality_code)
            self.municipality_box.setCurrentIndex(max(index, 0))
            for widget in (self.code_edit, self.municipality_box, self.directory_list):
                widget.setEnabled(False)
        self._fill_directory()
        self._on_text_changed()

    def code(self) -> str:
        return self.code_edit.text().strip()

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def municipality_code(self) -> str | None:
        return self.municipality_box.currentData()

    def municipality_name(self) -> str:
        return self.municipality_box.currentText() if self.municipality_code() else ""

    def problem(self) -> str:
        """Return the Russian message of the first invalid field, or ""."""
        role = self._wizard.chosen_role()
        if role in (Role.SCHOOL, Role.MUNICIPALITY) and not self.municipality_code():
            return self.tr("Choose the municipality: it decides where your reports are sent.")
        if not self.code():
            return self.tr("Type the organisation's official code.")
        try:
            validate_org_code(self.code())
            if self.name():
                validate_org_name(self.name())
        except InvalidInputError as error:
            return error.message
        if not self.name():
            return self.tr("Type the organisation's full name.")
        return ""

    def isComplete(self) -> bool:
        return not self.problem()

    def validatePage(self) -> bool:
        # QWizard.next() skips isComplete(), so the check is repeated here.
        return self.isComplete()

    def _fill_directory(self) -> None:
        self.directory_list.clear()
        role = self._wizard.chosen_role()
        known = setup_organisations(self._wizard.context, self.municipality_code(), role.value)
        for code, name in known:
            item = QListWidgetItem(f"{name} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, (code, name))
            self.directory_list.addItem(item)
        self.directory_hint.setText(
            "" if known else self.tr("The directory has no organisations of this kind here yet: "
                                     "type the code and name below."))

    def _on_municipality_changed(self, _index: int) -> None:
        self._fill_directory()
        self._on_text_changed()

    def _on_directory_item_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is None:
            return
        code, name = current.data(Qt.ItemDataRole.UserRole)
        self.code_edit.setText(code)
        self.name_edit.setText(name)

    def _on_text_changed(self, _text: str = "") -> None:
        self.error_label.setText(self.problem())
        self.completeChanged.emit()


class SummaryPage(QWizardPage):
    """The summary of what will be saved. Its «Записать» button saves, and the wizard cannot go back past it."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Check before saving"))
        self.setSubTitle(self.tr("Nothing has been saved yet. The role and the code cannot be changed later."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Save"))
        self.summary, self.error_label = add_summary_labels(self)

    def initializePage(self) -> None:
        page = self._wizard.organisation_page
        lines = [
            self.tr("Kind of organisation: %1").replace("%1", ROLE_NAMES_RU[self._wizard.chosen_role()]),
            self.tr("Municipality: %1").replace("%1", page.municipality_name() or "—"),
            self.tr("Code: %1").replace("%1", page.code()),
            self.tr("Name: %1").replace("%1", page.name()),
        ]
        self.summary.setText("\n".join(lines))
        self.error_label.clear()

    def validatePage(self) -> bool:
        message = self._wizard.save()
        self.error_label.setText(message)
        return not message


class KeyPage(QWizardPage):
    """The fingerprint of the installation's signing key, to be read out over the phone."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Setup complete"))
        self.setSubTitle(self.tr("The program has created the signing key of this installation."))
        self.explanation = QLabel(self.tr(
            "Your packages are signed with this key. Tell the organisation that receives your data this "
            "fingerprint (by phone or letter), so it can check that the packages are really yours:"), self)
        self.explanation.setWordWrap(True)
        self.fingerprint = QLabel(self)
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setStyleSheet("font-size: 18pt; font-family: monospace;")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.fingerprint)
        layout.addStretch(1)

    def initializePage(self) -> None:
        try:
            self.fingerprint.setText(key_fingerprint(self._wizard.context.data_dir))
        except UserError as error:
            self.fingerprint.setText(error.message)
            self.fingerprint.setStyleSheet(ERROR_STYLE)

    def nextId(self) -> int:
        return -1
