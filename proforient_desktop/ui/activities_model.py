"""Table model of activity records and the proxy that sorts and filters them.

The source model sorts its own list with Python's ``list.sort`` and the proxy
forwards ``sort()`` to it, because a proxy sort would call ``data()`` from
C++ for every comparison, which takes seconds for 10,000 rows. The filter
reads the records and a cached search text instead of the shown cells.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from proforient_desktop.catalog import Catalog
from proforient_desktop.services.activities import ActivityRecord

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

(COLUMN_DATE, COLUMN_MEASURE, COLUMN_TITLE, COLUMN_FORMAT, COLUMN_TOTAL, COLUMN_SEN, COLUMN_GRADES,
 COLUMN_PARTNERS) = range(8)

_NUMBER_COLUMNS = (COLUMN_TOTAL, COLUMN_SEN)
_TEXT_FIELDS = {COLUMN_MEASURE: "measure_code", COLUMN_TITLE: "title", COLUMN_FORMAT: "format",
                COLUMN_GRADES: "grade_band"}


class ActivitiesModel(QAbstractTableModel):
    """The organisation's activity records, one per row."""

    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._records: list[ActivityRecord] = []
        self._search_texts: list[str] = []
        self._sort_column = COLUMN_DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = [
            self.tr("Date"), self.tr("Measure"), self.tr("Title"), self.tr("Format"), self.tr("Participants"),
            self.tr("With SEN"), self.tr("Grades"), self.tr("Partners"),
        ]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == SORT_ROLE:
            key = self._sort_key(record, column)
            return key.isoformat() if column == COLUMN_DATE else key
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and column == COLUMN_MEASURE:
            measure = self._catalog.measures.get(record.draft.measure_code)
            return measure.title if measure else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, record: ActivityRecord, column: int) -> str:
        draft = record.draft
        if column == COLUMN_DATE:
            return draft.held_on.strftime("%d.%m.%Y")
        if column == COLUMN_TOTAL:
            return str(draft.participants_total)
        if column == COLUMN_SEN:
            return str(draft.participants_sen)
        if column == COLUMN_PARTNERS:
            return draft.partners.replace("\n", "; ")
        return getattr(draft, _TEXT_FIELDS[column])

    def _sort_key(self, record: ActivityRecord, column: int):
        draft = record.draft
        if column == COLUMN_DATE:
            return draft.held_on
        if column == COLUMN_MEASURE:
            return tuple(int(part) for part in draft.measure_code.split(".") if part.isdigit())
        if column == COLUMN_TOTAL:
            return draft.participants_total
        if column == COLUMN_SEN:
            return draft.participants_sen
        return self._display(record, column).casefold()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        old_rows = {record.uid: row for row, record in enumerate(self._records)}
        pairs = sorted(zip(self._records, self._search_texts), key=lambda pair: self._sort_key(pair[0], column),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self._records = [record for record, _ in pairs]
        self._search_texts = [text for _, text in pairs]
        self._move_persistent_indexes(old_rows)
        self.layoutChanged.emit()

    def _move_persistent_indexes(self, old_rows: dict[str, int]) -> None:
        # Keeps the selection on the same records after sorting.
        new_rows = {old_rows[record.uid]: row for row, record in enumerate(self._records)}
        old_indexes = self.persistentIndexList()
        new_indexes = [self.index(new_rows[index.row()], index.column()) for index in old_indexes]
        self.changePersistentIndexList(old_indexes, new_indexes)

    def records(self) -> list[ActivityRecord]:
        return list(self._records)

    def record_at(self, row: int) -> ActivityRecord:
        return self._records[row]

    def search_text_at(self, row: int) -> str:
        """Return the casefolded texts of the row that the free-text filter searches."""
        return self._search_texts[row]

    def set_records(self, records: list[ActivityRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._search_texts = [_search_text(record) for record in self._records]
        self.endResetModel()
        self.sort(self._sort_column, self._sort_order)

    def add_record(self, record: ActivityRecord) -> None:
        row = len(self._records)
        self.beginInsertRows(QModelIndex(), row, row)
        self._records.append(record)
        self._search_texts.append(_search_text(record))
        self.endInsertRows()

    def replace_record(self, record: ActivityRecord) -> None:
        row = self._row_of(record.uid)
        if row is None:
            return
        self._records[row] = record
        self._search_texts[row] = _search_text(record)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def remove_record(self, uid: str) -> None:
        row = self._row_of(uid)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._records[row]
        del self._search_texts[row]
        self.endRemoveRows()

    def _row_of(self, uid: str) -> int | None:
        for row, record in enumerate(self._records):
            if record.uid == uid:
                return row
        return None


class ActivitiesFilter(QSortFilterProxyModel):
    """Keeps rows of one year (or all), one measure (or all) and containing a text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._year: int | None = None
        self._measure_code: str | None = None
        self._text = ""
        self.setSortRole(SORT_ROLE)
        # Rows keep the source model's order, which its own sort() sets.
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def set_year(self, year: int | None) -> None:
        self._change_filter("_year", year)

    def set_measure(self, measure_code: str | None) -> None:
        self._change_filter("_measure_code", measure_code)

    def set_text(self, text: str) -> None:
        self._change_filter("_text", text.strip().casefold())

    def _change_filter(self, attribute: str, value) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() by begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            setattr(self, attribute, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            setattr(self, attribute, value)
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        record = self.sourceModel().record_at(source_row)
        draft = record.draft
        if self._year is not None and draft.held_on.year != self._year:
            return False
        if self._measure_code is not None and draft.measure_code != self._measure_code:
            return False
        if not self._text:
            return True
        return self._text in self.sourceModel().search_text_at(source_row)


def _search_text(record: ActivityRecord) -> str:
    draft = record.draft
    return " ".join((draft.title, draft.format, draft.partners, draft.note, draft.grade_band,
                     draft.measure_code)).casefold()
