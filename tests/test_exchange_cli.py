"""The exchange commands end to end: four data directories, the CLI only."""

from __future__ import annotations

import json
from datetime import date

import pytest

from exchange_support import forge_package
from proforient_desktop.cli import main
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.manifest import Sender

# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("backend")


def run(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def init(capsys, data_dir, role, code, name, municipality=None):
    args = ["init", "--role", role, "--org-code", code, "--org-name", name]
    if municipality:
        args += ["--municipality", municipality]
    assert run(capsys, data_dir, *args)[0] == 0


def test_cli_chain_with_key_cards(tmp_path, capsys):
    school, college, municipality, region = (tmp_path / name for name in ("school", "college", "omsu", "region"))
    init(capsys, school, "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")
    init(capsys, college, "college", "2722000001", "КГБ ПОУ ХТК")
    init(capsys, municipality, "municipality", "2720000001", "Управление образования", "khabarovsky")
    init(capsys, region, "region", "2700000001", "Министерство образования и науки края")
    assert run(capsys, school, "counts", "set", "--year", "2024", "students_total=250")[0] == 0
    assert run(capsys, college, "counts", "set", "--year", "2024", "students_total=900")[0] == 0

    code, out, _ = run(capsys, school, "keys", "export-card", "-o", tmp_path / "school.key.json")
    assert code == 0
    school_fingerprint = out.split("Отпечаток: ")[1].strip()
    assert run(capsys, municipality, "keys", "trust", tmp_path / "school.key.json")[0] == 0

    assert run(capsys, school, "package", "export", "-o", tmp_path / "school.proforient")[0] == 0
    code, out, _ = run(capsys, municipality, "package", "import", "--dry-run", tmp_path / "school.proforient")
    assert code == 0
    assert "новый" in out
    assert "база данных не изменена" in out

    code, out, _ = run(capsys, municipality, "package", "import", tmp_path / "school.proforient")
    assert code == 0
    code, out, _ = run(capsys, municipality, "package", "import", tmp_path / "school.proforient")
    assert "уже загружен" in out

    assert run(capsys, municipality, "package", "export", "-o", tmp_path / "omsu.proforient")[0] == 0
    assert run(capsys, college, "package", "export", "-o", tmp_path / "college.proforient")[0] == 0
    code, out, _ = run(capsys, region, "package", "import", tmp_path / "omsu.proforient",
                       tmp_path / "college.proforient")
    assert code == 1
    assert "ещё не зарегистрирован" in out

    code, out, _ = run(capsys, region, "package", "import", "--trust-new", "--format", "json", tmp_path)
    results = {item["organisation_code"]: item for item in json.loads(out)}
    assert code == 1  # the school's own file in the folder is rejected
    assert results["2720000001"]["outcome"] == "new"
    assert results["2720000001"]["nested"][0]["organisation_code"] == "2721000001"
    assert results["2722000001"]["outcome"] == "new"
    # The school's data came nested in the municipal package, so its own file is not taken.
    assert results["2721000001"]["outcome"] == "rejected"
    assert "только в пакете ОМСУ «Управление образования»" in results["2721000001"]["message"]

    code, out, _ = run(capsys, region, "package", "import", "--dry-run", tmp_path / "school.proforient")
    assert code == 1
    assert "отклонён" in out
    assert "муниципальному образованию «Хабаровский»" in out

    code, out, _ = run(capsys, region, "counts", "show", "--year", "2024", "--org", "2721000001", "--format", "json")
    assert json.loads(out)["counts"]["students_total"] == 250

    code, out, _ = run(capsys, region, "submissions", "--format", "json")
    rows = {row["organisation_code"]: row for row in json.loads(out)}
    assert rows["2721000001"]["sequence"] == 1
    assert rows["2721000001"]["fingerprint"] == school_fingerprint
    assert rows["2721000001"]["via"] == "Управление образования"

    code, out, _ = run(capsys, region, "submissions")
    assert code == 0
    assert "получен" in out
    assert "напрямую" in out  # the college and the municipality send straight to the region

    code, out, _ = run(capsys, region, "keys", "show")
    assert school_fingerprint in out
    assert "подтверждён ОМСУ" in out


def test_cli_missing_file_is_invalid_input(tmp_path, capsys):
    init(capsys, tmp_path / "omsu", "municipality", "2720000001", "Управление образования", "khabarovsky")

    code, _, err = run(capsys, tmp_path / "omsu", "package", "import", tmp_path / "нет.proforient")

    assert code == 2
    assert "Не найдено" in err


def test_cli_replace_and_retire_key(tmp_path, capsys):
    school, municipality = tmp_path / "school", tmp_path / "omsu"
    init(capsys, school, "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")
    init(capsys, municipality, "municipality", "2720000001", "Управление образования", "khabarovsky")
    run(capsys, school, "package", "export", "-o", tmp_path / "one.proforient")
    assert run(capsys, municipality, "package", "import", "--trust-new", tmp_path / "one.proforient")[0] == 0

    new_pc = tmp_path / "school-new-pc"
    code, out, _ = run(capsys, new_pc, "package", "restore", tmp_path / "one.proforient")
    assert code == 0
    assert "новый ключ" in out
    run(capsys, new_pc, "package", "export", "-o", tmp_path / "two.proforient")

    code, out, _ = run(capsys, municipality, "package", "import", tmp_path / "two.proforient")
    assert code == 1
    assert "а зарегистрирован ключ" in out

    with pytest.raises(SystemExit) as exit_info:
        run(capsys, municipality, "keys", "replace", "2721000001", tmp_path / "two.proforient")
    assert exit_info.value.code == 2  # --reason is required
    assert run(capsys, municipality, "keys", "replace", "2721000001", tmp_path / "two.proforient",
               "--reason", "новый компьютер")[0] == 0
    code, out, _ = run(capsys, municipality, "package", "import", tmp_path / "two.proforient")
    assert code == 0
    assert "заменит" in out

    assert run(capsys, municipality, "keys", "retire", "2721000001", "--reason", "утерян ноутбук")[0] == 0
    run(capsys, new_pc, "package", "export", "-o", tmp_path / "three.proforient")
    code, out, _ = run(capsys, municipality, "package", "import", tmp_path / "three.proforient")
    assert code == 1
    assert "выведен из употребления (утерян ноутбук)" in out


def test_cli_export_into_new_folder(tmp_path, capsys):
    init(capsys, tmp_path / "school", "school", "2721000001", "МБОУ СОШ № 1", "khabarovsky")

    code, out, _ = run(capsys, tmp_path / "school", "package", "export", "-o", tmp_path / "outbox")

    written = list((tmp_path / "outbox").iterdir())
    assert code == 0
    assert [path.name for path in written] == [f"МБОУ СОШ № 1 (2721000001) {date.today().isoformat()} №1.proforient"]
    assert str(written[0]) in out


def test_cli_dry_run_of_new_key_and_reused_number(tmp_path, capsys):
    school, municipality = tmp_path / "school", tmp_path / "omsu"
    init(capsys, school, "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", "khabarovsky")
    init(capsys, municipality, "municipality", "2720000001", "Управление образования", "khabarovsky")
    run(capsys, school, "package", "export", "-o", tmp_path / "one.proforient")

    code, out, _ = run(capsys, municipality, "package", "import", "--dry-run", tmp_path / "one.proforient")
    assert code == 0
    assert "нужен --trust-new" in out
    assert "без --trust-new пакет будет отклонён" in out
    code, out, _ = run(capsys, municipality, "package", "import", "--dry-run", "--format", "json",
                       tmp_path / "one.proforient")
    assert json.loads(out)[0]["needs_trust"] is True

    code, out, _ = run(capsys, municipality, "package", "import", "--trust-new", tmp_path / "one.proforient")
    assert code == 0
    assert "Зарегистрирован ключ организации" in out

    # The school's program, restored from an old copy, numbers other data 1 again.
    payload = json.dumps({"counts": {"2024": {"students_total": 10}}, "activities": [], "warnings": []}).encode()
    sender = Sender("2721000001", "МБОУ СОШ № 1 с. Тестовое", "school", "khabarovsky")
    (tmp_path / "again.proforient").write_bytes(forge_package(load_or_create_key_pair(school), sender, 1, payload))
    for extra in ((), ("--dry-run",)):
        code, out, _ = run(capsys, municipality, "package", "import", *extra, tmp_path / "again.proforient")
        assert code == 1
        assert "под тем же номером другие данные" in out
        assert "более старый" not in out
