"""Targets for years after the programme's own: entry by the region and the effective catalogue.

The catalogue carries the programme's targets (2022–2024). The region sets
targets for later years; they are stored in the database and merged over
the catalogue's by ``effective_catalog``. ``services.indicators`` and the
consolidation compute against the merged targets. Schools and municipalities receive the
region's targets in a signed catalogue update (``services.catalog_updates``).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from types import MappingProxyType
from typing import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from proforient_desktop.catalog import Catalog, Role
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.services import audit
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.installation import require_installation
from proforient_desktop.storage.models import TargetValue

log = logging.getLogger(__name__)

# Targets above this make no sense for a share in per cent, and for a count of
# events (М12) they mean a typo.
MAX_SHARE_TARGET = 100.0
MAX_COUNT_TARGET = 100_000.0
LAST_TARGET_YEAR = 2100

TargetKey = tuple[str, int]


def first_editable_year(catalog: Catalog) -> int:
    """Return the first year whose targets the region sets: the one after the catalogue's last target."""
    years = [year for indicator in catalog.indicators.values() for year in indicator.targets]
    return (max(years) if years else catalog.first_year - 1) + 1


def merge_targets(catalog: Catalog, targets: Mapping[TargetKey, float]) -> Catalog:
    """Return the catalogue with ``targets`` ({(indicator code, year): value}) added to its indicators'."""
    if not targets:
        return catalog
    by_indicator: dict[str, dict[int, float]] = {}
    for (code, year), value in targets.items():
        if code in catalog.indicators:
            by_indicator.setdefault(code, {})[year] = value

    indicators = dict(catalog.indicators)
    for code, extra in by_indicator.items():
        indicator = indicators[code]
        merged = dict(sorted({**indicator.targets, **extra}.items()))
        indicators[code] = dataclasses.replace(indicator, targets=MappingProxyType(merged))
    return dataclasses.replace(catalog, indicators=MappingProxyType(indicators))


def read_targets(session: Session) -> dict[TargetKey, float]:
    """Return the targets stored in the database: {(indicator code, year): value}."""
    rows = session.execute(select(TargetValue.indicator_code, TargetValue.year, TargetValue.value))
    return {(code, year): value for code, year, value in rows}


def effective_catalog(context: AppContext) -> Catalog:
    """Return the catalogue with the stored targets for later years merged in."""
    with context.database.transaction() as session:
        return catalog_for_session(context.catalog, session)


def catalog_for_session(catalog: Catalog, session: Session) -> Catalog:
    """Return ``catalog`` with the targets stored in the session's database merged in."""
    return merge_targets(catalog, read_targets(session))


def list_targets(context: AppContext) -> dict[TargetKey, float]:
    """Return the targets stored for years after the programme's own."""
    with context.database.transaction() as session:
        return read_targets(session)


def validate_target(catalog: Catalog, code: str, year: int, value: float | None) -> float | None:
    """Check one target typed by the region; return it as a float, or None to remove it."""
    indicator = catalog.indicators.get(code)
    if indicator is None:
        raise InvalidInputError(
            f"Неизвестный код показателя «{code}». Список показателей выводит команда «proforient catalog»."
        )
    first_year = first_editable_year(catalog)
    if isinstance(year, bool) or not isinstance(year, int) or not first_year <= year <= LAST_TARGET_YEAR:
        raise InvalidInputError(
            f"{indicator.label}: год «{year}» недопустим. Целевые значения на 2022–{first_year - 1} годы "
            f"установлены программой; укажите год от {first_year} до {LAST_TARGET_YEAR}."
        )
    if value is None:
        return None

    maximum = MAX_SHARE_TARGET if indicator.is_share else MAX_COUNT_TARGET
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) \
            or not 0 <= value <= maximum:
        unit = "%" if indicator.is_share else indicator.unit
        raise InvalidInputError(
            f"{indicator.label}, {year} г.: целевое значение «{value}» недопустимо; "
            f"укажите число от 0 до {maximum:g} ({unit})."
        )
    return float(value)


def set_targets(context: AppContext, values: Mapping[TargetKey, float | None]) -> int:
    """Save the region's targets in one transaction (``None`` removes one); return how many changed.

    Every value is checked before anything is written.
    """
    catalog = context.catalog
    checked = {(code, year): validate_target(catalog, code, year, value) for (code, year), value in values.items()}

    with context.database.transaction() as session:
        installation = require_installation(session)
        if installation.role is not Role.REGION:
            raise UserError(
                "Целевые значения на новые годы устанавливает региональный оператор; остальные уровни "
                "получают их в файле обновления справочника от региона."
            )
        changes = write_targets(session, checked, source="entry", issuer_code=installation.organisation_code)
        if changes:
            audit.record(session, context.operator, "targets_set", installation.organisation_code,
                         changes={f"{code}:{year}": list(change) for (code, year), change in changes.items()})

    log.info("Targets saved: %d changed", len(changes))
    return len(changes)


def write_targets(session: Session, values: Mapping[TargetKey, float | None], *, source: str,
                  issuer_code: str) -> dict[TargetKey, tuple[float | None, float | None]]:
    """Apply already checked targets and return what changed: {(code, year): (old, new)}."""
    current = {(row.indicator_code, row.year): row for row in session.scalars(select(TargetValue))}
    changes = {}
    for key, value in values.items():
        row = current.get(key)
        old = row.value if row is not None else None
        if old == value:
            continue
        changes[key] = (old, value)
        if value is None:
            session.execute(delete(TargetValue).where(TargetValue.id == row.id))
        elif row is None:
            session.add(TargetValue(indicator_code=key[0], year=key[1], value=value, source=source,
                                    issuer_code=issuer_code))
        else:
            row.value = value
            row.source = source
            row.issuer_code = issuer_code
    session.flush()
    return changes
