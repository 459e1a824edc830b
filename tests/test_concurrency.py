"""Several regional operators on one PostgreSQL database at once.

The multi-process test compares every figure with the same packages
imported alone into SQLite, so a lost, doubled or mixed import shows up as a
difference.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text

from concurrency_worker import START_LOCK_KEY
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.exchange.package import build_package
from proforient_desktop.exchange.payload import ActivityRecord, Snapshot
from proforient_desktop.exchange.snapshot_store import read_snapshot
from proforient_desktop.services.consolidation import consolidate
from proforient_desktop.services.context import open_context
from proforient_desktop.services.counts import write_counts
from proforient_desktop.services.exchange import import_one, import_packages
from proforient_desktop.services.installation import initialize
from proforient_desktop.storage.models import AuditEntry, Organisation, ReceivedPackage, TrustedKey

REPO = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().parent / "concurrency_worker.py"
REGION_CODE = "2700000000"
REGION_NAME = "Министерство образования и науки Хабаровского края"
WORKERS = 4
SCHOOLS = 16
WAIT_SECONDS = 60


def school_code(number: int) -> str:
    return f"27290{number:05d}"


def school_snapshot(number: int, sequence: int) -> Snapshot:
    students = 100 + 7 * number + sequence
    counts = {
        2023: {"students_total": students - 5, "ticket_to_future_participants": students // 3},
        2024: {"students_total": students, "proektoria_participants": students // 2 + sequence,
               "career_diagnostics_students": students // 4},
    }
    activities = [
        ActivityRecord(uid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{number}/{sequence}/{index}")), measure_code="1.01",
                       held_on=dt.date(2024, 1 + index, 1 + number % 28),
                       title=f"Экскурсия № {index} школы {number} (пакет {sequence})", format="очно",
                       participants_total=20 + number + index, participants_sen=index)
        for index in range(2)
    ]
    return Snapshot(counts, activities)


def write_package(root: Path, catalog, municipalities: list[str], number: int, sequence: int) -> Path:
    key_pair = load_or_create_key_pair(root / "keys" / str(number))
    sender = Sender(school_code(number), f"МБОУ СОШ № {number}", "school",
                    municipalities[number % len(municipalities)])
    data = build_package(key_pair=key_pair, catalog=catalog, sender=sender, sequence=sequence,
                         snapshot=school_snapshot(number, sequence))
    path = root / "inbox" / f"{number:03d}-{sequence}.proforient"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def open_region(data_dir: Path, database_url=None, operator: str = "администратор"):
    context = open_context(data_dir, operator=operator, database_url=database_url)
    initialize(context, "region", REGION_CODE, REGION_NAME, None)
    return context


def region_state(context) -> dict:
    """Return every figure the region holds, keyed by organisation code, without database ids."""
    state = {}
    with context.database.transaction() as session:
        for organisation in session.scalars(select(Organisation).order_by(Organisation.code)):
            snapshot = read_snapshot(session, organisation.id)
            current = session.scalars(select(ReceivedPackage).where(
                ReceivedPackage.organisation_id == organisation.id, ReceivedPackage.is_current.is_(True))).all()
            packages = sorted(session.scalars(select(ReceivedPackage.sha256).where(
                ReceivedPackage.organisation_id == organisation.id)))
            keys = sorted(session.scalars(select(TrustedKey.fingerprint).where(
                TrustedKey.organisation_id == organisation.id)))
            state[organisation.code] = {
                "organisation": (organisation.name, organisation.kind, organisation.municipality_code),
                "counts": snapshot.counts,
                "activities": sorted(dataclasses.astuple(record) for record in snapshot.activities),
                "current": [(row.sha256, row.sequence) for row in current],
                "packages": packages,
                "keys": keys,
            }
    return state


def assert_same_figures(parallel: dict, reference: dict) -> None:
    """Check that every organisation holds the same figures; the package history may be shorter.

    When a school's newer package lands before its older one, the older one
    is skipped as older and never stored, which is correct but leaves a
    shorter history than the import in order.
    """
    assert parallel.keys() == reference.keys()
    for code, expected in reference.items():
        got = parallel[code]
        for part in ("organisation", "counts", "activities", "current", "keys"):
            assert got[part] == expected[part], (code, part)
        assert set(got["packages"]) <= set(expected["packages"]), code
        assert {sha256 for sha256, _ in got["current"]} <= set(got["packages"]), code


def consolidated_figures(context) -> dict:
    figures = {}
    for year in (2023, 2024):
        consolidation = consolidate(context, year)
        for level in (consolidation.region, *consolidation.municipalities, *consolidation.organisations):
            figures[(year, level.code)] = dict(level.results)
    return figures


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.05)


def waiting_on_locks(connection, locktype: str) -> int:
    return connection.execute(text(
        "SELECT count(*) FROM pg_locks WHERE locktype = :locktype AND NOT granted"
    ), {"locktype": locktype}).scalar()


@pytest.fixture
def region_packages(tmp_path, catalog):
    """Each school's first package, and a newer one for every third school."""
    municipalities = sorted(catalog.municipalities)
    first = [write_package(tmp_path, catalog, municipalities, number, 1) for number in range(SCHOOLS)]
    newer = [write_package(tmp_path, catalog, municipalities, number, 2) for number in range(0, SCHOOLS, 3)]
    return first, newer


def start_workers(tmp_path: Path, url, jobs: list[list[Path]]) -> list[subprocess.Popen]:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    processes = []
    for index, files in enumerate(jobs, start=1):
        job = tmp_path / f"job-{index}.json"
        job.write_text(json.dumps({
            "database_url": url.render_as_string(hide_password=False),
            "operator": f"оператор {index}",
            "data_dir": str(tmp_path / f"оператор-{index}"),
            "files": [str(path) for path in files],
        }, ensure_ascii=False), encoding="utf-8")
        processes.append(subprocess.Popen([sys.executable, str(WORKER), str(job)], cwd=REPO, env=environment,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    return processes


def finish_workers(processes: list[subprocess.Popen]) -> list[list[dict]]:
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


@pytest.mark.slow
def test_parallel_operators_match_single_import(tmp_path, region_packages, postgres_server):
    first, newer = region_packages
    shared = first[:2]
    # Every operator imports the two shared packages; the rest are dealt out,
    # with a school's newer package often in another operator's share.
    jobs = [list(shared) for _ in range(WORKERS)]
    for index, path in enumerate([*first[2:], *newer]):
        jobs[index % WORKERS].append(path)

    url = postgres_server.new_schema_url()
    open_region(tmp_path / "регион", url).close()

    with postgres_server.engine.connect() as admin:
        admin.execute(text("SELECT pg_advisory_lock(:key)"), {"key": START_LOCK_KEY})
        processes = start_workers(tmp_path, url, jobs)
        try:
            wait_until(lambda: waiting_on_locks(admin, "advisory") == WORKERS, "every operator is ready")
        finally:
            admin.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": START_LOCK_KEY})
        outcomes = finish_workers(processes)

    for path in shared:
        by_operator = [next(item for item in result if item["file"] == path.name) for result in outcomes]
        assert sorted(item["outcome"] for item in by_operator) == ["already_imported"] * (WORKERS - 1) + ["new"], \
            by_operator
        assert all("уже загружен" in item["message"] for item in by_operator if item["outcome"] == "already_imported")
    assert not [item for result in outcomes for item in result if item["outcome"] == "rejected"]

    reference = open_region(tmp_path / "эталон")
    parallel = open_context(tmp_path / "проверка", database_url=url)
    try:
        import_packages(reference, [*first, *newer], trust_new=True)
        assert_same_figures(region_state(parallel), region_state(reference))
        assert consolidated_figures(parallel) == consolidated_figures(reference)
        with parallel.database.transaction() as session:
            imports = session.execute(select(AuditEntry.operator, AuditEntry.organisation_code)
                                      .where(AuditEntry.action == "package_import")).all()
    finally:
        reference.close()
        parallel.close()

    landed = sum(1 for result in outcomes for item in result if item["outcome"] in ("new", "replaces"))
    assert len(imports) == landed
    assert {operator for operator, _ in imports} <= {f"оператор {index}" for index in range(1, WORKERS + 1)}
    assert len({operator for operator, _ in imports}) > 1


def test_import_waits_for_manual_edit(tmp_path, region_packages, postgres_server):
    first, newer = region_packages
    url = postgres_server.new_schema_url()
    importer = open_region(tmp_path / "импорт", url, operator="импорт")
    editor = open_context(tmp_path / "правка", database_url=url, operator="правка")
    results = []
    try:
        assert import_one(importer, first[0], trust_new=True).outcome is Outcome.NEW
        worker = threading.Thread(target=lambda: results.append(import_one(importer, newer[0], trust_new=True)))

        with editor.database.transaction() as session, postgres_server.engine.connect() as admin:
            organisation = session.scalars(select(Organisation).where(Organisation.code == school_code(0))).one()
            write_counts(session, organisation.id, 2024, {"students_total": 999, "grade9_students_total": 40},
                         "entry")
            worker.start()
            wait_until(lambda: waiting_on_locks(admin, "transactionid") + waiting_on_locks(admin, "tuple") > 0,
                       "the import waits for the edit's lock")
            assert worker.is_alive()
        worker.join(WAIT_SECONDS)

        assert [plan.outcome for plan in results] == [Outcome.REPLACES]
        with importer.database.transaction() as session:
            organisation = session.scalars(select(Organisation).where(Organisation.code == school_code(0))).one()
            stored = read_snapshot(session, organisation.id)
    finally:
        importer.close()
        editor.close()

    expected = school_snapshot(0, 2)
    assert stored.counts == expected.counts
    assert sorted(record.uid for record in stored.activities) == sorted(record.uid for record in expected.activities)


def test_manual_edit_waits_for_import(tmp_path, region_packages, postgres_server, monkeypatch):
    # A school's signed figures are not edited above it, so the waiting edit is
    # rejected. The test checks that the edit read the complete new snapshot.
    from proforient_desktop.errors import UserError
    from proforient_desktop.exchange import merge
    from proforient_desktop.services.counts import get_counts, set_counts

    first, newer = region_packages
    url = postgres_server.new_schema_url()
    importer = open_region(tmp_path / "импорт", url, operator="импорт")
    editor = open_context(tmp_path / "правка", database_url=url, operator="правка")
    replaced = threading.Event()
    may_commit = threading.Event()
    original_replace = merge.replace_snapshot

    def replace_then_pause(*args, **kwargs):
        # The import has written the new snapshot but not committed yet.
        original_replace(*args, **kwargs)
        replaced.set()
        assert may_commit.wait(WAIT_SECONDS)

    try:
        assert import_one(importer, first[0], trust_new=True).outcome is Outcome.NEW
        monkeypatch.setattr(merge, "replace_snapshot", replace_then_pause)
        import_thread = threading.Thread(target=import_one, args=(importer, newer[0]), kwargs={"trust_new": True})
        edit_errors = []

        def edit():
            try:
                set_counts(editor, 2024, {"students_total": 1}, org_code=school_code(0))
            except UserError as error:
                edit_errors.append(error.message)

        edit_thread = threading.Thread(target=edit)

        with postgres_server.engine.connect() as admin:
            import_thread.start()
            assert replaced.wait(WAIT_SECONDS)
            edit_thread.start()
            wait_until(lambda: waiting_on_locks(admin, "transactionid") > 0, "the edit waits for the import")
            assert edit_thread.is_alive()
            may_commit.set()
        import_thread.join(WAIT_SECONDS)
        edit_thread.join(WAIT_SECONDS)

        counts = get_counts(editor, 2024, org_code=school_code(0))
        with editor.database.transaction() as session:
            edits = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "counts_set")).all()
    finally:
        may_commit.set()
        importer.close()
        editor.close()

    expected = school_snapshot(0, 2).counts[2024]
    assert counts == expected
    assert edits == []
    assert len(edit_errors) == 1
    assert "подписанного пакета" in edit_errors[0]
