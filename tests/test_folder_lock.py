"""The data folder's lock: a window excludes everything else, writing commands share it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from proforient_desktop.cli import main
from proforient_desktop.folder_lock import LOCK_FILE, try_lock


@pytest.fixture
def cli(data_dir, capsys):
    def run(*args: str):
        code = main(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


@pytest.fixture
def window_lock(data_dir):
    """The exclusive lock an open window holds on the data folder."""
    lock = try_lock(data_dir, exclusive=True)
    assert lock is not None
    yield lock
    lock.unlock()


INIT = ("init", "--role", "school", "--org-code", "2721000001", "--org-name", "МБОУ СОШ № 1",
        "--municipality", "Хабаровский")


def test_exclusive_lock_excludes_all(data_dir, window_lock):
    assert try_lock(data_dir, exclusive=True) is None
    assert try_lock(data_dir, exclusive=False) is None


def test_shared_locks_coexist(data_dir):
    first = try_lock(data_dir, exclusive=False)
    second = try_lock(data_dir, exclusive=False)
    assert first is not None
    assert second is not None
    assert try_lock(data_dir, exclusive=True) is None

    first.unlock()
    second.unlock()
    window = try_lock(data_dir, exclusive=True)
    assert window is not None
    window.unlock()


def test_unlock_releases_and_keeps_file(data_dir, window_lock):
    window_lock.unlock()
    window_lock.unlock()
    again = try_lock(data_dir, exclusive=True)
    assert again is not None
    again.unlock()
    assert (data_dir / LOCK_FILE).is_file()


def test_lock_released_when_process_ends(data_dir):
    # A crashed window must not leave the folder locked.
    script = textwrap.dedent("""
        import os, sys
        from pathlib import Path
        from proforient_desktop.folder_lock import try_lock
        lock = try_lock(Path(sys.argv[1]), exclusive=True)
        print(lock is not None, flush=True)
        os._exit(3)
    """)
    completed = subprocess.run([sys.executable, "-c", script, str(data_dir)], capture_output=True, text=True,
                               timeout=60, check=False)
    assert completed.stdout.strip() == "True"
    assert completed.returncode == 3

    lock = try_lock(data_dir, exclusive=True)
    assert lock is not None
    lock.unlock()


def test_init_refused_beside_window(cli, data_dir, window_lock):
    code, out, err = cli(*INIT)

    assert code == 1
    assert out == ""
    assert "открыта в окне программы" in err
    assert "«init»" in err
    assert str(data_dir) in err
    assert not (data_dir / "proforient.sqlite3").exists()


def test_writing_subcommand_named(cli, data_dir):
    assert cli(*INIT)[0] == 0
    window = try_lock(data_dir, exclusive=True)
    try:
        code, _, err = cli("counts", "set", "--year", "2024", "students_total=100")
    finally:
        window.unlock()

    assert code == 1
    assert "«counts set»" in err


def test_reading_commands_run_beside_window(cli, data_dir):
    assert cli(*INIT)[0] == 0
    assert cli("counts", "set", "--year", "2024", "students_total=100")[0] == 0
    window = try_lock(data_dir, exclusive=True)
    try:
        code, out, err = cli("counts", "show", "--year", "2024", "--format", "json")
        dry_code, _, dry_err = cli("package", "import", "--dry-run", str(data_dir / "нет.proforient"))
    finally:
        window.unlock()

    assert code == 0, err
    assert json.loads(out)["counts"] == {"students_total": 100}
    # The dry run goes as far as checking its files, past the lock.
    assert dry_code == 2
    assert "Не найдено" in dry_err


def test_writing_commands_run_side_by_side(cli, data_dir):
    other_command = try_lock(data_dir, exclusive=False)
    try:
        code, _, err = cli(*INIT)
    finally:
        other_command.unlock()
    assert code == 0, err


def test_command_releases_lock(cli, data_dir):
    assert cli(*INIT)[0] == 0
    window = try_lock(data_dir, exclusive=True)
    assert window is not None
    window.unlock()


def test_separate_process_refused(data_dir, window_lock):
    completed = subprocess.run(
        [sys.executable, "-m", "proforient_desktop", "--data-dir", str(data_dir), *INIT],
        capture_output=True, text=True, timeout=120, check=False)

    assert completed.returncode == 1
    assert "открыта в окне программы" in completed.stderr
    assert not (data_dir / "proforient.sqlite3").exists()
