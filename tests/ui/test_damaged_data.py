"""A damaged data file without an intact backup: set it aside and set up again, or exit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard

from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.exchange import export_package
from proforient_desktop.services.installation import initialize
from proforient_desktop.services.workspace import back_up, backups_dir, current_installation, database_path, \
    list_backups
from proforient_desktop.ui import damaged_data_dialog
from proforient_desktop.ui.app import Session
from proforient_desktop.ui.damaged_data_dialog import DamagedDataDialog
from tests.ui.conftest import SCREEN_SIZE
from tests.ui.test_screens_fit import cut_off_widgets, save_png

SCHOOL_CODE = "2721000001"


@pytest.fixture
def sessions(qtbot, data_dir, recorded):
    started = []

    def start() -> Session:
        new = Session(data_dir)
        started.append(new)
        return new

    yield start
    for session in started:
        if session.window is not None:
            session.window.close()
        if session.wizard is not None:
            session.wizard.close()
        session.stop()


@pytest.fixture
def school(data_dir, reopen, tmp_path) -> Path:
    """A school with 2024 counts, a backup and its last package; return the package."""
    context = reopen()
    initialize(context, "school", SCHOOL_CODE, "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")
    set_counts(context, 2024, {"students_total": 100})
    back_up(context, "start")
    package = export_package(context, tmp_path / "школа.proforient")
    context.close()
    return package


def corrupt(path: Path) -> None:
    with open(path, "r+b") as file:
        file.write(b"this is not an SQLite file" * 40)


def answer_dialog(button: str, seen: list[DamagedDataDialog], tries: int = 500) -> None:
    """Press ``button`` of the dialog once its modal loop runs, polling every 10 ms at most ``tries`` times."""
    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, DamagedDataDialog):
            seen.append(dialog)
            getattr(dialog, button).click()
        elif len(attempts) < tries:
            attempts.append(None)
            QTimer.singleShot(10, press)

    attempts: list[None] = []
    QTimer.singleShot(0, press)


def folders_aside(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("damaged-*"))


def test_damaged_without_backups_set_aside(qtbot, sessions, school, data_dir, recorded):
    for backup in list_backups(data_dir):
        backup.unlink()
    corrupt(database_path(data_dir))
    damaged = database_path(data_dir).read_bytes()
    key = load_or_create_key_pair(data_dir).fingerprint

    seen = []
    answer_dialog("set_up_button", seen)
    running = sessions()
    assert running.start()

    assert "повреждён" in seen[0].summary_label.text()
    [aside] = folders_aside(data_dir)
    assert (aside / database_path(data_dir).name).read_bytes() == damaged
    assert str(aside) in recorded.notices[-1]
    assert "техническую поддержку" in recorded.notices[-1]
    assert running.wizard is not None
    assert running.wizard.isVisible()
    assert current_installation(running.context) is None
    assert load_or_create_key_pair(data_dir).fingerprint == key


def test_damaged_backups_set_aside_too(qtbot, sessions, school, data_dir, recorded):
    old_backups = list_backups(data_dir)
    for backup in old_backups:
        corrupt(backup)
    corrupt(database_path(data_dir))

    answer_dialog("set_up_button", [])
    running = sessions()
    assert running.start()

    [aside] = folders_aside(data_dir)
    assert sorted(path.name for path in (aside / "backups").iterdir()) == sorted(path.name for path in old_backups)
    # Only the new, empty database's start backup is in the data folder now.
    assert [path.name.endswith("-start.sqlite3") for path in list_backups(data_dir)] == [True]
    assert running.wizard is not None


def test_lost_file_with_damaged_backups(qtbot, sessions, school, data_dir, recorded):
    for backup in list_backups(data_dir):
        corrupt(backup)
    database_path(data_dir).unlink()

    seen = []
    answer_dialog("set_up_button", seen)
    running = sessions()
    assert running.start()

    assert "отсутствует или пуст" in seen[0].summary_label.text()
    [aside] = folders_aside(data_dir)
    assert (aside / "backups").is_dir()
    assert running.wizard is not None


def test_emptied_file_beside_key_offered(qtbot, sessions, school, data_dir, recorded):
    for backup in list_backups(data_dir):
        backup.unlink()
    key = load_or_create_key_pair(data_dir).fingerprint
    database_path(data_dir).write_bytes(b"")

    seen = []
    answer_dialog("set_up_button", seen)
    running = sessions()
    assert running.start()

    assert len(seen) == 1
    assert "отсутствует или пуст" in seen[0].summary_label.text()
    assert len(folders_aside(data_dir)) == 1
    assert running.wizard is not None
    assert load_or_create_key_pair(data_dir).fingerprint == key


def test_exit_leaves_files_as_they_are(qtbot, sessions, school, data_dir, recorded):
    corrupt(database_path(data_dir))
    for backup in list_backups(data_dir):
        corrupt(backup)
    damaged = database_path(data_dir).read_bytes()
    backups_before = list_backups(data_dir)

    answer_dialog("exit_button", [])
    running = sessions()
    assert not running.start()

    assert database_path(data_dir).read_bytes() == damaged
    assert list_backups(data_dir) == backups_before
    assert folders_aside(data_dir) == []
    assert running.context is None


def test_move_failure_reported(qtbot, sessions, school, data_dir, recorded, monkeypatch):
    def fail(_data_dir):
        raise PermissionError(13, "Отказано в доступе")

    monkeypatch.setattr(damaged_data_dialog, "set_damaged_data_aside", fail)
    for backup in list_backups(data_dir):
        backup.unlink()
    corrupt(database_path(data_dir))
    damaged = database_path(data_dir).read_bytes()

    answer_dialog("set_up_button", [])
    running = sessions()
    assert not running.start()

    assert "Отказано в доступе" in recorded.errors[-1]
    assert str(data_dir) in recorded.errors[-1]
    assert database_path(data_dir).read_bytes() == damaged


def test_restore_from_package_after_setting_aside(qtbot, sessions, school, data_dir, recorded):
    for backup in list_backups(data_dir):
        corrupt(backup)
    corrupt(database_path(data_dir))

    answer_dialog("set_up_button", [])
    running = sessions()
    assert running.start()
    wizard = running.wizard
    wizard.role_page.restore_check.setChecked(True)
    wizard.next()
    wizard.restore_file_page.set_path(school)
    wizard.next()
    wizard.restore_key_page.card_check.setChecked(False)
    wizard.next()
    with qtbot.waitSignal(wizard.finished):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    assert running.window is not None
    assert current_installation(running.context).organisation_code == SCHOOL_CODE
    assert get_counts(running.context, 2024) == {"students_total": 100}
    assert recorded.errors == []


def test_dialog_fits_screen(qtbot, data_dir, tmp_path):
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"this is not an SQLite file" * 40)
    dialog = DamagedDataDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert dialog.width() <= SCREEN_SIZE[0]
    assert dialog.height() <= SCREEN_SIZE[1]
    assert cut_off_widgets(dialog) == []
    assert dialog.set_up_button.text() == "&Отложить файл и настроить заново"
    assert not backups_dir(data_dir).exists()
    save_png(dialog, "dialog-damaged-data", tmp_path)
