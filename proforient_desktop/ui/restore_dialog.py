"""Choosing a backup to restore the data from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, \
    QWidget

from proforient_desktop.services.workspace import list_backups

REASON_TITLES = {
    "start": QT_TRANSLATE_NOOP("RestoreDialog", "Backup made at start"),
    "close": QT_TRANSLATE_NOOP("RestoreDialog", "Backup made at close"),
    "manual": QT_TRANSLATE_NOOP("RestoreDialog", "Backup made by hand"),
    "before-restore": QT_TRANSLATE_NOOP("RestoreDialog", "Backup made before a restore"),
}


class RestoreDialog(QDialog):
    """A list of the data folder's backups, newest first."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.resize(560, 400)
        self._backups = list_backups(data_dir)

        self.list = QListWidget(self)
        for path in self._backups:
            item = QListWidgetItem(self._describe(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        if self._backups:
            self.list.setCurrentRow(0)

        hint = QLabel(self.tr("Choose the state to return to. The current data is backed up first."), self)
        hint.setWordWrap(True)
        if not self._backups:
            hint.setText(self.tr("There are no backups yet in %1.").replace("%1", str(data_dir / "backups")))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self._backups))

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def chosen_backup(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _describe(self, path: Path) -> str:
        # Names look like proforient-20250131-142501-123456-start.sqlite3.
        parts = path.stem.split("-", 4)
        try:
            moment = dt.datetime.strptime(parts[1] + parts[2], "%Y%m%d%H%M%S")
        except (IndexError, ValueError):
            return path.name
        reason = parts[4] if len(parts) > 4 else ""
        title = REASON_TITLES.get(reason)
        shown_reason = self.tr(title) if title else reason
        return f"{moment:%d.%m.%Y %H:%M:%S} — {shown_reason}"
