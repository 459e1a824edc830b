"""The activities screen: add, edit, filter, delete and undo, over a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialogButtonBox

from proforient_desktop.domain.activities import ActivityDraft
from proforient_desktop.services.activities import add_activity, list_activities
from proforient_desktop.ui.activities_screen import ActivitiesScreen
from proforient_desktop.ui.activity_dialog import ActivityDialog

YEAR = 2024


def activities_screen(window) -> ActivitiesScreen:
    screen = window.show_section("activities")
    screen.year_box.setCurrentIndex(screen.year_box.findData(YEAR))
    return screen


def fill(dialog: ActivityDialog, *, measure="1.01", date=dt.date(YEAR, 3, 15), title="Классный час «Профессии края»",
         total="25", sen="2", partners="") -> None:
    dialog.select_measure(measure)
    dialog.date_edit.setDate(QDate(date.year, date.month, date.day))
    dialog.title_edit.setText(title)
    dialog.total_edit.setText(total)
    dialog.sen_edit.setText(sen)
    dialog.partners_edit.setPlainText(partners)


def press_ok(qtbot, dialog: ActivityDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def add_through_dialog(qtbot, screen: ActivitiesScreen, **fields) -> None:
    dialog = screen.open_dialog(None)
    fill(dialog, **fields)
    with qtbot.waitSignal(dialog.accepted):
        press_ok(qtbot, dialog)


def select_row(screen: ActivitiesScreen, row: int) -> None:
    screen.table.selectRow(row)


def test_model_passes_model_tester(qtbot, school_window, school_context):
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), "Экскурсия", participants_total=10))
    screen = activities_screen(school_window)
    QAbstractItemModelTester(screen.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    screen.refresh()
    screen.search_edit.setText("экс")
    assert screen.proxy.rowCount() == 1


def test_add_activity(qtbot, school_window, school_context):
    screen = activities_screen(school_window)
    add_through_dialog(qtbot, screen, partners="ООО «Амурсталь»\nКГБ ПОУ ХТК")

    saved = list_activities(school_context, YEAR)
    assert [record.draft.title for record in saved] == ["Классный час «Профессии края»"]
    assert saved[0].draft.participants_sen == 2
    assert saved[0].draft.partners == "ООО «Амурсталь»\nКГБ ПОУ ХТК"
    assert screen.proxy.rowCount() == 1
    assert screen.proxy.index(0, 2).data() == "Классный час «Профессии края»"


def test_edit_activity(qtbot, school_window, school_context):
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), "Экскурсия", participants_total=10))
    screen = activities_screen(school_window)
    select_row(screen, 0)
    screen.edit_button.click()
    dialog = screen.dialog
    assert dialog.title_edit.text() == "Экскурсия"

    dialog.title_edit.setText("Экскурсия на завод")
    dialog.total_edit.setText("12")
    with qtbot.waitSignal(dialog.accepted):
        press_ok(qtbot, dialog)

    saved = list_activities(school_context, YEAR)
    assert [(record.draft.title, record.draft.participants_total) for record in saved] == [("Экскурсия на завод", 12)]
    assert screen.proxy.index(0, 2).data() == "Экскурсия на завод"

    school_window.undo_action.trigger()
    assert list_activities(school_context, YEAR)[0].draft.title == "Экскурсия"
    assert screen.proxy.index(0, 2).data() == "Экскурсия"


def test_filter_by_year_measure_and_text(qtbot, school_window, school_context):
    add_activity(school_context, 2023, ActivityDraft("1.01", dt.date(2023, 5, 1), "Прошлогодняя встреча",
                                                     participants_total=5))
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), "Экскурсия на завод",
                                                     participants_total=10, partners="ООО «Амурсталь»"))
    add_activity(school_context, YEAR, ActivityDraft("1.02", dt.date(YEAR, 3, 1), "Площадка на фестивале",
                                                     participants_total=40))
    screen = activities_screen(school_window)
    assert screen.proxy.rowCount() == 2

    screen.year_box.setCurrentIndex(screen.year_box.findData(None))
    assert screen.proxy.rowCount() == 3

    screen.measure_filter.setCurrentIndex(screen.measure_filter.findData("1.02"))
    assert screen.proxy.rowCount() == 1

    screen.measure_filter.setCurrentIndex(0)
    # QTest can type only ASCII keys, so the Cyrillic text is set directly.
    screen.search_edit.setText("амурсталь")
    assert screen.proxy.rowCount() == 1
    assert screen.proxy.index(0, 2).data() == "Экскурсия на завод"
    assert screen.count_label.text() == "Показано: 1 из 3"


def test_sort_by_participants(qtbot, school_window, school_context):
    for total in (30, 5, 12):
        add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), f"Встреча {total}",
                                                         participants_total=total))
    screen = activities_screen(school_window)
    screen.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    assert [screen.proxy.index(row, 4).data() for row in range(3)] == ["5", "12", "30"]


def test_delete_asks_and_undo_restores(qtbot, school_window, school_context, recorded):
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), "Экскурсия", participants_total=10))
    screen = activities_screen(school_window)
    select_row(screen, 0)

    recorded.answers = [False]
    screen.delete_button.click()
    assert len(recorded.questions) == 1
    assert "Экскурсия" in recorded.questions[0]
    assert len(list_activities(school_context, YEAR)) == 1

    select_row(screen, 0)
    screen.delete_button.click()
    assert list_activities(school_context, YEAR) == []
    assert screen.proxy.rowCount() == 0

    school_window.undo_action.trigger()
    restored = list_activities(school_context, YEAR)
    assert [record.draft.title for record in restored] == ["Экскурсия"]
    assert screen.proxy.rowCount() == 1

    school_window.redo_action.trigger()
    assert list_activities(school_context, YEAR) == []


def test_undo_add(qtbot, school_window, school_context):
    screen = activities_screen(school_window)
    add_through_dialog(qtbot, screen)
    school_window.undo_action.trigger()
    assert list_activities(school_context, YEAR) == []
    school_window.redo_action.trigger()
    assert len(list_activities(school_context, YEAR)) == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"measure": ""}, "Не выбрано мероприятие программы"),
    ({"date": dt.date(YEAR + 1, 1, 10)}, f"вне отчётного {YEAR} года"),
    ({"title": "  "}, "Не указано название мероприятия"),
    ({"total": ""}, "Не указано число участников"),
    ({"total": "10", "sen": "11"}, "больше, чем участников всего"),
    ({"total": "abc"}, "ожидается целое число"),
    ({"sen": "-1"}, "ожидается целое число"),
])
def test_invalid_input_refused(qtbot, school_window, school_context, fields, message):
    screen = activities_screen(school_window)
    dialog = screen.open_dialog(None)
    fill(dialog, **fields)
    press_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert message in dialog.error_label.text()
    assert list_activities(school_context) == []


def test_invalid_link_refused(qtbot, school_window, school_context):
    screen = activities_screen(school_window)
    dialog = screen.open_dialog(None)
    fill(dialog)
    dialog.url_edit.setText("vk.com/школа")
    press_ok(qtbot, dialog)
    assert "http://" in dialog.error_label.text()
    assert list_activities(school_context) == []


def test_measure_list_limited_to_role(qtbot, school_window, school_context):
    screen = activities_screen(school_window)
    dialog = screen.open_dialog(None)
    offered = {dialog.measure_box.itemData(index) for index in range(1, dialog.measure_box.count())}
    assigned = {measure.code for measure in school_context.catalog.measures_for("school")}
    assert offered == assigned
    assert "1.03" not in offered


def test_measure_search_by_words(qtbot, school_window):
    screen = activities_screen(school_window)
    dialog = screen.open_dialog(None)
    completer = dialog.measure_box.completer()
    completer.setCompletionPrefix("младшего школьного")
    assert completer.completionCount() >= 1


def test_plan_lists_measures_without_activities(qtbot, school_window, school_context):
    screen = activities_screen(school_window)
    planned = [screen.plan_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(screen.plan_list.count())]
    assert "1.01" in planned

    add_through_dialog(qtbot, screen, measure="1.01")
    planned = [screen.plan_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(screen.plan_list.count())]
    assert "1.01" not in planned


def test_plan_item_opens_dialog_with_measure(qtbot, school_window):
    screen = activities_screen(school_window)
    item = screen.plan_list.item(0)
    screen.plan_list.itemActivated.emit(item)
    assert screen.dialog.isVisible()
    assert screen.dialog.measure_box.currentData() == item.data(Qt.ItemDataRole.UserRole)


def test_reload_after_change_elsewhere(qtbot, school_window, school_context):
    screen = activities_screen(school_window)
    assert screen.proxy.rowCount() == 0
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), "Из пакета", participants_total=7))

    school_window.show_section("catalog")
    school_window.show_section("activities")
    assert screen.proxy.rowCount() == 1
    assert screen.proxy.index(0, 2).data() == "Из пакета"


def test_sort_keeps_selected_record(qtbot, school_window, school_context):
    for title in ("Б-встреча", "А-встреча", "В-встреча"):
        add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), title, participants_total=5))
    screen = activities_screen(school_window)
    screen.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    screen.table.selectRow(2)
    assert screen.selected_record().draft.title == "В-встреча"

    screen.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert screen.selected_record().draft.title == "В-встреча"
    assert [screen.proxy.index(row, 2).data() for row in range(3)] == ["В-встреча", "Б-встреча", "А-встреча"]


def test_all_problems_shown_at_once(qtbot, school_window, school_context):
    screen = activities_screen(school_window)
    dialog = screen.open_dialog(None)
    fill(dialog, measure="", title="", total="abc")
    press_ok(qtbot, dialog)

    text = dialog.error_label.text()
    assert "Не выбрано мероприятие программы" in text
    assert "Не указано название мероприятия" in text
    assert "ожидается целое число" in text
    assert "Не указано число участников" not in text
    assert list_activities(school_context) == []


def test_added_record_selected(qtbot, school_window, school_context):
    for title in ("Б-встреча", "В-встреча"):
        add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), title, participants_total=5))
    screen = activities_screen(school_window)
    screen.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)

    add_through_dialog(qtbot, screen, title="А-встреча")
    assert screen.selected_record().draft.title == "А-встреча"
    assert screen.table.currentIndex().row() == 0


def test_filter_keeps_selected_record(qtbot, school_window, school_context):
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), "Экскурсия", participants_total=5))
    add_activity(school_context, YEAR, ActivityDraft("1.02", dt.date(YEAR, 3, 1), "Фестиваль", participants_total=9))
    screen = activities_screen(school_window)
    select_row(screen, 1)
    assert screen.selected_record().draft.title == "Фестиваль"

    screen.measure_filter.setCurrentIndex(screen.measure_filter.findData("1.02"))
    assert screen.model.rowCount() == 1
    assert screen.selected_record().draft.title == "Фестиваль"

    screen.measure_filter.setCurrentIndex(screen.measure_filter.findData("1.01"))
    assert screen.selected_record() is None


def test_undo_edit_keeps_record_selected(qtbot, school_window, school_context):
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), "Экскурсия", participants_total=5))
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 3, 1), "Встреча", participants_total=9))
    screen = activities_screen(school_window)
    select_row(screen, 0)
    screen.edit_button.click()
    screen.dialog.date_edit.setDate(QDate(YEAR, 4, 1))
    with qtbot.waitSignal(screen.dialog.accepted):
        press_ok(qtbot, screen.dialog)
    assert [screen.model.index(row, 2).data() for row in range(2)] == ["Встреча", "Экскурсия"]
    assert screen.selected_record().draft.title == "Экскурсия"

    school_window.undo_action.trigger()
    assert [screen.model.index(row, 2).data() for row in range(2)] == ["Экскурсия", "Встреча"]
    assert screen.selected_record().draft.held_on == dt.date(YEAR, 2, 1)


def test_edit_keeps_publication_link(qtbot, school_window, school_context):
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), "Экскурсия", participants_total=5,
                                                     publication_url="https://school.example/news/1"))
    screen = activities_screen(school_window)
    select_row(screen, 0)
    screen.edit_button.click()
    assert screen.dialog.url_edit.text() == "https://school.example/news/1"


def test_delete_undo_restores_link(qtbot, school_window, school_context):
    add_activity(school_context, YEAR, ActivityDraft("1.01", dt.date(YEAR, 2, 1), "Экскурсия", participants_total=5,
                                                     publication_url="https://school.example/news/1"))
    screen = activities_screen(school_window)
    select_row(screen, 0)
    screen.delete_button.click()
    assert screen.model.rowCount() == 0

    school_window.undo_action.trigger()
    assert list_activities(school_context, YEAR)[0].draft.publication_url == "https://school.example/news/1"
    assert screen.selected_record().draft.title == "Экскурсия"
