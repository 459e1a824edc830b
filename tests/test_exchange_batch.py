"""The preview of several packages of one organisation imported together."""

from __future__ import annotations

import shutil

import pytest

from exchange_support import MUNICIPALITY, database_state, fill_school, install
from proforient_desktop.exchange.merge import Outcome
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.exchange import export_package, import_packages, preview_import

# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("backend")


@pytest.fixture
def two_packages(tmp_path):
    """A new school's packages № 1 and № 2, and a municipality that has neither."""
    school = install(tmp_path, "school", "school", "2721000001", "МБОУ СОШ № 1", MUNICIPALITY)
    fill_school(school, 300)
    first = export_package(school, tmp_path / "a-first.proforient")
    set_counts(school, 2024, {"students_total": 320})
    second = export_package(school, tmp_path / "b-second.proforient")
    school.close()
    municipality = install(tmp_path, "omsu", "municipality", "2720000001", "Управление образования", MUNICIPALITY)
    yield municipality, first, second
    municipality.close()


def test_preview_matches_import_in_order(two_packages):
    municipality, first, second = two_packages
    before = database_state(municipality)

    plans = preview_import(municipality, [first, second])

    assert [plan.outcome for plan in plans] == [Outcome.NEW, Outcome.REPLACES]
    assert "из этой же загрузки" in plans[1].message
    assert database_state(municipality) == before

    report = import_packages(municipality, [first, second], trust_new=True)
    assert [result.outcome for result in report.results] == [Outcome.NEW, Outcome.REPLACES]


def test_preview_of_newer_before_older(two_packages):
    municipality, first, second = two_packages

    plans = preview_import(municipality, [second, first])

    assert [plan.outcome for plan in plans] == [Outcome.NEW, Outcome.OLDER]
    report = import_packages(municipality, [second, first], trust_new=True)
    assert [result.outcome for result in report.results] == [Outcome.NEW, Outcome.OLDER]


def test_preview_of_same_package_twice(two_packages, tmp_path):
    municipality, first, _second = two_packages
    copy = tmp_path / "копия.proforient"
    shutil.copyfile(first, copy)

    plans = preview_import(municipality, [first, copy])

    assert [plan.outcome for plan in plans] == [Outcome.NEW, Outcome.ALREADY_IMPORTED]
    report = import_packages(municipality, [first, copy], trust_new=True)
    assert [result.outcome for result in report.results] == [Outcome.NEW, Outcome.ALREADY_IMPORTED]
