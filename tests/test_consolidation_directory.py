"""A municipality's directory travels in its package: added and closed schools reach the region."""

from __future__ import annotations

import pytest

from proforient_desktop.exchange.directory_entries import DirectoryRecord, parse_directory
from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.services.completeness import completeness
from proforient_desktop.services.context import open_context
from proforient_desktop.services.directory import add_organisation, close_organisation, list_directory
from proforient_desktop.services.exchange import export_package, import_packages
from proforient_desktop.services.installation import initialize

MUNICIPALITY = "nanaysky"
SCHOOL = "2721000301"
OTHER_SCHOOL = "2721000302"


# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def chain(tmp_path):
    municipality = open_context(tmp_path / "municipality", operator="методист")
    initialize(municipality, "municipality", "2720000030", "Управление образования Нанайского района", MUNICIPALITY)
    region = open_context(tmp_path / "region", operator="оператор")
    initialize(region, "region", "2700000000", "Министерство образования и науки края")
    yield municipality, region
    municipality.close()
    region.close()


def test_added_school_expected_at_region(chain, tmp_path):
    municipality, region = chain
    add_organisation(municipality, SCHOOL, "МБОУ СОШ с. Троицкое", "school", None)

    report = import_packages(region, [export_package(municipality, tmp_path)], trust_new=True)
    p1 = completeness(region, 2024)[0]

    assert [plan.outcome for plan in report.results] == [Outcome.NEW]
    assert [entry.code for entry in list_directory(region)] == [SCHOOL]
    assert [missing.code for missing in p1.missing] == [SCHOOL]
    assert p1.missing[0].municipality_code == MUNICIPALITY


def test_closing_travels_up(chain, tmp_path):
    municipality, region = chain
    add_organisation(municipality, SCHOOL, "МБОУ СОШ с. Троицкое", "school", None)
    import_packages(region, [export_package(municipality, tmp_path)], trust_new=True)
    close_organisation(municipality, SCHOOL, 2024)

    import_packages(region, [export_package(municipality, tmp_path)])

    assert list_directory(region)[0].closed_from_year == 2024
    assert completeness(region, 2024)[0].expected == 0
    assert completeness(region, 2023)[0].expected == 1


def test_school_of_other_territory_rejected(chain, tmp_path):
    municipality, region = chain
    add_organisation(region, OTHER_SCHOOL, "МБОУ СОШ г. Амурск", "school", "amursky")
    add_organisation(municipality, OTHER_SCHOOL, "МБОУ СОШ г. Амурск", "school", None)

    report = import_packages(region, [export_package(municipality, tmp_path)], trust_new=True)
    entry = list_directory(region)[0]

    assert [plan.outcome for plan in report.results] == [Outcome.REJECTED]
    assert "другой территории" in report.results[0].message
    assert entry.municipality_code == "amursky"


@pytest.mark.parametrize("raw", [
    "schools",
    [{"code": "", "name": "Школа"}],
    [{"code": "1", "name": ""}],
    [{"code": "1", "name": "Школа", "closed_from_year": "2024"}],
    [{"code": "1", "name": "Школа"}, {"code": "1", "name": "Школа 2"}],
])
def test_broken_directory_rejected(raw):
    with pytest.raises(PackageRejected):
        parse_directory(raw)


def test_directory_parsed():
    records = parse_directory([{"code": "1", "name": "Школа", "closed_from_year": 2025}])

    assert records == (DirectoryRecord("1", "Школа", 2025),)
