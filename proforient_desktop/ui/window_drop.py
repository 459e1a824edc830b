"""Package files dragged onto any part of a window.

Qt hands a drag to the widget under the cursor first, and some widgets (a
text field, the exchange screen) accept drops themselves. An application
event filter sees the drag before each of them, so a package dropped on a
number field opens the import preview instead of pasting its path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def package_paths(mime: QMimeData, suffix: str) -> list[Path]:
    """Return the dragged local files ending in ``suffix`` and folders; empty when there are none.

    A folder counts because the import takes a whole folder of packages.
    """
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.name.lower().endswith(suffix) or path.is_dir()]


class PackageDropFilter(QObject):
    """Takes every drag of package files over ``window`` and its widgets and emits ``dropped``."""

    dropped = Signal(list)

    def __init__(self, window: QWidget, suffix: str) -> None:
        super().__init__(window)
        self._window = window
        self._suffix = suffix
        self.enabled = True
        window.setAcceptDrops(True)
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in _DRAG_EVENTS or not self.enabled:
            return False
        if not watched.isWidgetType() or watched.window() is not self._window:
            return False
        paths = package_paths(event.mimeData(), self._suffix)
        if not paths:
            return False

        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.dropped.emit(paths)
        return True
