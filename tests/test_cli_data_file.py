"""The command line on a damaged, emptied or missing data file, and on a folder a command holds."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from proforient_desktop.cli import main
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop import folder_lock
from proforient_desktop.folder_lock import try_lock
from proforient_desktop.services.workspace import is_damaged, set_damaged_data_aside
from proforient_desktop.storage.backup import backup_database

DATABASE = "proforient.sqlite3"
READING_COMMANDS = [
    ("counts", "show", "--year", "2024"),
    ("indicators", "--year", "2024"),
    ("keys", "show"),
]
WRITING_COMMANDS = [
    ("counts", "set", "--year", "2024", "Чоко=10"),
    ("package", "export", "-o", "{tmp}/out.proforient"),
]


def run(data_dir: Path, capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--data-dir", str(data_dir), *args])
    except SystemExit as exit_info:
        code = exit_info.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def school(tmp_path, capsys) -> Path:
    folder = tmp_path / "school1"
    code, out, _ = run(folder, capsys, "init", "--role", "school", "--org-code", "2721000001",
                       "--org-name", "МБОУ СОШ № 1", "--municipality", "Хабаровский")
    assert code == 0, out
    assert run(folder, capsys, "counts", "set", "--year", "2024", "Чоко=200", "Чбвб=30")[0] == 0
    return folder


def damage_inside(data_dir: Path) -> None:
    """Overwrite 12 KiB after the first two pages, so the header and the schema page stay readable."""
    with open(data_dir / DATABASE, "r+b") as file:
        file.seek(8192)
        file.write(random.Random(7).randbytes(12 * 1024))


@pytest.mark.parametrize("args", READING_COMMANDS + WRITING_COMMANDS)
def test_damaged_inside_gives_russian_message(school, tmp_path, capsys, args):
    damage_inside(school)

    code, _, err = run(school, capsys, *(arg.format(tmp=tmp_path) for arg in args))

    assert code == 1
    assert "повреждён" in err
    assert "Traceback" not in err
    assert "sqlalchemy" not in err
    assert "Исправных резервных копий нет" in err
    assert "отложить повреждённый файл" in err
    assert not (tmp_path / "out.proforient").exists()


def test_damaged_inside_names_good_backup(school, capsys):
    good = backup_database(school / DATABASE, school / "backups", "manual")
    damage_inside(school)

    code, _, err = run(school, capsys, "counts", "show", "--year", "2024")

    assert code == 1
    assert good.name in err
    assert "предложит восстановить эту копию" in err


def test_damage_missed_at_opening_caught(school, capsys, monkeypatch, caplog):
    # The quick check is skipped, so the query itself meets the damaged page.
    monkeypatch.setattr("proforient_desktop.cli.common.check_database_file", lambda *args, **kwargs: None)
    damage_inside(school)

    code, _, err = run(school, capsys, "counts", "show", "--year", "2024")

    assert code == 1
    assert err.startswith("ошибка: Файл данных")
    assert "повреждён" in err
    assert "Traceback" not in err
    assert any(record.levelname == "ERROR" and record.exc_info for record in caplog.records)


def test_self_check_reports_damage_inside(school, capsys):
    damage_inside(school)

    code = main(["--data-dir", str(school), "--self-check"])
    out = capsys.readouterr().out

    assert code == 1
    assert "[ОШИБКА] База данных" in out
    assert "повреждён" in out
    assert "Все проверки пройдены" not in out


def test_self_check_passes_intact_file(school, capsys):
    code = main(["--data-dir", str(school), "--self-check"])
    out = capsys.readouterr().out

    assert code == 0, out
    assert "проверка целостности пройдена" in out


@pytest.mark.parametrize("args", [("counts", "show", "--year", "2024"),
                                  ("init", "--role", "school", "--org-code", "2721000001",
                                   "--org-name", "Школа", "--municipality", "Хабаровский")])
def test_emptied_file_with_key_refused(school, capsys, args):
    load_or_create_key_pair(school)
    (school / DATABASE).write_bytes(b"")

    code, _, err = run(school, capsys, *args)

    assert code == 1
    assert "отсутствует или пуст" in err
    assert "ключ подписи установки" in err
    assert "proforient package restore" in err
    assert (school / DATABASE).stat().st_size == 0


def test_emptied_file_with_key_damaged(school):
    load_or_create_key_pair(school)
    (school / DATABASE).write_bytes(b"")

    assert is_damaged(school)

    set_damaged_data_aside(school)

    assert not is_damaged(school)
    assert (school / DATABASE).stat().st_size > 0


def test_restore_into_emptied_folder_keeps_key(school, tmp_path, capsys):
    package = tmp_path / "last.proforient"
    assert run(school, capsys, "package", "export", "-o", str(package))[0] == 0
    fingerprint = load_or_create_key_pair(school).fingerprint
    (school / DATABASE).write_bytes(b"")

    code, out, err = run(school, capsys, "package", "restore", str(package))

    assert code == 0, err
    assert "МБОУ СОШ № 1" in out
    assert f"отпечаток {fingerprint}" in out
    code, out, _ = run(school, capsys, "counts", "show", "--year", "2024", "--format", "json")
    assert '"students_total": 200' in out


def test_reading_command_creates_no_folder(tmp_path, capsys):
    missing = tmp_path / "опечатка"

    code, _, err = run(missing, capsys, "counts", "show", "--year", "2024")

    assert code == 1
    assert "нет данных программы" in err
    assert "proforient init" in err
    assert not missing.exists()


def test_reading_command_creates_no_database(tmp_path, capsys):
    folder = tmp_path / "empty"
    folder.mkdir()

    code, _, err = run(folder, capsys, "indicators", "--year", "2024")

    assert code == 1
    assert "нет данных программы" in err
    assert not (folder / DATABASE).exists()


def test_file_as_data_dir_only_russian(tmp_path):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")

    for args in (["counts", "show", "--year", "2024"], ["counts", "set", "--year", "2024", "Чоко=1"]):
        completed = subprocess.run(
            [sys.executable, "-m", "proforient_desktop", "--data-dir", str(not_a_folder), *args],
            capture_output=True, text=True, encoding="utf-8", check=False,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        assert completed.returncode == 1
        assert completed.stderr.startswith("ошибка:"), completed.stderr
        assert "Command" not in completed.stderr
        assert "Traceback" not in completed.stderr


def test_lock_tells_command_from_window(tmp_path):
    command = try_lock(tmp_path, exclusive=False)
    try:
        assert try_lock(tmp_path, exclusive=True) is None
        assert folder_lock.held_by_commands(tmp_path)
    finally:
        command.unlock()

    window = try_lock(tmp_path, exclusive=True)
    try:
        assert not folder_lock.held_by_commands(tmp_path)
    finally:
        window.unlock()
