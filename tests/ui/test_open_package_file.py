"""A package given on the command line (a double-click) opens in the import preview."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.exchange import export_package
from proforient_desktop.ui.app import Session
from tests.exchange_support import MUNICIPALITY, install


def test_package_file_opens_preview(qtbot, tmp_path, recorded):
    school = install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    set_counts(school, 2024, {"students_total": 420})
    package = export_package(school, tmp_path / "outbox")
    school.close()
    install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования", MUNICIPALITY).close()

    session = Session(tmp_path / "omsu", package)
    try:
        assert session.start()
        screen = session.window.screen("exchange")
        assert session.window.show_section("exchange") is screen
        with qtbot.waitSignal(screen.preview_ready, timeout=30_000) as blocker:
            pass
        plans = blocker.args[0]
        assert [plan.sender.code for plan in plans] == ["2721000001"]
        qtbot.waitUntil(lambda: screen.preview_dialog.isVisible())
    finally:
        if session.window is not None:
            session.window.close()
        session.stop()


def test_package_on_new_computer_restores(qtbot, tmp_path, recorded):
    school = install(tmp_path, "old-pc", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    set_counts(school, 2024, {"students_total": 420})
    package = export_package(school, tmp_path / "outbox")
    school.close()

    session = Session(tmp_path / "new-pc", package)
    try:
        assert session.start()
        qtbot.waitUntil(lambda: session.wizard is not None and session.wizard.isVisible(), timeout=30_000)
        wizard = session.wizard
        assert wizard.role_page.restore_check.isChecked()

        wizard.next()
        wizard.next()
        wizard.next()
        with qtbot.waitSignal(wizard.finished, timeout=30_000):
            wizard.button(QWizard.WizardButton.FinishButton).click()

        qtbot.waitUntil(lambda: session.window is not None)
        assert get_counts(session.context, 2024)["students_total"] == 420
        assert session.package_file is None
        assert recorded.errors == []
    finally:
        if session.window is not None:
            session.window.close()
        session.stop()
