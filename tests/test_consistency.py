"""Consistency warnings between counts of one organisation and year."""

from __future__ import annotations

from proforient_desktop.domain.consistency import check_counts


def test_part_above_whole_warns_with_both_values(catalog):
    warnings = check_counts(catalog, {"ticket_to_future_participants": 120, "students_total": 100})

    assert len(warnings) == 1
    message = warnings[0].message
    assert "Чбвб" in message
    assert "= 120" in message
    assert "Чоко" in message
    assert "= 100" in message
    assert warnings[0].count_codes == ("ticket_to_future_participants", "students_total")


def test_university_entrant_chain(catalog):
    counts = {
        "grade11_students_total": 40,
        "grade11_entered_university_by_profile": 20,
        "grade11_entered_own_region_university": 25,
    }
    warnings = check_counts(catalog, counts)
    assert [(w.rule.part, w.rule.whole) for w in warnings] == [
        ("grade11_entered_own_region_university", "grade11_entered_university_by_profile"),
    ]


def test_equal_and_missing_do_not_warn(catalog):
    assert check_counts(catalog, {"ticket_to_future_participants": 100, "students_total": 100}) == []
    assert check_counts(catalog, {"ticket_to_future_participants": 100}) == []


def test_every_rule_can_fire(catalog):
    for rule in catalog.rules:
        warnings = check_counts(catalog, {rule.part: 2, rule.whole: 1}, rules=[rule])
        assert len(warnings) == 1, rule
