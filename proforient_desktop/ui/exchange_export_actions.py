"""The exchange screen's own-package actions: export, key card, restore from own package, targets update.

A mixin of ``ExchangeScreen``. Its strings keep the «ExchangeScreen»
translation context, so they are translated with
``QCoreApplication.translate`` and not with ``self.tr`` (which lupdate would
file under this class's name).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from proforient_desktop.errors import UserError
from proforient_desktop.exchange.catalog_update import FILE_SUFFIX as UPDATE_SUFFIX
from proforient_desktop.services import keys as key_service
from proforient_desktop.services.catalog_updates import UnknownIssuerKeyError, import_catalog_update
from proforient_desktop.services.exchange import export_package
from proforient_desktop.services.exchange_restore import restore_from_package
from proforient_desktop.services.workspace import back_up
from proforient_desktop.ui.messages import messenger

if TYPE_CHECKING:
    from proforient_desktop.ui.exchange_screen import ExchangeScreen


class ExportActionsMixin:
    """Buttons of the «Send the package to the level above» box of ``ExchangeScreen`` and their handlers."""

    def ask_save_path(self: ExchangeScreen, suggested: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("ExchangeScreen", "Export package"), str(suggested),
            QCoreApplication.translate("ExchangeScreen", "ProfOrient packages (*.proforient)"))
        return Path(path) if path else None

    def _default_folder(self: ExchangeScreen) -> Path:
        last = self._overview.last_export
        if last is not None and Path(last.file).parent.is_dir():
            return Path(last.file).parent
        return Path.home()

    def _on_export_clicked(self: ExchangeScreen) -> None:
        path = self.ask_save_path(self._default_folder() / self._overview.suggested_file_name)
        if path is not None:
            self.export_to(path)

    def export_to(self: ExchangeScreen, path: Path) -> Path | None:
        title = QCoreApplication.translate("ExchangeScreen", "Export")
        try:
            written = export_package(self._context, path)
        except UserError as error:
            messenger().error(self, title, error.message)
            return None
        self.refresh()
        messenger().notice(self, title, QCoreApplication.translate(
            "ExchangeScreen", "The package is saved:\n%1\n\nSend this file to the level above.")
            .replace("%1", str(written)))
        return written

    def _on_card_clicked(self: ExchangeScreen) -> None:
        suggested = self._default_folder() / f"Ключ {self._overview.organisation_code}.key.json"
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("ExchangeScreen", "Save key card"), str(suggested),
            QCoreApplication.translate("ExchangeScreen", "Key cards (*.json)"))
        if not path:
            return
        title = QCoreApplication.translate("ExchangeScreen", "Key card")
        try:
            written = key_service.export_key_card(self._context, Path(path))
        except UserError as error:
            messenger().error(self, title, error.message)
            return
        messenger().notice(self, title, QCoreApplication.translate("ExchangeScreen", "The key card is saved:\n%1")
                           .replace("%1", str(written)))

    def _on_restore_clicked(self: ExchangeScreen) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("ExchangeScreen", "Restore from own package"),
            str(self._default_folder()),
            QCoreApplication.translate("ExchangeScreen", "ProfOrient packages (*.proforient)"))
        if path:
            self.restore_from(Path(path))

    def restore_from(self: ExchangeScreen, path: Path) -> None:
        """Replace this organisation's data by its own package's, after a confirmation and a backup."""
        title = QCoreApplication.translate("ExchangeScreen", "Restore from own package")
        question = QCoreApplication.translate(
            "ExchangeScreen", "All counts and activities of your organisation in this program will be replaced by "
            "those of the package «%1». A backup is made first. Continue?").replace("%1", path.name)
        if not messenger().question(self, title, question):
            return
        back_up(self._context, "before-restore")
        try:
            result = restore_from_package(self._context, path)
        except UserError as error:
            messenger().error(self, title, error.message)
            return
        self.refresh()
        text = QCoreApplication.translate("ExchangeScreen", "The data is restored from package No. %1.") \
            .replace("%1", str(result.sequence))
        if result.key_changed:
            text += "\n\n" + QCoreApplication.translate(
                "ExchangeScreen", "This computer signs with a new key, fingerprint %1. Tell it to the "
                "organisation that receives your packages: it replaces your key before it imports your next "
                "package.").replace("%1", result.fingerprint)
        messenger().notice(self, title, text)

    def ask_update_path(self: ExchangeScreen) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("ExchangeScreen", "Targets update"), str(Path.home()),
            QCoreApplication.translate("ExchangeScreen", "Targets updates (*%1);;All files (*)")
            .replace("%1", UPDATE_SUFFIX))
        return Path(path) if path else None

    def _on_update_clicked(self: ExchangeScreen) -> None:
        path = self.ask_update_path()
        if path is None:
            return
        title = QCoreApplication.translate("ExchangeScreen", "Targets update")
        try:
            try:
                result = import_catalog_update(self._context, path)
            except UnknownIssuerKeyError as error:
                # The operator compares the fingerprint by phone before trusting the key.
                if not messenger().question(self, title, error.message):
                    return
                result = import_catalog_update(self._context, path, trust_new=True)
        except UserError as error:
            messenger().error(self, title, error.message)
            return
        messenger().notice(self, title, result.message)
