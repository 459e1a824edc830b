"""Installations for exchange tests: each one a real data directory and database."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from pathlib import Path

from proforient_desktop.services.context import AppContext, open_context
from proforient_desktop.services.counts import set_counts
from proforient_desktop.services.installation import initialize, own_organisation
from proforient_desktop.storage.database import DATABASE_FILE
from proforient_desktop.storage.models import Activity

MUNICIPALITY = "khabarovsky"
OTHER_MUNICIPALITY = "amursky"


def install(root: Path, name: str, role: str, code: str, org_name: str,
            municipality: str | None = None) -> AppContext:
    """Open a new installation in ``root/name`` and set its role and organisation."""
    context = open_context(root / name, operator=f"оператор {name}")
    initialize(context, role, code, org_name, municipality)
    return context


def add_activity(context: AppContext, title: str, measure_code: str = "1.01",
                 held_on: dt.date = dt.date(2024, 3, 15), participants: int = 25) -> str:
    uid = str(uuid.uuid4())
    with context.database.transaction() as session:
        organisation = own_organisation(session)
        session.add(Activity(uid=uid, organisation_id=organisation.id, measure_code=measure_code,
                             held_on=held_on, title=title, format="очно", participants_total=participants,
                             participants_sen=1, grade_band="8–9", partners="ООО «Завод»"))
    return uid


def fill_school(context: AppContext, students: int) -> None:
    set_counts(context, 2023, {"students_total": students, "ticket_to_future_participants": students // 2})
    set_counts(context, 2024, {"students_total": students + 10, "career_diagnostics_students": students // 3})
    add_activity(context, f"Экскурсия на предприятие ({students})")


def database_state(context: AppContext) -> str:
    """Return a hash of the database files, to show that nothing at all was written."""
    digest = hashlib.sha256()
    for suffix in ("", "-wal"):
        path = context.data_dir / (DATABASE_FILE + suffix)
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()
