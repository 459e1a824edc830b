"""Every screen of this package at 1366×768: grabbed, and no widget cut off.

Set PROFORIENT_SCREENSHOTS to a folder to keep the PNGs (the user guide's
images are made this way).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QWidget

from proforient_desktop.domain.activities import ActivityDraft
from proforient_desktop.services.activities import add_activity
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.workspace import back_up
from proforient_desktop.ui.setup_wizard import SetupWizard

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768
# The sections whose screens this package builds; other sections are tested by their own screens' tests.
OWN_SECTIONS = ("counts", "activities", "catalog", "settings")
# A year with targets in the catalogue, so the pictures show statuses.
YEAR = 2024


def scroll_content(widget: QWidget) -> bool:
    """Return whether the widget is a scroll area's content, which may extend past the view."""
    parent = widget.parentWidget()
    grandparent = parent.parentWidget() if parent is not None else None
    return isinstance(grandparent, QAbstractScrollArea) and grandparent.viewport() is parent


def internal(widget: QWidget) -> bool:
    """Return whether the widget is the frameless editor inside a combo or spin box, sized by its owner."""
    return isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox))


def cut_off_widgets(root: QWidget) -> list[str]:
    """Return a description of each visible widget outside its parent or smaller than its text needs."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or internal(widget):
            continue
        name = f"{type(widget).__name__} «{_text_of(widget)}»"
        parent = widget.parentWidget()
        if parent is not None and not scroll_content(widget) and not parent.rect().contains(widget.geometry()):
            problems.append(f"{name} outside its parent")
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.height() < widget.heightForWidth(widget.width()):
                problems.append(f"{name} wrapped text cut")
        elif isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QComboBox)):
            hint = widget.minimumSizeHint()
            if widget.width() < hint.width() or widget.height() < hint.height():
                problems.append(f"{name} smaller than its minimum size")
    return problems


def _text_of(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    if callable(text) and isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        return widget.text()[:40]
    return widget.objectName()


def save_png(widget: QWidget, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("PROFORIENT_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


@pytest.fixture
def filled(school_context):
    set_counts(school_context, 2023, {"students_total": 410, "ticket_to_future_participants": 35,
                                      "proektoria_participants": 120})
    set_counts(school_context, YEAR, {
        "students_total": 420, "ticket_to_future_participants": 52, "proektoria_participants": 118,
        "career_diagnostics_students": 160, "counselling_students": 470, "grade9_students_total": 44,
    })
    year = YEAR
    add_activity(school_context, year, ActivityDraft(
        "1.01", dt.date(year, 2, 12), "Классный час «Профессии моего края»", "очно", 56, 3, "1–4",
        "", "https://example.org/news/1"))
    add_activity(school_context, year, ActivityDraft(
        "2.07", dt.date(year, 3, 3), "Экскурсия на судостроительный завод", "на предприятии", 24, 1, "8–9",
        "ПАО «Амурский судостроительный завод»"))
    back_up(school_context, "manual")
    return school_context


@pytest.mark.parametrize("key", OWN_SECTIONS)
def test_section_fits(qtbot, filled, school_window, key, tmp_path):
    school_window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    screen = school_window.show_section(key)
    year_box = getattr(screen, "year_box", None)
    if year_box is not None:
        year_box.setCurrentIndex(year_box.findData(YEAR))
    qtbot.waitUntil(screen.isVisible)
    save_png(school_window, f"screen-{key}", tmp_path)
    assert cut_off_widgets(school_window) == []


def test_plan_tab_fits(qtbot, filled, school_window, tmp_path):
    school_window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    screen = school_window.show_section("activities")
    screen.year_box.setCurrentIndex(screen.year_box.findData(YEAR))
    screen.tabs.setCurrentIndex(1)
    qtbot.waitUntil(screen.plan_list.isVisible)
    save_png(school_window, "screen-activities-plan", tmp_path)
    assert cut_off_widgets(school_window) == []


def test_activity_dialog_fits(qtbot, filled, school_window, tmp_path):
    school_window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    screen = school_window.show_section("activities")
    screen.year_box.setCurrentIndex(screen.year_box.findData(YEAR))
    screen.table.selectRow(0)
    screen.edit_button.click()
    qtbot.waitExposed(screen.dialog)
    save_png(screen.dialog, "dialog-activity", tmp_path)
    assert screen.dialog.height() <= SCREEN_HEIGHT
    assert cut_off_widgets(screen.dialog) == []


def test_restore_dialog_fits(qtbot, filled, school_window, tmp_path):
    school_window.restore_action.trigger()
    dialog = school_window.restore_dialog
    qtbot.waitExposed(dialog)
    save_png(dialog, "dialog-restore", tmp_path)
    assert cut_off_widgets(dialog) == []


def test_setup_pages_fit(qtbot, context, recorded, tmp_path):
    wizard = SetupWizard(context)
    qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    pages = ["role", "organisation", "summary", "key"]
    for index, name in enumerate(pages):
        if name == "organisation":
            page = wizard.organisation_page
            page.municipality_box.setCurrentIndex(page.municipality_box.findData("khabarovsky"))
            page.code_edit.setText("2721000001")
            page.name_edit.setText("МБОУ СОШ № 1 с. Тестовое")
        save_png(wizard, f"setup-{index + 1}-{name}", tmp_path)
        assert wizard.height() <= SCREEN_HEIGHT
        assert cut_off_widgets(wizard) == []
        wizard.next()


def test_checker_finds_cut_widgets(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(200, 100)
    outside = QLabel("за краем", parent)
    outside.setGeometry(150, 10, 100, 20)
    squeezed = QLabel("Длинная надпись без места", parent)
    squeezed.setGeometry(0, 50, 40, 20)
    parent.show()
    qtbot.waitExposed(parent)

    problems = cut_off_widgets(parent)
    assert "QLabel «за краем» outside its parent" in problems
    assert "QLabel «Длинная надпись без места» smaller than its minimum size" in problems
