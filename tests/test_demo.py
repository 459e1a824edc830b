"""The demo region generator: realistic sizes, every rule obeyed, deliberate deviations listed."""

from __future__ import annotations

import datetime as dt

import pytest

from proforient_desktop.catalog import Role
from proforient_desktop.domain.activities import ActivityDraft, validate_activity
from proforient_desktop.domain.consistency import check_counts
from proforient_desktop.domain.plausibility import check_plausibility
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services import demo_data
from proforient_desktop.services.demo import (
    DeviationKind,
    default_years,
    demo_targets,
    generate_region,
    parse_years,
    region_counts,
)

YEARS = (2022, 2023, 2024)


@pytest.fixture(scope="module")
def region(catalog):
    return generate_region(catalog, schools=60, colleges=6, years=YEARS, seed=7)


@pytest.fixture(scope="module")
def clean_region(catalog):
    return generate_region(catalog, schools=120, colleges=10, years=YEARS, seed=11, deviations=False)


def _deviations(region, kind):
    return [deviation for deviation in region.deviations if deviation.kind == kind]


def test_clean_region_obeys_every_rule(catalog, clean_region):
    for code, by_year in clean_region.counts.items():
        for year, values in by_year.items():
            assert check_counts(catalog, values) == [], (code, year)


def test_clean_region_has_no_plausibility_findings(catalog, clean_region):
    for code, by_year in clean_region.counts.items():
        for year in YEARS[1:]:
            findings = check_plausibility(catalog, by_year[year], by_year[year - 1])
            assert findings == [], (code, year, [finding.message for finding in findings])


def test_rule_breaks_are_only_the_listed_ones(catalog, region):
    found = {
        (code, year, warning.rule.part, warning.rule.whole)
        for code, by_year in region.counts.items()
        for year, values in by_year.items()
        for warning in check_counts(catalog, values)
    }
    listed = {
        (deviation.organisation_code, deviation.year, *deviation.count_codes)
        for deviation in _deviations(region, DeviationKind.PART_ABOVE_WHOLE)
    }
    assert len(listed) == 2
    assert found == listed


def test_plausibility_findings_only_at_deviations(catalog, region):
    deviating = {deviation.organisation_code for deviation in region.deviations}
    flagged = set()
    for code, by_year in region.counts.items():
        for year in YEARS[1:]:
            if year in by_year and year - 1 in by_year:
                if check_plausibility(catalog, by_year[year], by_year[year - 1]):
                    flagged.add(code)
    jumping = {deviation.organisation_code for deviation in _deviations(region, DeviationKind.VALUE_JUMP)}
    assert jumping <= flagged
    assert flagged <= deviating


def test_gaps_are_missing_from_counts(region):
    (unreported,) = _deviations(region, DeviationKind.UNREPORTED_COUNTS)
    values = region.counts[unreported.organisation_code][unreported.year]
    assert unreported.count_codes
    assert not set(unreported.count_codes) & set(values)

    (missing_year,) = _deviations(region, DeviationKind.UNREPORTED_YEAR)
    assert missing_year.year not in region.counts[missing_year.organisation_code]
    assert len(_deviations(region, DeviationKind.NO_PACKAGE)) == 1


def test_counts_are_those_the_kind_reports(catalog, region):
    for organisation in region.organisations:
        allowed = {count.code for count in catalog.counts_for(Role(organisation.kind))}
        for values in region.counts[organisation.code].values():
            assert set(values) <= allowed, organisation.code


def test_sizes_are_realistic(region):
    ranges = {
        "city": demo_data.CITY_SCHOOL_STUDENTS,
        "town": demo_data.TOWN_SCHOOL_STUDENTS,
        "rural": demo_data.RURAL_SCHOOL_STUDENTS,
    }
    for school in region.of_kind("school"):
        low, high = ranges[school.settlement]
        assert low <= school.students <= high, school
    for college in region.of_kind("college"):
        assert demo_data.COLLEGE_STUDENTS[0] <= college.students <= demo_data.COLLEGE_STUDENTS[1]
    settlements = {school.settlement for school in region.of_kind("school")}
    assert settlements == {"city", "town", "rural"}


def test_region_spans_all_municipalities(catalog, region):
    assert set(region.municipalities()) == set(catalog.municipalities)
    assert len(region.of_kind("school")) == 60
    assert len(region.of_kind("college")) == 6


def test_names_are_marked_demo(region):
    for organisation in region.organisations:
        assert organisation.name.endswith("(демо)")
        assert organisation.code.startswith("demo-")


def test_activities_are_valid_records(catalog, region):
    for organisation in region.organisations:
        activities = region.activities[organisation.code]
        assert activities, organisation.code
        for activity in activities:
            draft = ActivityDraft(
                measure_code=activity.measure_code, held_on=activity.held_on, title=activity.title,
                format=activity.format, participants_total=activity.participants_total,
                participants_sen=activity.participants_sen, grade_band=activity.grade_band,
                partners=activity.partners, publication_url=activity.publication_url,
            )
            problems = validate_activity(catalog, Role(organisation.kind), activity.held_on.year, draft)
            assert problems == [], (organisation.code, activity, problems)


def test_activities_spread_over_measures_and_year(catalog, region):
    activities = [activity for school in region.of_kind("school") for activity in region.activities[school.code]]
    measures = {activity.measure_code for activity in activities}
    months = {activity.held_on.month for activity in activities}
    assert len(measures) >= len(catalog.measures_for(Role.SCHOOL)) * 0.8
    assert len(months) == 12
    assert {activity.held_on.year for activity in activities} == set(YEARS)


def test_same_seed_same_region(catalog):
    first = generate_region(catalog, schools=25, colleges=2, years=YEARS, seed=3)
    second = generate_region(catalog, schools=25, colleges=2, years=YEARS, seed=3)
    other = generate_region(catalog, schools=25, colleges=2, years=YEARS, seed=4)
    assert first.counts == second.counts
    assert first.activities == second.activities
    assert first.counts != other.counts


def test_region_counts_obey_rules(catalog, region):
    counts = region_counts(catalog, region)
    allowed = {count.code for count in catalog.counts_for(Role.REGION)}
    for year in YEARS:
        assert set(counts[year]) == allowed
        assert check_counts(catalog, counts[year]) == []
        assert counts[year]["grade9_students_total"] > 0


def test_fixed_activities_per_year(catalog):
    region = generate_region(catalog, schools=20, colleges=1, years=YEARS, activities_per_year=50)
    for organisation in region.organisations:
        assert len(region.activities[organisation.code]) == 50 * len(YEARS)


@pytest.mark.parametrize("text, expected", [
    ("2022-2024", (2022, 2023, 2024)),
    ("2022–2023", (2022, 2023)),
    ("2023", (2023,)),
])
def test_parse_years(text, expected):
    assert parse_years(text) == expected


@pytest.mark.parametrize("text", ["2024-2022", "22-24", "2022-", "абв"])
def test_parse_years_rejects(text):
    with pytest.raises(InvalidInputError):
        parse_years(text)


@pytest.mark.parametrize("options", [
    {"schools": 0},
    {"colleges": -1},
    {"years": (2019, 2020)},
    {"years": (2090,)},
    {"activities_per_year": -5},
])
def test_generate_rejects_bad_sizes(catalog, options):
    with pytest.raises(InvalidInputError):
        generate_region(catalog, **options)


def test_default_years_end_this_year(catalog):
    assert default_years(catalog, dt.date(2026, 12, 4)) == (2022, 2023, 2024, 2025, 2026)
    assert default_years(catalog, dt.date(2030, 3, 1)) == (2026, 2027, 2028, 2029, 2030)
    assert default_years(catalog, dt.date(2022, 1, 1)) == (2022,)


def test_current_year_activities_in_past(catalog):
    today = dt.date.today()
    region = generate_region(catalog, schools=20, colleges=0, years=(today.year,), activities_per_year=40)
    dates = [activity.held_on for activities in region.activities.values() for activity in activities]
    assert max(dates) <= today
    assert min(dates).year == today.year


def test_demo_targets_extend_programme(catalog):
    targets = demo_targets(catalog, (2024, 2025, 2026))
    assert targets[("P1", 2025)] == catalog.indicators["P1"].targets[2024] + 2
    assert targets[("P1", 2026)] == catalog.indicators["P1"].targets[2024] + 4
    assert not any(year == 2024 for _, year in targets)
    assert all(value <= 100 for value in targets.values())
