"""Entries of the audit log, written in the same transaction as the change.

Each entry names its operator: the name entered at the window's start on the
regional server, the ``PROFORIENT_OPERATOR`` variable, or the database user
(the login on a local SQLite file).
"""

from __future__ import annotations

import json
import os
from typing import Any

from sqlalchemy.orm import Session

from proforient_desktop.errors import InvalidInputError
from proforient_desktop.storage.models import AuditEntry

OPERATOR_ENV = "PROFORIENT_OPERATOR"
# The length of ``AuditEntry.operator``.
MAX_OPERATOR_LENGTH = 200


def record(session: Session, operator: str, action: str, organisation_code: str | None,
           **details: Any) -> None:
    session.add(AuditEntry(
        operator=operator,
        action=action,
        organisation_code=organisation_code,
        details=details_json(details),
    ))


def details_json(details: dict[str, Any]) -> str:
    """Return an entry's details as stored in ``AuditEntry.details``."""
    return json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)


def normalize_operator(name: str) -> str:
    """Return an operator's name with its spaces collapsed, or raise ``InvalidInputError``."""
    normalized = " ".join(name.split())
    if not normalized:
        raise InvalidInputError("Введите имя оператора: оно записывается в журнал изменений.")
    if len(normalized) > MAX_OPERATOR_LENGTH:
        raise InvalidInputError(
            f"Имя оператора длиннее {MAX_OPERATOR_LENGTH} символов ({len(normalized)}): сократите его."
        )
    return normalized


def operator_from_environment() -> str | None:
    """Return the operator named by ``PROFORIENT_OPERATOR``, or None when the variable is unset or empty."""
    value = os.environ.get(OPERATOR_ENV, "")
    if not value.strip():
        return None
    try:
        return normalize_operator(value)
    except InvalidInputError as error:
        raise InvalidInputError(f"Переменная {OPERATOR_ENV}: {error.message}") from None
