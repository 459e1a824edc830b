"""Settings of the exchange: the sender's sequence number and the last export."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from proforient_desktop.storage.models import Setting

SETTING_SEQUENCE = "exchange.last_sequence"
SETTING_LAST_EXPORT = "exchange.last_export"


@dataclass(frozen=True)
class LastExport:
    """When and where this installation last wrote its package."""

    at: dt.datetime
    file: str
    sequence: int


def last_sequence(session: Session) -> int:
    row = session.get(Setting, SETTING_SEQUENCE)
    return int(row.value) if row is not None else 0


def set_last_sequence(session: Session, sequence: int) -> None:
    row = session.get(Setting, SETTING_SEQUENCE)
    if row is None:
        session.add(Setting(key=SETTING_SEQUENCE, value=str(sequence)))
    else:
        row.value = str(sequence)
    session.flush()


def next_sequence(session: Session) -> int:
    """Take the next sequence number; "newer" between packages means a higher number, never a later clock."""
    sequence = last_sequence(session) + 1
    set_last_sequence(session, sequence)
    return sequence


def save_last_export(session: Session, export: LastExport) -> None:
    value = json.dumps({"at": export.at.isoformat(), "file": export.file, "sequence": export.sequence},
                       ensure_ascii=False)
    row = session.get(Setting, SETTING_LAST_EXPORT)
    if row is None:
        session.add(Setting(key=SETTING_LAST_EXPORT, value=value))
    else:
        row.value = value


def load_last_export(session: Session) -> LastExport | None:
    row = session.get(Setting, SETTING_LAST_EXPORT)
    if row is None:
        return None
    data = json.loads(row.value)
    return LastExport(dt.datetime.fromisoformat(data["at"]), data["file"], int(data["sequence"]))
