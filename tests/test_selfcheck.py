"""``proforient --self-check``, the guarded start and the package file argument, from source."""

from __future__ import annotations

import sys
import types

import pytest

from proforient_desktop import selfcheck, startup
from proforient_desktop.cli import main
from proforient_desktop.errors import DatabaseBusyError
from proforient_desktop.exchange.keys import has_key_pair, load_or_create_key_pair
from proforient_desktop.storage.database import open_database


@pytest.fixture(autouse=True)
def _application(qapp):
    # The window and the translation check share the suite's one QApplication.
    return qapp


@pytest.fixture
def cyrillic_dir(tmp_path):
    """A data folder like a Windows profile of a user named in Russian, with other non-ASCII letters."""
    return tmp_path / "Пользователь Ёжиков Ñandú" / "ПрофОриент данные"


def self_check(data_dir, capsys) -> tuple[int, str]:
    code = main(["--data-dir", str(data_dir), "--self-check"])
    return code, capsys.readouterr().out


def test_self_check_passes_in_cyrillic_folder(cyrillic_dir, capsys):
    code, out = self_check(cyrillic_dir, capsys)

    assert code == 0, out
    assert out.count("[ОК]") == len(selfcheck.CHECKS)
    assert "Все проверки пройдены." in out
    assert (cyrillic_dir / "proforient.sqlite3").is_file()
    assert str(cyrillic_dir) in out


def test_self_check_leaves_no_key_in_fresh_folder(cyrillic_dir, capsys):
    code, out = self_check(cyrillic_dir, capsys)

    assert code == 0, out
    assert "временный ключ" in out
    assert not has_key_pair(cyrillic_dir)


def test_self_check_signs_with_installation_key(cyrillic_dir, capsys):
    open_database(cyrillic_dir).dispose()
    load_or_create_key_pair(cyrillic_dir)

    code, out = self_check(cyrillic_dir, capsys)

    assert code == 0, out
    assert "ключ установки:" in out


def test_self_check_stops_at_first_failure(cyrillic_dir, capsys, monkeypatch):
    import openpyxl

    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)

    code, out = self_check(cyrillic_dir, capsys)

    assert code == 1
    assert "[ОШИБКА] Защита чтения Excel (defusedxml)" in out
    assert "Подпись пакетов" not in out
    assert "Все проверки пройдены." not in out


def test_self_check_finds_missing_glyphs(cyrillic_dir, capsys, monkeypatch):
    # DejaVu Sans has no CJK ideographs, so this sample must fail.
    monkeypatch.setattr(selfcheck, "CYRILLIC_SAMPLE", "Жё漢")

    code, out = self_check(cyrillic_dir, capsys)

    assert code == 1
    assert "[ОШИБКА] Шрифт отчётов PDF" in out
    assert "нет букв 漢" in out


def test_self_check_finds_missing_translations(cyrillic_dir, capsys, monkeypatch, tmp_path):
    import proforient_desktop.ui.i18n as i18n

    empty = tmp_path / "translations"
    empty.mkdir()
    monkeypatch.setattr(i18n, "translations_dir", lambda _language: empty)

    code, out = self_check(cyrillic_dir, capsys)

    assert code == 1
    assert "[ОШИБКА] Перевод интерфейса" in out


def test_translation_samples_skip_unfinished(tmp_path):
    (tmp_path / "screen.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="ru_RU"><context><name>Screen</name>'
        '<message><source>Draft</source><translation type="unfinished">Черновик</translation></message>'
        '<message><source>Save</source><comment>file</comment><translation>Сохранить</translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )

    assert selfcheck.translation_samples(tmp_path) == [("Screen", "Save", "file", "Сохранить")]


def fake_window(monkeypatch, run):
    """Put a stand-in for ``proforient_desktop.ui.app`` whose ``run`` is ``run``."""
    module = types.ModuleType("proforient_desktop.ui.app")
    module.run = run
    monkeypatch.setitem(sys.modules, "proforient_desktop.ui.app", module)


def close_message_box_later(qapp, seen: list[str]):
    """Close the next modal message box once it shows, recording its text."""
    from PySide6.QtCore import QTimer

    timer = QTimer(qapp)

    def close_when_shown():
        box = qapp.activeModalWidget()
        if box is None:
            return
        seen.append(box.text())
        timer.stop()
        box.close()

    timer.timeout.connect(close_when_shown)
    timer.start(10)
    return timer


def test_failed_window_start_writes_report_and_shows_it(qapp, monkeypatch, cyrillic_dir):
    def broken_run(_data_dir, package_file=None):
        raise RuntimeError("сбой при открытии окна")

    fake_window(monkeypatch, broken_run)
    seen: list[str] = []
    _timer = close_message_box_later(qapp, seen)

    code = startup.run_window(str(cyrillic_dir))

    report = cyrillic_dir / startup.FAILURE_REPORT_FILE
    assert code == 1
    assert report.is_file()
    text = report.read_text(encoding="utf-8")
    assert "Отчёт об ошибке" in text
    assert "сбой при открытии окна" in text
    assert "Traceback" in text
    assert len(seen) == 1
    assert str(report) in seen[0]


def test_user_error_at_start_is_shown_as_is(qapp, monkeypatch, cyrillic_dir):
    def busy_run(_data_dir, package_file=None):
        raise DatabaseBusyError("База данных занята другой копией программы.")

    fake_window(monkeypatch, busy_run)
    seen: list[str] = []
    _timer = close_message_box_later(qapp, seen)

    assert startup.run_window(str(cyrillic_dir)) == 1
    assert "База данных занята другой копией программы." in seen[0]
    assert "внутренняя ошибка" not in seen[0]


def test_report_falls_back_to_temporary_folder(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")

    report = startup.write_failure_report(RuntimeError("x"), blocker / "данные")

    assert report.is_file()
    assert report.parent != blocker / "данные"


def test_command_crash_writes_report(monkeypatch, capsys, cyrillic_dir):
    import proforient_desktop.cli as cli

    def crashing_main(_arguments):
        raise ZeroDivisionError("ошибка в программе")

    monkeypatch.setattr(cli, "main", crashing_main)

    code = startup.main_guarded(["--data-dir", str(cyrillic_dir), "catalog"])

    report = cyrillic_dir / startup.FAILURE_REPORT_FILE
    error_output = capsys.readouterr().err
    assert code == 1
    assert report.is_file()
    assert str(report) in error_output
    assert "Команда прервана из-за ошибки" in error_output


def test_package_file_argument_opens_window(monkeypatch, cyrillic_dir):
    package = cyrillic_dir / "Школа № 1.proforient"
    package.parent.mkdir(parents=True)
    package.write_bytes(b"PK")
    calls = []
    monkeypatch.setattr(startup, "run_window", lambda data_dir, file: calls.append((data_dir, file)) or 0)

    assert main([str(package)]) == 0
    assert main(["--data-dir", str(cyrillic_dir), str(package)]) == 0
    assert calls == [(None, package.resolve()), (str(cyrillic_dir), package.resolve())]


@pytest.mark.parametrize("name", ["нет-такого.proforient", "отчёт.xlsx"])
def test_other_file_argument_is_rejected(monkeypatch, tmp_path, name):
    (tmp_path / "отчёт.xlsx").write_bytes(b"PK")
    monkeypatch.setattr(startup, "run_window", lambda *_args: pytest.fail("the window must not open"))

    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path / name)])

    assert exit_info.value.code == 2


def test_package_file_goes_to_window(monkeypatch, cyrillic_dir):
    package = cyrillic_dir / "пакет.proforient"
    package.parent.mkdir(parents=True)
    package.write_bytes(b"PK")
    received = []
    fake_window(monkeypatch, lambda _data_dir, package_file=None: received.append(package_file) or 0)

    assert startup.run_window(str(cyrillic_dir), package) == 0
    assert received == [package]


def test_qt_messages_go_to_log(caplog, cyrillic_dir):
    from PySide6.QtCore import qWarning

    restore = startup.install_qt_message_handler(cyrillic_dir)
    try:
        with caplog.at_level("WARNING", logger="qt"):
            qWarning("предупреждение Qt для журнала")
    finally:
        restore()

    assert [record.getMessage() for record in caplog.records if record.name == "qt"] == [
        "предупреждение Qt для журнала"
    ]


def test_self_check_names_damaged_data_file(cyrillic_dir, capsys):
    cyrillic_dir.mkdir(parents=True, exist_ok=True)
    (cyrillic_dir / "proforient.sqlite3").write_bytes(b"garbage " * 500)

    code, output = self_check(cyrillic_dir, capsys)

    assert code == 1
    assert "[ОШИБКА] База данных: Файл данных" in output
    assert "Исправных резервных копий нет" in output
    assert "отложить повреждённый файл" in output
    assert "Переустановите" not in output
    assert "sqlalche.me" not in output
