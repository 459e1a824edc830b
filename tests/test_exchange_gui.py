"""The «Обмен» screen: export, preview, import with progress and cancel, drag and drop, keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from exchange_support import MUNICIPALITY, fill_school, install
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.services import exchange as exchange_service
from proforient_desktop.services.counts import get_counts
from proforient_desktop.services.directory import add_organisation
from proforient_desktop.services.exchange import export_package
from proforient_desktop.services.keys import list_trusted_keys
from proforient_desktop.ui import messages
from proforient_desktop.ui.exchange_screen import ExchangeScreen
from proforient_desktop.ui.i18n import install_translations, remove_translations
from proforient_desktop.ui.main_window import MainWindow


@pytest.fixture(scope="module", autouse=True)
def russian(qapp, tmp_path_factory):
    translators = install_translations(qapp, "ru", tmp_path_factory.mktemp("qm"))
    yield
    remove_translations(qapp, translators)


@pytest.fixture
def recorded():
    recorder = messages.RecordingMessenger()
    previous = messages.messenger()
    messages.set_messenger(recorder)
    yield recorder
    messages.set_messenger(previous)


@pytest.fixture
def installations(tmp_path):
    contexts = {
        "school1": install(tmp_path, "school1", "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", MUNICIPALITY),
        "school2": install(tmp_path, "school2", "school", "2721000002", "МБОУ СОШ № 2 п. Пробный", MUNICIPALITY),
        "municipality": install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования",
                                MUNICIPALITY),
    }
    fill_school(contexts["school1"], 300)
    fill_school(contexts["school2"], 120)
    yield contexts
    for context in contexts.values():
        context.close()


def make_screen(qtbot, context) -> ExchangeScreen:
    screen = ExchangeScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    return screen


def preview(qtbot, screen, paths):
    with qtbot.waitSignal(screen.preview_ready, timeout=20_000) as blocker:
        screen.start_preview(paths)
    return blocker.args[0]


def test_export_from_screen(qtbot, installations, recorded, tmp_path):
    screen = make_screen(qtbot, installations["school1"])
    assert screen.import_box.isHidden()
    assert "ещё не выгружался" in screen.last_export_label.text()

    written = screen.export_to(tmp_path / "out" / "пакет.proforient")

    assert written.is_file()
    assert "пакет № 1" in screen.last_export_label.text()
    assert "Пакет сохранён" in recorded.notices[0]
    assert screen._overview.suggested_file_name.endswith("№2.proforient")


def test_preview_then_import_with_new_keys(qtbot, installations, recorded, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    export_package(installations["school1"], inbox)
    export_package(installations["school2"], inbox)
    (inbox / "мусор.proforient").write_bytes(b"not a package")
    screen = make_screen(qtbot, installations["municipality"])

    plans = preview(qtbot, screen, [inbox])

    dialog = screen.preview_dialog
    outcomes = {plan.file_name: plan.outcome for plan in plans}
    assert list(outcomes.values()).count(Outcome.NEW) == 2
    assert outcomes["мусор.proforient"] is Outcome.REJECTED
    assert dialog.table.rowCount() == 3
    outcome_cells = [dialog.table.item(row, 3).text() for row in range(3)]
    assert outcome_cells.count("отклонён") == 1
    # Not «новый»: without the confirmation below, the import would reject them.
    assert outcome_cells.count("будет отклонён, если не подтвердить ключ") == 2
    assert not dialog.import_button.isEnabled()
    assert plans[0].fingerprint in dialog.keys_label.text()

    dialog.trust_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    outcome_cells = [dialog.table.item(row, 3).text() for row in range(3)]
    assert outcome_cells.count("новый, ключ будет зарегистрирован") == 2
    with qtbot.waitSignal(screen.import_finished, timeout=20_000) as blocker:
        dialog.import_button.click()

    report = blocker.args[0]
    assert len(report.imported) == 2
    assert "Загружено: 2" in recorded.notices[-1]
    assert "мусор.proforient" in recorded.notices[-1]
    assert screen.tables.submissions.rowCount() == 2
    assert screen.tables.rejections.rowCount() == 1
    assert screen.tables.keys.rowCount() == 2
    assert get_counts(installations["municipality"], 2023, org_code="2721000002")["students_total"] == 120


def test_preview_reads_out_each_key_once(qtbot, installations, recorded, tmp_path):
    first = export_package(installations["school1"], tmp_path / "a.proforient")
    second = export_package(installations["school1"], tmp_path / "b.proforient")
    screen = make_screen(qtbot, installations["municipality"])

    plans = preview(qtbot, screen, [first, second])

    assert [plan.outcome for plan in plans] == [Outcome.NEW, Outcome.REPLACES]
    assert screen.preview_dialog.keys_label.text().count(plans[0].fingerprint) == 1


def test_cancelled_import_keeps_whole_packages(qtbot, installations, recorded, tmp_path, monkeypatch):
    files = [export_package(installations[name], tmp_path) for name in ("school1", "school2")]
    real_import = exchange_service.import_packages

    def import_then_cancel(context, paths, *, trust_new, progress, cancelled):
        # The operator presses «Cancel» while the first file is being merged.
        return real_import(context, paths, trust_new=trust_new, progress=progress,
                           cancelled=lambda: cancelled() or len(seen) > 0 and seen.append(1) is None)

    seen: list[int] = []
    monkeypatch.setattr("proforient_desktop.ui.exchange_screen.import_packages", import_then_cancel)
    original_one = exchange_service.import_one
    monkeypatch.setattr(exchange_service, "import_one",
                        lambda *args, **kwargs: (seen.append(1), original_one(*args, **kwargs))[1])
    screen = make_screen(qtbot, installations["municipality"])

    with qtbot.waitSignal(screen.import_finished, timeout=20_000) as blocker:
        screen.start_import(files, True)

    report = blocker.args[0]
    assert report.cancelled
    assert [plan.outcome for plan in report.results] == [Outcome.NEW]
    assert "Загрузка прервана" in recorded.notices[-1]
    assert screen.progress_dialog is None
    assert get_counts(installations["municipality"], 2023, org_code="2721000001")["students_total"] == 300
    codes = {key.organisation_code for key in list_trusted_keys(installations["municipality"])}
    assert codes == {"2721000001"}


def test_drop_files_starts_preview(qtbot, installations, recorded, tmp_path):
    path = export_package(installations["school1"], tmp_path)
    screen = make_screen(qtbot, installations["municipality"])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)

    with qtbot.waitSignal(screen.preview_ready, timeout=20_000) as blocker:
        screen.dropEvent(event)

    assert [plan.sender.code for plan in blocker.args[0]] == ["2721000001"]
    assert screen.preview_dialog.isVisible()


def test_retire_key_from_screen(qtbot, installations, recorded, tmp_path):
    path = export_package(installations["school1"], tmp_path)
    exchange_service.import_packages(installations["municipality"], [path], trust_new=True)
    screen = make_screen(qtbot, installations["municipality"])
    screen.tables.setCurrentIndex(2)
    screen.tables.keys.selectRow(0)

    screen.tables.retire_button.click()
    screen.key_dialog.reason_edit.setText("утерян ноутбук")
    screen.key_dialog.accept()

    assert "выведен: утерян ноутбук" in screen.tables.keys.item(0, 5).text()
    assert recorded.errors == []


def test_exchange_section_in_main_window(qtbot, installations, recorded):
    window = MainWindow(installations["municipality"])
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()

    screen = window.show_section("exchange")

    assert isinstance(screen, ExchangeScreen)
    assert screen.import_files_button.text() == "Загрузить &файлы…"


def test_quit_during_import_keeps_whole_packages(qtbot, installations, recorded, tmp_path):
    files = [export_package(installations[name], tmp_path) for name in ("school1", "school2")]
    screen = make_screen(qtbot, installations["municipality"])

    with qtbot.waitSignal(screen.import_finished, timeout=20_000) as blocker:
        screen.start_import(files, True)
        screen.stop_background_work()

    report = blocker.args[0]
    imported = {plan.sender.code for plan in report.imported}
    for code, students in (("2721000001", 300), ("2721000002", 120)):
        if code in imported:
            assert get_counts(installations["municipality"], 2023, org_code=code)["students_total"] == students
        else:
            with pytest.raises(InvalidInputError, match="не найдена"):
                get_counts(installations["municipality"], 2023, org_code=code)


def test_chain_to_region_through_screens(qtbot, installations, recorded, tmp_path):
    region = install(tmp_path, "region", "region", "2700000001", "Министерство образования и науки края")
    school_screen = make_screen(qtbot, installations["school1"])
    municipality_screen = make_screen(qtbot, installations["municipality"])
    region_screen = make_screen(qtbot, region)
    school_file = school_screen.export_to(tmp_path / "school.proforient")
    preview(qtbot, municipality_screen, [school_file])
    municipality_screen.preview_dialog.trust_box.setChecked(True)
    with qtbot.waitSignal(municipality_screen.import_finished, timeout=20_000):
        municipality_screen.preview_dialog.import_button.click()
    municipal_file = municipality_screen.export_to(tmp_path / "omsu.proforient")

    plans = preview(qtbot, region_screen, [municipal_file])
    region_screen.preview_dialog.trust_box.setChecked(True)
    with qtbot.waitSignal(region_screen.import_finished, timeout=20_000):
        region_screen.preview_dialog.import_button.click()

    assert [nested.outcome for nested in plans[0].nested] == [Outcome.NEW]
    assert region_screen.preview_dialog.table.rowCount() == 2
    rows = {region_screen.tables.submissions.item(row, 1).text(): row
            for row in range(region_screen.tables.submissions.rowCount())}
    assert set(rows) == {"2720000001", "2721000001"}
    assert region_screen.tables.submissions.item(rows["2721000001"], 3).text() == "Управление образования"
    assert get_counts(region, 2023, org_code="2721000001")["students_total"] == 300
    region.close()


def widgets_cut_off(root) -> list[str]:
    """Return the visible buttons and labels that lie outside their parent or are smaller than their text."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        parent = widget.parentWidget()
        if parent is not None and not parent.rect().contains(widget.geometry()):
            problems.append(f"{widget.text()!r} outside its parent")
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.height() < widget.heightForWidth(widget.width()):
                problems.append(f"{widget.text()!r} wrapped text cut")
        elif widget.width() < widget.minimumSizeHint().width():
            problems.append(f"{widget.text()!r} narrower than its text")
    return problems


@pytest.mark.parametrize("role", ["school1", "municipality"])
def test_screen_fits_1366x768(qtbot, installations, recorded, role):
    window = MainWindow(installations[role])
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    screen = window.show_section("exchange")
    qtbot.waitExposed(window)

    image = window.grab()

    assert image.width() == 1366
    assert widgets_cut_off(screen) == []


def test_restore_from_own_package_on_new_computer(qtbot, installations, recorded, tmp_path):
    package = export_package(installations["school1"], tmp_path)
    new_pc = install(tmp_path, "new-pc", "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", MUNICIPALITY)
    screen = make_screen(qtbot, new_pc)

    screen.restore_from(package)

    assert "Данные восстановлены из пакета № 1" in recorded.notices[-1]
    assert "новым ключом" in recorded.notices[-1]
    assert get_counts(new_pc, 2023)["students_total"] == 300
    assert screen._overview.suggested_file_name.endswith("№2.proforient")
    assert list((new_pc.data_dir / "backups").glob("*before-restore*"))
    new_pc.close()


def test_restore_declined_changes_nothing(qtbot, installations, recorded, tmp_path):
    package = export_package(installations["school1"], tmp_path)
    new_pc = install(tmp_path, "new-pc", "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", MUNICIPALITY)
    screen = make_screen(qtbot, new_pc)
    recorded.answers = [False]

    screen.restore_from(package)

    assert get_counts(new_pc, 2023) == {}
    assert recorded.notices == []
    new_pc.close()


def test_school_loads_targets_update(qtbot, tmp_path, recorded):
    from proforient_desktop.services.catalog_updates import export_catalog_update
    from proforient_desktop.services.targets import effective_catalog, set_targets

    region = install(tmp_path, "region", "region", "2700000001", "Министерство образования и науки края")
    set_targets(region, {("P1", 2025): 14})
    update = export_catalog_update(region, tmp_path / "цели.proforient-update")
    region.close()
    school = install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    screen = make_screen(qtbot, school)
    screen.ask_update_path = lambda: update
    recorded.answers = [True]  # the operator compared the fingerprint

    screen.update_button.click()

    assert len(recorded.questions) == 1
    assert "Сверьте отпечаток" in recorded.questions[0]
    assert recorded.errors == []
    assert len(recorded.notices) == 1
    assert effective_catalog(school).indicators["P1"].targets[2025] == 14.0
    school.close()


def test_school_rejects_demo_targets_update(qtbot, tmp_path, recorded, catalog):
    from proforient_desktop.services.demo import generate_region
    from proforient_desktop.services.demo_install import write_region_targets
    from proforient_desktop.services.targets import list_targets

    demo = generate_region(catalog, schools=3, colleges=1, years=(2024, 2025), seed=7)
    update = write_region_targets(catalog, demo, tmp_path / "demo")
    school = install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    screen = make_screen(qtbot, school)
    screen.ask_update_path = lambda: update
    recorded.answers = [True]

    screen.update_button.click()

    assert recorded.questions == []  # rejected before the key is even offered for trust
    assert len(recorded.errors) == 1
    assert "файл целевых значений создан демонстрационной установкой" in recorded.errors[0]
    assert f"«{update.name}»" in recorded.errors[0]
    assert recorded.notices == []
    assert list_targets(school) == {}
    school.close()


def test_region_has_no_update_button(qtbot, tmp_path):
    region = install(tmp_path, "region", "region", "2700000001", "Министерство")
    screen = make_screen(qtbot, region)
    assert not screen.update_button.isVisible()
    region.close()


def test_organisations_open_in_natural_name_order(qtbot, installations, recorded):
    context = installations["municipality"]
    for code, name in (("2721000009", "Школа № 9"), ("2721000010", "Школа № 10"), ("2721000003", "Школа № 2")):
        add_organisation(context, code, name, "school", MUNICIPALITY)
    screen = make_screen(qtbot, context)

    table = screen.tables.submissions
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    school_names = [name for name in names if name.startswith("Школа")]
    assert school_names == ["Школа № 2", "Школа № 9", "Школа № 10"]
    assert table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
