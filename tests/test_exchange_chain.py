"""Packages up the chain: two schools and a college, a municipality, a region."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from exchange_support import MUNICIPALITY, database_state, fill_school, install
from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.services.counts import get_counts
from proforient_desktop.services.exchange import export_package, import_packages, preview_import
from proforient_desktop.storage.models import Activity, AuditEntry, Organisation, ReceivedPackage

# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def chain(tmp_path):
    installations = {
        "school1": install(tmp_path, "school1", "school", "2721000001", "МБОУ СОШ № 1 с. Тестовое", MUNICIPALITY),
        "school2": install(tmp_path, "school2", "school", "2721000002", "МБОУ СОШ № 2 п. Пробный", MUNICIPALITY),
        "college": install(tmp_path, "college", "college", "2722000001", "КГБ ПОУ «Хабаровский технический колледж»"),
        "municipality": install(tmp_path, "municipality", "municipality", "2720000001",
                                "Управление образования Хабаровского района", MUNICIPALITY),
        "region": install(tmp_path, "region", "region", "2700000001", "Министерство образования и науки края"),
    }
    fill_school(installations["school1"], 300)
    fill_school(installations["school2"], 120)
    yield installations
    for context in installations.values():
        context.close()


def test_chain_school_to_region(chain, tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    school_files = [export_package(chain[name], outbox) for name in ("school1", "school2")]
    college_file = export_package(chain["college"], outbox)

    report = import_packages(chain["municipality"], school_files, trust_new=True)
    assert [plan.outcome for plan in report.results] == [Outcome.NEW, Outcome.NEW]

    municipal_file = export_package(chain["municipality"], outbox)
    report = import_packages(chain["region"], [municipal_file, college_file], trust_new=True)

    assert [plan.outcome for plan in report.results] == [Outcome.NEW, Outcome.NEW]
    assert [nested.outcome for nested in report.results[0].nested] == [Outcome.NEW, Outcome.NEW]
    assert get_counts(chain["region"], 2023, org_code="2721000001") == {
        "students_total": 300, "ticket_to_future_participants": 150}
    assert get_counts(chain["region"], 2024, org_code="2721000002")["students_total"] == 130
    with chain["region"].database.transaction() as session:
        school = session.scalars(select(Organisation).where(Organisation.code == "2721000001")).one()
        parent = session.get(Organisation, school.parent_id)
        activities = session.scalar(select(func.count()).select_from(Activity)
                                    .where(Activity.organisation_id == school.id))
        current = session.get(ReceivedPackage, school.source_package_id)
        imports = session.scalar(select(func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "package_import"))
    assert parent.code == "2720000001"
    assert activities == 1
    assert current.is_current
    assert imports == 4


def test_import_report_keeps_no_package_contents(chain, tmp_path):
    # A report that kept each package's figures would hold gigabytes after a large folder import.
    municipal_outbox = tmp_path / "outbox"
    municipal_outbox.mkdir()
    import_packages(chain["municipality"], [export_package(chain["school1"], municipal_outbox)], trust_new=True)
    municipal_file = export_package(chain["municipality"], municipal_outbox)

    report = import_packages(chain["region"], [municipal_file], trust_new=True)

    [plan] = report.results
    [nested] = plan.nested
    assert plan.outcome is Outcome.NEW
    assert nested.outcome is Outcome.NEW
    for result in (plan, nested):
        assert result.package.data == b""
        assert result.package.nested == ()
        assert not result.package.snapshot.activities
        assert not result.package.snapshot.counts
        assert len(result.package.sha256) == 64
        assert result.fingerprint
    assert nested.sender.code == "2721000001"


def test_reimport_twice_changes_nothing(chain, tmp_path):
    school_file = export_package(chain["school1"], tmp_path)
    import_packages(chain["municipality"], [school_file], trust_new=True)
    before = database_state(chain["municipality"])

    for _ in range(2):
        report = import_packages(chain["municipality"], [school_file], trust_new=True)
        assert report.results[0].outcome is Outcome.ALREADY_IMPORTED
        assert "уже загружен" in report.results[0].message

    assert database_state(chain["municipality"]) == before


def test_newer_sequence_replaces_snapshot(chain, tmp_path):
    first = export_package(chain["school1"], tmp_path / "first")
    import_packages(chain["municipality"], [first], trust_new=True)
    from proforient_desktop.services.counts import set_counts
    set_counts(chain["school1"], 2023, {"students_total": None, "proektoria_participants": 40})
    second = export_package(chain["school1"], tmp_path / "second")

    plans = preview_import(chain["municipality"], [second])
    report = import_packages(chain["municipality"], [second])

    assert plans[0].outcome is Outcome.REPLACES
    assert plans[0].current_sequence == 1
    assert report.results[0].outcome is Outcome.REPLACES
    assert get_counts(chain["municipality"], 2023, org_code="2721000001") == {
        "ticket_to_future_participants": 150, "proektoria_participants": 40}


def test_older_package_ignored(chain, tmp_path):
    first = export_package(chain["school1"], tmp_path / "first")
    second = export_package(chain["school1"], tmp_path / "second")
    import_packages(chain["municipality"], [second], trust_new=True)
    before = database_state(chain["municipality"])

    report = import_packages(chain["municipality"], [first])

    assert report.results[0].outcome is Outcome.OLDER
    assert "№ 1" in report.results[0].message
    assert database_state(chain["municipality"]) == before
