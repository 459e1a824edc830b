"""Package files dropped onto any part of the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.exchange import export_package
from proforient_desktop.ui.main_window import MainWindow
from tests.exchange_support import MUNICIPALITY, install
from tests.ui.conftest import SCREEN_SIZE


@pytest.fixture
def school_package(tmp_path):
    school = install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    set_counts(school, 2024, {"students_total": 420})
    package = export_package(school, tmp_path / "outbox")
    school.close()
    return package


@pytest.fixture
def municipality_window(qtbot, tmp_path, recorded):
    context = install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования", MUNICIPALITY)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(*SCREEN_SIZE)
    window.show()
    qtbot.waitExposed(window)
    yield window
    exchange = window.screen("exchange")
    if exchange is not None:
        exchange.stop_background_work()
    context.close()


def file_mime(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    # Some file managers also offer the path as text, which a text field would paste.
    mime.setText("\n".join(str(path) for path in paths))
    return mime


def drag_and_drop(target: QWidget, mime: QMimeData) -> tuple[bool, bool]:
    """Drag ``mime`` over ``target`` and drop it there; return whether the drag and the drop were accepted."""
    point = target.rect().center()
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False, False
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return True, drop.isAccepted()


def test_drop_on_a_number_field_opens_the_preview(qtbot, municipality_window, school_package):
    counts = municipality_window.show_section("counts")
    field = counts.form.editors["students_total"]
    before = field.text()

    assert drag_and_drop(field, file_mime(school_package)) == (True, True)
    qtbot.waitUntil(lambda: municipality_window.screen("exchange") is not None)
    exchange = municipality_window.screen("exchange")
    with qtbot.waitSignal(exchange.preview_ready, timeout=30_000) as blocker:
        pass
    assert [plan.sender.code for plan in blocker.args[0]] == ["2721000001"]
    assert municipality_window.stack.currentWidget() is exchange
    assert field.text() == before


def test_drop_on_the_navigation_opens_the_preview(qtbot, municipality_window, school_package):
    assert drag_and_drop(municipality_window.navigation.viewport(), file_mime(school_package)) == (True, True)
    qtbot.waitUntil(lambda: municipality_window.screen("exchange") is not None)
    with qtbot.waitSignal(municipality_window.screen("exchange").preview_ready, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: municipality_window.screen("exchange").preview_dialog.isVisible())


def test_other_files_are_not_taken(qtbot, municipality_window, tmp_path):
    table = tmp_path / "отчёт.xlsx"
    table.write_bytes(b"PK")
    assert drag_and_drop(municipality_window.navigation.viewport(), file_mime(table)) == (False, False)
    assert municipality_window.screen("exchange") is None


def test_school_is_told_who_imports(qtbot, school_window, recorded, school_package):
    assert drag_and_drop(school_window.statusBar(), file_mime(school_package)) == (True, True)
    qtbot.waitUntil(lambda: recorded.notices != [])
    assert "только муниципальный или региональный оператор" in recorded.notices[-1]
    assert "Восстановить из своего пакета" in recorded.notices[-1]
    assert school_window.screen("exchange") is None


def test_shell_takes_no_drop_before_the_data_opens(qtbot, data_dir, school_package):
    shell = MainWindow(data_dir=data_dir)
    qtbot.addWidget(shell)
    shell.show()
    assert drag_and_drop(shell.statusBar(), file_mime(school_package)) == (False, False)
