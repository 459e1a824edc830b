"""The window of a demo installation marks its data as demo data."""

from __future__ import annotations

import pytest

from proforient_desktop.catalog import Role
from proforient_desktop.services.context import open_context
from proforient_desktop.services.demo import generate_region
from proforient_desktop.services.demo_install import build_demo
from proforient_desktop.ui.main_window import MainWindow

DEMO_TITLE_END = " — демонстрационные данные"
DEMO_NOTICE = "Демонстрационные данные: не для отчётности"


@pytest.fixture(scope="module")
def demo_school(tmp_path_factory, catalog):
    """A school demo installation, as ``proforient demo --role school`` builds it, made once for the module."""
    folder = tmp_path_factory.mktemp("демо")
    region = generate_region(catalog, schools=19, colleges=0, years=(2023, 2024), seed=3)
    build_demo(catalog, region, Role.SCHOOL, folder / "данные", folder / "пакеты")
    return folder / "данные"


@pytest.fixture
def demo_context(demo_school):
    context = open_context(demo_school, operator="тест")
    yield context
    context.close()


def test_demo_window_is_marked(qtbot, demo_context, recorded):
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()

    assert window.windowTitle() == "ProfOrient Desktop" + DEMO_TITLE_END
    assert window.demo_label.text() == DEMO_NOTICE
    assert window.demo_label.isVisible()
    # The notice stays when another section is opened.
    window.show_section("reports")
    assert window.demo_label.isVisible()


def test_demo_mark_appears_once_the_data_opens(qtbot, demo_school, demo_context, recorded):
    shell = MainWindow(data_dir=demo_school)
    qtbot.addWidget(shell)
    shell.show()
    assert not shell.demo_label.isVisible()

    shell.attach(demo_context)
    assert shell.windowTitle().endswith(DEMO_TITLE_END)
    assert shell.demo_label.isVisible()


def test_real_installation_is_not_marked(school_window):
    assert school_window.windowTitle() == "ProfOrient Desktop"
    assert not school_window.demo_label.isVisible()
