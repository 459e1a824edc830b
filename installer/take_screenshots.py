"""Grab the screenshots of docs/install.ru.md offscreen: docs/images/install-*.png.

    QT_QPA_PLATFORM=offscreen python installer/take_screenshots.py

Runs the program from source on a new data folder with the Russian
translation: the setup at the first start, the main window after it, and
the message box of a failed start.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from proforient_desktop import startup  # noqa: E402
from proforient_desktop.services.context import open_context  # noqa: E402
from proforient_desktop.services.installation import initialize  # noqa: E402
from proforient_desktop.ui.i18n import install_translations  # noqa: E402
from proforient_desktop.ui.main_window import MainWindow  # noqa: E402
from proforient_desktop.ui.setup_wizard import SetupWizard  # noqa: E402

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
SCREEN_SIZE = (1366, 768)


def grab_failure_box(app: QApplication, data_dir: Path) -> None:
    """Show the start-up failure box for a busy database and save it when it appears."""
    from proforient_desktop.errors import DatabaseBusyError

    error = DatabaseBusyError(f"База данных «{data_dir / 'proforient.sqlite3'}» занята другой копией программы. "
                              "Закройте другую копию и запустите программу снова.")
    report = startup.write_failure_report(error, data_dir)

    def save_and_close() -> None:
        box = app.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, save_and_close)
            return
        box.grab().save(str(IMAGES / "install-startup-error.png"))
        box.close()

    QTimer.singleShot(20, save_and_close)
    startup.show_failure_dialog(startup.failure_message(error, report))


def main() -> int:
    app = QApplication(sys.argv[:1])
    translators = install_translations(app, "ru")
    IMAGES.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="proforient-screens-") as folder:
        data_dir = Path(folder) / "ProfOrient"
        context = open_context(data_dir)

        wizard = SetupWizard(context)
        wizard.show()
        app.processEvents()
        wizard.grab().save(str(IMAGES / "install-first-start.png"))
        wizard.close()

        initialize(context, "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")
        window = MainWindow(context)
        window.resize(*SCREEN_SIZE)
        window.show()
        app.processEvents()
        window.grab().save(str(IMAGES / "install-main-window.png"))
        window.close()

        grab_failure_box(app, data_dir)
        context.close()
    del translators
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
