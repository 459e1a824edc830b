"""The pure plausibility rules: parts above wholes, jumps and denominator changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proforient_desktop.domain.plausibility import (
    PlausibilityKind,
    PlausibilityThresholds,
    changed_beyond,
    check_plausibility,
    denominator_codes,
)


def test_part_above_whole_reported(catalog):
    findings = check_plausibility(catalog, {"students_total": 100, "proektoria_participants": 120}, {})

    assert [finding.kind for finding in findings] == [PlausibilityKind.PART_ABOVE_WHOLE]
    assert findings[0].count_codes == ("proektoria_participants", "students_total")
    assert findings[0].values == (120, 100)
    assert findings[0].key == "part_above_whole:proektoria_participants:students_total"
    assert "120" in findings[0].message
    assert "100" in findings[0].message


def test_jump_above_factor_reported(catalog):
    findings = check_plausibility(catalog, {"ticket_to_future_participants": 31},
                                  {"ticket_to_future_participants": 10})

    assert len(findings) == 1
    assert findings[0].kind is PlausibilityKind.VALUE_JUMP
    assert findings[0].values == (31, 10)
    assert findings[0].key == "value_jump:ticket_to_future_participants"
    assert "31 против 10" in findings[0].message


def test_jump_at_factor_not_reported(catalog):
    findings = check_plausibility(catalog, {"ticket_to_future_participants": 30},
                                  {"ticket_to_future_participants": 10})

    assert findings == []


def test_drop_is_a_jump_too(catalog):
    findings = check_plausibility(catalog, {"proektoria_participants": 10}, {"proektoria_participants": 40})

    assert [finding.kind for finding in findings] == [PlausibilityKind.VALUE_JUMP]


def test_denominator_halving_reported(catalog):
    findings = check_plausibility(catalog, {"students_total": 200}, {"students_total": 400})

    assert [finding.kind for finding in findings] == [PlausibilityKind.DENOMINATOR_CHANGE]
    assert findings[0].values == (200, 400)
    assert "общая численность" in findings[0].message


def test_small_denominator_change_ignored(catalog):
    findings = check_plausibility(catalog, {"students_total": 350}, {"students_total": 400})

    assert findings == []


def test_small_values_never_jump(catalog):
    findings = check_plausibility(catalog, {"competitions": 9}, {"competitions": 1})

    assert findings == []


def test_thresholds_are_parameters(catalog):
    strict = PlausibilityThresholds(jump_factor=1.1, denominator_factor=1.05, min_value=1)

    findings = check_plausibility(catalog, {"students_total": 350, "competitions": 3},
                                  {"students_total": 400, "competitions": 2}, strict)

    assert {finding.kind for finding in findings} == {PlausibilityKind.DENOMINATOR_CHANGE,
                                                       PlausibilityKind.VALUE_JUMP}


def test_count_missing_last_year_not_compared(catalog):
    findings = check_plausibility(catalog, {"students_total": 400}, {"ticket_to_future_participants": 5})

    assert findings == []


def test_denominators_are_indicator_denominators(catalog):
    codes = denominator_codes(catalog)

    assert "students_total" in codes
    assert "grade11_students_total" in codes
    assert "ticket_to_future_participants" not in codes


@pytest.mark.parametrize("current, previous, expected", [
    (0, 10, True),
    (10, 0, True),
    (0, 9, False),
    (20, 10, False),
    (21, 10, True),
])
def test_changed_beyond_edges(current, previous, expected):
    assert changed_beyond(current, previous, 2.0, 10) is expected


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.floats(1.0, 10.0))
def test_changed_beyond_symmetric(current, previous, factor):
    assert changed_beyond(current, previous, factor, 10) == changed_beyond(previous, current, factor, 10)
