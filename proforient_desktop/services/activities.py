"""Activities held by the installation's organisation: records, changes and the plan."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Sequence

from sqlalchemy import Row, delete, func, select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Catalog, Measure
from proforient_desktop.domain.activities import ActivityDraft, FieldProblem, normalised, validate_activity
from proforient_desktop.errors import InvalidInputError
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.counts import validate_year
from proforient_desktop.services.installation import own_organisation, require_installation
from proforient_desktop.storage.models import Activity, Organisation

log = logging.getLogger(__name__)

# The draft's fields in declaration order, which is also the column order of list_activities().
_DRAFT_FIELDS = tuple(field.name for field in dataclasses.fields(ActivityDraft))

# The columns of activity_rows(): the ones a table of activities shows or searches, without the
# publication link, which only the full record of get_activity() carries.
ROW_COLUMNS = ("uid", "measure_code", "held_on", "title", "format", "participants_total", "participants_sen",
               "grade_band", "partners", "note")

# The leading columns of ROW_COLUMNS, which a table of activities filters and orders by.
KEY_COLUMNS = ROW_COLUMNS[:3]

# Bound parameters of one IN list; SQLite before 3.32 accepts at most 999 in a statement.
_UIDS_PER_QUERY = 500


class ActivityValidationError(InvalidInputError):
    """An activity with invalid fields; ``problems`` lists them field by field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class ActivityRecord:
    """A saved activity: its stable ``uid`` and the fields of its draft."""

    uid: str
    draft: ActivityDraft

    @property
    def year(self) -> int:
        return self.draft.held_on.year


def list_activities(context: AppContext, year: int | None = None) -> list[ActivityRecord]:
    """Return the organisation's activities, of one year or all, oldest first."""
    # Plain rows instead of ORM objects: ten thousand records load several times faster.
    columns = [Activity.uid, *(getattr(Activity, name) for name in _DRAFT_FIELDS)]
    with context.database.transaction() as session:
        organisation = own_organisation(session)
        query = select(*columns).where(Activity.organisation_id == organisation.id)
        if year is not None:
            query = query.where(*_held_in(year))
        rows = session.execute(query.order_by(Activity.held_on, Activity.id)).all()
    return [ActivityRecord(row[0], ActivityDraft(*row[1:])) for row in rows]


def activity_rows(context: AppContext) -> tuple[list[Row], tuple]:
    """Return all the organisation's activities as Core rows of ``ROW_COLUMNS``, and their version.

    The rows come in the order of saving, not by date. The version is that of
    ``activities_version()``, read in the same transaction, so it belongs to exactly these rows.
    """
    return _rows_with_version(context, ROW_COLUMNS)


def activity_keys(context: AppContext) -> tuple[list[Row], tuple]:
    """Return all the organisation's activities as Core rows of ``KEY_COLUMNS``, and their version.

    For a table that loads the other columns of a row only when it shows, sorts or searches them
    (``activity_fields()``): reading three columns of 10,000 rows takes about a third of the time
    of reading all ten. Order and version are those of ``activity_rows()``.
    """
    return _rows_with_version(context, KEY_COLUMNS)


def activity_fields(context: AppContext, names: Sequence[str], uids: Sequence[str] | None = None) -> list[Row]:
    """Return the uid and the columns ``names`` of ROW_COLUMNS of the activities ``uids``, or of all.

    A uid that is not among the organisation's activities (deleted since it was read) has no row.
    """
    unknown = [name for name in names if name not in ROW_COLUMNS]
    if unknown:
        raise ValueError(f"Unknown activity column {unknown[0]!r}; known: {', '.join(ROW_COLUMNS)}")
    columns = [Activity.uid, *(getattr(Activity, name) for name in names)]
    with context.database.transaction() as session:
        organisation_id = own_organisation(session).id
        connection = session.connection()
        if uids is None:
            query = select(*columns).where(Activity.organisation_id == organisation_id).order_by(Activity.id)
            with _collection_paused():
                return connection.execute(query).all()

        # Filtering by uid alone lets SQLite use the unique uid index: with the organisation in
        # the WHERE clause too, it walks the organisation's index over all its activities.
        query = select(Activity.organisation_id, *columns)
        rows = []
        for start in range(0, len(uids), _UIDS_PER_QUERY):
            chunk = list(uids[start:start + _UIDS_PER_QUERY])
            found = connection.execute(query.where(Activity.uid.in_(chunk))).all()
            rows.extend(row[1:] for row in found if row[0] == organisation_id)
        return rows


def _rows_with_version(context: AppContext, names: Sequence[str]) -> tuple[list[Row], tuple]:
    # A Core select on the session's connection builds no ORM objects and skips the ORM result
    # machinery. Ordering by id alone follows the organisation index, so SQLite sorts nothing.
    columns = [getattr(Activity, name) for name in names]
    with context.database.transaction() as session:
        organisation = own_organisation(session)
        query = select(*columns).where(Activity.organisation_id == organisation.id).order_by(Activity.id)
        with _collection_paused():
            rows = session.connection().execute(query).all()
        version = _version(session, organisation.id)
    return rows, version


@contextmanager
def _collection_paused() -> Iterator[None]:
    # Building the rows starts garbage collections that free nothing, because every row is kept.
    # Pausing them saved about a tenth of the fetch time on the benchmark machine.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def get_activity(context: AppContext, uid: str) -> ActivityRecord:
    """Return the saved activity ``uid`` with all its fields."""
    with context.database.transaction() as session:
        return _record_of(_find(session, uid))


def activities_version(context: AppContext) -> tuple:
    """Return a cheap fingerprint of the organisation's activities that changes with any change to them."""
    with context.database.transaction() as session:
        return _version(session, own_organisation(session).id)


def _version(session: Session, organisation_id: int) -> tuple:
    row = session.execute(
        select(func.count(Activity.id), func.max(Activity.id), func.max(Activity.updated_at))
        .where(Activity.organisation_id == organisation_id)
    ).one()
    return tuple(row)


def add_activity(context: AppContext, year: int, draft: ActivityDraft) -> ActivityRecord:
    """Check and save a new activity of the reporting ``year``."""
    draft = _checked(context, year, draft)
    record = ActivityRecord(str(uuid.uuid4()), draft)
    with context.database.transaction() as session:
        organisation = own_organisation(session)
        session.add(Activity(uid=record.uid, organisation_id=organisation.id, **dataclasses.asdict(draft)))
        audit.record(session, context.operator, "activity_added", organisation.code, uid=record.uid,
                     measure=draft.measure_code, held_on=draft.held_on)
    log.info("Activity %s added for measure %s", record.uid, draft.measure_code)
    return record


def update_activity(context: AppContext, uid: str, year: int, draft: ActivityDraft) -> ActivityRecord:
    """Check and save new fields of an existing activity."""
    draft = _checked(context, year, draft)
    with context.database.transaction() as session:
        row = _find(session, uid)
        for name, value in dataclasses.asdict(draft).items():
            setattr(row, name, value)
        audit.record(session, context.operator, "activity_changed", own_organisation(session).code, uid=uid)
    log.info("Activity %s changed", uid)
    return ActivityRecord(uid, draft)


def delete_activity(context: AppContext, uid: str) -> ActivityRecord:
    """Delete an activity and return it, so that the deletion can be undone."""
    with context.database.transaction() as session:
        row = _find(session, uid)
        record = _record_of(row)
        session.execute(delete(Activity).where(Activity.id == row.id))
        audit.record(session, context.operator, "activity_deleted", own_organisation(session).code, uid=uid)
    log.info("Activity %s deleted", uid)
    return record


def restore_activity(context: AppContext, record: ActivityRecord) -> None:
    """Save a deleted activity again under its old ``uid`` (the undo of a deletion)."""
    with context.database.transaction() as session:
        organisation = own_organisation(session)
        session.add(Activity(uid=record.uid, organisation_id=organisation.id, **dataclasses.asdict(record.draft)))
        audit.record(session, context.operator, "activity_restored", organisation.code, uid=record.uid)
    log.info("Activity %s restored", record.uid)


def assigned_measures(context: AppContext) -> list[Measure]:
    """Return the measures whose executors include this installation's kind of organisation."""
    with context.database.transaction() as session:
        role = require_installation(session).role
    return context.catalog.measures_for(role)


def unplanned_measures(context: AppContext, year: int) -> list[Measure]:
    """Return the assigned measures due in ``year`` that have no activity recorded in it."""
    validate_year(context.catalog, year)
    with context.database.transaction() as session:
        installation = require_installation(session)
        organisation_id = (select(Organisation.id).where(Organisation.code == installation.organisation_code)
                           .scalar_subquery())
        done = set(session.scalars(
            select(Activity.measure_code).distinct()
            .where(Activity.organisation_id == organisation_id, *_held_in(year))
        ))
    return unplanned_among(context.catalog, context.catalog.measures_for(installation.role), year, done)


def unplanned_among(catalog: Catalog, measures: list[Measure], year: int, recorded_codes: set[str]) -> list[Measure]:
    """Return the ``measures`` due in ``year`` whose codes are not among ``recorded_codes``.

    For a caller that already has the year's activities in memory and needs no query.
    """
    validate_year(catalog, year)
    return [measure for measure in measures if measure.is_due_in(year) and measure.code not in recorded_codes]


def _held_in(year: int) -> tuple:
    # A date range instead of extract("year"), because SQLite would compute strftime() on every row.
    return Activity.held_on >= dt.date(year, 1, 1), Activity.held_on < dt.date(year + 1, 1, 1)


def _checked(context: AppContext, year: int, draft: ActivityDraft) -> ActivityDraft:
    validate_year(context.catalog, year)
    with context.database.transaction() as session:
        role = require_installation(session).role
    draft = normalised(draft)
    problems = validate_activity(context.catalog, role, year, draft)
    if problems:
        raise ActivityValidationError(problems)
    return draft


def _find(session: Session, uid: str) -> Activity:
    organisation = own_organisation(session)
    row = session.scalars(
        select(Activity).where(Activity.uid == uid, Activity.organisation_id == organisation.id)
    ).one_or_none()
    if row is None:
        raise InvalidInputError(f"Мероприятие {uid} не найдено: возможно, оно уже удалено.")
    return row


def _record_of(row: Activity) -> ActivityRecord:
    held_on = row.held_on if isinstance(row.held_on, dt.date) else dt.date.fromisoformat(str(row.held_on))
    return ActivityRecord(row.uid, ActivityDraft(
        measure_code=row.measure_code,
        held_on=held_on,
        title=row.title,
        format=row.format,
        participants_total=row.participants_total,
        participants_sen=row.participants_sen,
        grade_band=row.grade_band,
        partners=row.partners,
        publication_url=row.publication_url,
        note=row.note,
    ))
