"""Replacing or retiring an organisation's key: the reason, and the new key's file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, \
    QPushButton, QWidget


class KeyChangeDialog(QDialog):
    """Asks for the reason of a key change and, for a replacement, the key card or package with the new key."""

    def __init__(self, organisation_name: str, *, replace: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._replace = replace
        self.setWindowTitle(self.tr("Replace the key") if replace else self.tr("Retire the key"))
        self.resize(620, 200)

        intro = QLabel(self)
        intro.setWordWrap(True)
        if replace:
            intro.setText(self.tr("The registered key of «%1» will be retired and the new key registered. Compare "
                                  "the new fingerprint with the organisation by phone first.")
                          .replace("%1", organisation_name))
        else:
            intro.setText(self.tr("Packages of «%1» will be rejected until a new key is registered.")
                          .replace("%1", organisation_name))

        self.file_edit = QLineEdit(self)
        self.file_edit.setPlaceholderText(self.tr("Key card or a package signed with the new key"))
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("for example: new computer after a breakdown"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)

        form = QFormLayout()
        if replace:
            file_row = QHBoxLayout()
            file_row.addWidget(self.file_edit, 1)
            file_row.addWidget(self.browse_button)
            form.addRow(self.tr("New &key:"), file_row)
        else:
            self.file_edit.hide()
            self.browse_button.hide()
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        layout = QFormLayout(self)
        layout.addRow(intro)
        layout.addRow(form)
        layout.addRow(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.file_edit.textChanged.connect(self._update_ok_button)
        self.reason_edit.textChanged.connect(self._update_ok_button)
        self._update_ok_button()

    @property
    def key_file(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text) if text else None

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("New key"), "",
            self.tr("Key cards and packages (*.json *.proforient);;All files (*)"))
        if path:
            self.file_edit.setText(path)

    def _update_ok_button(self, _text: str = "") -> None:
        ready = bool(self.reason) and (not self._replace or self.key_file is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)
