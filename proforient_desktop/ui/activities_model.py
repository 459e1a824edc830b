"""Table model of activity records that filters and sorts its own rows.

The model keeps the plain rows of ``services.activities.activity_rows()``
(tuples in the order of ``ROW_COLUMNS``) and filters and sorts them in Python
with list comprehensions and ``list.sort()``, then notifies the view with one
layout change. A ``QSortFilterProxyModel`` would call ``filterAcceptsRow()``
or ``data()`` from C++ for every row and every comparison, which takes a large
part of a second for 10,000 rows. The sort keys of text columns and the
search texts are built on first use and then kept up to date row by row.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from typing import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from proforient_desktop.catalog import Catalog
from proforient_desktop.domain.sort_keys import natural_key
from proforient_desktop.services.activities import ROW_COLUMNS, ActivityRecord

UID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)

(COLUMN_DATE, COLUMN_MEASURE, COLUMN_TITLE, COLUMN_FORMAT, COLUMN_TOTAL, COLUMN_SEN, COLUMN_GRADES,
 COLUMN_PARTNERS) = range(8)

_FIELD = {name: position for position, name in enumerate(ROW_COLUMNS)}
_UID = _FIELD["uid"]
_HELD_ON = _FIELD["held_on"]
_MEASURE = _FIELD["measure_code"]

_held_on = operator.itemgetter(_HELD_ON)
_uid_of = operator.itemgetter(_UID)

# The row field shown in each column.
_COLUMN_FIELDS = tuple(_FIELD[name] for name in (
    "held_on", "measure_code", "title", "format", "participants_total", "participants_sen", "grade_band",
    "partners"))
_NUMBER_COLUMNS = (COLUMN_TOTAL, COLUMN_SEN)
_TOOLTIP_COLUMNS = (COLUMN_TITLE, COLUMN_PARTNERS)
_SEARCH_FIELDS = tuple(_FIELD[name] for name in (
    "title", "format", "partners", "note", "grade_band", "measure_code"))

_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def row_of(record: ActivityRecord) -> tuple:
    """Return the table row of ``record``, in the order of ``ROW_COLUMNS``."""
    draft = record.draft
    return (record.uid, *(getattr(draft, name) for name in ROW_COLUMNS[1:]))


class ActivitiesModel(QAbstractTableModel):
    """The organisation's activities of the chosen year, measure and text, one per row, in the chosen order."""

    record_saved = Signal(str)
    """Emitted with the uid after a record is added, restored or changed, once the rows are in place."""

    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        # Every row in date order (ties in the order of saving); sorting is stable, so equal
        # keys keep that order.
        self._rows: list[Sequence] = []
        self._sorted: list[Sequence] = []
        self._visible_rows: list[Sequence] = []
        self._text_keys: dict[int, dict[str, str]] = {}
        # The rows sorted by each (column, order) asked for since the rows last changed.
        self._orders: dict[tuple[int, Qt.SortOrder], list[Sequence]] = {}
        self._search_texts: dict[str, str] | None = None
        self._year: int | None = None
        self._measure_code: str | None = None
        self._text = ""
        self._sort_column = COLUMN_DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = [
            self.tr("Date"), self.tr("Measure"), self.tr("Title"), self.tr("Format"), self.tr("Participants"),
            self.tr("With SEN"), self.tr("Grades"), self.tr("Partners"),
        ]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible_rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY_ROLE):
        # A view calls this for about seven roles of every painted cell, so the common roles come first
        # and compare as plain ints.
        if not index.isValid():
            return None
        if role == _DISPLAY_ROLE:
            return _display(self._visible_rows[index.row()], index.column())
        if role == _ALIGNMENT_ROLE:
            return _RIGHT_ALIGNED if index.column() in _NUMBER_COLUMNS else None
        if role == _TOOLTIP_ROLE:
            return self._tooltip(self._visible_rows[index.row()], index.column())
        if role == UID_ROLE:
            return self._visible_rows[index.row()][_UID]
        return None

    def _tooltip(self, row: Sequence, column: int) -> str | None:
        if column == COLUMN_MEASURE:
            measure = self._catalog.measures.get(row[_MEASURE])
            return measure.title if measure else None
        if column in _TOOLTIP_COLUMNS:
            return row[_COLUMN_FIELDS[column]] or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            # Column -1 requests the model's own order, which is the date order.
            column, order = COLUMN_DATE, Qt.SortOrder.AscendingOrder
        # QTableView.sortByColumn() sorts twice when the sort indicator moves (seen with Qt 6.12), and the rows
        # are always kept in the current order, so a repeated request has nothing to do.
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column = column
        self._sort_order = order
        self._change_layout(self._resort)

    def set_year(self, year: int | None) -> None:
        """Show only the activities held in ``year``, or those of every year for None."""
        self._year = year
        self._change_layout(lambda: None)

    def set_measure(self, measure_code: str | None) -> None:
        """Show only the activities of one measure, or those of every measure for None."""
        self._measure_code = measure_code
        self._change_layout(lambda: None)

    def set_text(self, text: str) -> None:
        """Show only the activities whose title, format, partners, note, grades or measure contain ``text``."""
        self._text = text.strip().casefold()
        self._change_layout(lambda: None)

    def set_rows(self, rows: Sequence[Sequence]) -> None:
        """Replace every row by ``rows`` (of ``ROW_COLUMNS``), keeping the filters and the order."""
        self.beginResetModel()
        self._rows = sorted(rows, key=_held_on)
        self._orders.clear()
        self._text_keys.clear()
        self._search_texts = None
        self._resort()
        self._visible_rows = self._filtered(self._sorted)
        self.endResetModel()

    def add_record(self, record: ActivityRecord) -> None:
        row = row_of(record)
        self._change_layout(lambda: self._insert(row))
        self.record_saved.emit(record.uid)

    def replace_record(self, record: ActivityRecord) -> None:
        row = row_of(record)

        def replace() -> None:
            self._delete(record.uid)
            self._insert(row)

        self._change_layout(replace)
        self.record_saved.emit(record.uid)

    def remove_record(self, uid: str) -> None:
        self._change_layout(lambda: self._delete(uid))

    def uid_at(self, row: int) -> str:
        return self._visible_rows[row][_UID]

    def row_of_uid(self, uid: str) -> int | None:
        """Return the shown row of the activity ``uid``, or None when the filters hide it."""
        for position, row in enumerate(self._visible_rows):
            if row[_UID] == uid:
                return position
        return None

    def measure_codes_in(self, year: int) -> set[str]:
        """Return the codes of the measures with an activity held in ``year``, shown or not."""
        start = bisect.bisect_left(self._rows, dt.date(year, 1, 1), key=_held_on)
        end = bisect.bisect_left(self._rows, dt.date(year + 1, 1, 1), key=_held_on)
        return {row[_MEASURE] for row in self._rows[start:end]}

    def total_count(self) -> int:
        """Return the number of activities of every year, shown or not."""
        return len(self._rows)

    def _insert(self, row: tuple) -> None:
        position = bisect.bisect_right(self._rows, row[_HELD_ON], key=_held_on)
        self._rows.insert(position, row)
        for column, keys in self._text_keys.items():
            keys[row[_UID]] = natural_key(row[_COLUMN_FIELDS[column]])
        if self._search_texts is not None:
            self._search_texts[row[_UID]] = _search_text(row)
        self._orders.clear()
        self._resort()

    def _delete(self, uid: str) -> None:
        self._rows = [row for row in self._rows if row[_UID] != uid]
        self._sorted = [row for row in self._sorted if row[_UID] != uid]
        self._orders.clear()

    def _resort(self) -> None:
        order = (self._sort_column, self._sort_order)
        if order not in self._orders:
            self._orders[order] = self._sorted_rows()
        self._sorted = self._orders[order]

    def _sorted_rows(self) -> list[Sequence]:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._sort_column == COLUMN_DATE:
            # The rows are kept in date order already.
            return self._rows[::-1] if descending else list(self._rows)

        field = _COLUMN_FIELDS[self._sort_column]
        if self._sort_column in _NUMBER_COLUMNS:
            key: Callable = operator.itemgetter(field)
        else:
            keys = self._keys_of(self._sort_column)
            key = lambda row: keys[row[_UID]]  # noqa: E731
        return sorted(self._rows, key=key, reverse=descending)

    def _keys_of(self, column: int) -> dict[str, str]:
        keys = self._text_keys.get(column)
        if keys is None:
            field = _COLUMN_FIELDS[column]
            keys = {row[_UID]: natural_key(row[field]) for row in self._rows}
            self._text_keys[column] = keys
        return keys

    def _filtered(self, rows: list[Sequence]) -> list[Sequence]:
        if self._year is not None:
            year = self._year
            rows = [row for row in rows if row[_HELD_ON].year == year]
        if self._measure_code is not None:
            measure_code = self._measure_code
            rows = [row for row in rows if row[_MEASURE] == measure_code]
        if self._text:
            text = self._text
            texts = self._texts()
            rows = [row for row in rows if text in texts[row[_UID]]]
        return rows

    def _texts(self) -> dict[str, str]:
        if self._search_texts is None:
            self._search_texts = {row[_UID]: _search_text(row) for row in self._rows}
        return self._search_texts

    def _change_layout(self, change: Callable[[], None]) -> None:
        """Apply ``change`` to the rows, filter them again and move the view's indexes with their records."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        uids = [self._visible_rows[index.row()][_UID] for index in persistent]

        change()
        self._visible_rows = self._filtered(self._sorted)

        if persistent:
            new_rows = _positions(self._visible_rows, uids)
            moved = [
                self.index(new_rows[uid], index.column()) if uid in new_rows else QModelIndex()
                for uid, index in zip(uids, persistent)
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


def _positions(rows: list[Sequence], uids: list[str]) -> dict[str, int]:
    """Return the positions in ``rows`` of those of the rows with ``uids`` that are there."""
    # The view's persistent indexes are usually the cells of one or two rows, so a search in C
    # for each uid is faster than a Python loop over all rows.
    row_uids = list(map(_uid_of, rows))
    positions: dict[str, int] = {}
    for uid in set(uids):
        try:
            positions[uid] = row_uids.index(uid)
        except ValueError:
            pass
    return positions


def _display(row: Sequence, column: int) -> str:
    value = row[_COLUMN_FIELDS[column]]
    if column == COLUMN_DATE:
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    if column in _NUMBER_COLUMNS:
        return str(value)
    if column == COLUMN_PARTNERS:
        return value.replace("\n", "; ")
    return value


def _search_text(row: Sequence) -> str:
    title, format_, partners, note, grade_band, measure_code = (row[field] for field in _SEARCH_FIELDS)
    return f"{title}\t{format_}\t{partners}\t{note}\t{grade_band}\t{measure_code}".casefold()

