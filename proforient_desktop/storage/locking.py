"""Row locks that keep several operators' changes to one organisation apart.

On PostgreSQL an import and a manual edit of the same organisation lock its
row with ``SELECT ... FOR UPDATE`` before reading what they will change, so
the second waits for the first to commit and then reads its result: an
organisation's snapshot is never half old and half new. Imports also lock
the sender's code, which works before the organisation's row exists.
SQLite ignores ``FOR UPDATE``; there ``BEGIN IMMEDIATE`` already lets one
writer in at a time.
"""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from proforient_desktop.storage.models import Organisation


def lock_organisation(session: Session, organisation: Organisation | None) -> Organisation | None:
    """Lock the organisation's row until the transaction ends and reload it; None stays None.

    The reload matters because another operator may have changed the row
    between the caller's first read and the lock.
    """
    if organisation is None:
        return None
    return session.scalars(
        select(Organisation).where(Organisation.id == organisation.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


# First key of the two-key PostgreSQL advisory locks on organisation codes;
# the second is hashtext(code). A hash collision only makes two unrelated
# imports wait for each other.
ORGANISATION_CODE_LOCK_SPACE = 0x4F524743


def lock_organisation_codes(session: Session, codes: Iterable[str]) -> None:
    """Lock organisation codes, whether or not their rows exist yet, until the transaction ends.

    Two imports of one organisation's packages must not plan at the same
    time: under READ COMMITTED the second would see the first's committed
    key but not, a statement earlier, its new organisation row. The codes
    are locked in sorted order, so two imports cannot deadlock on them.
    SQLite needs no lock, because its writers run one at a time.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for code in sorted(set(codes)):
        session.execute(text("SELECT pg_advisory_xact_lock(:space, hashtext(:code))"),
                        {"space": ORGANISATION_CODE_LOCK_SPACE, "code": code})


def is_unique_violation(error: IntegrityError) -> bool:
    """Return whether the error is a duplicate key, the sign that another operator inserted the same row first."""
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate == "23505"
    return "unique constraint failed" in str(error.orig).lower()
