"""Reading an organisation's snapshot from the database and replacing it with a received one."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from proforient_desktop.exchange.errors import PackageRejected
from proforient_desktop.exchange.payload import ActivityRecord, Snapshot
from proforient_desktop.storage.models import Activity, CountValue, Organisation, utc_now

SOURCE_PACKAGE = "package"
# SQLite allows 999 parameters per statement before version 3.32 and 32766 since; stay below both.
_UID_CHUNK = 500


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


def replace_snapshot(session: Session, organisation: Organisation, snapshot: Snapshot,
                     source: str = SOURCE_PACKAGE) -> None:
    """Replace every count and activity of ``organisation`` with the snapshot's."""
    _check_uids_free(session, organisation, [record.uid for record in snapshot.activities])

    # Core executemany with the timestamps given, not the ORM's bulk insert with
    # per-row defaults: about twice as fast at regional scale.
    connection = session.connection()
    now = utc_now()

    session.execute(delete(CountValue).where(CountValue.organisation_id == organisation.id))
    count_rows = [
        {"organisation_id": organisation.id, "year": year, "count_code": code, "value": value, "source": source,
         "updated_at": now}
        for year, values in snapshot.counts.items()
        for code, value in values.items()
    ]
    if count_rows:
        connection.execute(insert(CountValue.__table__), count_rows)

    session.execute(delete(Activity).where(Activity.organisation_id == organisation.id))
    activity_rows = [{**record.__dict__, "organisation_id": organisation.id, "created_at": now, "updated_at": now}
                     for record in snapshot.activities]
    if activity_rows:
        connection.execute(insert(Activity.__table__), activity_rows)


def _check_uids_free(session: Session, organisation: Organisation, uids: list[str]) -> None:
    # Activity identifiers are unique across the whole database; a package
    # must not take over another organisation's activity.
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
