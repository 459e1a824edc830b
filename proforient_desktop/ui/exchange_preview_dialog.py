"""The preview of an import: what each package will do, before anything is written."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, \
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from proforient_desktop.exchange.merge import Outcome, PackagePlan

OUTCOME_TITLES = {
    Outcome.NEW: QT_TRANSLATE_NOOP("ExchangePreviewDialog", "new"),
    Outcome.REPLACES: QT_TRANSLATE_NOOP("ExchangePreviewDialog", "replaces the previous one"),
    Outcome.ALREADY_IMPORTED: QT_TRANSLATE_NOOP("ExchangePreviewDialog", "already imported"),
    Outcome.OLDER: QT_TRANSLATE_NOOP("ExchangePreviewDialog", "older, ignored"),
    Outcome.REJECTED: QT_TRANSLATE_NOOP("ExchangePreviewDialog", "rejected"),
}
# Said of a package whose new key the operator has not confirmed yet: without
# the confirmation below the table, the import rejects it.
UNCONFIRMED_KEY_TITLE = QT_TRANSLATE_NOOP("ExchangePreviewDialog", "rejected unless the key is confirmed")
CONFIRMED_KEY_TITLE = QT_TRANSLATE_NOOP("ExchangePreviewDialog", "new, the key will be registered")
REJECTED_COLOUR = QColor("#b00020")

COLUMN_FILE, COLUMN_ORGANISATION, COLUMN_SEQUENCE, COLUMN_OUTCOME, COLUMN_DETAILS = range(5)


def outcome_title(outcome: Outcome) -> str:
    return QCoreApplication.translate("ExchangePreviewDialog", OUTCOME_TITLES[outcome])


class ExchangePreviewDialog(QDialog):
    """A table of the planned outcome of every file, with the fingerprints of new keys to confirm."""

    def __init__(self, plans: list[PackagePlan], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plans = plans
        self._unconfirmed_rows: list[int] = []
        self.setWindowTitle(self.tr("Import preview"))
        self.resize(1100, 520)

        self._init_table()
        self._init_confirmation()
        self._init_layout()
        self._connect_signals()
        self._update_import_button()

    @property
    def unknown_key_plans(self) -> list[PackagePlan]:
        return [plan for plan in self.plans if plan.needs_trust]

    @property
    def trust_new(self) -> bool:
        return self.trust_box.isChecked()

    def _init_table(self) -> None:
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("File"), self.tr("Organisation"), self.tr("No."), self.tr("What will happen"),
            self.tr("Details"),
        ])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COLUMN_DETAILS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COLUMN_FILE, 210), (COLUMN_ORGANISATION, 230), (COLUMN_SEQUENCE, 45),
                              (COLUMN_OUTCOME, 150)):
            self.table.setColumnWidth(column, width)
        for plan in self.plans:
            self._add_row(plan, plan.file_name)
            for nested in plan.nested:
                self._add_row(nested, "   └ " + self.tr("nested package"))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Row heights follow the wrapped texts once the layout has given the columns their widths.
        QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)

    def _add_row(self, plan: PackagePlan, file_label: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        sender = plan.sender
        outcome = outcome_title(plan.outcome)
        if plan.needs_trust:
            outcome = self.tr(UNCONFIRMED_KEY_TITLE)
            self._unconfirmed_rows.append(row)
        values = (file_label, sender.name if sender else "", str(plan.sequence or ""), outcome, plan.message)
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if plan.outcome is Outcome.REJECTED:
                item.setForeground(QBrush(REJECTED_COLOUR))
            self.table.setItem(row, column, item)

    def _init_confirmation(self) -> None:
        unknown = self.unknown_key_plans
        self.keys_label = QLabel(self)
        self.keys_label.setWordWrap(True)
        self.keys_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trust_box = QCheckBox(self.tr("I have compared these fingerprints with the organisations by phone; "
                                           "register their keys"), self)
        if unknown:
            # Two packages of one organisation in a batch carry the same key: read it out once.
            lines = list(dict.fromkeys(f"{plan.sender.name} ({plan.sender.code}): <b>{plan.fingerprint}</b>"
                                       for plan in unknown))
            self.keys_label.setText(
                self.tr("These organisations send their first package. Before importing, read out the "
                        "fingerprints with them by phone:") + "<br>" + "<br>".join(lines))
        self.keys_label.setVisible(bool(unknown))
        self.trust_box.setVisible(bool(unknown))

        self.summary_label = QLabel(self._summary(), self)
        self.summary_label.setWordWrap(True)

    def _summary(self) -> str:
        writes = sum(1 for plan in self.plans if plan.writes)
        rejected = sum(1 for plan in self.plans if plan.outcome is Outcome.REJECTED)
        return self.tr("Files: %1. Will change data: %2. Rejected: %3. Nothing is written until you press "
                       "«Import».").replace("%1", str(len(self.plans))).replace("%2", str(writes)) \
            .replace("%3", str(rejected))

    def _init_layout(self) -> None:
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.keys_label)
        layout.addWidget(self.trust_box)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.trust_box.toggled.connect(self._on_trust_box_toggled)

    def _on_trust_box_toggled(self, checked: bool) -> None:
        title = self.tr(CONFIRMED_KEY_TITLE) if checked else self.tr(UNCONFIRMED_KEY_TITLE)
        for row in self._unconfirmed_rows:
            self.table.item(row, COLUMN_OUTCOME).setText(title)
            self.table.item(row, COLUMN_OUTCOME).setToolTip(title)
        self._update_import_button()

    def _update_import_button(self) -> None:
        importable = [plan for plan in self.plans if plan.writes and not plan.key_unknown]
        trusted_new = self.trust_box.isChecked() and bool(self.unknown_key_plans)
        self.import_button.setEnabled(bool(importable) or trusted_new)
