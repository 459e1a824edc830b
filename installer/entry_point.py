"""Entry point of the frozen application: the ``proforient`` command, guarded.

With the environment variable ``PROFORIENT_EXIT_AT_FIRST_PAINT`` set to 1, the
program prints ``first-paint`` at the first paint of its main window and
exits there. benchmarks/build_size.py times the start of the build that way,
with the watcher of benchmarks/startup.py, because no code can be injected
into a frozen program from outside.
"""

import os
import sys

FIRST_PAINT_VARIABLE = "PROFORIENT_EXIT_AT_FIRST_PAINT"
FIRST_PAINT_MARKER = "first-paint"


def exit_at_first_paint() -> None:
    """Create the application with a filter that ends the process at the main window's first paint."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    class FirstPaintWatcher(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() != QEvent.Type.Paint or not watched.isWidgetType():
                return False
            if type(watched.window()).__name__ == "MainWindow":
                sys.stdout.write(FIRST_PAINT_MARKER + "\n")
                sys.stdout.flush()
                os._exit(0)
            return False

    # The program's start takes the existing application instead of making one.
    application = QApplication(sys.argv)
    application.installEventFilter(FirstPaintWatcher(application))


if os.environ.get(FIRST_PAINT_VARIABLE) == "1":
    exit_at_first_paint()

from proforient_desktop.startup import main_guarded  # noqa: E402

raise SystemExit(main_guarded())
