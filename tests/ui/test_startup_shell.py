"""The window paints its shell before the data layer is imported, then opens the data."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QCoreApplication, QTimer

from proforient_desktop import locations
from proforient_desktop.exchange.package import FILE_SUFFIX
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.installation import initialize
from proforient_desktop.services.workspace import list_backups
from proforient_desktop.storage import database
from proforient_desktop.ui import app as app_module
from proforient_desktop.ui.app import Session
from proforient_desktop.ui.main_window import MainWindow

SCHOOL_SECTIONS = ["Показатели", "Мероприятия", "Обмен", "Отчёты", "Справочник", "Настройки"]


def titles(window: MainWindow) -> list[str]:
    return [window.navigation.item(row).text() for row in range(window.navigation.count())]


@pytest.fixture
def initialised(data_dir, reopen):
    context = reopen()
    initialize(context, "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")
    set_counts(context, 2024, {"students_total": 100})
    context.close()
    return data_dir


@pytest.fixture
def session(initialised, recorded):
    running = Session(initialised)
    yield running
    if running.window is not None:
        running.window.close()
    running.stop()


def test_locations_match_the_data_layer(monkeypatch, tmp_path):
    assert locations.PACKAGE_SUFFIX == FILE_SUFFIX
    assert locations.DATA_DIR_ENV == database.DATA_DIR_ENV
    assert locations.DATABASE_URL_ENV == database.DATABASE_URL_ENV
    assert locations.APP_NAME == database.APP_NAME

    monkeypatch.delenv(database.DATA_DIR_ENV, raising=False)
    assert locations.resolve_data_dir() == database.resolve_data_dir()
    assert locations.resolve_data_dir(tmp_path / "явная") == database.resolve_data_dir(tmp_path / "явная")
    monkeypatch.setenv(database.DATA_DIR_ENV, str(tmp_path / "из переменной"))
    assert locations.resolve_data_dir() == database.resolve_data_dir() == tmp_path / "из переменной"


def test_shell_paints_without_the_data_layer(tmp_path):
    # A new interpreter, because this one has long imported everything.
    script = textwrap.dedent("""
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication(sys.argv)
        import proforient_desktop.cli
        from proforient_desktop.ui.main_window import MainWindow
        import proforient_desktop.ui.app
        shell = MainWindow(data_dir=sys.argv[1])
        shell.show()
        shell.grab()
        heavy = sorted(name for name in sys.modules if name.split(".")[0] in ("sqlalchemy", "alembic")
                       or name.startswith(("proforient_desktop.storage", "proforient_desktop.services",
                                           "proforient_desktop.catalog", "proforient_desktop.exchange")))
        print(heavy)
    """)
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                               env=environment, check=True, timeout=120)
    assert completed.stdout.strip().splitlines()[-1] == "[]"


def test_shell_shows_sections_disabled_until_ready(qtbot, data_dir):
    shell = MainWindow(data_dir=data_dir)
    qtbot.addWidget(shell)
    shell.show()

    assert titles(shell) == SCHOOL_SECTIONS
    assert not shell.navigation.isEnabled()
    assert not shell.is_ready()
    assert shell.organisation_label.text() == "Открываю данные…"
    assert shell.stack.currentWidget() is shell.loading_label
    assert not shell.backup_action.isEnabled()
    assert not shell.restore_action.isEnabled()
    assert shell.windowTitle() == "ProfOrient Desktop"


def test_shell_lists_the_sections_of_the_last_role(qtbot, context, recorded):
    initialize(context, "municipality", "2700000001", "Управление образования", "khabarovsky")
    MainWindow(context).close()

    shell = MainWindow(data_dir=context.data_dir)
    qtbot.addWidget(shell)
    assert "Сводка" in titles(shell)
    assert not shell.navigation.isEnabled()


def test_session_opens_data_after_the_first_paint(qtbot, session, initialised):
    assert session.show_shell()
    shell = session.shell
    assert session.context is None
    assert list_backups(initialised) == []

    with qtbot.waitSignal(shell.ready, timeout=30_000):
        session.open_data_after_paint()
    assert session.window is shell
    assert shell.navigation.isEnabled()
    assert shell.backup_action.isEnabled()
    assert "МБОУ СОШ № 1" in shell.organisation_label.text()
    counts = shell.screen("counts")
    assert shell.stack.currentWidget() is counts
    counts.year_box.setCurrentIndex(counts.year_box.findData(2024))
    assert counts.form.editors["students_total"].text() == "100"
    assert len(list_backups(initialised)) == 1


def test_second_copy_refused_before_the_shell(qtbot, session, initialised, recorded):
    assert session.start()
    second = Session(initialised)
    assert not second.show_shell()
    assert second.shell is None
    assert "уже открыта с папкой данных" in recorded.errors[-1]


def test_failure_while_opening_is_raised_for_the_report(qtbot, initialised, recorded, monkeypatch):
    def broken_open(_data_dir, _parent=None):
        raise RuntimeError("база не открылась")

    monkeypatch.setattr("proforient_desktop.ui.server_start.open_start_context", broken_open)
    # Should the failure go unnoticed, the loop ends instead of hanging the tests.
    QTimer.singleShot(60_000, lambda: QCoreApplication.exit(99))
    with pytest.raises(RuntimeError, match="база не открылась"):
        app_module.run(str(initialised))
    # The folder is free again for the next start.
    again = Session(initialised)
    assert again.show_shell()
    again.stop()

