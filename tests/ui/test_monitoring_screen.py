"""The «Сводка» screen of the region over data imported from real packages.

One municipality (Хабаровский) with three schools and a college under the
region. 2024: S1 reports 40 of 200 for П1, S2 5 of 100 (30 the year before,
a jump), S3 only its 100 students; the college 120 of 200 for П15.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QAbstractItemModelTester

from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.package import build_package
from proforient_desktop.exchange.payload import Snapshot
from proforient_desktop.services.catalog_updates import import_catalog_update
from proforient_desktop.services.context import open_context
from proforient_desktop.services.counts import get_counts
from proforient_desktop.services.directory import add_organisation
from proforient_desktop.services.exchange import export_package, import_packages
from proforient_desktop.services.installation import initialize
from proforient_desktop.services.plausibility import plausibility_warnings
from proforient_desktop.services.targets import list_targets
from proforient_desktop.ui.main_window import MainWindow
from proforient_desktop.ui.monitoring.screen import MonitoringScreen

from conftest import SCREEN_SIZE

YEAR = 2024
MUNICIPALITY = "khabarovsky"
S1, S2, S3, COLLEGE = "2721000001", "2721000002", "2721000003", "2722000001"
SENDERS = {
    S1: ("МБОУ СОШ № 1 с. Тополево", "school", MUNICIPALITY,
         {YEAR: {"students_total": 200, "ticket_to_future_participants": 40, "proektoria_participants": 100}}),
    S2: ("МБОУ СОШ № 2 с. Мичуринское", "school", MUNICIPALITY,
         {YEAR - 1: {"students_total": 100, "ticket_to_future_participants": 30},
          YEAR: {"students_total": 100, "ticket_to_future_participants": 5}}),
    S3: ("МБОУ СОШ № 3 п. Корфовский", "school", MUNICIPALITY, {YEAR: {"students_total": 100}}),
    COLLEGE: ("КГБ ПОУ «Хабаровский технический колледж»", "college", None,
              {YEAR: {"college_graduates_total": 200, "college_graduates_employed_in_specialty": 120}}),
}


@pytest.fixture(scope="module")
def region_data_dir(tmp_path_factory, catalog):
    """The region's data directory after importing the municipal and college packages, built once."""
    root = tmp_path_factory.mktemp("monitoring")
    files = {}
    for code, (name, role, municipality, counts) in SENDERS.items():
        data = build_package(key_pair=load_or_create_key_pair(root / "keys" / code), catalog=catalog,
                             sender=Sender(code, name, role, municipality), sequence=1, snapshot=Snapshot(counts, []))
        files[code] = root / f"{code}.proforient"
        files[code].write_bytes(data)

    municipality = open_context(root / "municipality", operator="методист")
    initialize(municipality, "municipality", "2720000001", "Управление образования Хабаровского района", MUNICIPALITY)
    import_packages(municipality, [files[S1], files[S2], files[S3]], trust_new=True)
    municipal_file = export_package(municipality, root)
    municipality.close()

    region = open_context(root / "region", operator="оператор")
    initialize(region, "region", "2700000000", "Министерство образования и науки края")
    report = import_packages(region, [municipal_file, files[COLLEGE]], trust_new=True)
    region.close()
    assert not report.rejected
    return root / "region"


@pytest.fixture
def region_context(region_data_dir, tmp_path):
    data_dir = tmp_path / "region"
    shutil.copytree(region_data_dir, data_dir)
    context = open_context(data_dir, operator="оператор края")
    yield context
    context.close()


@pytest.fixture
def region_window(qtbot, region_context, recorded) -> MainWindow:
    window = MainWindow(region_context)
    qtbot.addWidget(window)
    window.resize(*SCREEN_SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def screen(region_window) -> MonitoringScreen:
    screen = region_window.show_section("monitoring")
    screen.year_box.setCurrentIndex(screen.year_box.findData(YEAR))
    return screen


def _top_level_names(screen: MonitoringScreen) -> list[str]:
    model = screen.indicators_tab.model
    region = model.index(0, 0)
    return [model.index(row, 0, region).data() for row in range(model.rowCount(region))]


def _organisation_names(screen: MonitoringScreen) -> list[str]:
    model = screen.indicators_tab.model
    region = model.index(0, 0)
    municipality = next(model.index(row, 0, region) for row in range(model.rowCount(region))
                        if model.index(row, 0, region).data() == "Хабаровский")
    return [model.index(row, 0, municipality).data() for row in range(model.rowCount(municipality))]


def test_summary_section_opens_screen(screen):
    assert isinstance(screen, MonitoringScreen)
    assert screen.tabs.tabText(0) == "&Показатели"
    assert _top_level_names(screen) == ["Организации краевого подчинения", "Хабаровский"]


def test_models_pass_model_tester(screen):
    for model in (screen.indicators_tab.model, screen.activity_tab.model, screen.plausibility_tab.proxy,
                  screen.completeness_tab.model, screen.directory_tab.proxy, screen.region_entry_tab.targets_model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)

    screen.refresh()
    for index in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(index)
    indicators = screen.indicators_tab
    indicators.missed_only.setChecked(True)
    indicators.tree.sortByColumn(indicators.model.column_of("P1"), Qt.SortOrder.DescendingOrder)
    indicators.missed_only.setChecked(False)

    assert screen.indicators_tab.model.rowCount() == 1
    assert screen.activity_tab.model.rowCount() == 1
    assert screen.directory_tab.model.rowCount() == 4


def test_tabs_load_when_first_shown(screen):
    tab = screen.completeness_tab
    assert tab.rows == []

    screen.tabs.setCurrentWidget(tab)

    assert tab.rows[0].indicator.code == "P1"
    assert (tab.rows[0].expected, tab.rows[0].reported) == (3, 2)


def test_status_counts_checked_warning(qtbot, screen):
    assert screen.status_label.text().endswith("непроверенных предупреждений: 1")
    tab = screen.plausibility_tab
    screen.tabs.setCurrentWidget(tab)
    tab.select_row(0)

    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)

    assert screen.status_label.text().endswith("непроверенных предупреждений: 0")


def test_region_row_shows_sums(screen):
    model = screen.indicators_tab.model
    column = model.column_of("P1")
    cell = model.index(0, column)

    assert cell.data() == "15,0 %"
    assert "Числитель: 45" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Знаменатель: 300" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_sort_by_indicator_column(screen):
    tab = screen.indicators_tab
    tab.tree.expandAll()
    column = tab.model.column_of("P1")

    tab.tree.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    descending = _organisation_names(screen)
    tab.tree.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    ascending = _organisation_names(screen)

    assert descending == ["МБОУ СОШ № 1 с. Тополево", "МБОУ СОШ № 2 с. Мичуринское", "МБОУ СОШ № 3 п. Корфовский"]
    # Not reported stays last in both directions' opposite: ascending puts numbers first.
    assert ascending == ["МБОУ СОШ № 2 с. Мичуринское", "МБОУ СОШ № 1 с. Тополево", "МБОУ СОШ № 3 п. Корфовский"]


def test_only_below_target_filter(qtbot, screen):
    tab = screen.indicators_tab
    tab.indicator_box.setCurrentIndex(tab.indicator_box.findData("P1"))

    qtbot.mouseClick(tab.missed_only, Qt.MouseButton.LeftButton)
    below = _organisation_names(screen)
    qtbot.mouseClick(tab.missed_only, Qt.MouseButton.LeftButton)

    assert below == ["МБОУ СОШ № 2 с. Мичуринское"]
    assert len(_organisation_names(screen)) == 3


def test_selected_cell_drives_chart(screen):
    tab = screen.indicators_tab
    tab.indicator_box.setCurrentIndex(tab.indicator_box.findData("P1"))

    assert tab.select_level(S2)

    assert tab.chart.years == [2022, 2023, 2024]
    assert tab.chart.values == [None, 30.0, 5.0]
    assert tab.chart.targets == [7.0, 10.0, 12.0]
    assert "МБОУ СОШ № 2" in tab.chart.title.text()


def test_copy_list_of_missing(qtbot, screen):
    tab = screen.completeness_tab
    screen.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)

    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)

    copied = QGuiApplication.clipboard().text()
    assert "МБОУ СОШ № 3 п. Корфовский" in copied
    assert "МБОУ СОШ № 1 с. Тополево" not in copied
    assert tab.model.index(0, 3).data() == "66,7"


def test_completeness_columns_readable(screen):
    tab = screen.completeness_tab
    screen.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    missing = tab.missing_model
    headers = [missing.headerData(column, Qt.Orientation.Horizontal) for column in range(missing.columnCount())]

    assert headers == ["Муниципалитет", "Организация", "Код", "Последний пакет"]
    assert [missing.index(0, column).data() for column in range(3)] == ["Хабаровский", "МБОУ СОШ № 3 п. Корфовский",
                                                                        S3]
    assert tab.table.wordWrap()
    assert tab.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == tab.model.index(0, 0).data()
    # The indicator name is shown whole on wrapped lines, not cut.
    name_width = tab.table.fontMetrics().horizontalAdvance(tab.model.index(0, 0).data())
    lines = -(-name_width // max(tab.table.columnWidth(0) - 12, 1))
    assert tab.table.rowHeight(0) >= lines * tab.table.fontMetrics().height()


def test_mark_warning_checked(qtbot, screen, region_context):
    tab = screen.plausibility_tab
    screen.tabs.setCurrentWidget(tab)
    tab.select_row(0)
    tab.comment_edit.setText("Уточнено по телефону")

    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)

    warning = plausibility_warnings(region_context, YEAR)[0]
    assert warning.organisation_code == S2
    assert warning.checked
    assert warning.comment == "Уточнено по телефону"
    assert tab.proxy.index(0, 4).data() == "да"


def test_region_entry_saves_counts(qtbot, screen, region_context):
    tab = screen.region_entry_tab
    screen.tabs.setCurrentWidget(tab)
    tab.count_edits["college_university_graduates_total"].setText("1 000")
    tab.count_edits["targeted_training_graduates_employed"].setText("250")

    qtbot.mouseClick(tab.save_counts_button, Qt.MouseButton.LeftButton)

    screen.tabs.setCurrentWidget(screen.indicators_tab)

    assert get_counts(region_context, YEAR) == {"college_university_graduates_total": 1000,
                                                "targeted_training_graduates_employed": 250}
    region = screen.indicators_tab.model.consolidation.region
    assert region.results["P18"].value == 25.0


def test_invalid_count_rejected(qtbot, screen, region_context, recorded):
    tab = screen.region_entry_tab
    screen.tabs.setCurrentWidget(tab)
    tab.count_edits["college_graduates_total"].setText("12,5")

    qtbot.mouseClick(tab.save_counts_button, Qt.MouseButton.LeftButton)

    assert len(recorded.errors) == 1
    assert "целое число" in recorded.errors[0]
    assert get_counts(region_context, YEAR) == {}


def test_targets_saved_and_exported(qtbot, screen, region_context, tmp_path, monkeypatch, school_context):
    tab = screen.region_entry_tab
    screen.tabs.setCurrentWidget(tab)
    tab.targets_model.setData(tab.targets_model.index(0, 0), "14,5")
    qtbot.mouseClick(tab.save_targets_button, Qt.MouseButton.LeftButton)
    update_file = tmp_path / "цели.proforient-update"
    monkeypatch.setattr(tab, "choose_export_path", lambda: update_file)

    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    import_catalog_update(school_context, update_file, trust_new=True)

    assert list_targets(region_context) == {("P1", 2025): 14.5}
    assert list_targets(school_context) == {("P1", 2025): 14.5}


def test_invalid_target_rejected(qtbot, screen, region_context, recorded):
    tab = screen.region_entry_tab
    screen.tabs.setCurrentWidget(tab)
    tab.targets_model.setData(tab.targets_model.index(1, 0), "сорок")

    qtbot.mouseClick(tab.save_targets_button, Qt.MouseButton.LeftButton)

    assert "не число" in recorded.errors[0]
    assert list_targets(region_context) == {}


def test_directory_add_makes_school_expected(qtbot, screen):
    tab = screen.directory_tab
    screen.tabs.setCurrentWidget(tab)
    tab.code_edit.setText("2721000009")
    tab.name_edit.setText("МБОУ НОШ с. Новое")
    tab.municipality_box.setCurrentIndex(tab.municipality_box.findData(MUNICIPALITY))

    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    screen.tabs.setCurrentWidget(screen.completeness_tab)

    p1 = screen.completeness_tab.rows[0]
    assert p1.expected == 4
    assert "МБОУ НОШ с. Новое" in [missing.name for missing in p1.missing]
    assert tab.model.rowCount() == 5


def test_directory_close_stops_expecting(qtbot, screen):
    tab = screen.directory_tab
    screen.tabs.setCurrentWidget(tab)
    tab.select_code(S3)
    tab.close_year.setValue(YEAR)

    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)

    closed = next(entry for entry in tab.entries if entry.code == S3)
    screen.tabs.setCurrentWidget(screen.completeness_tab)

    assert closed.closed_from_year == YEAR
    p1 = screen.completeness_tab.rows[0]
    assert (p1.expected, p1.reported) == (2, 2)
    assert p1.met


def test_directory_sorts_and_keeps_selection(screen):
    tab = screen.directory_tab
    screen.tabs.setCurrentWidget(tab)
    tab.select_code(S2)

    tab.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)

    names = [tab.proxy.index(row, 1).data() for row in range(tab.proxy.rowCount())]
    assert names == sorted(names, reverse=True)
    assert len(names) == 4
    assert tab.selected_code() == S2


def test_names_sort_naturally(qtbot, region_context, recorded):
    for code, name in (("2721000010", "МБОУ СОШ № 10 с. Новое"), ("2721000009", "МБОУ СОШ № 9 с. Старое")):
        add_organisation(region_context, code, name, "school", MUNICIPALITY)
    window = MainWindow(region_context)
    qtbot.addWidget(window)
    screen = window.show_section("monitoring")
    screen.year_box.setCurrentIndex(screen.year_box.findData(YEAR))
    numbers = ["№ 1 ", "№ 2 ", "№ 3 ", "№ 9 ", "№ 10 "]

    screen.indicators_tab.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    tree_names = _organisation_names(screen)
    directory = screen.directory_tab
    screen.tabs.setCurrentWidget(directory)
    directory.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    directory_names = [directory.proxy.index(row, 1).data() for row in range(directory.proxy.rowCount())]

    assert [next(number for number in numbers if number in name) for name in tree_names] == numbers
    schools = [name for name in directory_names if name.startswith("МБОУ")]
    assert [next(number for number in numbers if number in name) for name in schools] == numbers


def test_names_stay_in_view_when_scrolled_sideways(qtbot, screen):
    tab = screen.indicators_tab
    tab.tree.setColumnWidth(tab.model.column_of("P1"), 2000)
    names = _organisation_names(screen)
    scroll = tab.tree.horizontalScrollBar()
    scroll.setValue(scroll.maximum())
    frozen = tab.frozen_names
    qtbot.waitUntil(lambda: frozen.isVisible())

    last_row = tab.tree.indexAbove(tab.tree.indexBelow(tab.model.index(0, 0)))
    while tab.tree.indexBelow(last_row).isValid():
        last_row = tab.tree.indexBelow(last_row)
    y = tab.tree.visualRect(last_row).center().y()
    tree_row = tab.tree.indexAt(QPoint(tab.tree.viewport().width() - 5, y))
    frozen_row = frozen.indexAt(QPoint(5, y))

    assert scroll.value() > 0
    assert frozen.geometry().left() <= tab.tree.frameWidth()
    assert frozen.width() == tab.tree.columnWidth(0)
    assert not frozen.isColumnHidden(0)
    assert frozen.isColumnHidden(1)
    assert frozen_row.data() == tree_row.siblingAtColumn(0).data() == last_row.data()
    assert last_row.data() is not None
    region = tab.model.index(0, 0)
    frozen.collapse(region)
    assert not tab.tree.isExpanded(region)
    # Sorting by name stays ascending: the second view shares the model and must not re-sort it.
    assert names == ["МБОУ СОШ № 1 с. Тополево", "МБОУ СОШ № 2 с. Мичуринское", "МБОУ СОШ № 3 п. Корфовский"]
