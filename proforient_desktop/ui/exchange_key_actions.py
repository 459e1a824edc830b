"""The exchange screen's trusted-key actions: register a key card, replace or retire an organisation's key.

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
from proforient_desktop.services import keys as key_service
from proforient_desktop.ui.exchange_key_dialog import KeyChangeDialog
from proforient_desktop.ui.messages import messenger

if TYPE_CHECKING:
    from proforient_desktop.ui.exchange_screen import ExchangeScreen


class KeyActionsMixin:
    """Handlers of the trusted-key requests of ``ExchangeScreen``'s tables."""

    def _on_trust_card_requested(self: ExchangeScreen) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("ExchangeScreen", "Register a key card"), str(Path.home()),
            QCoreApplication.translate("ExchangeScreen", "Key cards (*.json);;All files (*)"))
        if path:
            self.trust_card(Path(path))

    def trust_card(self: ExchangeScreen, path: Path) -> None:
        title = QCoreApplication.translate("ExchangeScreen", "Key card")
        try:
            key = key_service.read_key_source(self._context, path)
        except UserError as error:
            messenger().error(self, title, error.message)
            return
        question = QCoreApplication.translate(
            "ExchangeScreen", "Register the key of «%1» (code %2)?\n\nFingerprint: %3\n\nCompare it with the "
            "organisation by phone before you answer «Yes».") \
            .replace("%1", key.sender.name).replace("%2", key.sender.code).replace("%3", key.fingerprint)
        if not messenger().question(self, title, question):
            return
        self._call_key_service(lambda: key_service.trust_key_card(self._context, path))

    def _on_replace_key_requested(self: ExchangeScreen, code: str, name: str) -> None:
        self.key_dialog = KeyChangeDialog(name, replace=True, parent=self)
        self.key_dialog.accepted.connect(lambda: self._call_key_service(
            lambda: key_service.replace_key(self._context, code, self.key_dialog.key_file, self.key_dialog.reason)))
        self.key_dialog.open()

    def _on_retire_key_requested(self: ExchangeScreen, code: str, name: str) -> None:
        self.key_dialog = KeyChangeDialog(name, replace=False, parent=self)
        self.key_dialog.accepted.connect(lambda: self._call_key_service(
            lambda: key_service.retire_key(self._context, code, self.key_dialog.reason)))
        self.key_dialog.open()

    def _call_key_service(self: ExchangeScreen, call) -> None:
        try:
            call()
        except UserError as error:
            messenger().error(self, QCoreApplication.translate("ExchangeScreen", "Trusted keys"), error.message)
        self.refresh()
