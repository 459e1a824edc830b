"""First-run setup: a new organisation, or a restore from the organisation's own package.

A new setup goes role, organisation, summary, then the key's fingerprint. A
restore on a new computer goes package file, new key, summary. Either way
nothing is written before the summary page's button. Run again from the
settings, the wizard only corrects the organisation's name: the role, code
and municipality are shown but cannot be changed there.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from proforient_desktop.catalog import Role
from proforient_desktop.errors import UserError
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.installation import Installation, initialize
from proforient_desktop.services.keys import export_key_card
from proforient_desktop.services.restore_preview import StagedKey, discard_stale_keys, restore_new_installation
from proforient_desktop.ui.messages import messenger
from proforient_desktop.ui.setup_pages import (
    PAGE_KEY,
    PAGE_ORGANISATION,
    PAGE_RESTORE_FILE,
    PAGE_RESTORE_KEY,
    PAGE_RESTORE_SUMMARY,
    PAGE_ROLE,
    PAGE_SUMMARY,
    KeyPage,
    OrganisationPage,
    RolePage,
    SummaryPage,
)
from proforient_desktop.ui.setup_restore import RestoreFilePage, RestoreKeyPage, RestoreSummaryPage

__all__ = ["PAGE_KEY", "PAGE_ORGANISATION", "PAGE_RESTORE_FILE", "PAGE_RESTORE_KEY", "PAGE_RESTORE_SUMMARY",
           "PAGE_ROLE", "PAGE_SUMMARY", "SetupWizard"]

log = logging.getLogger(__name__)


class SetupWizard(QWizard):
    """Sets up the installation, or corrects the organisation's name when ``existing`` is given.

    ``restore_file`` (a package the program was opened with) preselects the
    restore and fills in its file; the operator still reads and confirms every page.
    """

    installation_saved = Signal()

    def __init__(self, context: AppContext, existing: Installation | None = None,
                 parent: QWidget | None = None, *, restore_file: Path | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.existing = existing
        # Only one copy of the program opens a data folder, so any staged key found now is an orphan.
        discard_stale_keys(context.data_dir)
        self.installation: Installation | None = existing
        self._staged_key: StagedKey | None = None
        self.restored_from: Path | None = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setWindowTitle(self.tr("ProfOrient Desktop setup") if existing is None
                            else self.tr("Correct the organisation's name"))
        self.resize(760, 540)
        self._init_pages()
        self.finished.connect(self._on_finished)
        if existing is not None:
            self.setStartId(PAGE_ORGANISATION)
        elif restore_file is not None:
            self.role_page.restore_check.setChecked(True)
            self.restore_file_page.set_path(Path(restore_file))

    def _init_pages(self) -> None:
        self.role_page = RolePage(self)
        self.organisation_page = OrganisationPage(self)
        self.summary_page = SummaryPage(self)
        self.key_page = KeyPage(self)
        self.restore_file_page = RestoreFilePage(self)
        self.restore_key_page = RestoreKeyPage(self)
        self.restore_summary_page = RestoreSummaryPage(self)
        self.setPage(PAGE_ROLE, self.role_page)
        self.setPage(PAGE_ORGANISATION, self.organisation_page)
        self.setPage(PAGE_SUMMARY, self.summary_page)
        self.setPage(PAGE_KEY, self.key_page)
        self.setPage(PAGE_RESTORE_FILE, self.restore_file_page)
        self.setPage(PAGE_RESTORE_KEY, self.restore_key_page)
        self.setPage(PAGE_RESTORE_SUMMARY, self.restore_summary_page)

    def chosen_role(self) -> Role:
        if self.existing is not None:
            return self.existing.role
        return self.role_page.chosen_role()

    def save(self) -> str:
        """Write the setup through the service; return an error message, or "" when saved."""
        page = self.organisation_page
        try:
            self.installation = initialize(self.context, self.chosen_role(), page.code(), page.name(),
                                           page.municipality_code())
        except UserError as error:
            log.info("Setup rejected: %s", error.message)
            return error.message
        self.installation_saved.emit()
        return ""

    def staged_key_pair(self) -> StagedKey:
        """Return the new key pair of a restore, created in its staging folder on first use."""
        if self._staged_key is None:
            self._staged_key = StagedKey(self.context.data_dir)
        return self._staged_key

    def restore(self) -> str:
        """Restore the organisation from the chosen package; return an error message, or "" when restored.

        A key card that cannot be written is reported, but does not undo the restore.
        """
        preview = self.restore_file_page.preview
        try:
            result = restore_new_installation(self.context, preview.path, self.staged_key_pair())
        except UserError as error:
            log.info("Restore from %s rejected: %s", preview.path, error.message)
            return error.message
        self._staged_key = None
        self.restored_from = preview.path
        self.installation_saved.emit()

        card = self.restore_key_page.card_path()
        if card is not None:
            self._save_key_card(card)
        log.info("Setup restored %s from package %d", result.organisation_code, result.sequence)
        return ""

    def _save_key_card(self, path: Path) -> None:
        title = self.tr("Key card")
        try:
            written = export_key_card(self.context, path)
        except UserError as error:
            messenger().error(self, title, self.tr("The data is restored, but the key card is not saved: %1 "
                                                   "Save it later on the «Exchange» screen.")
                              .replace("%1", error.message))
            return
        messenger().notice(self, title, self.tr("The key card is saved:\n%1").replace("%1", str(written)))

    def _on_finished(self, _result: int) -> None:
        # A cancelled restore leaves no key behind; after a restore the staged key is already installed.
        if self._staged_key is not None:
            self._staged_key.discard()
            self._staged_key = None
