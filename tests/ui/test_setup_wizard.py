"""The first-run setup wizard and the later name correction."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from proforient_desktop.catalog import Role
from proforient_desktop.services.workspace import current_installation
from proforient_desktop.ui.setup_wizard import PAGE_KEY, PAGE_ORGANISATION, PAGE_SUMMARY, SetupWizard


@pytest.fixture
def wizard(qtbot, context, recorded):
    wizard = SetupWizard(context)
    qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    return wizard


def choose_role(wizard: SetupWizard, role: Role) -> None:
    wizard.role_page.findChild(type(wizard.role_page.group.button(0)), f"role_{role.value}").setChecked(True)


def fill_organisation(wizard: SetupWizard, municipality="khabarovsky", code="2721000001",
                      name="МБОУ СОШ № 1 с. Тестовое") -> None:
    page = wizard.organisation_page
    page.municipality_box.setCurrentIndex(page.municipality_box.findData(municipality))
    page.code_edit.setText(code)
    page.name_edit.setText(name)


def test_complete_setup(qtbot, wizard, context):
    choose_role(wizard, Role.SCHOOL)
    wizard.next()
    assert wizard.currentId() == PAGE_ORGANISATION

    fill_organisation(wizard)
    wizard.next()
    assert wizard.currentId() == PAGE_SUMMARY
    assert "МБОУ СОШ № 1 с. Тестовое" in wizard.summary_page.summary.text()
    assert "Хабаровский" in wizard.summary_page.summary.text()
    assert current_installation(context) is None

    wizard.next()
    assert wizard.currentId() == PAGE_KEY
    installation = current_installation(context)
    assert installation.role is Role.SCHOOL
    assert installation.organisation_code == "2721000001"
    assert installation.municipality_code == "khabarovsky"
    fingerprint = wizard.key_page.fingerprint.text()
    assert len(fingerprint.split()) == 6

    with qtbot.waitSignal(wizard.finished):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def test_school_needs_municipality(wizard, context):
    choose_role(wizard, Role.SCHOOL)
    wizard.next()
    fill_organisation(wizard, municipality=None)
    page = wizard.organisation_page
    assert not page.isComplete()
    assert "муниципальное образование" in page.error_label.text()


def test_college_without_municipality(wizard, context):
    choose_role(wizard, Role.COLLEGE)
    wizard.next()
    fill_organisation(wizard, municipality=None, code="2722000002", name="КГБ ПОУ ХТК")
    assert wizard.organisation_page.isComplete()
    wizard.next()
    wizard.next()
    assert current_installation(context).role is Role.COLLEGE


@pytest.mark.parametrize(("code", "name", "message"), [
    ("", "Школа", "Введите официальный код"),
    ("27 21", "Школа", "недопустим"),
    ("2721000001", "", "Введите полное наименование"),
    ("2721000001", "Ш" * 501, "длиннее 500 знаков"),
])
def test_invalid_organisation_refused(wizard, context, code, name, message):
    wizard.next()
    page = wizard.organisation_page
    page.municipality_box.setCurrentIndex(page.municipality_box.findData("khabarovsky"))
    page.code_edit.setText(code)
    page.name_edit.setMaxLength(10_000)
    page.name_edit.setText(name)
    assert not page.isComplete()
    assert message in page.error_label.text()
    wizard.next()
    assert wizard.currentId() == PAGE_ORGANISATION


def test_cancel_writes_nothing(qtbot, wizard, context):
    wizard.next()
    fill_organisation(wizard)
    wizard.next()
    with qtbot.waitSignal(wizard.finished):
        wizard.reject()
    assert current_installation(context) is None


def test_rename_keeps_identity(qtbot, school_context, recorded):
    wizard = SetupWizard(school_context, current_installation(school_context))
    qtbot.addWidget(wizard)
    wizard.open()
    assert wizard.currentId() == PAGE_ORGANISATION
    page = wizard.organisation_page
    assert not page.code_edit.isEnabled()
    assert not page.municipality_box.isEnabled()

    page.name_edit.setText("МБОУ СОШ № 1 имени героя с. Тестовое")
    wizard.next()
    wizard.next()
    installation = current_installation(school_context)
    assert installation.organisation_name == "МБОУ СОШ № 1 имени героя с. Тестовое"
    assert installation.organisation_code == "2721000001"
    assert installation.role is Role.SCHOOL


def test_rename_from_settings(qtbot, school_window, school_context):
    settings = school_window.show_section("settings")
    settings.rename_button.click()
    wizard = settings.wizard
    qtbot.waitExposed(wizard)
    wizard.organisation_page.name_edit.setText("Новое наименование школы")
    wizard.next()
    with qtbot.waitSignal(wizard.installation_saved):
        wizard.next()
    assert settings.name_label.text() == "Новое наименование школы"
