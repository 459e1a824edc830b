"""Entries of the audit log, written in the same transaction as the change."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from proforient_desktop.storage.models import AuditEntry


def record(session: Session, operator: str, action: str, organisation_code: str | None,
           **details: Any) -> None:
    session.add(AuditEntry(
        operator=operator,
        action=action,
        organisation_code=organisation_code,
        details=json.dumps(details, ensure_ascii=False, sort_keys=True, default=str),
    ))
