"""Completeness against the sample rule, at exactly 90 % and just under, from real school packages.

Twenty schools of one municipality send signed packages for 2024:
schools 1–18 report П1 (Билет в будущее and all students), schools 1–17
report П2 (ПроеКТОриЯ), schools 19–20 report only the number of students.
"""

from __future__ import annotations

import pytest

from proforient_desktop.catalog import Role
from proforient_desktop.exchange.keys import load_or_create_key_pair
from proforient_desktop.exchange.manifest import Sender
from proforient_desktop.exchange.package import build_package
from proforient_desktop.exchange.payload import Snapshot
from proforient_desktop.services.completeness import expected_kinds, reminder_text, sample_met
from proforient_desktop.services.completeness import completeness
from proforient_desktop.services.consolidation import consolidate
from proforient_desktop.services.context import open_context
from proforient_desktop.services.directory import close_organisation, list_directory
from proforient_desktop.services.exchange import import_packages
from proforient_desktop.services.installation import initialize

# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("backend")

MUNICIPALITY = "vyazemsky"
SCHOOL_COUNT = 20


def _school_code(number: int) -> str:
    return f"27210001{number:02d}"


def _counts(number: int) -> dict[str, int]:
    counts = {"students_total": 100}
    if number <= 18:
        counts["ticket_to_future_participants"] = 10
    if number <= 17:
        counts["proektoria_participants"] = 30
    return counts


@pytest.fixture(scope="session")
def school_packages(tmp_path_factory, catalog):
    """The twenty schools' signed packages, made once: they do not depend on the backend."""
    root = tmp_path_factory.mktemp("sample-packages")
    files = []
    for number in range(1, SCHOOL_COUNT + 1):
        key_pair = load_or_create_key_pair(root / "schools" / str(number))
        sender = Sender(_school_code(number), f"МБОУ СОШ № {number} г. Вяземский", "school", MUNICIPALITY)
        data = build_package(key_pair=key_pair, catalog=catalog, sender=sender, sequence=1,
                             snapshot=Snapshot({2024: _counts(number)}, []))
        path = root / "inbox" / f"{number}.proforient"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        files.append(path)
    return files


@pytest.fixture(scope="module")
def imported_municipality(tmp_path_factory, backend, school_packages):
    """A municipality on the module's backend after importing the twenty packages, built once per backend."""
    context = open_context(tmp_path_factory.mktemp("sample") / "municipality", operator="методист")
    initialize(context, "municipality", "2720000005", "Управление образования Вяземского района", MUNICIPALITY)
    report = import_packages(context, school_packages, trust_new=True)
    assert len(report.imported) == SCHOOL_COUNT
    yield context
    context.close()


@pytest.fixture
def municipality(imported_municipality):
    # Tests close schools; reopening them afterwards gives every test the imported directory.
    yield imported_municipality
    for entry in list_directory(imported_municipality):
        if entry.closed_from_year is not None:
            close_organisation(imported_municipality, entry.code, None)


def _rows(context):
    return {row.indicator.code: row for row in completeness(context, 2024)}


def test_exactly_ninety_percent_met(municipality):
    p1 = _rows(municipality)["P1"]

    assert (p1.expected, p1.reported) == (20, 18)
    assert p1.percent == 90.0
    assert p1.required_percent == 90
    assert p1.met


def test_below_ninety_not_met(municipality):
    p2 = _rows(municipality)["P2"]

    assert (p2.expected, p2.reported) == (20, 17)
    assert not p2.met
    assert [missing.code for missing in p2.missing] == [_school_code(18), _school_code(19), _school_code(20)]


def test_just_under_ninety_after_closing(municipality):
    close_organisation(municipality, _school_code(20), 2024)
    rows = _rows(municipality)

    assert (rows["P2"].expected, rows["P2"].reported) == (19, 17)
    assert rows["P2"].percent == pytest.approx(89.47, abs=0.01)
    assert not rows["P2"].met
    assert (rows["P1"].expected, rows["P1"].reported) == (19, 18)
    assert rows["P1"].met


def test_closed_school_keeps_history(municipality):
    close_organisation(municipality, _school_code(20), 2025)

    closed = consolidate(municipality, 2024).find(_school_code(20))
    expected_2024 = {entry.code for entry in list_directory(municipality, year=2024)}
    expected_2025 = {entry.code for entry in list_directory(municipality, year=2025)}

    assert closed is not None
    assert closed.results["P1"].denominator is None
    assert closed.closed_from_year == 2025
    assert _school_code(20) in expected_2024
    assert _school_code(20) not in expected_2025
    assert _rows(municipality)["P2"].expected == 20


def test_official_statistics_need_all(municipality):
    p3 = _rows(municipality)["P3"]

    assert p3.required_percent == 100
    assert p3.expected == 20
    assert p3.reported == 0
    assert not p3.met


def test_reminder_names_schools_and_indicators(municipality):
    rows = _rows(municipality)
    text = reminder_text([rows["P1"], rows["P2"]])

    assert "МБОУ СОШ № 19 г. Вяземский" in text
    assert "не представлены: П1, П2" in text
    assert "МБОУ СОШ № 1 г. Вяземский\t" not in text
    assert text.count("\n") == 2


@pytest.mark.parametrize("reported, expected, required, met", [
    (9, 10, 90, True),
    (8, 9, 90, False),
    (899, 1000, 90, False),
    (900, 1000, 90, True),
    (10, 10, 100, True),
    (9, 10, 100, False),
    (0, 0, 90, False),
])
def test_sample_met_exact(reported, expected, required, met):
    assert sample_met(reported, expected, required) is met


def test_expected_kinds_follow_reporters(catalog):
    assert expected_kinds(catalog, catalog.indicators["P1"]) == {Role.SCHOOL.value}
    assert expected_kinds(catalog, catalog.indicators["P15"]) == {Role.COLLEGE.value}
    assert expected_kinds(catalog, catalog.indicators["M8"]) == {Role.SCHOOL.value, Role.COLLEGE.value}
