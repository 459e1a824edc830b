"""Navigation, roles and the language setting of the main window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from proforient_desktop.domain.activities import ActivityDraft
from proforient_desktop.services.activities import add_activity
from proforient_desktop.services.installation import initialize
from proforient_desktop.ui.i18n import install_translations, qm_files, remove_translations
from proforient_desktop.ui.main_window import MainWindow
from proforient_desktop.ui.navigation import SECTIONS, sections_for
from proforient_desktop.ui.placeholder import PlaceholderScreen
from proforient_desktop.ui.settings_store import saved_language


def titles(window: MainWindow) -> list[str]:
    return [window.navigation.item(row).text() for row in range(window.navigation.count())]


def test_school_sections(school_window):
    assert titles(school_window) == ["Показатели", "Мероприятия", "Обмен", "Отчёты", "Справочник", "Настройки"]


def test_municipality_sees_summary(qtbot, context, recorded):
    initialize(context, "municipality", "2700000001", "Управление образования", "khabarovsky")
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert "Сводка" in titles(window)


def test_section_keys_unique():
    keys = [section.key for section in SECTIONS]
    assert len(keys) == len(set(keys))
    assert [section.key for section in sections_for(None)] == [key for key in keys if key != "monitoring"]


def test_placeholder_says_not_available(qtbot, context):
    screen = PlaceholderScreen("Обмен")
    qtbot.addWidget(screen)
    texts = " ".join(label.text() for label in screen.findChildren(QLabel))
    assert "ещё не доступен" in texts


def test_municipality_counts_show_all(qtbot, context, recorded):
    initialize(context, "municipality", "2700000001", "Управление образования", "khabarovsky")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    screen = window.show_section("counts")
    assert screen.other_counts_box.isChecked()
    assert screen.form.editors["students_total"].isVisibleTo(screen)


def test_language_choice_saved(school_window, school_context, recorded):
    settings = school_window.show_section("settings")
    settings.language_box.setCurrentIndex(settings.language_box.findData("en"))
    assert saved_language(school_context.data_dir, "ru") == "en"
    assert "после перезапуска" in recorded.notices[-1]


def test_english_loads_no_translation(qapp, russian_translations):
    remove_translations(qapp, russian_translations)
    try:
        assert install_translations(qapp, "en") == []
        assert qapp.translate("Navigation", "Indicators") == "Indicators"
    finally:
        for translator in russian_translations:
            qapp.installTranslator(translator)
    assert qapp.translate("Navigation", "Indicators") == "Показатели"


def test_translations_compiled_for_every_area(tmp_path):
    names = {path.stem for path in qm_files("ru", tmp_path)}
    assert {"main", "setup", "counts", "activities", "catalog"} <= names


def test_activities_found_after_reopen(qtbot, school_window, school_context, reopen, recorded):
    add_activity(school_context, 2024, ActivityDraft("1.01", dt.date(2024, 2, 1), "Экскурсия", participants_total=10))
    school_window.close()
    school_context.close()

    window = MainWindow(reopen())
    qtbot.addWidget(window)
    screen = window.show_section("activities")
    screen.year_box.setCurrentIndex(screen.year_box.findData(2024))
    assert screen.proxy.rowCount() == 1
    assert screen.proxy.index(0, 2).data() == "Экскурсия"
