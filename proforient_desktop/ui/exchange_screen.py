"""The «Обмен» screen: export of this organisation's package, import of the packages of others.

Files are checked and previewed before anything is written. The import runs
off the window's thread with a progress dialog whose «Cancel» stops between
two packages, so no package is ever merged half way. The export box's
actions are in ``exchange_export_actions``, the trusted-key actions in
``exchange_key_actions``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QProgressDialog, QPushButton, \
    QVBoxLayout, QWidget

from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.exchange import ImportReport, import_packages, preview_import
from proforient_desktop.services.submissions import exchange_overview
from proforient_desktop.ui.exchange_export_actions import ExportActionsMixin
from proforient_desktop.ui.exchange_key_actions import KeyActionsMixin
from proforient_desktop.ui.exchange_key_dialog import KeyChangeDialog
from proforient_desktop.ui.exchange_preview_dialog import ExchangePreviewDialog
from proforient_desktop.ui.exchange_tables import ExchangeTables, local_time
from proforient_desktop.ui.exchange_worker import start_worker
from proforient_desktop.ui.messages import messenger

log = logging.getLogger(__name__)

RECEIVING_ROLES = ("municipality", "region")
PACKAGE_SUFFIX = ".proforient"


class ExchangeScreen(ExportActionsMixin, KeyActionsMixin, QWidget):
    """Export for every role; for a municipality and the region also import, submissions and keys."""

    import_finished = Signal(object)
    preview_ready = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._overview = exchange_overview(context)
        self._receiving = self._overview.role in RECEIVING_ROLES
        self.preview_dialog: ExchangePreviewDialog | None = None
        self.key_dialog: KeyChangeDialog | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._worker = None
        self._thread = None
        self._preview_paths: list[Path] = []
        self._on_task_finished = None

        self._init_export_box()
        self._init_import_box()
        self._init_layout()
        self._connect_signals()
        self.setAcceptDrops(self._receiving)
        QCoreApplication.instance().aboutToQuit.connect(self.stop_background_work)
        self.refresh()

    # Building

    def _init_export_box(self) -> None:
        self.export_box = QGroupBox(self.tr("Send the package to the level above"), self)
        self.identity_label = QLabel(self)
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity_label.setWordWrap(True)
        self.last_export_label = QLabel(self)
        self.last_export_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("&Export package…"), self)
        self.card_button = QPushButton(self.tr("Save key &card…"), self)
        self.restore_button = QPushButton(self.tr("&Restore from own package…"), self)
        self.restore_button.setToolTip(self.tr(
            "For a new computer: takes all data of your organisation from its last exported package."))
        self.update_button = QPushButton(self.tr("Load &targets update…"), self)
        self.update_button.setToolTip(self.tr(
            "A signed file from the regional operator with the targets of later years."))
        # The region writes target updates itself, in the Summary screen.
        self.update_button.setVisible(self._overview.role != "region")

    def _init_import_box(self) -> None:
        self.import_box = QGroupBox(self.tr("Receive packages"), self)
        self.import_files_button = QPushButton(self.tr("Import &files…"), self)
        self.import_folder_button = QPushButton(self.tr("Import a f&older…"), self)
        self.drop_hint = QLabel(self.tr("You can also drag package files or a folder onto this window. Each file is "
                                        "checked and shown before anything is written."), self)
        self.drop_hint.setWordWrap(True)
        self.tables = ExchangeTables(self)

    def _init_layout(self) -> None:
        export_buttons = QHBoxLayout()
        export_buttons.addWidget(self.export_button)
        export_buttons.addWidget(self.card_button)
        export_buttons.addWidget(self.update_button)
        export_buttons.addStretch(1)
        export_buttons.addWidget(self.restore_button)
        export_layout = QVBoxLayout(self.export_box)
        export_layout.addWidget(self.identity_label)
        export_layout.addWidget(self.last_export_label)
        export_layout.addLayout(export_buttons)

        import_buttons = QHBoxLayout()
        import_buttons.addWidget(self.import_files_button)
        import_buttons.addWidget(self.import_folder_button)
        import_buttons.addWidget(self.drop_hint, 1)
        import_layout = QVBoxLayout(self.import_box)
        import_layout.addLayout(import_buttons)
        import_layout.addWidget(self.tables, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.export_box)
        layout.addWidget(self.import_box, 1)
        if not self._receiving:
            self.import_box.hide()
            layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.export_button.clicked.connect(self._on_export_clicked)
        self.card_button.clicked.connect(self._on_card_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.update_button.clicked.connect(self._on_update_clicked)
        self.import_files_button.clicked.connect(self._on_import_files_clicked)
        self.import_folder_button.clicked.connect(self._on_import_folder_clicked)
        self.tables.trust_card_requested.connect(self._on_trust_card_requested)
        self.tables.replace_key_requested.connect(self._on_replace_key_requested)
        self.tables.retire_key_requested.connect(self._on_retire_key_requested)

    # Refreshing

    def refresh(self) -> None:
        """Reload the state of the exchange from the services."""
        self._overview = exchange_overview(self._context)
        self.identity_label.setText(
            self.tr("%1 (code %2). Key fingerprint: <b>%3</b>")
            .replace("%1", self._overview.organisation_name).replace("%2", self._overview.organisation_code)
            .replace("%3", self._overview.fingerprint))
        last = self._overview.last_export
        if last is None:
            self.last_export_label.setText(self.tr("The package has not been exported yet."))
        else:
            self.last_export_label.setText(
                self.tr("Last export: %1, package No. %2, file %3")
                .replace("%1", local_time(last.at)).replace("%2", str(last.sequence)).replace("%3", last.file))
        if self._receiving:
            self.tables.reload(self._context)

    # Import

    def ask_open_paths(self) -> list[Path]:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import packages"), str(Path.home()),
                                                self.tr("ProfOrient packages (*.proforient);;All files (*)"))
        return [Path(path) for path in paths]

    def ask_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with packages"), str(Path.home()))
        return Path(folder) if folder else None

    def _on_import_files_clicked(self) -> None:
        paths = self.ask_open_paths()
        if paths:
            self.start_preview(paths)

    def _on_import_folder_clicked(self) -> None:
        folder = self.ask_folder()
        if folder is not None:
            self.start_preview([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self._receiving and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_preview(paths)

    def start_preview(self, paths: list[Path]) -> None:
        """Check the files in the background, then show what importing them would do."""
        if self._thread is not None:
            return

        def task(progress, cancelled):
            return preview_import(self._context, paths, progress=progress, cancelled=cancelled)

        self._preview_paths = paths
        self._run(task, self.tr("Checking packages…"), self._on_preview_finished)

    def _on_preview_finished(self, plans) -> None:
        paths = self._preview_paths
        if not plans:
            messenger().notice(self, self.tr("Import"), self.tr("No package files (*.proforient) were found."))
        else:
            self.preview_dialog = ExchangePreviewDialog(plans, self)
            self.preview_dialog.accepted.connect(lambda: self.start_import(paths, self.preview_dialog.trust_new))
            self.preview_dialog.open()
        self.preview_ready.emit(plans)

    def start_import(self, paths: list[Path], trust_new: bool) -> None:
        """Import the files in the background, each package in its own transaction."""
        if self._thread is not None:
            return

        def task(progress, cancelled):
            return import_packages(self._context, paths, trust_new=trust_new, progress=progress,
                                   cancelled=cancelled)

        self._run(task, self.tr("Importing packages…"), self._on_import_finished)

    def _on_import_finished(self, report: ImportReport) -> None:
        self.refresh()
        messenger().notice(self, self.tr("Import"), self._report_text(report))
        self.import_finished.emit(report)

    def _report_text(self, report: ImportReport) -> str:
        counts = {outcome: len(report.with_outcome(outcome)) for outcome in Outcome}
        text = self.tr("Imported: %1. Already imported: %2. Older, ignored: %3. Rejected: %4.") \
            .replace("%1", str(counts[Outcome.NEW] + counts[Outcome.REPLACES])) \
            .replace("%2", str(counts[Outcome.ALREADY_IMPORTED])).replace("%3", str(counts[Outcome.OLDER])) \
            .replace("%4", str(counts[Outcome.REJECTED]))
        if report.cancelled:
            text += "\n" + self.tr("The import was cancelled: the remaining files were not imported.")
        rejected = [plan.message for plan in report.rejected]
        if rejected:
            text += "\n\n" + "\n".join(rejected[:10])
        return text

    def _run(self, task, label: str, on_finished) -> None:
        self.progress_dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self)
        self.progress_dialog.setWindowTitle(self.tr("Exchange"))
        self.progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog.setAutoReset(False)
        self.progress_dialog.setAutoClose(False)
        self.progress_dialog.setMinimumDuration(0)

        self._thread, self._worker = start_worker(self, task)
        self.progress_dialog.canceled.connect(self._worker.cancel)
        self._worker.progress_changed.connect(self._on_progress_changed)
        # Bound methods of this widget, not lambdas: only then does Qt queue the worker's
        # signals to the window's thread, where widgets may be created.
        self._on_task_finished = on_finished
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self.progress_dialog.show()

    def stop_background_work(self) -> None:
        """Cancel a running preview or import and wait until its current package is merged."""
        if self._worker is not None:
            self._worker.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    def _on_progress_changed(self, done: int, total: int, file_name: str) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        if file_name:
            dialog.setLabelText(self.tr("File %1 of %2: %3").replace("%1", str(done + 1))
                                .replace("%2", str(total)).replace("%3", file_name))
        dialog.setMaximum(total)
        # A modal progress dialog processes events inside setValue(), where the task may finish
        # and close the dialog, so nothing may follow this call.
        dialog.setValue(done)

    def _close_progress(self) -> None:
        if self._thread is not None:
            # The task has returned; waiting for the thread's end keeps Qt from destroying a running thread.
            self._thread.quit()
            self._thread.wait()
        self._thread = None
        self._worker = None
        if self.progress_dialog is not None:
            # Closing a progress dialog emits «canceled»; the task has ended, so nothing listens any more.
            self.progress_dialog.canceled.disconnect()
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _on_worker_finished(self, result) -> None:
        self._close_progress()
        self._on_task_finished(result)

    def _on_worker_failed(self, message: str) -> None:
        self._close_progress()
        messenger().error(self, self.tr("Exchange"), message or self.tr(
            "The operation failed because of an internal error; details are in the log file."))
        self.refresh()
