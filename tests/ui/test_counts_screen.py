"""The counts screen driven with the keyboard over a real database."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.ui.counts_screen import CountsScreen, reporting_years
from proforient_desktop.ui.main_window import MainWindow


def type_into(qtbot, screen: CountsScreen, code: str, text: str, key=Qt.Key.Key_Tab) -> None:
    editor = screen.form.editors[code]
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key)


def counts_screen(window: MainWindow) -> CountsScreen:
    screen = window.show_section("counts")
    screen.year_box.setCurrentIndex(screen.year_box.findData(2024))
    return screen


def test_reporting_years_current_first():
    years = reporting_years(2022, dt.date(2025, 3, 1))
    assert years[0] == 2025
    assert years[1:4] == [2024, 2023, 2022]
    assert years[-1] == 2026


def test_typing_changes_indicator(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    assert screen.panel.row_texts("P1")["value"] == "—"

    type_into(qtbot, screen, "students_total", "200")
    type_into(qtbot, screen, "ticket_to_future_participants", "30")

    texts = screen.panel.row_texts("P1")
    assert texts["value"] == "15,0 %"
    assert texts["target"] == "12 %"
    assert texts["status"] == "достигнуто"
    assert get_counts(school_context, 2024) == {"students_total": 200, "ticket_to_future_participants": 30}


def test_indicator_updates_before_leaving_field(qtbot, school_window):
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "100")
    editor = screen.form.editors["proektoria_participants"]
    editor.setFocus()
    qtbot.keyClicks(editor, "25")
    assert screen.panel.row_texts("P2")["value"] == "25,0 %"
    assert screen.panel.row_texts("P2")["status"] == "не достигнуто"


def test_change_from_previous_year(qtbot, school_window, school_context):
    set_counts(school_context, 2023, {"students_total": 100, "ticket_to_future_participants": 10})
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "100")
    type_into(qtbot, screen, "ticket_to_future_participants", "15")
    assert screen.panel.row_texts("P1")["change"] == "+5,0 п. п."


def test_enter_moves_to_next_field(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    codes = screen.form.ordered_codes()
    type_into(qtbot, screen, codes[0], "300", key=Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.form.editors[codes[1]].hasFocus())
    assert get_counts(school_context, 2024) == {codes[0]: 300}


def test_empty_field_means_not_reported(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "0")
    assert get_counts(school_context, 2024) == {"students_total": 0}

    editor = screen.form.editors["students_total"]
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert get_counts(school_context, 2024) == {}


def test_letters_cannot_be_typed(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "12a-3,5")
    assert screen.form.editors["students_total"].text() == "1235"
    assert get_counts(school_context, 2024) == {"students_total": 1235}


def test_too_large_value_refused(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "123456789")
    note = screen.form.notes["students_total"]
    assert note.isVisible()
    assert "больше 10 000 000" in note.text()
    assert get_counts(school_context, 2024) == {}


def test_consistency_warning_shown_while_typing(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "50")
    editor = screen.form.editors["ticket_to_future_participants"]
    editor.setFocus()
    qtbot.keyClicks(editor, "60")

    note = screen.form.notes["ticket_to_future_participants"]
    assert note.isVisible()
    assert "часть не может превышать целое" in note.text()

    editor.selectAll()
    qtbot.keyClicks(editor, "40")
    assert not note.isVisible()


def test_undo_and_redo(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "200")
    type_into(qtbot, screen, "students_total", "250")
    assert get_counts(school_context, 2024) == {"students_total": 250}

    school_window.activateWindow()
    school_window.undo_action.trigger()
    assert get_counts(school_context, 2024) == {"students_total": 200}
    assert screen.form.editors["students_total"].text() == "200"

    school_window.undo_action.trigger()
    assert get_counts(school_context, 2024) == {}
    assert screen.form.editors["students_total"].text() == ""

    school_window.redo_action.trigger()
    school_window.redo_action.trigger()
    assert get_counts(school_context, 2024) == {"students_total": 250}
    assert screen.form.editors["students_total"].text() == "250"


def test_undo_shortcuts(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "200")
    assert school_window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Y" in [shortcut.toString() for shortcut in school_window.redo_action.shortcuts()]
    assert school_window.undo_action.isEnabled()


def test_data_found_after_reopen(qtbot, school_window, school_context, reopen, recorded):
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "321")
    school_window.close()
    school_context.close()

    context = reopen()
    window = MainWindow(context)
    qtbot.addWidget(window)
    reopened = window.show_section("counts")
    reopened.year_box.setCurrentIndex(reopened.year_box.findData(2024))
    assert reopened.form.editors["students_total"].text() == "321"


def test_other_counts_on_request(qtbot, school_window):
    screen = counts_screen(school_window)
    assert "college_graduates_total" in screen.form.editors
    assert not screen.form.editors["college_graduates_total"].isVisibleTo(screen)
    screen.other_counts_box.setChecked(True)
    assert screen.form.editors["college_graduates_total"].isVisibleTo(screen)


def test_undo_shows_year_of_change(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    type_into(qtbot, screen, "students_total", "200")
    screen.year_box.setCurrentIndex(screen.year_box.findData(2023))
    assert screen.form.editors["students_total"].text() == ""

    school_window.undo_action.trigger()
    assert screen.year() == 2024
    assert screen.form.editors["students_total"].text() == ""
    assert get_counts(school_context, 2024) == {}


def test_arrows_move_between_fields(qtbot, school_window, school_context):
    screen = counts_screen(school_window)
    codes = screen.form.ordered_codes()
    type_into(qtbot, screen, codes[0], "300", key=Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: screen.form.editors[codes[1]].hasFocus())
    assert get_counts(school_context, 2024) == {codes[0]: 300}

    qtbot.keyClick(screen.form.editors[codes[1]], Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: screen.form.editors[codes[0]].hasFocus())
