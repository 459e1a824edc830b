"""The region demo's exchange and summary tables at 1366×768: headers and names are not cut.

Set PROFORIENT_SCREENSHOTS to a folder to keep the PNGs.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from proforient_desktop.catalog import Role
from proforient_desktop.services.context import open_context
from proforient_desktop.services.demo import generate_region
from proforient_desktop.services.demo_install import build_demo
from proforient_desktop.ui.main_window import MainWindow
from test_screens_fit import SCREEN_HEIGHT, SCREEN_WIDTH, cut_off_widgets, save_png

YEAR = 2025


@pytest.fixture(scope="module")
def region_demo(tmp_path_factory, catalog):
    """A small region demo, as ``proforient demo --role region`` builds it, made once for the module."""
    folder = tmp_path_factory.mktemp("регион")
    region = generate_region(catalog, schools=19, colleges=2, years=(YEAR - 1, YEAR), seed=9)
    build_demo(catalog, region, Role.REGION, folder / "данные", folder / "пакеты")
    return folder / "данные"


@pytest.fixture
def region_window(qtbot, region_demo, recorded):
    context = open_context(region_demo, operator="тест")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    yield window
    context.close()


def cut_headers(header: QHeaderView) -> list[str]:
    """Return the labels of the visible header sections narrower than their text needs."""
    model = header.model()
    return [
        model.headerData(section, header.orientation())
        for section in range(header.count())
        if not header.isSectionHidden(section) and header.sectionSize(section) < header.sectionSizeHint(section)
    ]


def cut_cells(view: QAbstractItemView, column: int) -> list[str]:
    """Return the texts of the column's cells narrower than their single line of text needs."""
    model = view.model()
    cut = []
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if view.columnWidth(column) < view.sizeHintForIndex(index).width():
            cut.append(index.data())
    return cut


def test_exchange_organisations_fit(qtbot, region_window, tmp_path):
    screen = region_window.show_section("exchange")
    table = screen.tables.submissions
    qtbot.waitUntil(table.isVisible)
    save_png(region_window, "region-exchange", tmp_path)

    assert table.rowCount() > 0
    assert cut_headers(table.horizontalHeader()) == []
    # «Sent via» shows the municipality of each school whole; the authority's full name is in the tooltip.
    assert cut_cells(table, 3) == []
    vias = {table.item(row, 3).toolTip(): table.item(row, 3).text() for row in range(table.rowCount())}
    assert any(full.endswith(shown) and full != shown for full, shown in vias.items())
    widths = [table.columnWidth(column) for column in range(table.columnCount())]
    assert widths[0] == max(widths)
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert all(table.item(row, 0).toolTip() == names[row] for row in range(table.rowCount()))
    assert cut_off_widgets(region_window) == []


def test_plausibility_messages_fit(qtbot, region_window, tmp_path):
    screen = region_window.show_section("monitoring")
    screen.year_box.setCurrentIndex(screen.year_box.findData(YEAR))
    screen.tabs.setCurrentWidget(screen.plausibility_tab)
    table = screen.plausibility_tab.table
    qtbot.waitUntil(table.isVisible)
    model = table.model()
    message_column = model.columnCount() - 1
    # Rows grow to the wrapped messages after the layout gives the columns their widths.
    qtbot.waitUntil(lambda: all(table.rowHeight(row) >= table.sizeHintForRow(row)
                                for row in range(model.rowCount())))
    save_png(region_window, "region-plausibility", tmp_path)

    assert model.rowCount() > 0
    assert cut_headers(table.horizontalHeader()) == []
    assert table.columnWidth(message_column) >= 300
    messages = [model.index(row, message_column) for row in range(model.rowCount())]
    assert all(index.data() == index.data(Qt.ItemDataRole.ToolTipRole) for index in messages)
    assert cut_off_widgets(region_window) == []


def test_activity_header_fits(qtbot, region_window, tmp_path):
    screen = region_window.show_section("monitoring")
    screen.year_box.setCurrentIndex(screen.year_box.findData(YEAR))
    screen.tabs.setCurrentWidget(screen.activity_tab)
    tree = screen.activity_tab.tree
    qtbot.waitUntil(tree.isVisible)
    save_png(region_window, "region-activities", tmp_path)

    assert tree.model().rowCount() == 1
    assert cut_headers(tree.header()) == []
    assert cut_off_widgets(region_window) == []
