"""Running a preview or an import of packages off the window's thread.

The worker only calls the exchange services; they merge each package in its
own transaction, so cancelling between two packages never leaves one half
written.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from proforient_desktop.errors import UserError

log = logging.getLogger(__name__)


class ExchangeWorker(QObject):
    """Calls ``task(progress=..., cancelled=...)`` in a thread and reports back by signals."""

    progress_changed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, task: Callable[..., object]) -> None:
        super().__init__()
        self._task = task
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            result = self._task(progress=self._report, cancelled=self._cancel.is_set)
        except UserError as error:
            self.failed.emit(error.message)
            return
        except Exception:  # noqa: BLE001 - a bug must reach the log, not kill the thread silently
            log.exception("Exchange task failed")
            self.failed.emit("")
            return
        self.finished.emit(result)

    def _report(self, done: int, total: int, path: Path | None) -> None:
        self.progress_changed.emit(done, total, path.name if path is not None else "")


def start_worker(parent: QObject, task: Callable[..., object]) -> tuple[QThread, ExchangeWorker]:
    """Move a new worker for ``task`` to a new thread, start it and return both.

    The thread quits and both objects are deleted once the task ends.
    """
    thread = QThread(parent)
    worker = ExchangeWorker(task)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread, worker
