"""The pages of a restore on a new computer: the package file, the new key, the summary.

Nothing is written before the summary page's «Восстановить»: the file is only
read and verified, and the new key pair waits in a staging folder that a
cancelled wizard removes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, \
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWizard, QWizardPage

from proforient_desktop.catalog import Role
from proforient_desktop.catalog.model import ROLE_NAMES_RU
from proforient_desktop.errors import UserError
from proforient_desktop.services.keys import CARD_SUFFIX
from proforient_desktop.services.restore_preview import RestorePreview, describe_package
from proforient_desktop.ui.setup_pages import ERROR_STYLE, PAGE_RESTORE_KEY, PAGE_RESTORE_SUMMARY, \
    add_summary_labels

if TYPE_CHECKING:
    from proforient_desktop.ui.setup_wizard import SetupWizard

log = logging.getLogger(__name__)

PACKAGE_FILTER = "*.proforient"


class RestoreFilePage(QWizardPage):
    """The package to restore from, read and verified as soon as it is chosen."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.preview: RestorePreview | None = None
        self.setTitle(self.tr("Restore from your own package"))
        self.setSubTitle(self.tr("Choose the last package your organisation exported on the old computer "
                                 "(a file ending in .proforient). It is only read here; nothing is saved yet."))
        self._init_fields()
        self._init_layout()
        self.path_edit.textChanged.connect(self._on_path_changed)
        self.browse_button.clicked.connect(self._on_browse_clicked)

    def _init_fields(self) -> None:
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(self.tr("Path to the package file"))
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.years_table = QTableWidget(0, 3, self)
        self.years_table.setHorizontalHeaderLabels(
            [self.tr("Reporting year"), self.tr("Counts filled in"), self.tr("Activities")])
        self.years_table.verticalHeader().hide()
        self.years_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.years_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.years_table.setMaximumHeight(150)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)

    def _init_layout(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        file_label = QLabel(self.tr("Package &file:"), self)
        # A layout cannot be a buddy, so the mnemonic needs the edit named explicitly.
        file_label.setBuddy(self.path_edit)
        form = QFormLayout()
        form.addRow(file_label, file_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.description)
        layout.addWidget(self.years_table)
        layout.addStretch(1)

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))

    def isComplete(self) -> bool:
        return self.preview is not None

    def validatePage(self) -> bool:
        # QWizard.next() skips isComplete(), so the check is repeated here.
        return self.isComplete()

    def nextId(self) -> int:
        return PAGE_RESTORE_KEY

    def _on_browse_clicked(self) -> None:
        start = self.path_edit.text().strip() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Package to restore from"), start,
            self.tr("ProfOrient packages (%1);;All files (*)").replace("%1", PACKAGE_FILTER))
        if path:
            self.set_path(Path(path))

    def _on_path_changed(self, text: str) -> None:
        self.preview = None
        self.error_label.clear()
        self.description.clear()
        self.years_table.setRowCount(0)
        if text.strip():
            self._read(Path(text.strip()))
        self.completeChanged.emit()

    def _read(self, path: Path) -> None:
        if path.is_dir():
            self.error_label.setText(self.tr("«%1» is a folder: choose the package file (.proforient) in it "
                                             "with «Browse…».").replace("%1", str(path)))
            return
        if not path.is_file():
            # Checked here, so a path being typed is not read and logged as rejected at every key.
            self.error_label.setText(self.tr("The file «%1» is not found: check the path or choose the file "
                                             "with «Browse…».").replace("%1", str(path)))
            return

        try:
            self.preview = describe_package(self._wizard.context, path)
        except UserError as error:
            self.error_label.setText(error.message)
            return

        self.description.setText("\n".join(describe_lines(self.preview)))
        self.years_table.setRowCount(len(self.preview.years))
        for row, contents in enumerate(self.preview.years):
            for column, value in enumerate((contents.year, contents.count_values, contents.activities)):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.years_table.setItem(row, column, item)


def describe_lines(preview: RestorePreview) -> list[str]:
    """Return the lines naming the package's organisation, for the file and summary pages."""
    translate = QCoreApplication.translate
    lines = [
        translate("SetupRestore", "Organisation: %1 (code %2)")
        .replace("%1", preview.organisation_name).replace("%2", preview.organisation_code),
        translate("SetupRestore", "Kind of organisation: %1").replace("%1", ROLE_NAMES_RU[preview.role]),
        translate("SetupRestore", "Municipality: %1").replace("%1", preview.municipality_name or "—"),
        translate("SetupRestore", "Package number: %1").replace("%1", str(preview.sequence)),
    ]
    if preview.nested:
        lines.append(translate("SetupRestore", "Packages of subordinate organisations inside: %1")
                     .replace("%1", str(preview.nested)))
    if not preview.years:
        lines.append(translate("SetupRestore", "The package holds no counts or activities."))
    return lines


def approver_sentence(role: Role) -> str:
    """Return who must approve the new key: the municipality for a school, the region otherwise."""
    translate = QCoreApplication.translate
    if role is Role.REGION:
        return translate("SetupRestore", "The regional operator sends its packages to no one, so no approval "
                                         "is needed.")
    if role is Role.SCHOOL:
        return translate("SetupRestore", "The municipal education authority must approve the key change: until "
                                         "it registers the new key, it rejects your packages. Tell it this "
                                         "fingerprint by phone, or give it the key card.")
    return translate("SetupRestore", "The regional operator must approve the key change: until it registers the "
                                     "new key, it rejects your packages. Tell it this fingerprint by phone, or "
                                     "give it the key card.")


class RestoreKeyPage(QWizardPage):
    """The new key pair's fingerprint, the approval it needs, and where to save its key card."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("A new signing key"))
        self.setSubTitle(self.tr("The old computer's key stays with it: this computer signs packages "
                                 "with a new key."))
        self._init_fields()
        self._init_layout()
        self.card_check.toggled.connect(self._on_card_toggled)
        self.card_edit.textChanged.connect(self._on_card_changed)
        self.browse_button.clicked.connect(self._on_browse_clicked)

    def _init_fields(self) -> None:
        self.fingerprint = QLabel(self)
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setStyleSheet("font-size: 18pt; font-family: monospace;")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setWordWrap(True)
        self.approval = QLabel(self)
        self.approval.setObjectName("approval")
        self.approval.setWordWrap(True)
        self.approval.setStyleSheet("font-weight: bold;")
        self.card_check = QCheckBox(self.tr("Save the &key card after the restore:"), self)
        self.card_check.setChecked(True)
        self.card_edit = QLineEdit(self)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)

    def _init_layout(self) -> None:
        card_row = QHBoxLayout()
        card_row.addWidget(self.card_edit, 1)
        card_row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Fingerprint of the new key:"), self))
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.approval)
        layout.addSpacing(12)
        layout.addWidget(self.card_check)
        layout.addLayout(card_row)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        preview = self._wizard.restore_file_page.preview
        self.approval.setText(approver_sentence(preview.role))
        self.card_edit.setText(str(preview.path.parent / f"Ключ {preview.organisation_code}{CARD_SUFFIX}"))
        self.error_label.clear()
        try:
            self.fingerprint.setText(self._wizard.staged_key_pair().fingerprint)
        except (UserError, OSError) as error:
            log.error("New key pair for a restore could not be created: %s", error)
            self.fingerprint.clear()
            self.error_label.setText(error.message if isinstance(error, UserError) else self.tr(
                "The new key could not be created in the data folder: %1. Check the folder's permissions.")
                .replace("%1", str(error)))
        self.completeChanged.emit()

    def card_path(self) -> Path | None:
        text = self.card_edit.text().strip()
        return Path(text) if self.card_check.isChecked() and text else None

    def isComplete(self) -> bool:
        card_ready = not self.card_check.isChecked() or bool(self.card_edit.text().strip())
        return bool(self.fingerprint.text()) and card_ready

    def validatePage(self) -> bool:
        return self.isComplete()

    def nextId(self) -> int:
        return PAGE_RESTORE_SUMMARY

    def _on_card_toggled(self, checked: bool) -> None:
        self.card_edit.setEnabled(checked)
        self.browse_button.setEnabled(checked)
        self.completeChanged.emit()

    def _on_card_changed(self, _text: str) -> None:
        self.completeChanged.emit()

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Key card"), self.card_edit.text(),
                                              self.tr("Key cards (*%1)").replace("%1", CARD_SUFFIX))
        if path:
            self.card_edit.setText(path)


class RestoreSummaryPage(QWizardPage):
    """The summary of what the restore will write. Its «Восстановить» restores in one step, or changes nothing."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Check before restoring"))
        self.setSubTitle(self.tr("Nothing has been saved yet. The restore sets up this computer for the "
                                 "organisation and takes all its data from the package."))
        self.setFinalPage(True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Restore"))
        self.summary, self.error_label = add_summary_labels(self)

    def initializePage(self) -> None:
        preview = self._wizard.restore_file_page.preview
        key_page = self._wizard.restore_key_page
        lines = describe_lines(preview)
        lines.append(self.tr("Package file: %1").replace("%1", str(preview.path)))
        for contents in preview.years:
            lines.append(self.tr("%1: counts filled in: %2, activities: %3").replace("%1", str(contents.year))
                         .replace("%2", str(contents.count_values)).replace("%3", str(contents.activities)))
        lines.append(self.tr("Fingerprint of the new key: %1").replace("%1", key_page.fingerprint.text()))
        card = key_page.card_path()
        lines.append(self.tr("Key card: %1").replace("%1", str(card)) if card is not None
                     else self.tr("Key card: not saved"))
        lines.append(self.tr("The next package of this computer gets number %1.")
                     .replace("%1", str(preview.sequence + 1)))
        self.summary.setText("\n".join(lines))
        self.error_label.clear()

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        message = self._wizard.restore()
        self.error_label.setText(message)
        return not message
