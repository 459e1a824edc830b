"""Rows of the activities table: the columns, the texts of cells, sort keys and search texts.

A row is a tuple in the order of ``services.activities.ROW_COLUMNS``, or only its first
``KEY_COLUMNS`` where the rest is not read yet.
"""

from __future__ import annotations

import operator
from typing import Sequence

from proforient_desktop.domain.sort_keys import natural_key
from proforient_desktop.services.activities import ROW_COLUMNS, ActivityRecord

(COLUMN_DATE, COLUMN_MEASURE, COLUMN_TITLE, COLUMN_FORMAT, COLUMN_TOTAL, COLUMN_SEN, COLUMN_GRADES,
 COLUMN_PARTNERS) = range(8)

FIELD = {name: position for position, name in enumerate(ROW_COLUMNS)}
UID = FIELD["uid"]
HELD_ON = FIELD["held_on"]
MEASURE = FIELD["measure_code"]

held_on_of = operator.itemgetter(HELD_ON)
uid_of = operator.itemgetter(UID)

# The row field shown in each column.
COLUMN_FIELDS = tuple(FIELD[name] for name in (
    "held_on", "measure_code", "title", "format", "participants_total", "participants_sen", "grade_band",
    "partners"))
NUMBER_COLUMNS = (COLUMN_TOTAL, COLUMN_SEN)
TOOLTIP_COLUMNS = (COLUMN_TITLE, COLUMN_PARTNERS)
SEARCH_COLUMNS = ("title", "format", "partners", "note", "grade_band", "measure_code")


def row_of(record: ActivityRecord) -> tuple:
    """Return the table row of ``record``, in the order of ``ROW_COLUMNS``."""
    draft = record.draft
    return (record.uid, *(getattr(draft, name) for name in ROW_COLUMNS[1:]))


def positions_of(rows: list[Sequence], uids: list[str], old_positions: list[int]) -> dict[str, int]:
    """Return the positions in ``rows`` of those of the rows with ``uids`` that are there.

    ``old_positions`` are the positions the uids had before the change, which many changes keep.
    """
    positions: dict[str, int] = {}
    for uid, position in zip(uids, old_positions):
        if position < len(rows) and rows[position][UID] == uid:
            positions[uid] = position
    missing = set(uids) - positions.keys()
    if not missing:
        return positions

    # The view's persistent indexes are usually the cells of one or two rows, so a search in C
    # for each uid is faster than a Python loop over all rows.
    row_uids = list(map(uid_of, rows))
    for uid in missing:
        try:
            positions[uid] = row_uids.index(uid)
        except ValueError:
            pass
    return positions


def display_text(row: Sequence, column: int) -> str:
    value = row[COLUMN_FIELDS[column]]
    if column == COLUMN_DATE:
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    if column in NUMBER_COLUMNS:
        return str(value)
    if column == COLUMN_PARTNERS:
        return value.replace("\n", "; ")
    return value


def sort_key(column: int, value):
    return value if column in NUMBER_COLUMNS else natural_key(value)


def search_text(values: Sequence[str]) -> str:
    """Return the casefolded text that a search looks in, from the ``SEARCH_COLUMNS`` of one activity."""
    return "\t".join(values).casefold()

