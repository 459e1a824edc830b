"""The setup wizard's municipalities and organisations: the catalogue's on a fresh install, the edited directory later."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from proforient_desktop.catalog import Role
from proforient_desktop.services.directory import add_organisation, close_organisation, rename_organisation
from proforient_desktop.services.installation import initialize
from proforient_desktop.services.setup_directory import setup_organisations
from proforient_desktop.services.workspace import current_installation
from proforient_desktop.ui.setup_wizard import PAGE_ORGANISATION, SetupWizard
from tests.exchange_support import MUNICIPALITY, database_state

THIS_YEAR = dt.date.today().year


@pytest.fixture
def municipality_context(context):
    initialize(context, "municipality", "2720000001", "Управление образования", MUNICIPALITY)
    add_organisation(context, "2721000011", "МБОУ СОШ № 11", "school", None)
    add_organisation(context, "2721000012", "МБОУ СОШ № 12", "school", None)
    add_organisation(context, "2721000013", "МБОУ СОШ № 13", "school", None)
    add_organisation(context, "2721000014", "МБОУ СОШ № 14", "school", None)
    rename_organisation(context, "2721000012", "МБОУ СОШ № 12 имени героя")
    close_organisation(context, "2721000013", THIS_YEAR)
    close_organisation(context, "2721000014", THIS_YEAR + 1)
    return context


def open_wizard(qtbot, context, existing=None) -> SetupWizard:
    wizard = SetupWizard(context, existing)
    qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    return wizard


def listed(wizard: SetupWizard) -> list[tuple[str, str]]:
    items = wizard.organisation_page.directory_list
    return [items.item(row).data(Qt.ItemDataRole.UserRole) for row in range(items.count())]


def municipality_names(wizard: SetupWizard) -> list[str]:
    box = wizard.organisation_page.municipality_box
    return [box.itemText(index) for index in range(1, box.count())]


def test_fresh_install_offers_catalogue(qtbot, context, catalog, recorded):
    state = database_state(context)
    wizard = open_wizard(qtbot, context)
    wizard.next()
    page = wizard.organisation_page
    page.municipality_box.setCurrentIndex(page.municipality_box.findData(MUNICIPALITY))

    assert municipality_names(wizard) == [municipality.name for municipality in catalog.municipalities.values()]
    assert listed(wizard) == []
    assert "нет организаций этого вида" in page.directory_hint.text()
    assert database_state(context) == state


def test_edited_directory_offered(qtbot, municipality_context, recorded):
    wizard = open_wizard(qtbot, municipality_context)
    wizard.role_page.findChild(type(wizard.role_page.group.button(0)), "role_school").setChecked(True)
    wizard.next()
    page = wizard.organisation_page
    page.municipality_box.setCurrentIndex(page.municipality_box.findData(MUNICIPALITY))

    assert listed(wizard) == [
        ("2721000011", "МБОУ СОШ № 11"),
        ("2721000012", "МБОУ СОШ № 12 имени героя"),
        ("2721000014", "МБОУ СОШ № 14"),
    ]
    page.directory_list.setCurrentRow(1)
    assert page.name_edit.text() == "МБОУ СОШ № 12 имени героя"


def test_rename_lists_current_name(qtbot, municipality_context, recorded):
    initialize(municipality_context, "municipality", "2720000001", "Управление образования администрации района",
               MUNICIPALITY)
    wizard = open_wizard(qtbot, municipality_context, current_installation(municipality_context))
    assert wizard.currentId() == PAGE_ORGANISATION

    page = wizard.organisation_page
    assert page.municipality_box.currentData() == MUNICIPALITY
    assert listed(wizard) == [("2720000001", "Управление образования администрации района")]
    assert page.name_edit.text() == "Управление образования администрации района"


def test_closed_organisation_by_year(municipality_context):
    def codes(year: int) -> list[str]:
        return [code for code, _name in setup_organisations(municipality_context, MUNICIPALITY,
                                                            Role.SCHOOL.value, year)]

    assert codes(THIS_YEAR - 1) == ["2721000011", "2721000012", "2721000013", "2721000014"]
    assert codes(THIS_YEAR) == ["2721000011", "2721000012", "2721000014"]
    assert codes(THIS_YEAR + 1) == ["2721000011", "2721000012"]
