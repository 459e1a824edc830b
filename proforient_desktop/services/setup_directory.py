"""The municipalities and organisations the setup wizard offers, as the directory has them now.

A region or municipality edits its directory (``services.directory``), so a
wizard run again from the settings lists the edited entries. On a fresh
installation the database has no directory yet and the catalogue's
municipalities are offered. Nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from proforient_desktop.services.context import AppContext
from proforient_desktop.storage.models import Municipality, Organisation


def setup_municipalities(context: AppContext) -> list[tuple[str, str]]:
    """Return ``(code, name)`` of the municipalities: the catalogue's order, the directory's names.

    Municipalities the directory has and the catalogue does not follow, by name.
    """
    with context.database.transaction() as session:
        edited = {code: name for code, name in session.execute(select(Municipality.code, Municipality.name))}

    pairs = [(code, edited.get(code, municipality.name))
             for code, municipality in context.catalog.municipalities.items()]
    extra = sorted(((code, name) for code, name in edited.items() if code not in context.catalog.municipalities),
                   key=lambda pair: pair[1])
    return pairs + extra


def municipality_name(context: AppContext, code: str | None) -> str:
    """Return the municipality's name in the directory (or the catalogue), "" for none or an unknown code."""
    if not code:
        return ""
    return dict(setup_municipalities(context)).get(code, "")


def setup_organisations(context: AppContext, municipality_code: str | None, kind: str,
                        year: int | None = None) -> list[tuple[str, str]]:
    """Return ``(code, name)`` of the directory's organisations of ``kind`` open in ``year``, by name.

    ``year`` defaults to the current calendar year. Organisations closed
    from that year or earlier and demonstration ones are left out.
    """
    year = year if year is not None else dt.date.today().year
    query = select(Organisation.code, Organisation.name).where(
        Organisation.kind == kind,
        Organisation.is_demo.is_(False),
        (Organisation.closed_from_year.is_(None)) | (Organisation.closed_from_year > year),
    )
    if municipality_code:
        query = query.where(Organisation.municipality_code == municipality_code)

    with context.database.transaction() as session:
        return [(code, name) for code, name in session.execute(query.order_by(Organisation.name, Organisation.code))]
