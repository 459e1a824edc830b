"""Backups, restore, the integrity check, the single-instance lock and window settings."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from proforient_desktop import __version__
from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.installation import initialize
from proforient_desktop.services.workspace import back_up, database_path, list_backups
from proforient_desktop.ui.app import Session
from proforient_desktop.ui.main_window import MainWindow
from tests.ui.test_damaged_data import answer_dialog


@pytest.fixture
def session(qtbot, data_dir, recorded):
    sessions = []

    def start() -> Session:
        new = Session(data_dir)
        sessions.append(new)
        return new

    yield start
    for opened in sessions:
        if opened.window is not None:
            opened.window.close()
        if opened.wizard is not None:
            opened.wizard.close()
        opened.stop()


@pytest.fixture
def initialised(data_dir, reopen):
    context = reopen()
    initialize(context, "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")
    set_counts(context, 2024, {"students_total": 100})
    context.close()
    return data_dir


def reasons(data_dir) -> list[str]:
    # Names look like proforient-20250131-142501-123456-before-restore.sqlite3.
    return [path.stem.split("-", 4)[4] for path in list_backups(data_dir)]


def test_first_start_opens_setup(qtbot, session, data_dir):
    first = session()
    assert first.start()
    assert first.wizard is not None
    assert first.wizard.isVisible()
    assert first.window is None


def test_backups_on_start_and_close(qtbot, session, initialised):
    running = session()
    assert running.start()
    assert running.window is not None
    assert reasons(initialised) == ["start"]

    running.window.close()
    running.stop()
    assert sorted(reasons(initialised)) == ["close", "start"]


def test_backups_rotated(school_context):
    for _ in range(12):
        back_up(school_context, "manual")
    assert len(list_backups(school_context.data_dir)) == 10


def test_second_copy_refused(qtbot, session, initialised, recorded):
    first = session()
    assert first.start()
    second = session()
    assert not second.start()
    assert len(recorded.errors) == 1
    assert "уже открыта с папкой данных" in recorded.errors[0]
    assert str(initialised) in recorded.errors[0]


def test_copy_allowed_after_first_closes(qtbot, session, initialised):
    first = session()
    assert first.start()
    first.window.close()
    first.stop()
    second = session()
    assert second.start()


def corrupt(path) -> None:
    with open(path, "r+b") as file:
        file.write(b"this is not an SQLite file" * 40)


def test_damaged_file_restored_from_backup(qtbot, session, initialised, recorded, reopen):
    first = session()
    assert first.start()
    first.window.close()
    first.stop()
    corrupt(database_path(initialised))

    second = session()
    assert second.start()
    assert "повреждён" in recorded.questions[-1]
    assert second.window is not None
    assert get_counts(second.context, 2024) == {"students_total": 100}
    assert list(initialised.glob("proforient-damaged-*.sqlite3"))


@pytest.mark.parametrize("loss", ["missing", "empty"])
def test_lost_file_restored_from_backup(qtbot, session, initialised, recorded, loss):
    first = session()
    assert first.start()
    first.window.close()
    first.stop()
    if loss == "missing":
        database_path(initialised).unlink()
    else:
        database_path(initialised).write_bytes(b"")

    second = session()
    assert second.start()
    assert "отсутствует или пуст" in recorded.questions[-1]
    assert second.wizard is None
    assert get_counts(second.context, 2024) == {"students_total": 100}


def test_lost_file_kept_lost_when_user_declines(qtbot, session, initialised, recorded):
    first = session()
    first.start()
    first.window.close()
    first.stop()
    database_path(initialised).unlink()
    backups_before = list_backups(initialised)

    recorded.answers = [False]
    second = session()
    assert not second.start()
    assert not database_path(initialised).exists()
    assert list_backups(initialised) == backups_before


def test_damaged_file_without_backup(qtbot, session, initialised, recorded):
    # The way out of this case is tested in test_damaged_data.py; here the user exits.
    corrupt(database_path(initialised))
    damaged = database_path(initialised).read_bytes()

    answer_dialog("exit_button", [])
    running = session()
    assert not running.start()
    assert database_path(initialised).read_bytes() == damaged


def test_damaged_file_kept_when_user_declines(qtbot, session, initialised, recorded):
    first = session()
    first.start()
    first.window.close()
    first.stop()
    corrupt(database_path(initialised))
    damaged = database_path(initialised).read_bytes()

    recorded.answers = [False]
    second = session()
    assert not second.start()
    assert database_path(initialised).read_bytes() == damaged


def test_restore_from_menu(qtbot, school_window, school_context, recorded):
    set_counts(school_context, 2024, {"students_total": 100})
    back_up(school_context, "manual")
    set_counts(school_context, 2024, {"students_total": 200})

    school_window.restore_action.trigger()
    dialog = school_window.restore_dialog
    assert dialog.list.count() == 1
    with qtbot.waitSignal(school_window.context_replaced):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    assert "Сначала будет сохранена копия текущих данных" in recorded.questions[-1]
    assert get_counts(school_window.context, 2024) == {"students_total": 100}
    assert "before-restore" in reasons(school_window.context.data_dir)
    counts = school_window.show_section("counts")
    counts.year_box.setCurrentIndex(counts.year_box.findData(2024))
    assert counts.form.editors["students_total"].text() == "100"
    school_window.context.close()


def test_restore_declined_changes_nothing(qtbot, school_window, school_context, recorded):
    set_counts(school_context, 2024, {"students_total": 100})
    back_up(school_context, "manual")
    set_counts(school_context, 2024, {"students_total": 200})
    recorded.answers = [False]

    school_window.restore_action.trigger()
    school_window.restore_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert get_counts(school_context, 2024) == {"students_total": 200}
    assert reasons(school_context.data_dir) == ["manual"]


def test_geometry_and_section_remembered(qtbot, school_context, recorded):
    window = MainWindow(school_context)
    qtbot.addWidget(window)
    window.show()
    # The offscreen screen is 800×600 and restoreGeometry() keeps a window on its screen.
    window.resize(700, 500)
    window.show_section("catalog")
    window.close()

    again = MainWindow(school_context)
    qtbot.addWidget(again)
    again.show()
    assert again.size().width() == 700
    assert again.size().height() == 500
    assert again.section_keys()[again.navigation.currentRow()] == "catalog"
    assert (school_context.data_dir / "window.ini").is_file()


def test_status_bar_shows_data_file(school_window, school_context):
    text = school_window.data_file_label.text()
    assert str(database_path(school_context.data_dir)) in text
    assert f'href="file://{school_context.data_dir}"' in text


def test_about_shows_version_and_folder(school_window, school_context, recorded):
    school_window.about_action.trigger()
    assert __version__ in recorded.notices[-1]
    assert str(school_context.data_dir) in recorded.notices[-1]


def test_data_folder_under_file_named(qtbot, tmp_path, recorded):
    blocker = tmp_path / "файл.proforient"
    blocker.write_bytes(b"not a folder")

    running = Session(blocker / "данные")
    try:
        assert not running.show_shell()
    finally:
        running.stop()

    assert "Не удалось создать папку данных" in recorded.errors[-1]
    assert str(blocker / "данные") in recorded.errors[-1]
