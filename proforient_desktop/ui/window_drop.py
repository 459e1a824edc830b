"""Package files dragged onto any part of a window.

Qt hands a drag to the widget under the cursor first, and some widgets (a
text field, the exchange screen) accept drops themselves. An application
event filter receives the drag before each of them, so a package dropped on a
number field opens the import preview instead of pasting its path.

The filter is installed only when the window is ready for work: Qt then
calls it for every event of the application, and before the first paint
that would make PySide6 build Python types for each widget class it meets.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

@functools.cache
def drag_event_types() -> tuple[QEvent.Type, ...]:
    # Looked up on first use: QEvent's enum is large, and the shell does not need it.
    return QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop


def package_paths(mime: QMimeData, suffix: str) -> list[Path]:
    """Return the dragged local files ending in ``suffix`` and folders; empty when there are none.

    A folder counts because the import takes a whole folder of packages.
    """
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.name.lower().endswith(suffix) or path.is_dir()]


class PackageDropFilter(QObject):
    """Takes every drag of package files over ``window`` and its widgets and emits ``dropped``, once started."""

    dropped = Signal(list)

    def __init__(self, window: QWidget, suffix: str) -> None:
        super().__init__(window)
        self._window = window
        self._suffix = suffix
        self._started = False

    def start(self) -> None:
        """Start taking drags; before this the window takes no drop at all."""
        if not self._started:
            self._started = True
            self._window.setAcceptDrops(True)
            QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Only the type is checked first: Qt also calls the filter while the
        # window is being destroyed, when this object's attributes are gone.
        if event.type() not in drag_event_types():
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
