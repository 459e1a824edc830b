"""The benchmark document writer and the raw-row floor on demo data (no timing is checked)."""

from __future__ import annotations

import json
import sqlite3

from benchmarks import country_packages as country_packages_module
from benchmarks import run_all
from benchmarks.common import Report, Timing, add_recorded, record
from benchmarks.fixtures import Installations, write_rows_raw
from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.services.demo import generate_region
from proforient_desktop.services.exchange import import_packages


def _run(name: str, results: dict | None, returncode: int = 0, stderr: str = "") -> run_all.ScriptRun:
    return run_all.ScriptRun(name, f"python -m benchmarks.{name}", returncode, 1.0, "output line", stderr, results)


def _results(tmp_path) -> dict:
    report = Report("packages", "Package export and import")
    report.add("Import", "region, 500 organisations", Timing([4.0, 6.0, 5.0], 120.0, "peak RSS"),
               floor=Timing([1.0, 1.0, 1.0], 50.0, "peak RSS"), floor_name="executemany", goal_ratio=3.0)
    report.skip("Import", "country, 40,000 organisations", "too slow here")
    return json.loads(report.save(tmp_path).read_text(encoding="utf-8"))


def test_render_table_with_floor_ratio(tmp_path):
    document = run_all.render({"packages": _run("packages", _results(tmp_path))}, "python -m benchmarks.run_all")

    row = next(line for line in document.splitlines() if line.startswith("| Import |"))
    assert "| 5.000 |" in row
    assert "| 2.000 |" in row
    assert "| 120.0 |" in row
    assert "5.00×" in row
    assert "≤ 3× floor — not met" in row
    assert "Not measured: Import (country, 40,000 organisations): too slow here." in document


def test_render_lists_unmeasured_scripts(tmp_path):
    document = run_all.render({}, "python -m benchmarks.run_all")

    assert document.count("Not measured:") == len(run_all.EXPECTED)


def test_render_failed_script_reason(tmp_path):
    failed = _run("consolidation", None, returncode=1, stderr="Traceback\nImportError: no module x\n")

    document = run_all.render({"consolidation": failed}, "python -m benchmarks.run_all")

    assert "Not measured: `python -m benchmarks.consolidation` failed (exit code 1: ImportError: no module x)." \
        in document


def test_render_keeps_plain_output(tmp_path):
    document = run_all.render({"reports": _run("reports", None)}, "python -m benchmarks.run_all")

    assert "```text\noutput line\n```" in document


def test_raw_rows_match_generated_data(catalog, tmp_path):
    region = generate_region(catalog, schools=19, colleges=0, years=(2023, 2024), activities_per_year=3)
    installations = Installations(tmp_path)
    context = installations.region()

    written = write_rows_raw(context.database.path, catalog, region, with_municipalities=True)
    context.close()

    connection = sqlite3.connect(context.database.path)
    try:
        counts = connection.execute("SELECT COUNT(*) FROM count_value").fetchone()[0]
        activities = connection.execute("SELECT COUNT(*) FROM activity").fetchone()[0]
        organisations = connection.execute("SELECT COUNT(*) FROM organisation WHERE kind != 'region'").fetchone()[0]
    finally:
        connection.close()
    assert counts == sum(len(values) for by_year in region.counts.values() for values in by_year.values())
    assert activities == 19 * 2 * 3 + len(region.municipalities()) * 2 * 3
    assert organisations == 19 + len(region.municipalities())
    assert written == counts + activities + organisations


def test_previous_results_of_standalone_run(tmp_path, monkeypatch):
    monkeypatch.setattr(run_all, "RESULTS_DIR", tmp_path)
    _results(tmp_path)

    previous = run_all.load_previous("packages")
    document = run_all.render({"packages": previous}, "python -m benchmarks.run_all --render")

    assert previous.by_run_all is False
    assert "run on its own, not by `run_all`" in document
    assert run_all.load_previous("startup") is None


def test_render_keeps_sections_of_scripts_without_results(tmp_path):
    previous = run_all.render({"packages": _run("packages", _results(tmp_path))}, "python -m benchmarks.run_all")

    kept = run_all.previous_sections(previous)
    document = run_all.render({}, "python -m benchmarks.run_all --only reports", kept)

    assert set(kept) == {"packages"}
    assert "| Import | region, 500 organisations | 5.000 |" in document
    # Every other script is not measured, and the kept section still names its skipped country row.
    assert document.count("Not measured:") == len(run_all.EXPECTED)


def test_recorded_rows_of_a_long_scale(tmp_path):
    report = Report("consolidation", "Consolidation")
    report.add("Consolidation", "country, 40,000 organisations", Timing([9.0, 10.0, 11.0], 200.0, "peak RSS"))
    report.add("Consolidation", "region, 500 organisations", Timing([1.0], 10.0, "peak RSS"))
    recorded = tmp_path / "consolidation.recorded.json"
    record(report.save(tmp_path), recorded, notes=["How the country was made."])

    later = Report("consolidation", "Consolidation")
    add_recorded(later, ["municipality", "region"], recorded)
    unchanged = Report("consolidation", "Consolidation")
    add_recorded(unchanged, ["country"], recorded)

    assert [item.scale for item in later.measurements] == ["country, 40,000 organisations"]
    assert later.measurements[0].timing["median"] == 10.0
    assert "How the country was made." in later.notes
    assert unchanged.measurements == []


def test_country_packages_import_writes_the_floors_rows(catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(country_packages_module, "DATA_DIR", tmp_path / "data")
    country = country_packages_module.country_packages(40, years=(2025, 2026), activities_per_year=2, workers=1)
    installations = Installations(tmp_path / "installations")

    imported = installations.region()
    report = import_packages(imported, country.municipal_paths, trust_new=True)
    imported.close()
    floor = installations.region()
    written = country_packages_module.write_country_raw(floor.database.path, country.rows_paths)
    floor.close()

    assert len(country.municipal_paths) == len(country.rows_paths) == len(catalog.municipalities)
    assert all(result.outcome is Outcome.NEW for result in report.results)
    assert _table_sizes(imported.database.path) == _table_sizes(floor.database.path)
    schools, counts, activities = _table_sizes(floor.database.path)
    assert schools == 40
    assert written == schools + len(country.municipal_paths) + counts + activities


def test_country_schools_split_evenly(catalog):
    shares = country_packages_module.split_schools(catalog, 40_000)

    assert sum(shares.values()) == 40_000
    assert max(shares.values()) - min(shares.values()) <= 1


def _table_sizes(path) -> tuple[int, int, int]:
    connection = sqlite3.connect(path)
    try:
        return tuple(connection.execute(query).fetchone()[0] for query in (
            "SELECT COUNT(DISTINCT code) FROM organisation WHERE kind = 'school'",
            "SELECT COUNT(*) FROM count_value",
            "SELECT COUNT(*) FROM activity",
        ))
    finally:
        connection.close()
