"""Reading an organisation's snapshot from the database and replacing it with a received one."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Callable

from sqlalchemy import Connection, Dialect, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.activity_records import FIELDS as ACTIVITY_FIELDS
from proforient_desktop.exchange.activity_records import values_of as activity_values
from proforient_desktop.exchange.payload import ActivityRecord, Snapshot
from proforient_desktop.exchange.registry import HasId
from proforient_desktop.storage.models import Activity, CountValue, Organisation, utc_now

SOURCE_PACKAGE = "package"
# SQLite allows 999 parameters per statement before version 3.32 and 32766 since; stay below both.
_UID_CHUNK = 500

_COUNT_COLUMNS = ("year", "count_code", "value")
_ACTIVITY_COLUMNS = ACTIVITY_FIELDS


def read_snapshot(session: Session, organisation_id: int) -> Snapshot:
    """Return all counts and activities of one organisation."""
    counts: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(CountValue.year, CountValue.count_code, CountValue.value)
        .where(CountValue.organisation_id == organisation_id)
    )
    for year, code, value in rows:
        counts.setdefault(year, {})[code] = value

    activities = [
        ActivityRecord(
            uid=row.uid, measure_code=row.measure_code, held_on=row.held_on, title=row.title,
            format=row.format or "", participants_total=row.participants_total,
            participants_sen=row.participants_sen or 0, grade_band=row.grade_band or "",
            partners=row.partners or "", publication_url=row.publication_url or "", note=row.note or "",
        )
        for row in session.scalars(
            select(Activity).where(Activity.organisation_id == organisation_id).order_by(Activity.uid)
        )
    ]
    return Snapshot(counts, activities)


def replace_snapshot(session: Session, organisation: HasId, snapshot: Snapshot,
                     source: str = SOURCE_PACKAGE, *, existing_rows: bool = True) -> None:
    """Replace every count and activity of ``organisation`` with the snapshot's.

    ``existing_rows=False`` skips deleting the old rows of an organisation
    created in this transaction. Raises ``PackageRejected`` when an activity
    identifier belongs to another organisation, and the caller's transaction
    must then be rolled back.
    """
    connection = session.connection()
    now = utc_now()
    counts, activities = CountValue.__table__, Activity.__table__

    if existing_rows:
        connection.execute(delete(counts).where(counts.c.organisation_id == organisation.id))
    insert_rows(connection, counts,
                {"organisation_id": organisation.id, "source": source, "updated_at": now}, _COUNT_COLUMNS,
                [(year, code, value) for year, values in snapshot.counts.items() for code, value in values.items()])

    if existing_rows:
        connection.execute(delete(activities).where(activities.c.organisation_id == organisation.id))
    activity_rows = list(map(activity_values, snapshot.activities))
    constants = {"organisation_id": organisation.id, "created_at": now, "updated_at": now}
    # Activity identifiers are unique across the whole database, so the unique
    # index finds a package that would take over another organisation's
    # activity. Only then is the owner looked up for the message. PostgreSQL
    # refuses every statement after an error until a rollback, so there the
    # insert runs in a savepoint, which is undone first. SQLite undoes only
    # the failed statement and runs the lookup without one.
    try:
        if connection.dialect.name == "sqlite":
            insert_rows(connection, activities, constants, _ACTIVITY_COLUMNS, activity_rows)
        else:
            with session.begin_nested():
                insert_rows(connection, activities, constants, _ACTIVITY_COLUMNS, activity_rows)
    except IntegrityError:
        _reject_taken_uids(session, organisation, [row[0] for row in activity_rows])
        raise


def insert_rows(connection: Connection, table: Table, constants: dict[str, Any], columns: tuple[str, ...],
                rows: list[tuple]) -> None:
    """Insert ``rows`` (values of ``columns``, each row also getting ``constants``) with one executemany.

    The rows go to the driver as they are. SQLAlchemy's Core executemany
    converts every parameter of every row in Python, which took longer than
    SQLite's own work in a region's import. Here a column type's conversion
    (dates to text on SQLite, none on PostgreSQL) runs once for a constant,
    and per row only for the columns that have one.
    """
    if not rows:
        return
    statement = _statement(connection.dialect, table, tuple(constants), columns)
    fixed = tuple(value if converter is None or value is None else converter(value)
                  for converter, value in zip(statement.constant_converters, constants.values()))

    # Converted values go after the row's own, where ``pick`` takes them from,
    # which saves rebuilding each row around them.
    converters = statement.row_converters
    if not converters:
        values = [fixed + row for row in rows]
    elif len(converters) == 1:
        ((index, converter),) = converters
        values = [fixed + row + (converter(row[index]),) for row in rows]
    else:
        values = [fixed + row + tuple(converter(row[index]) for index, converter in converters) for row in rows]

    pick = statement.pick
    if statement.positional:
        parameters = list(map(pick, values))
    else:
        bound = statement.bound
        parameters = [dict(zip(bound, pick(value))) for value in values]
    connection.exec_driver_sql(statement.sql, parameters)


@dataclass(frozen=True)
class _Statement:
    sql: str
    # The parameter names in the statement's order, and whether the driver takes them by position (SQLite)
    # or by name (psycopg).
    bound: tuple[str, ...]
    positional: bool
    constant_converters: tuple[Callable[[Any], Any] | None, ...]
    row_converters: tuple[tuple[int, Callable[[Any], Any]], ...]
    # Takes the parameters in ``bound`` order from the constants, a row's values and its converted values.
    pick: Callable[[tuple], tuple]


@functools.lru_cache(maxsize=32)
def _statement(dialect: Dialect, table: Table, constants: tuple[str, ...], columns: tuple[str, ...]) -> _Statement:
    names = (*constants, *columns)
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    bound = tuple(compiled.positiontup) if compiled.positional else tuple(compiled.binds)
    if sorted(bound) != sorted(names):
        # A column with a default that is not given would be left without a value.
        raise ValueError(f"insert into {table.name} expects {sorted(bound)}, given {sorted(names)}")

    # The conversion is defined by the dialect's own type (SQLite's DATETIME), not by the generic one.
    converters = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    # Few distinct values (days of a few years) recur in many rows of many
    # imports, and SQLAlchemy's date conversion for SQLite formats each one anew.
    row_converters = tuple((index, functools.lru_cache(maxsize=8192)(converter))
                           for index, converter in enumerate(converters[len(constants):]) if converter is not None)
    positions = {name: position for position, name in enumerate(names)}
    for appended, (index, _) in enumerate(row_converters):
        positions[columns[index]] = len(names) + appended
    pick = itemgetter(*(positions[name] for name in bound))
    return _Statement(compiled.string, bound, compiled.positional, tuple(converters[:len(constants)]),
                      row_converters, pick)


def _reject_taken_uids(session: Session, organisation: HasId, uids: list[str]) -> None:
    for start in range(0, len(uids), _UID_CHUNK):
        chunk = uids[start:start + _UID_CHUNK]
        clash = session.execute(
            select(Activity.uid, Organisation.name).join(Organisation, Activity.organisation_id == Organisation.id)
            .where(Activity.uid.in_(chunk), Activity.organisation_id != organisation.id)
        ).first()
        if clash is not None:
            raise PackageRejected(
                f"мероприятие с идентификатором {clash.uid} уже принадлежит организации «{clash.name}»",
                "Пакет не может изменять данные другой организации; свяжитесь с отправителем.",
            )
