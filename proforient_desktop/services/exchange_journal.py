"""The rejection journal: every rejected package file, kept beside the database.

A rejected file must leave the database byte for byte unchanged, so its
record goes to this append-only JSON Lines file in the data directory (and to
the log) instead of the audit table.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import deque
from dataclasses import dataclass

from proforient_desktop.exchange.merge import PackagePlan
from proforient_desktop.services.context import AppContext

log = logging.getLogger(__name__)

JOURNAL_FILE = "rejected-packages.jsonl"


@dataclass(frozen=True)
class Rejection:
    at: dt.datetime
    operator: str
    file_name: str
    organisation_code: str
    message: str


def record_rejection(context: AppContext, plan: PackagePlan) -> None:
    entry = {
        "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "operator": context.operator,
        "file": plan.file_name,
        "organisation_code": plan.sender.code if plan.sender is not None else "",
        "fingerprint": plan.fingerprint,
        "message": plan.message,
    }
    try:
        with open(context.data_dir / JOURNAL_FILE, "a", encoding="utf-8") as journal:
            journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError as error:
        log.error("Rejection of %s could not be written to the journal: %s", plan.file_name, error)


def recent_rejections(context: AppContext, limit: int = 200) -> list[Rejection]:
    """Return the latest rejections, newest first; damaged lines are skipped."""
    path = context.data_dir / JOURNAL_FILE
    try:
        with open(path, encoding="utf-8") as journal:
            lines = deque(journal, maxlen=limit)
    except FileNotFoundError:
        return []
    except OSError as error:
        log.warning("Rejection journal %s is unreadable: %s", path, error)
        return []

    rejections = []
    for line in reversed(lines):
        try:
            data = json.loads(line)
            rejections.append(Rejection(dt.datetime.fromisoformat(data["at"]), data.get("operator", ""),
                                        data["file"], data.get("organisation_code", ""), data["message"]))
        except (ValueError, KeyError, TypeError):
            log.warning("Damaged line in rejection journal %s skipped", path)
    return rejections
