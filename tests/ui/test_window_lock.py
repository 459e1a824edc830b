"""The window and the command line on one data folder."""

from __future__ import annotations

from proforient_desktop.cli import main
from proforient_desktop.folder_lock import try_lock
from proforient_desktop.services.workspace import current_installation, database_path
from proforient_desktop.ui.app import Session


def test_init_refused_while_setup_open(qtbot, data_dir, recorded, capsys):
    running = Session(data_dir)
    try:
        assert running.start()
        assert running.wizard is not None

        code = main(["init", "--data-dir", str(data_dir), "--role", "school", "--org-code", "2721000001",
                     "--org-name", "МБОУ СОШ № 1", "--municipality", "Хабаровский"])
        err = capsys.readouterr().err

        assert code == 1
        assert "открыта в окне программы" in err
        assert current_installation(running.context) is None
    finally:
        running.wizard.close()
        running.stop()


def test_window_refused_while_command_writes(qtbot, data_dir, recorded):
    command = try_lock(data_dir, exclusive=False)
    running = Session(data_dir)
    try:
        assert not running.start()
    finally:
        running.stop()
        command.unlock()

    assert "сейчас работает команда" in recorded.errors[-1]
    assert "Дождитесь её завершения" in recorded.errors[-1]
    assert not database_path(data_dir).exists()
