"""The ``proforient`` command: setup, counts, indicators, catalogue, errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from proforient_desktop.cli import main


@pytest.fixture
def cli(data_dir, capsys):
    """Run ``proforient`` in-process on the test's data directory; return (code, stdout, stderr)."""
    def run(*args: str):
        try:
            code = main(["--data-dir", str(data_dir), *args])
        except SystemExit as exit_info:  # argparse's own errors
            code = exit_info.code
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


@pytest.fixture
def school_cli(cli):
    code, out, _ = cli("init", "--role", "school", "--org-code", "2721000001",
                       "--org-name", "МБОУ СОШ № 1 с. Тестовое", "--municipality", "Хабаровский")
    assert code == 0, out
    return cli


def test_init_reports_organisation(school_cli, data_dir):
    assert (data_dir / "proforient.sqlite3").is_file()


def test_init_renames_but_keeps_identity(school_cli):
    code, out, _ = school_cli("init", "--role", "school", "--org-code", "2721000001",
                              "--org-name", "МБОУ СОШ № 1 имени Героя", "--municipality", "Хабаровский")
    assert code == 0
    assert "МБОУ СОШ № 1 имени Героя" in out

    code, _, err = school_cli("init", "--role", "school", "--org-code", "2721000002",
                              "--org-name", "Другая школа", "--municipality", "Хабаровский")
    assert code == 1
    assert "уже настроена" in err


def test_counts_set_show_and_indicators(school_cli):
    code, out, _ = school_cli("counts", "set", "--year", "2024", "Чоко=200", "ticket_to_future_participants=30")
    assert code == 0, out

    code, out, _ = school_cli("counts", "show", "--year", "2024", "--format", "json")
    assert json.loads(out)["counts"] == {"students_total": 200, "ticket_to_future_participants": 30}

    code, out, _ = school_cli("indicators", "--year", "2024", "--format", "json")
    p1 = next(row for row in json.loads(out)["indicators"] if row["code"] == "P1")
    assert (p1["value"], p1["target"], p1["status"]) == (15.0, 12.0, "reached")
    assert (p1["numerator"], p1["denominator"]) == (30, 200)

    code, out, _ = school_cli("indicators", "--year", "2024", "--format", "csv")
    assert out.startswith("\ufeffПоказатель;Значение;Цель")
    assert "П1;15,0 %;12,0;достигнуто;30;200" in out


def test_indicators_table_lists_warnings(school_cli):
    school_cli("counts", "set", "--year", "2024", "Чоко=100", "Чбвб=120")
    code, out, _ = school_cli("indicators", "--year", "2024")
    assert code == 0
    assert "П1" in out
    assert "предупреждение: Чбвб" in out


def test_change_from_previous_year(school_cli):
    school_cli("counts", "set", "--year", "2023", "Чоко=100", "Чбвб=10")
    school_cli("counts", "set", "--year", "2024", "Чоко=100", "Чбвб=15")
    code, out, _ = school_cli("indicators", "--year", "2024", "--format", "json")
    p1 = next(row for row in json.loads(out)["indicators"] if row["code"] == "P1")
    assert p1["previous_value"] == 10.0
    assert p1["change"] == pytest.approx(5.0)


def test_empty_value_rejected_and_kept(school_cli):
    school_cli("counts", "set", "--year", "2024", "Чоко=200")

    code, out, err = school_cli("counts", "set", "--year", "2024", "Чоко=")

    assert code == 2
    assert "Сохранено" not in out
    assert "«Чоко=»: не указано значение численности «Чоко»" in err
    assert "--clear Чоко" in err
    _, out, _ = school_cli("counts", "show", "--year", "2024", "--format", "json")
    assert json.loads(out)["counts"] == {"students_total": 200}


def test_clear_removes_value(school_cli):
    school_cli("counts", "set", "--year", "2024", "Чоко=200", "Чбвб=30")

    code, out, _ = school_cli("counts", "set", "--year", "2024", "--clear", "Чоко")

    assert code == 0
    assert "Удалено значений: 1 за 2024 г." in out
    _, out, _ = school_cli("counts", "show", "--year", "2024", "--format", "json")
    assert json.loads(out)["counts"] == {"ticket_to_future_participants": 30}


def test_clear_and_set_same_code_rejected(school_cli):
    code, _, err = school_cli("counts", "set", "--year", "2024", "Чоко=1", "--clear", "students_total")

    assert code == 2
    assert "указана дважды" in err


def test_counts_set_without_values_rejected(school_cli):
    code, _, err = school_cli("counts", "set", "--year", "2024")

    assert code == 2
    assert "--clear КОД" in err


def test_unknown_argument_points_to_subcommand_help(school_cli):
    code, _, err = school_cli("dynamics", "--indicator", "П1")

    assert code == 2
    assert "неизвестные аргументы: --indicator" in err
    assert "(справка: proforient dynamics --help)" in err

    code, _, err = school_cli("counts", "show", "--year", "2024", "--bogus")

    assert code == 2
    assert "(справка: proforient counts show --help)" in err


def test_package_export_refuses_bad_output(school_cli, tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("не пакет", encoding="utf-8")
    existing = tmp_path / "old.proforient"
    existing.write_bytes(b"old")

    code, _, err = school_cli("package", "export", "-o", str(precious))
    assert code == 2
    assert "должен иметь расширение .proforient" in err
    assert precious.read_text(encoding="utf-8") == "не пакет"

    code, _, err = school_cli("package", "export", "-o", str(existing))
    assert code == 2
    assert "уже существует" in err
    assert "--force" in err
    assert existing.read_bytes() == b"old"

    code, _, err = school_cli("package", "export", "-o", str(tmp_path / "нет" / "папки") + "/")
    assert code == 2
    assert "не найдена" in err
    assert not (tmp_path / "нет").exists()

    code, out, _ = school_cli("package", "export", "-o", str(existing), "--force")
    assert code == 0, out
    assert existing.read_bytes() != b"old"


def test_report_refuses_wrong_extension(school_cli, tmp_path):
    target = tmp_path / "r.docx"

    code, _, err = school_cli("report", "pdf", "--year", "2024", "-o", str(target))

    assert code == 2
    assert "должен иметь расширение .pdf" in err
    assert not target.exists()


def test_consolidate_total_named_after_school(school_cli):
    code, out, _ = school_cli("consolidate", "--year", "2024", "--indicator", "П1")

    assert code == 0
    assert "region" not in out
    assert "МБОУ СОШ № 1 с. Тестовое  2721000001" in out

    code, out, _ = school_cli("consolidate", "--year", "2024", "--indicator", "П1", "--format", "json")
    data = json.loads(out)
    assert data["level"] == "total"
    assert data["rows"][0]["code"] == "2721000001"
    assert data["rows"][0]["kind"] == "school"


def test_consolidate_total_level_at_municipality(cli):
    cli("init", "--role", "municipality", "--org-code", "2720000001", "--org-name", "Управление образования",
        "--municipality", "Хабаровский")

    for level in ("total", "region"):
        code, out, _ = cli("consolidate", "--year", "2024", "--level", level, "--format", "json")
        data = json.loads(out)
        assert code == 0
        assert data["level"] == "total"
        assert data["rows"][0]["kind"] == "municipality"
        assert data["rows"][0]["code"] == "khabarovsky"


def test_restore_help_says_key_is_kept(capsys):
    with pytest.raises(SystemExit):
        main(["package", "restore", "--help"])
    out = " ".join(capsys.readouterr().out.split())

    assert "Создаётся новый ключ:" not in out
    assert "Ключ подписи, который уже есть в папке данных, сохраняется" in out


@pytest.mark.parametrize(("args", "fragment"), [
    (("counts", "set", "--year", "2024", "Чоко=12,5", "Чбвб=3"), "Чоко: ожидается целое число ≥ 0, получено «12,5»"),
    (("counts", "set", "--year", "2024", "Чоко=-1"), "получено «-1»"),
    (("counts", "set", "--year", "2024", "Чоко=200", "nonsense=1"), "Неизвестный код численности «nonsense»"),
    (("counts", "set", "--year", "2024", "Чоко"), "ожидается КОД=ЗНАЧЕНИЕ"),
    (("counts", "set", "--year", "1999", "Чоко=1"), "Отчётный год «1999»"),
    (("counts", "set", "--year", "20x4", "Чоко=1"), "год должен быть числом"),
    (("indicators", "--format", "xml"), "недопустимое значение 'xml'"),
    (("counts", "set", "--year", "2024", "Чоко=1", "students_total=2"), "указана дважды"),
])
def test_bad_input_exit_2_and_nothing_written(school_cli, args, fragment):
    school_cli("counts", "set", "--year", "2024", "Чоко=50")

    code, _, err = school_cli(*args)

    assert code == 2
    assert fragment in err
    assert err.strip().splitlines()[-1].startswith(("ошибка:", "proforient"))

    _, out, _ = school_cli("counts", "show", "--year", "2024", "--format", "json")
    assert json.loads(out)["counts"] == {"students_total": 50}


def test_argparse_errors_are_russian(cli):
    code, _, err = cli("init", "--role", "school")
    assert code == 2
    assert "ошибка: не указаны обязательные аргументы: --org-code, --org-name" in err
    assert err.count("\n") == 1
    assert "(справка: proforient init --help)" in err


def test_bad_role_and_code(cli):
    code, _, err = cli("init", "--role", "school", "--org-code", "код с пробелом",
                       "--org-name", "Школа", "--municipality", "Хабаровский")
    assert code == 2
    assert "Код организации «код с пробелом» недопустим" in err

    code, _, err = cli("init", "--role", "school", "--org-code", "123", "--org-name", "Школа",
                       "--municipality", "Атлантида")
    assert code == 2
    assert "«Атлантида» не найдено" in err


def test_counts_before_init(cli, data_dir):
    code, _, err = cli("counts", "set", "--year", "2024", "Чоко=1")
    assert code == 1
    assert "нет данных программы" in err
    assert "proforient init" in err


@pytest.mark.parametrize("command", [
    ("counts", "set", "--year", "2024", "Чоко=1"),
    ("package", "export"),
    ("keys", "retire", "2721000001", "--reason", "компьютер списан"),
])
def test_writing_command_creates_nothing_in_a_mistyped_folder(cli, data_dir, command):
    # A typo in --data-dir must not leave a half-made installation (a database, a lock, a key) behind.
    code, _, err = cli(*command)

    assert code == 1
    assert "нет данных программы" in err
    assert not data_dir.exists()


def test_catalog_json_and_table(cli):
    code, out, _ = cli("catalog", "--format", "json")
    data = json.loads(out)
    assert data["version"] >= 1
    assert data["indicators"]["P14"]["targets"] == {"2022": 50.0, "2023": 60.0, "2024": 70.0}
    assert any(f["kind"] == "target_exceeds_containing_target" for f in data["findings"])

    code, out, _ = cli("catalog")
    for heading in ("ЧИСЛЕННОСТИ", "ПОКАЗАТЕЛИ", "МЕРОПРИЯТИЯ", "МУНИЦИПАЛЬНЫЕ ОБРАЗОВАНИЯ", "ЗАМЕЧАНИЯ К МЕТОДИКЕ"):
        assert heading in out


def test_entry_point_runs(data_dir):
    completed = subprocess.run(
        [sys.executable, "-m", "proforient_desktop", "--data-dir", str(data_dir), "catalog", "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["title"] == "Учись и работай в Хабаровском крае"


def test_window_options_skip_subcommands(monkeypatch, data_dir):
    opened = []
    monkeypatch.setattr("proforient_desktop.cli._open_window",
                        lambda folder, package_file=None: opened.append((folder, package_file)) or 0)

    assert main(["--data-dir", str(data_dir)]) == 0
    assert main([]) == 0

    assert opened == [(str(data_dir), None), (None, None)]
