"""Counts a municipality entered from Excel templates travel up in its package."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from proforient_desktop.services.counts import get_counts, set_counts
from proforient_desktop.services.excel_import import apply_import, preview_import, write_entry_template
from proforient_desktop.services.exchange import export_package, import_packages
from proforient_desktop.storage.models import AuditEntry
from tests.exchange_support import MUNICIPALITY, install
from tests.test_excel_import import fill

YEAR = 2024
EXCEL_SCHOOL = "2721000099"
APP_SCHOOL = "2721000001"


@pytest.fixture
def chain(tmp_path):
    municipality = install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования", MUNICIPALITY)
    school = install(tmp_path, "school", "school", APP_SCHOOL, "МБОУ СОШ № 1", MUNICIPALITY)
    region = install(tmp_path, "region", "region", "2700000001", "Министерство")
    yield municipality, school, region
    for context in (municipality, school, region):
        context.close()


def enter_from_excel(municipality, tmp_path, code, values):
    path = tmp_path / f"шаблон-{code}.xlsx"
    write_entry_template(municipality, path, YEAR, org_code=code, org_name="МБОУ ООШ с. Без программы")
    fill(path, values)
    apply_import(municipality, preview_import(municipality, path))


def send(sender, receiver, tmp_path, name):
    package = export_package(sender, tmp_path / name)
    report = import_packages(receiver, [package], trust_new=True)
    assert not report.rejected, [result.message for result in report.results]
    return package


def test_excel_counts_reach_region(chain, tmp_path):
    municipality, school, region = chain
    enter_from_excel(municipality, tmp_path, EXCEL_SCHOOL, {"students_total": 64, "ticket_to_future_participants": 9})
    set_counts(school, YEAR, {"students_total": 420, "ticket_to_future_participants": 60})
    send(school, municipality, tmp_path, "school-1")

    send(municipality, region, tmp_path, "omsu-1")

    assert get_counts(region, YEAR, org_code=EXCEL_SCHOOL) == {"students_total": 64,
                                                               "ticket_to_future_participants": 9}
    assert get_counts(region, YEAR, org_code=APP_SCHOOL) == {"students_total": 420,
                                                             "ticket_to_future_participants": 60}
    with region.database.transaction() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "counts_entered_by_municipality")).one()
        assert entry.organisation_code == EXCEL_SCHOOL
        assert "2720000001" in entry.details


def test_corrected_excel_replaces_at_region(chain, tmp_path):
    municipality, _, region = chain
    enter_from_excel(municipality, tmp_path, EXCEL_SCHOOL, {"students_total": 64, "ticket_to_future_participants": 9})
    send(municipality, region, tmp_path, "omsu-1")

    enter_from_excel(municipality, tmp_path, EXCEL_SCHOOL, {"students_total": 66})
    send(municipality, region, tmp_path, "omsu-2")

    assert get_counts(region, YEAR, org_code=EXCEL_SCHOOL)["students_total"] == 66


def test_school_package_is_not_sent_as_entered(chain, tmp_path):
    municipality, school, region = chain
    set_counts(school, YEAR, {"students_total": 420})
    send(school, municipality, tmp_path, "school-1")
    send(municipality, region, tmp_path, "omsu-1")

    with region.database.transaction() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "counts_entered_by_municipality"))
        assert entries.all() == []
    assert get_counts(region, YEAR, org_code=APP_SCHOOL) == {"students_total": 420}


def test_signed_counts_not_edited_above(chain, tmp_path):
    from proforient_desktop.errors import UserError

    municipality, school, _ = chain
    set_counts(school, YEAR, {"students_total": 420})
    send(school, municipality, tmp_path, "school-1")

    with pytest.raises(UserError) as error:
        set_counts(municipality, YEAR, {"students_total": 999}, org_code=APP_SCHOOL)

    assert "подписанного пакета" in error.value.message
    assert get_counts(municipality, YEAR, org_code=APP_SCHOOL) == {"students_total": 420}


def test_template_of_other_territory_refused(chain, tmp_path):
    from proforient_desktop.errors import UserError
    from tests.exchange_support import OTHER_MUNICIPALITY

    municipality = chain[0]
    other_school = install(tmp_path, "amur", "school", "2706000001", "МБОУ СОШ с. Амурское", OTHER_MUNICIPALITY)
    path = tmp_path / "amur.xlsx"
    write_entry_template(other_school, path, YEAR)
    other_school.close()
    fill(path, {"students_total": 80})

    with pytest.raises(UserError) as error:
        preview_import(municipality, path)

    assert "другого муниципального образования" in error.value.message
    with municipality.database.transaction() as session:
        from proforient_desktop.storage.models import Organisation
        assert session.scalars(select(Organisation).where(Organisation.code == "2706000001")).all() == []
