"""The setup wizard's restore on a new computer from the organisation's own package file."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from proforient_desktop.errors import DatabaseError
from proforient_desktop.exchange.keys import has_key_pair, load_or_create_key_pair
from proforient_desktop.services import exchange_restore
from proforient_desktop.services.counts import get_counts
from proforient_desktop.services.exchange import export_package
from proforient_desktop.services.keys import own_key
from proforient_desktop.services.workspace import current_installation
from proforient_desktop.ui.main_window import MainWindow
from proforient_desktop.ui.setup_wizard import PAGE_RESTORE_FILE, PAGE_RESTORE_KEY, PAGE_RESTORE_SUMMARY, \
    SetupWizard
from tests.exchange_support import MUNICIPALITY, add_activity, database_state, fill_school, install, \
    read_members, rewrite_members
from tests.ui.conftest import SCREEN_SIZE
from tests.ui.test_screens_fit import cut_off_widgets, save_png

SCHOOL_CODE = "2721000001"
SCHOOL_NAME = "МБОУ СОШ № 1 с. Тестовое"


@dataclass(frozen=True)
class SchoolPackage:
    path: Path
    old_fingerprint: str


@pytest.fixture(scope="module")
def school_package(tmp_path_factory) -> SchoolPackage:
    """The school's second package, exported on its old computer: 2023 and 2024 counts, two activities."""
    root = tmp_path_factory.mktemp("old-pc")
    school = install(root, "school", "school", SCHOOL_CODE, SCHOOL_NAME, MUNICIPALITY)
    fill_school(school, 300)
    add_activity(school, "Классный час «Профессии края»", held_on=dt.date(2023, 10, 2))
    export_package(school, root / "first.proforient")
    path = export_package(school, root / "школа.proforient")
    old_fingerprint = own_key(school).fingerprint
    school.close()
    return SchoolPackage(path, old_fingerprint)


@pytest.fixture
def wizard(qtbot, context, recorded):
    wizard = SetupWizard(context)
    qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    return wizard


def go_to_key_page(wizard: SetupWizard, package: Path) -> None:
    wizard.role_page.restore_check.setChecked(True)
    wizard.next()
    wizard.restore_file_page.set_path(package)
    wizard.next()


def leftovers(data_dir: Path) -> list[str]:
    """Return the staging and safety folders the restore should have removed."""
    return sorted(path.name for path in data_dir.iterdir() if path.name.startswith((".new-key-", ".restore-")))


def test_restore_file_page_describes_package(wizard, school_package):
    wizard.role_page.restore_check.setChecked(True)
    wizard.next()
    assert wizard.currentId() == PAGE_RESTORE_FILE

    page = wizard.restore_file_page
    page.set_path(school_package.path)

    assert page.isComplete()
    text = page.description.text()
    assert f"Организация: {SCHOOL_NAME} (код {SCHOOL_CODE})" in text
    assert "Вид организации: общеобразовательная организация" in text
    assert "Муниципальное образование: Хабаровский" in text
    assert "Номер пакета: 2" in text
    rows = [[page.years_table.item(row, column).text() for column in range(3)]
            for row in range(page.years_table.rowCount())]
    assert rows == [["2023", "2", "1"], ["2024", "2", "1"]]


def test_restore_happy_path(qtbot, wizard, context, school_package, recorded, tmp_path):
    go_to_key_page(wizard, school_package.path)
    assert wizard.currentId() == PAGE_RESTORE_KEY
    key_page = wizard.restore_key_page
    fingerprint = key_page.fingerprint.text()
    assert len(fingerprint.split()) == 6
    assert fingerprint != school_package.old_fingerprint
    assert "Смену ключа должен подтвердить муниципальный орган управления образованием (ОМСУ)" in key_page.approval.text()
    card = tmp_path / "Ключ школы.key.json"
    key_page.card_edit.setText(str(card))

    wizard.next()
    assert wizard.currentId() == PAGE_RESTORE_SUMMARY
    summary = wizard.restore_summary_page.summary.text()
    assert f"Отпечаток нового ключа: {fingerprint}" in summary
    assert "Следующий пакет этого компьютера получит номер 3." in summary
    assert current_installation(context) is None
    assert not has_key_pair(context.data_dir)

    with qtbot.waitSignal(wizard.finished):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    installation = current_installation(context)
    assert installation.organisation_code == SCHOOL_CODE
    assert installation.municipality_code == MUNICIPALITY
    assert get_counts(context, 2023)["students_total"] == 300
    assert load_or_create_key_pair(context.data_dir).fingerprint == fingerprint
    assert json.loads(card.read_text(encoding="utf-8"))["fingerprint"] == fingerprint
    assert recorded.errors == []
    assert leftovers(context.data_dir) == []


def test_restored_data_in_screens(qtbot, wizard, context, school_package):
    go_to_key_page(wizard, school_package.path)
    wizard.restore_key_page.card_check.setChecked(False)
    wizard.next()
    with qtbot.waitSignal(wizard.finished):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(*SCREEN_SIZE)
    window.show()
    counts = window.show_section("counts")
    counts.year_box.setCurrentIndex(counts.year_box.findData(2023))
    assert counts.form.editors["students_total"].text() == "300"
    activities = window.show_section("activities")
    activities.year_box.setCurrentIndex(activities.year_box.findData(2023))
    assert activities.proxy.rowCount() == 1
    assert activities.proxy.index(0, 2).data() == "Классный час «Профессии края»"


@pytest.mark.parametrize(("kind", "message"), [
    ("tampered", "не совпадает"),
    ("truncated", "отклонён"),
    ("foreign", "отклонён"),
])
def test_bad_file_refused_without_writing(wizard, context, school_package, tmp_path, kind, message):
    data = school_package.path.read_bytes()
    bad = tmp_path / f"{kind}.proforient"
    if kind == "tampered":
        payload = json.loads(read_members(data)["payload.json"])
        payload["counts"]["2023"]["students_total"] = 3000
        bad.write_bytes(rewrite_members(data, {"payload.json": json.dumps(payload).encode("utf-8")}))
    elif kind == "truncated":
        bad.write_bytes(data[:-100])
    else:
        bad.write_text("Отчёт о проведённых мероприятиях за 2024 год", encoding="utf-8")
    state = database_state(context)

    wizard.role_page.restore_check.setChecked(True)
    wizard.next()
    page = wizard.restore_file_page
    page.set_path(bad)

    assert not page.isComplete()
    assert f"Файл «{bad.name}» отклонён" in page.error_label.text()
    assert message in page.error_label.text()
    wizard.next()
    assert wizard.currentId() == PAGE_RESTORE_FILE
    assert database_state(context) == state
    assert not has_key_pair(context.data_dir)


def test_cancel_leaves_nothing_written(qtbot, wizard, context, school_package):
    state = database_state(context)
    go_to_key_page(wizard, school_package.path)
    wizard.next()
    assert wizard.currentId() == PAGE_RESTORE_SUMMARY
    assert leftovers(context.data_dir) != []

    with qtbot.waitSignal(wizard.finished):
        wizard.reject()

    assert current_installation(context) is None
    assert database_state(context) == state
    assert not has_key_pair(context.data_dir)
    assert leftovers(context.data_dir) == []


def test_failed_restore_changes_nothing(qtbot, wizard, context, school_package, monkeypatch):
    def fail(*_args, **_kwargs):
        raise DatabaseError("Диск заполнен.")

    go_to_key_page(wizard, school_package.path)
    wizard.next()
    with monkeypatch.context() as patch:
        patch.setattr(exchange_restore, "replace_snapshot", fail)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    assert wizard.currentId() == PAGE_RESTORE_SUMMARY
    assert wizard.restore_summary_page.error_label.text() == "Диск заполнен."
    assert current_installation(context) is None
    assert not has_key_pair(context.data_dir)

    with qtbot.waitSignal(wizard.finished):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert current_installation(context).organisation_code == SCHOOL_CODE
    assert get_counts(context, 2024)["students_total"] == 310


def test_restore_pages_fit(qtbot, wizard, school_package, tmp_path):
    wizard.role_page.restore_check.setChecked(True)
    # The names of the user guide's images.
    pages = ["setup-1-role-restore", "setup-5-restore-file", "setup-6-restore-key", "setup-7-restore-summary"]
    for name in pages:
        if name == "setup-5-restore-file":
            wizard.restore_file_page.set_path(school_package.path)
        save_png(wizard, name, tmp_path)
        assert wizard.height() <= SCREEN_SIZE[1]
        assert cut_off_widgets(wizard) == []
        wizard.next()


def test_missing_file_named(wizard, context, tmp_path):
    wizard.role_page.restore_check.setChecked(True)
    wizard.next()
    page = wizard.restore_file_page
    missing = tmp_path / "нет такого.proforient"

    page.set_path(missing)

    assert not page.isComplete()
    assert f"Файл «{missing}» не найден" in page.error_label.text()


def test_folder_named_as_folder(wizard, tmp_path):
    wizard.role_page.restore_check.setChecked(True)
    wizard.next()
    page = wizard.restore_file_page
    folder = tmp_path / "пакеты"
    folder.mkdir()

    page.set_path(folder)

    assert not page.isComplete()
    assert f"«{folder}» — это папка" in page.error_label.text()


def test_orphaned_staged_key_removed(qtbot, context, recorded):
    orphan = context.data_dir / ".new-key-x1y2z3" / "keys"
    orphan.mkdir(parents=True)
    (orphan / "installation_key.pem").write_text("private", encoding="utf-8")

    wizard = SetupWizard(context)
    qtbot.addWidget(wizard)

    assert leftovers(context.data_dir) == []


def test_opened_package_preselects_restore(qtbot, context, school_package, recorded):
    wizard = SetupWizard(context, restore_file=school_package.path)
    qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    assert wizard.role_page.restore_check.isChecked()

    wizard.next()

    assert wizard.currentId() == PAGE_RESTORE_FILE
    assert wizard.restore_file_page.isComplete()
    assert current_installation(context) is None
