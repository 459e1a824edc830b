"""The benchmark document writer and the raw-row floor on demo data (no timing is checked)."""

from __future__ import annotations

import json
import sqlite3

from benchmarks import run_all
from benchmarks.common import Report, Timing
from benchmarks.fixtures import Installations, write_rows_raw
from proforient_desktop.services.demo import generate_region


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
