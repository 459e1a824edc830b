"""Row locks that keep several operators' changes to one organisation apart.

On PostgreSQL an import and a manual edit of the same organisation lock its
row with ``SELECT ... FOR UPDATE`` before reading what they will change, so
the second waits for the first to commit and then reads its result: an
organisation's snapshot is never half old and half new. SQLite ignores
``FOR UPDATE``; there ``BEGIN IMMEDIATE`` already lets one writer in at a time.
"""

from __future__ import annotations

from sqlalchemy import select
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


def is_unique_violation(error: IntegrityError) -> bool:
    """Return whether the error is a duplicate key, the sign that another operator inserted the same row first."""
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate == "23505"
    return "unique constraint failed" in str(error.orig).lower()
