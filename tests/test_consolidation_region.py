"""A fixture region built from real packages, consolidated and checked against figures computed by hand.

Two municipalities (Хабаровский with schools A1–A3 and A4 that never
reports, Амурский with B1 and B2), a college under the region, and the
region, which enters official statistics for П18 itself. Every installation
is a real data directory; the region receives everything as packages.

Reporting year 2024 (2023 is the previous year):

    org  students  ticket  proektoria  notes
    A1   200       40      100         competitions 2
    A2   100       35      —           2023: ticket 10 → a jump (×3.5)
    A3   180       18      90          2023: students 400 → a denominator change
    B1   100       10      120         proektoria above students
    B2   50        —       —
    C    500       —       —           graduates 200, employed 120, targeted 30; SEN 20, of them 10; competitions 3
    region enters П18: 250 of 1000 graduates.
"""

from __future__ import annotations

import datetime as dt

import pytest

from proforient_desktop.domain.indicators import Status, ValueState
from proforient_desktop.domain.plausibility import PlausibilityKind
from proforient_desktop.domain.activities import ActivityDraft
from proforient_desktop.services.activities import add_activity
from proforient_desktop.services.activity_summary import activity_summary
from proforient_desktop.services.catalog_updates import export_catalog_update, import_catalog_update
from proforient_desktop.services.completeness import completeness
from proforient_desktop.services.consolidation import REGION_SUBORDINATE_CODE, consolidate, dynamics
from proforient_desktop.services.context import open_context
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.directory import add_organisation
from proforient_desktop.services.exchange import export_package, import_packages
from proforient_desktop.services.indicators import organisation_indicators
from proforient_desktop.services.installation import initialize
from proforient_desktop.services.plausibility import mark_checked, plausibility_warnings
from proforient_desktop.services.targets import set_targets
from proforient_desktop.storage.database import DATABASE_FILE

# Runs on SQLite and on PostgreSQL (the «backend» fixture in conftest.py). The senders'
# packages are made once, so each backend builds only the municipalities and the region.
pytestmark = pytest.mark.usefixtures("backend")

A, B = "khabarovsky", "amursky"
REGION, MUNICIPALITY_A, MUNICIPALITY_B, COLLEGE = "2700000000", "2720000001", "2720000002", "2722000001"
A1, A2, A3, A4, B1, B2 = "2721000001", "2721000002", "2721000003", "2721000004", "2721000011", "2721000012"

SCHOOLS = {
    A1: ("МБОУ СОШ № 1 с. Тополево", A, {2024: {"students_total": 200, "ticket_to_future_participants": 40,
                                              "proektoria_participants": 100, "competitions": 2}}),
    A2: ("МБОУ СОШ № 2 с. Мичуринское", A, {2023: {"students_total": 100, "ticket_to_future_participants": 10},
                                           2024: {"students_total": 100, "ticket_to_future_participants": 35}}),
    A3: ("МБОУ СОШ № 3 п. Корфовский", A, {2023: {"students_total": 400},
                                          2024: {"students_total": 180, "ticket_to_future_participants": 18,
                                                 "proektoria_participants": 90}}),
    B1: ("МБОУ СОШ № 1 г. Амурск", B, {2024: {"students_total": 100, "ticket_to_future_participants": 10,
                                             "proektoria_participants": 120}}),
    B2: ("МБОУ СОШ № 2 г. Амурск", B, {2024: {"students_total": 50}}),
}
COLLEGE_COUNTS = {"students_total": 500, "sen_students_total": 20, "sen_career_events_participants": 10,
                  "competitions": 3, "college_graduates_total": 200, "college_graduates_employed_in_specialty": 120,
                  "college_university_graduates_total": 200, "targeted_training_graduates_employed": 30}


def _install(root, name, role, code, org_name, municipality=None, *, sqlite=False):
    data_dir = root / name
    data_dir.mkdir(parents=True)
    # An explicit SQLite URL keeps an installation off the PostgreSQL backend's server.
    url = f"sqlite:///{data_dir / DATABASE_FILE}" if sqlite else None
    context = open_context(data_dir, operator=f"оператор {name}", database_url=url)
    initialize(context, role, code, org_name, municipality)
    return context


def _activity(context, measure_code, participants, sen):
    add_activity(context, 2024, ActivityDraft(measure_code=measure_code, held_on=dt.date(2024, 4, 10),
                                              title="Профориентационное мероприятие", format="очно",
                                              participants_total=participants, participants_sen=sen))


@pytest.fixture(scope="session")
def sender_packages(tmp_path_factory):
    """The schools' and the college's packages, made once on SQLite because they do not depend on the backend."""
    root = tmp_path_factory.mktemp("fixture-senders")
    outbox = root / "outbox"
    outbox.mkdir()
    contexts = {}

    files = {}
    for code, (name, municipality, years) in SCHOOLS.items():
        contexts[code] = context = _install(root, code, "school", code, name, municipality, sqlite=True)
        for year, values in years.items():
            set_counts(context, year, values)
    _activity(contexts[A1], "1.01", 30, 2)
    _activity(contexts[A1], "2.22", 15, 0)
    _activity(contexts[B1], "2.22", 20, 1)

    contexts["C"] = college = _install(root, "college", "college", COLLEGE,
                                       "КГБ ПОУ «Амурский политехнический техникум»", sqlite=True)
    set_counts(college, 2024, COLLEGE_COUNTS)
    _activity(college, "2.22", 40, 3)

    for code, context in contexts.items():
        files[code] = export_package(context, outbox)
        context.close()
    return files


@pytest.fixture(scope="module")
def fixture_region(tmp_path_factory, backend, sender_packages):
    """The municipalities and the region on the module's backend, built once per backend from the packages."""
    root = tmp_path_factory.mktemp("fixture-region")
    outbox = root / "outbox"
    outbox.mkdir()
    files = sender_packages
    contexts = {}

    contexts["MA"] = municipality_a = _install(root, "ma", "municipality", MUNICIPALITY_A,
                                               "Управление образования Хабаровского района", A)
    import_packages(municipality_a, [files[A1], files[A2], files[A3]], trust_new=True)
    add_organisation(municipality_a, A4, "МБОУ ООШ с. Ильинка", "school", None)
    mark_checked(municipality_a, A2, 2024, "value_jump:ticket_to_future_participants",
                 "Школа подключилась к проекту в 2024 г., рост подтверждён")
    municipal_a_file = export_package(municipality_a, outbox)

    contexts["MB"] = municipality_b = _install(root, "mb", "municipality", MUNICIPALITY_B,
                                               "Управление образования Амурского района", B)
    import_packages(municipality_b, [files[B1], files[B2]], trust_new=True)
    municipal_b_file = export_package(municipality_b, outbox)

    contexts["R"] = region = _install(root, "region", "region", REGION, "Министерство образования и науки края")
    report = import_packages(region, [municipal_a_file, municipal_b_file, files["C"]], trust_new=True)
    assert not report.rejected, [plan.message for plan in report.rejected]
    set_counts(region, 2024, {"college_university_graduates_total": 1000, "targeted_training_graduates_employed": 250})

    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module")
def consolidation(fixture_region):
    return consolidate(fixture_region["R"], 2024)


def _level(consolidation, code):
    level = consolidation.find(code)
    assert level is not None, code
    return level


@pytest.mark.parametrize("code, numerator, denominator, value, contributors", [
    (A1, 40, 200, 20.0, 1),
    (A2, 35, 100, 35.0, 1),
    (A3, 18, 180, 10.0, 1),
    (B1, 10, 100, 10.0, 1),
    (A, 93, 480, 93 / 480 * 100, 3),
    (B, 10, 100, 10.0, 1),
    ("region", 103, 580, 103 / 580 * 100, 4),
])
def test_p1_at_every_level(consolidation, code, numerator, denominator, value, contributors):
    result = _level(consolidation, code).results["P1"]

    assert result.numerator == numerator
    assert result.denominator == denominator
    assert result.value == pytest.approx(value)
    assert result.contributors == contributors
    assert result.target == 12.0


def test_region_is_not_mean_of_percentages(consolidation):
    mean = (20 + 35 + 10 + 10) / 4

    assert consolidation.region.results["P1"].value != pytest.approx(mean)


@pytest.mark.parametrize("code, expected", [
    (A1, Status.REACHED),
    (A3, Status.BELOW),
    (B1, Status.BELOW),
    (B, Status.BELOW),
    (A, Status.REACHED),
])
def test_p1_status_shows_misses(consolidation, code, expected):
    assert _level(consolidation, code).results["P1"].status is expected


def test_unreported_organisation_has_no_value(consolidation):
    result = _level(consolidation, B2).results["P1"]

    assert result.state is ValueState.NOT_REPORTED
    assert result.value is None
    assert result.contributors == 0


@pytest.mark.parametrize("code, numerator, denominator, contributors", [
    (A, 190, 380, 2),
    (B, 120, 100, 1),
    ("region", 310, 480, 3),
])
def test_p2_sums(consolidation, code, numerator, denominator, contributors):
    result = _level(consolidation, code).results["P2"]

    assert (result.numerator, result.denominator, result.contributors) == (numerator, denominator, contributors)


@pytest.mark.parametrize("code, value, contributors", [(A, 2.0, 1), (REGION_SUBORDINATE_CODE, 3.0, 1),
                                                       ("region", 5.0, 2)])
def test_competitions_count_summed(consolidation, code, value, contributors):
    result = _level(consolidation, code).results["M12"]

    assert result.value == value
    assert result.denominator is None
    assert result.contributors == contributors


def test_college_under_region_subordinate(consolidation):
    college = _level(consolidation, COLLEGE)
    group = _level(consolidation, REGION_SUBORDINATE_CODE)

    assert college.municipality_code == REGION_SUBORDINATE_CODE
    assert college.results["P15"].value == 60.0
    assert group.results["P15"].value == 60.0
    assert group.results["M8"].value == 50.0
    assert consolidation.region.results["P15"].value == 60.0


def test_region_entry_replaces_sum(consolidation):
    region = consolidation.region
    group = _level(consolidation, REGION_SUBORDINATE_CODE)

    assert group.results["P18"].value == 15.0
    assert region.results["P18"].numerator == 250
    assert region.results["P18"].denominator == 1000
    assert region.results["P18"].value == 25.0
    assert region.region_entered == frozenset({"P18"})


def test_levels_listed_in_order(consolidation):
    assert [level.code for level in consolidation.municipalities] == [B, A, REGION_SUBORDINATE_CODE]
    assert [level.code for level in consolidation.organisations_in(A)] == [A4, A1, A2, A3]
    assert {level.code for level in consolidation.organisations} == {A1, A2, A3, A4, B1, B2, COLLEGE}


def test_completeness_lists_missing(fixture_region):
    rows = {row.indicator.code: row for row in completeness(fixture_region["R"], 2024)}
    p1 = rows["P1"]

    assert (p1.expected, p1.reported) == (6, 4)
    assert p1.percent == pytest.approx(400 / 6)
    assert not p1.met
    assert [missing.code for missing in p1.missing] == [B2, A4]
    assert p1.missing[0].last_package_at is not None
    assert p1.missing[1].last_package_at is None
    assert rows["P15"].met and rows["P15"].expected == 1
    assert rows["P18"].region_entered and rows["P18"].met


def test_completeness_of_one_municipality(fixture_region):
    rows = {row.indicator.code: row for row in completeness(fixture_region["MA"], 2024)}

    assert (rows["P1"].expected, rows["P1"].reported) == (4, 3)
    assert [missing.code for missing in rows["P1"].missing] == [A4]


def test_warning_of_each_kind(fixture_region):
    warnings = {(w.organisation_code, w.kind): w for w in plausibility_warnings(fixture_region["R"], 2024)}

    assert set(warnings) == {(B1, PlausibilityKind.PART_ABOVE_WHOLE), (A2, PlausibilityKind.VALUE_JUMP),
                             (A3, PlausibilityKind.DENOMINATOR_CHANGE)}
    assert warnings[(B1, PlausibilityKind.PART_ABOVE_WHOLE)].values == (120, 100)
    assert warnings[(A2, PlausibilityKind.VALUE_JUMP)].values == (35, 10)
    assert warnings[(A3, PlausibilityKind.DENOMINATOR_CHANGE)].values == (180, 400)


def test_checked_mark_travels_up(fixture_region):
    warnings = {w.organisation_code: w for w in plausibility_warnings(fixture_region["R"], 2024)}

    assert warnings[A2].checked
    assert warnings[A2].comment == "Школа подключилась к проекту в 2024 г., рост подтверждён"
    assert warnings[A2].marked_by_code == MUNICIPALITY_A
    assert warnings[A2].checked_by == "оператор ma"
    assert not warnings[A3].checked
    assert not warnings[B1].checked


def test_dynamics_of_municipality(fixture_region):
    series = dynamics(fixture_region["R"], "P1", A, [2023, 2024])

    assert [year for year, _ in series] == [2023, 2024]
    assert series[0][1].numerator == 10
    assert series[0][1].denominator == 100
    assert series[1][1].value == pytest.approx(93 / 480 * 100)


def test_dynamics_of_region_uses_entry(fixture_region):
    series = dict(dynamics(fixture_region["R"], "П18", None, [2023, 2024]))

    assert series[2023].state is ValueState.NOT_REPORTED
    assert series[2024].value == 25.0


def test_activity_summary_per_municipality(fixture_region):
    summary = activity_summary(fixture_region["R"], 2024)
    territories = {territory.code: territory for territory in summary.municipalities}

    assert (territories[A].tally.held, territories[A].tally.participants, territories[A].tally.participants_sen) \
        == (2, 45, 2)
    assert [group.tally.held for group in territories[A].groups[:2]] == [1, 1]
    assert territories[A].competitions == 1
    assert territories[B].competitions == 1
    assert territories[REGION_SUBORDINATE_CODE].tally.participants == 40
    assert (summary.region.tally.held, summary.region.tally.participants, summary.region.tally.participants_sen) \
        == (4, 105, 6)
    assert summary.region.competitions == 3
    without = {measure.code for measure in territories[A].measures_without_activity}
    assert "1.02" in without
    assert "1.01" not in without
    assert "2.22" not in without


def test_school_imports_region_targets(fixture_region, tmp_path):
    region = fixture_region["R"]
    school = _install(tmp_path, "school", "school", A1, SCHOOLS[A1][0], A)
    set_targets(region, {("P1", 2025): 14})
    update_file = export_catalog_update(region, tmp_path / "цели-2025.proforient-update")

    import_catalog_update(school, update_file, trust_new=True)
    school_rows = {row.result.indicator.code: row.result for row in organisation_indicators(school, 2025).rows}
    region_result = consolidate(region, 2025).region.results["P1"]

    school.close()
    assert school_rows["P1"].target == 14.0
    assert region_result.target == 14.0
