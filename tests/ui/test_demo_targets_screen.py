"""The counts screen of a school demo shows the region's targets for a year after the programme."""

from __future__ import annotations

import pytest

from proforient_desktop.catalog import Role
from proforient_desktop.services.context import open_context
from proforient_desktop.services.demo import generate_region
from proforient_desktop.services.demo_install import build_demo
from proforient_desktop.ui.main_window import MainWindow

# The first year whose targets only the region's catalogue update brings.
YEAR = 2025


@pytest.fixture
def demo_school_context(tmp_path, catalog):
    region = generate_region(catalog, schools=19, colleges=0, years=(YEAR - 1, YEAR), seed=3)
    build_demo(catalog, region, Role.SCHOOL, tmp_path / "данные", tmp_path / "пакеты")
    context = open_context(tmp_path / "данные", operator="тест")
    yield context
    context.close()


def test_counts_screen_uses_region_targets(qtbot, demo_school_context, recorded):
    window = MainWindow(demo_school_context)
    qtbot.addWidget(window)
    window.show()
    screen = window.show_section("counts")
    screen.year_box.setCurrentIndex(screen.year_box.findData(YEAR))

    statuses = [screen.panel.row_texts(code)["status"] for code in ("P1", "P2", "P3", "P4", "P5", "P6", "P7")]
    assert screen.panel.row_texts("P1")["target"] != "—"
    assert "цель не установлена" not in statuses
    assert "достигнуто" in statuses
    assert {"не достигнуто", "близко к цели"} & set(statuses)
