"""Table model of activity records that filters and sorts its own rows.

The model keeps one plain row per activity: either the whole row of
``services.activities.activity_rows()`` (a tuple in the order of
``ROW_COLUMNS``), or only its ``KEY_COLUMNS`` (uid, measure and date, the first
three). It filters and sorts them in Python with list comprehensions and
``list.sort()``, then notifies the view with one layout change. A
``QSortFilterProxyModel`` would call ``filterAcceptsRow()`` or ``data()`` from
C++ for every row and every comparison, which takes a large part of a second
for 10,000 rows.

With key rows, the other columns are read through a loader when they are
needed: those of the shown rows a page at a time, those a sort or a search
compares for every row in one query. The sort keys of text columns and the
search texts are built on first use and then kept up to date row by row.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import operator
import time
from typing import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from proforient_desktop.catalog import Catalog
from proforient_desktop.domain.sort_keys import natural_key
from proforient_desktop.errors import UserError
from proforient_desktop.services.activities import KEY_COLUMNS, ROW_COLUMNS, ActivityRecord
from proforient_desktop.ui.activity_rows import (
    COLUMN_DATE, COLUMN_FIELDS, COLUMN_MEASURE, FIELD, HELD_ON, MEASURE, NUMBER_COLUMNS, SEARCH_COLUMNS,
    TOOLTIP_COLUMNS, UID, display_text, held_on_of, positions_of, row_of, search_text, sort_key,
)

log = logging.getLogger(__name__)

# Reads the uid and the columns ``names`` of the activities ``uids`` (of all for None), as
# services.activities.activity_fields() does; a uid deleted meanwhile has no row.
FieldLoader = Callable[[Sequence[str], "Sequence[str] | None"], Sequence[Sequence]]

UID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
# The shown columns whose values a row of KEY_COLUMNS holds.
_KEY_DISPLAY_COLUMNS = (COLUMN_DATE, COLUMN_MEASURE)

# The columns a page load reads, and the values a row deleted meanwhile shows in them.
_DETAIL_COLUMNS = ROW_COLUMNS[len(KEY_COLUMNS):]
_NO_DETAILS = ("", "", 0, 0, "", "", "")
# A page load reads the rows from this many before the first missing shown row to this many after it.
_PAGE_BEFORE = 50
_PAGE_AFTER = 150
# After a page could not be read, the cells wait this long before the next attempt.
_RETRY_SECONDS = 3.0

_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


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
        # The whole row of each activity whose row in _rows holds only the key columns, by uid.
        self._details: dict[str, Sequence] = {}
        self._load_fields: FieldLoader | None = None
        # When reading a page of rows failed (time.monotonic), or None; cleared by the next change of
        # the rows or filters, and tried again after _RETRY_SECONDS.
        self._page_load_failed: float | None = None
        self._sort_keys: dict[int, dict[str, object]] = {}
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
            row = self._whole_row(index.row())
            if row is None:
                # The date and measure are in memory even while the other columns cannot be read.
                key_row = self._visible_rows[index.row()]
                return display_text(key_row, index.column()) if index.column() in _KEY_DISPLAY_COLUMNS else None
            return display_text(row, index.column())
        if role == _ALIGNMENT_ROLE:
            return _RIGHT_ALIGNED if index.column() in NUMBER_COLUMNS else None
        if role == _TOOLTIP_ROLE:
            row = self._whole_row(index.row())
            return None if row is None else self._tooltip(row, index.column())
        if role == UID_ROLE:
            return self._visible_rows[index.row()][UID]
        return None

    def _whole_row(self, position: int) -> Sequence | None:
        """Return the row shown at ``position`` with every column, or None when it cannot be read."""
        row = self._visible_rows[position]
        if self._load_fields is None:
            return row
        whole = self._details.get(row[UID])
        if whole is None:
            self._load_page(position)
            whole = self._details.get(row[UID])
        return whole

    def _load_page(self, position: int) -> None:
        if self._page_load_failed is not None:
            if time.monotonic() - self._page_load_failed < _RETRY_SECONDS:
                # Every cell of a paint asks for its row, and each query would wait out a busy database again.
                return
            self._page_load_failed = None
        start = max(0, position - _PAGE_BEFORE)
        rows = [row for row in self._visible_rows[start:position + _PAGE_AFTER] if row[UID] not in self._details]
        fetched = self._fetch(_DETAIL_COLUMNS, [row[UID] for row in rows])
        if fetched is None:
            self._page_load_failed = time.monotonic()
            # Repaint once the pause is over, so the cells fill in without the user having to scroll.
            QTimer.singleShot(int(_RETRY_SECONDS * 1000) + 50, self._repaint_all)
            return
        details = {found[0]: tuple(found[1:]) for found in fetched}
        for row in rows:
            # The key columns come from the row itself, so a record changed elsewhere since the rows
            # were read still shows the date and measure it is filtered and sorted by.
            self._details[row[UID]] = (*row[:len(KEY_COLUMNS)], *details.get(row[UID], _NO_DETAILS))

    def _repaint_all(self) -> None:
        if self._visible_rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._visible_rows) - 1, len(self._headers) - 1))

    def _fetch(self, names: Sequence[str], uids: Sequence[str] | None) -> Sequence[Sequence] | None:
        try:
            return self._load_fields(names, uids)
        except UserError as error:
            # A view asks for data while painting, where an error dialog cannot open, so the cells stay
            # empty until the next attempt.
            log.warning("Could not read activity columns %s: %s", ", ".join(names), error.message)
            return None

    def _columns_of_all(self, names: Sequence[str]) -> list[Sequence] | None:
        """Return (uid, *columns ``names``) of every activity, from memory or in one query.

        Returns None when the query fails. A row deleted since the rows were read is missing.
        """
        fields = [FIELD[name] for name in names]
        if self._load_fields is None or all(field < len(KEY_COLUMNS) for field in fields):
            return [(row[UID], *(row[field] for field in fields)) for row in self._rows]

        # A row deleted meanwhile has no values here; the callers sort and search it by empty ones.
        return self._fetch(names, None)

    def _tooltip(self, row: Sequence, column: int) -> str | None:
        if column == COLUMN_MEASURE:
            measure = self._catalog.measures.get(row[MEASURE])
            return measure.title if measure else None
        if column in TOOLTIP_COLUMNS:
            return row[COLUMN_FIELDS[column]] or None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            # Column -1 requests the model's own order, which is the date order.
            column, order = COLUMN_DATE, Qt.SortOrder.AscendingOrder
        # QTableView.sortByColumn() sorts twice when the sort indicator moves (seen with Qt 6.12), and the rows
        # are always kept in the current order, so a repeated request has nothing to do, unless the
        # columns it compares could not be read last time.
        if (column, order) == (self._sort_column, self._sort_order) and (column, order) in self._orders:
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
        self._reset(rows, None)

    def set_keys(self, rows: Sequence[Sequence], load_fields: FieldLoader) -> None:
        """Replace every row by ``rows`` of ``KEY_COLUMNS``, keeping the filters and the order.

        ``load_fields`` reads the other columns when the view shows a row or a sort or search needs them.
        """
        self._reset(rows, load_fields)

    def _reset(self, rows: Sequence[Sequence], load_fields: FieldLoader | None) -> None:
        self.beginResetModel()
        self._load_fields = load_fields
        self._page_load_failed = None
        self._details = {}
        self._rows = sorted(rows, key=held_on_of)
        self._orders.clear()
        self._sort_keys.clear()
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
        return self._visible_rows[row][UID]

    def row_of_uid(self, uid: str) -> int | None:
        """Return the shown row of the activity ``uid``, or None when the filters hide it."""
        for position, row in enumerate(self._visible_rows):
            if row[UID] == uid:
                return position
        return None

    def measure_codes_in(self, year: int) -> set[str]:
        """Return the codes of the measures with an activity held in ``year``, shown or not."""
        start = bisect.bisect_left(self._rows, dt.date(year, 1, 1), key=held_on_of)
        end = bisect.bisect_left(self._rows, dt.date(year + 1, 1, 1), key=held_on_of)
        return {row[MEASURE] for row in self._rows[start:end]}

    def total_count(self) -> int:
        """Return the number of activities of every year, shown or not."""
        return len(self._rows)

    def _insert(self, row: tuple) -> None:
        position = bisect.bisect_right(self._rows, row[HELD_ON], key=held_on_of)
        if self._load_fields is not None:
            self._details[row[UID]] = row
        self._rows.insert(position, row)
        for column, keys in self._sort_keys.items():
            keys[row[UID]] = sort_key(column, row[COLUMN_FIELDS[column]])
        if self._search_texts is not None:
            self._search_texts[row[UID]] = search_text(tuple(row[FIELD[name]] for name in SEARCH_COLUMNS))
        self._orders.clear()
        self._resort()

    def _delete(self, uid: str) -> None:
        self._rows = [row for row in self._rows if row[UID] != uid]
        self._sorted = [row for row in self._sorted if row[UID] != uid]
        self._details.pop(uid, None)
        self._orders.clear()

    def _resort(self) -> None:
        order = (self._sort_column, self._sort_order)
        if order not in self._orders:
            rows = self._sorted_rows()
            if rows is None:
                # The rows stay in date order, and the order is not kept, so the next request tries again.
                self._sorted = list(self._rows)
                return
            self._orders[order] = rows
        self._sorted = self._orders[order]

    def _sorted_rows(self) -> list[Sequence] | None:
        """Return the rows in the current order, or None when the compared columns cannot be read."""
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._sort_column == COLUMN_DATE:
            # The rows are kept in date order already.
            return self._rows[::-1] if descending else list(self._rows)

        if self._sort_column in NUMBER_COLUMNS and self._load_fields is None:
            key: Callable = operator.itemgetter(COLUMN_FIELDS[self._sort_column])
        else:
            keys = self._keys_of(self._sort_column)
            if keys is None:
                return None
            blank = sort_key(self._sort_column, 0 if self._sort_column in NUMBER_COLUMNS else "")
            key = lambda row: keys.get(row[UID], blank)  # noqa: E731
        return sorted(self._rows, key=key, reverse=descending)

    def _keys_of(self, column: int) -> dict[str, object] | None:
        keys = self._sort_keys.get(column)
        if keys is None:
            values = self._columns_of_all((ROW_COLUMNS[COLUMN_FIELDS[column]],))
            if values is None:
                return None
            if column in NUMBER_COLUMNS:
                keys = {uid: value for uid, value in values}
            else:
                keys = {uid: natural_key(value) for uid, value in values}
            self._sort_keys[column] = keys
        return keys

    def _filtered(self, rows: list[Sequence]) -> list[Sequence]:
        if self._year is not None:
            year = self._year
            rows = [row for row in rows if row[HELD_ON].year == year]
        if self._measure_code is not None:
            measure_code = self._measure_code
            rows = [row for row in rows if row[MEASURE] == measure_code]
        if self._text:
            text = self._text
            texts = self._texts()
            rows = [row for row in rows if text in texts.get(row[UID], "")]
        return rows

    def _texts(self) -> dict[str, str]:
        if self._search_texts is None:
            values = self._columns_of_all(SEARCH_COLUMNS)
            if values is None:
                # Nothing matches; the next change of the search text tries the query again.
                return {}
            self._search_texts = {row[0]: search_text(row[1:]) for row in values}
        return self._search_texts

    def _change_layout(self, change: Callable[[], None]) -> None:
        """Apply ``change`` to the rows, filter them again and move the view's indexes with their records."""
        self.layoutAboutToBeChanged.emit()
        self._page_load_failed = None
        persistent = self.persistentIndexList()
        uids = [self._visible_rows[index.row()][UID] for index in persistent]

        change()
        self._visible_rows = self._filtered(self._sorted)

        if persistent:
            new_rows = positions_of(self._visible_rows, uids, [index.row() for index in persistent])
            moved = [
                self.index(new_rows[uid], index.column()) if uid in new_rows else QModelIndex()
                for uid, index in zip(uids, persistent)
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
