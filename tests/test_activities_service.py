"""Activity records through the service, over a real SQLite file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from proforient_desktop.domain.activities import ActivityDraft
from proforient_desktop.errors import InvalidInputError, NotInitializedError
from proforient_desktop.services import activities as service
from proforient_desktop.services.activities import ActivityValidationError
from proforient_desktop.storage.models import Activity, AuditEntry, Organisation

YEAR = 2024


def draft(**changes) -> ActivityDraft:
    fields = dict(measure_code="1.01", held_on=dt.date(YEAR, 3, 1), title="Классный час", participants_total=20,
                  participants_sen=2, partners="ООО «Амурсталь»")
    fields.update(changes)
    return ActivityDraft(**fields)


def test_add_and_list(school_context):
    record = service.add_activity(school_context, YEAR, draft())
    listed = service.list_activities(school_context, YEAR)
    assert listed == [record]
    assert service.list_activities(school_context, YEAR - 1) == []
    assert service.list_activities(school_context) == [record]


def test_invalid_draft_writes_nothing(school_context):
    with pytest.raises(ActivityValidationError) as raised:
        service.add_activity(school_context, YEAR, draft(participants_sen=30))
    assert [problem.field for problem in raised.value.problems] == ["participants_sen"]
    assert "больше, чем участников всего" in raised.value.message
    assert service.list_activities(school_context) == []


def test_update_keeps_uid(school_context):
    record = service.add_activity(school_context, YEAR, draft())
    service.update_activity(school_context, record.uid, YEAR, draft(title="Экскурсия"))
    listed = service.list_activities(school_context)
    assert [(item.uid, item.draft.title) for item in listed] == [(record.uid, "Экскурсия")]


def test_delete_then_restore(school_context):
    record = service.add_activity(school_context, YEAR, draft())
    deleted = service.delete_activity(school_context, record.uid)
    assert deleted == record
    assert service.list_activities(school_context) == []

    service.restore_activity(school_context, deleted)
    assert service.list_activities(school_context) == [record]


def test_delete_unknown_rejected(school_context):
    with pytest.raises(InvalidInputError, match="не найдено"):
        service.delete_activity(school_context, "00000000-0000-0000-0000-000000000000")


def test_changes_audited(school_context):
    record = service.add_activity(school_context, YEAR, draft())
    service.update_activity(school_context, record.uid, YEAR, draft(title="Экскурсия"))
    service.delete_activity(school_context, record.uid)
    with school_context.database.transaction() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("activity_%"))
                                       .order_by(AuditEntry.id)))
    assert actions == ["activity_added", "activity_changed", "activity_deleted"]


def test_unplanned_measures(school_context):
    assigned = {measure.code for measure in service.assigned_measures(school_context)}
    before = {measure.code for measure in service.unplanned_measures(school_context, YEAR)}
    assert "1.01" in before
    assert before <= assigned

    service.add_activity(school_context, YEAR, draft())
    after = {measure.code for measure in service.unplanned_measures(school_context, YEAR)}
    assert after == before - {"1.01"}
    assert "1.01" in {measure.code for measure in service.unplanned_measures(school_context, YEAR - 1)}


def test_unplanned_skips_measures_not_due(school_context):
    due_only_in = {measure.code: measure.years for measure in service.assigned_measures(school_context)
                   if measure.years}
    unplanned = {measure.code for measure in service.unplanned_measures(school_context, YEAR)}
    for code, years in due_only_in.items():
        assert (code in unplanned) == (YEAR in years)


def test_requires_setup(context):
    with pytest.raises(NotInitializedError):
        service.list_activities(context)


def test_other_organisations_activities_hidden(school_context):
    own = service.add_activity(school_context, YEAR, draft())
    with school_context.database.transaction() as session:
        other = Organisation(code="2721000002", name="МБОУ СОШ № 2", kind="school")
        session.add(other)
        session.flush()
        session.add(Activity(uid="other-activity", organisation_id=other.id, measure_code="1.01",
                             held_on=dt.date(YEAR, 4, 1), title="Чужое мероприятие", participants_total=5))
    assert service.list_activities(school_context) == [own]
    with pytest.raises(InvalidInputError, match="не найдено"):
        service.delete_activity(school_context, "other-activity")


def test_activity_rows_with_version(school_context):
    record = service.add_activity(school_context, YEAR, draft(publication_url="https://school.example/news/1"))
    rows, version = service.activity_rows(school_context)
    assert len(rows) == 1
    assert rows[0].uid == record.uid
    assert rows[0].held_on == dt.date(YEAR, 3, 1)
    assert tuple(rows[0]) == tuple([record.uid] + [getattr(record.draft, name) for name in service.ROW_COLUMNS[1:]])
    assert version == service.activities_version(school_context)


def test_get_activity_has_every_field(school_context):
    record = service.add_activity(school_context, YEAR, draft(publication_url="https://school.example/news/1",
                                                              note="Отчёт на сайте"))
    assert service.get_activity(school_context, record.uid) == record
    with pytest.raises(InvalidInputError, match="не найдено"):
        service.get_activity(school_context, "00000000-0000-0000-0000-000000000000")


def test_year_bounds(school_context):
    last_day = service.add_activity(school_context, YEAR, draft(held_on=dt.date(YEAR, 12, 31)))
    service.add_activity(school_context, YEAR + 1, draft(held_on=dt.date(YEAR + 1, 1, 1)))
    service.add_activity(school_context, YEAR - 1, draft(held_on=dt.date(YEAR - 1, 12, 31)))
    assert service.list_activities(school_context, YEAR) == [last_day]
    assert "1.01" not in {measure.code for measure in service.unplanned_measures(school_context, YEAR)}


def test_activity_keys_match_rows(school_context):
    service.add_activity(school_context, YEAR, draft(title="Первое"))
    service.add_activity(school_context, YEAR, draft(title="Второе", held_on=dt.date(YEAR, 2, 1)))
    rows, rows_version = service.activity_rows(school_context)
    keys, keys_version = service.activity_keys(school_context)
    assert [tuple(key) for key in keys] == [tuple(row[:len(service.KEY_COLUMNS)]) for row in rows]
    assert keys_version == rows_version


def test_activity_fields_of_some_and_all(school_context):
    first = service.add_activity(school_context, YEAR, draft(title="Первое", note="Заметка"))
    second = service.add_activity(school_context, YEAR, draft(title="Второе"))
    fields = service.activity_fields(school_context, ["title", "note"], [second.uid, "deleted-meanwhile"])
    assert [tuple(row) for row in fields] == [(second.uid, "Второе", "")]

    every = service.activity_fields(school_context, ["title"])
    assert [tuple(row) for row in every] == [(first.uid, "Первое"), (second.uid, "Второе")]


def test_activity_fields_skip_other_organisations(school_context):
    with school_context.database.transaction() as session:
        other = Organisation(code="2721000002", name="МБОУ СОШ № 2", kind="school")
        session.add(other)
        session.flush()
        session.add(Activity(uid="other-activity", organisation_id=other.id, measure_code="1.01",
                             held_on=dt.date(YEAR, 4, 1), title="Чужое мероприятие", participants_total=5))
    assert service.activity_fields(school_context, ["title"], ["other-activity"]) == []
    assert service.activity_fields(school_context, ["title"]) == []


def test_activity_fields_reject_unknown_column(school_context):
    with pytest.raises(ValueError, match="publication_url"):
        service.activity_fields(school_context, ["publication_url"])
