"""The consolidate, dynamics, completeness, plausibility, targets and directory commands."""

from __future__ import annotations

import json

import pytest

from proforient_desktop.cli import main
from proforient_desktop.services.context import open_context
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.directory import add_organisation
from proforient_desktop.services.installation import initialize
from proforient_desktop.services.targets import list_targets


# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def region_dir(context, data_dir):
    initialize(context, "region", "2700000000", "Министерство образования и науки края")
    add_organisation(context, "2721000001", "МБОУ СОШ № 1", "school", "amursky")
    add_organisation(context, "2721000002", "МБОУ СОШ № 2", "school", "amursky")
    set_counts(context, 2024, {"students_total": 100, "ticket_to_future_participants": 30}, org_code="2721000001")
    set_counts(context, 2024, {"students_total": 50, "ticket_to_future_participants": 60}, org_code="2721000002")
    context.close()
    return str(data_dir)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_consolidate_json_by_municipality(capsys, region_dir):
    code, out, _ = run(capsys, "consolidate", "--data-dir", region_dir, "--year", "2024", "--level",
                       "municipality", "--indicator", "П1", "--format", "json")
    rows = json.loads(out)["rows"]

    assert code == 0
    assert rows[0]["code"] == "amursky"
    assert rows[0]["indicators"]["P1"]["numerator"] == 90
    assert rows[0]["indicators"]["P1"]["denominator"] == 150
    assert rows[0]["indicators"]["P1"]["contributors"] == 2


def test_consolidate_table_by_organisation(capsys, region_dir):
    code, out, _ = run(capsys, "consolidate", "--data-dir", region_dir, "--year", "2024", "--level", "org",
                       "--indicator", "P1")

    assert code == 0
    assert "30,0 %" in out
    assert "120,0 %" in out


def test_consolidate_unknown_indicator(capsys, region_dir):
    code, _, err = run(capsys, "consolidate", "--data-dir", region_dir, "--year", "2024", "--indicator", "П99")

    assert code == 2
    assert "Неизвестный показатель «П99»" in err


def test_consolidate_year_out_of_range(capsys, region_dir):
    code, _, err = run(capsys, "consolidate", "--data-dir", region_dir, "--year", "1999")

    assert code == 2
    assert "вне допустимого диапазона" in err


def test_dynamics_csv(capsys, region_dir):
    code, out, _ = run(capsys, "dynamics", "P1", "--data-dir", region_dir, "--level", "amursky",
                       "--from-year", "2023", "--to-year", "2024", "--format", "csv")

    assert code == 0
    assert out.splitlines()[2].startswith("2024;60,0 %;12;")


def test_completeness_missing_list(capsys, region_dir):
    code, out, _ = run(capsys, "completeness", "--data-dir", region_dir, "--year", "2024", "--missing")

    assert code == 0
    assert "МБОУ СОШ № 1" in out
    assert "П1," not in out


def test_completeness_json(capsys, region_dir):
    code, out, _ = run(capsys, "completeness", "--data-dir", region_dir, "--year", "2024", "--format", "json")
    p1 = json.loads(out)["indicators"][0]

    assert code == 0
    assert (p1["expected"], p1["reported"], p1["met"]) == (2, 2, True)


def test_plausibility_check_and_show(capsys, region_dir):
    key = "part_above_whole:ticket_to_future_participants:students_total"
    code, _, _ = run(capsys, "plausibility", "check", "--data-dir", region_dir, "--year", "2024",
                     "--org", "2721000002", "--key", key, "--comment", "опечатка, школа исправит")
    _, out, _ = run(capsys, "plausibility", "show", "--data-dir", region_dir, "--year", "2024", "--format", "json")
    warnings = json.loads(out)

    assert code == 0
    assert warnings[0]["checked"] is True
    assert warnings[0]["comment"] == "опечатка, школа исправит"


def test_plausibility_check_unknown_key(capsys, region_dir):
    code, _, err = run(capsys, "plausibility", "check", "--data-dir", region_dir, "--year", "2024",
                       "--org", "2721000002", "--key", "nonsense")

    assert code == 2
    assert "Неизвестное предупреждение" in err


def test_targets_set_rejects_programme_year(capsys, region_dir):
    code, _, err = run(capsys, "targets", "set", "--data-dir", region_dir, "P1:2025=14,5", "P1:2024=3")
    reopened = open_context(region_dir)
    stored = list_targets(reopened)
    reopened.close()

    assert code == 2
    assert "установлены программой" in err
    assert stored == {}


def test_targets_set_and_show(capsys, region_dir):
    code, _, _ = run(capsys, "targets", "set", "--data-dir", region_dir, "P1:2025=14,5")
    _, out, _ = run(capsys, "targets", "show", "--data-dir", region_dir, "--format", "json")

    assert code == 0
    assert json.loads(out)["P1"]["2025"] == 14.5


def test_directory_close_and_list(capsys, region_dir):
    code, _, _ = run(capsys, "directory", "close", "--data-dir", region_dir, "--code", "2721000002",
                     "--from-year", "2025")
    _, out, _ = run(capsys, "directory", "list", "--data-dir", region_dir, "--year", "2025", "--format", "json")

    assert code == 0
    assert [entry["code"] for entry in json.loads(out)] == ["2721000001"]


def test_directory_add_invalid_kind(capsys, region_dir):
    with pytest.raises(SystemExit) as raised:
        main(["directory", "add", "--data-dir", region_dir, "--code", "1", "--name", "x", "--kind", "university"])

    assert raised.value.code == 2


@pytest.fixture
def municipality_dir(context, data_dir):
    initialize(context, "municipality", "2721100000", "Управление образования Амурского района", "amursky")
    add_organisation(context, "2721000001", "МБОУ СОШ № 1", "school", "amursky")
    set_counts(context, 2024, {"students_total": 100, "ticket_to_future_participants": 30}, org_code="2721000001")
    context.close()
    return str(data_dir)


def test_consolidate_total_names_municipality(capsys, municipality_dir):
    code, out, _ = run(capsys, "consolidate", "--data-dir", municipality_dir, "--year", "2024", "--indicator", "П1",
                       "--format", "json")
    [total] = json.loads(out)["rows"]

    assert code == 0
    assert total["code"] == "amursky"
    assert total["name"] == "Амурский"
    assert total["kind"] == "municipality"
    assert total["indicators"]["P1"]["numerator"] == 30

    code, out, _ = run(capsys, "consolidate", "--data-dir", municipality_dir, "--year", "2024", "--indicator", "П1")
    assert code == 0
    assert "Амурский" in out
    assert "region" not in out


def test_consolidate_total_of_region_kept(capsys, region_dir):
    code, out, _ = run(capsys, "consolidate", "--data-dir", region_dir, "--year", "2024", "--indicator", "П1",
                       "--format", "json")
    [total] = json.loads(out)["rows"]

    assert code == 0
    assert total["code"] == "region"
    assert total["kind"] == "region"
    assert total["name"] == "Министерство образования и науки края"
