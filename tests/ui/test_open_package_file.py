"""A package given on the command line (a double-click) opens in the import preview."""

from __future__ import annotations

from proforient_desktop.services.counts import set_counts
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
