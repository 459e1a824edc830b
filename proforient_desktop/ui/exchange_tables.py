"""The tables of the exchange screen: organisations and their packages, rejected files, trusted keys."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget, \
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget

from proforient_desktop.domain.sort_keys import natural_key
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.exchange_journal import recent_rejections
from proforient_desktop.services.keys import list_trusted_keys
from proforient_desktop.services.submissions import list_submissions

# Widest «Code» column (of both tables) and «Sent via» column; the full text is in the cell's tooltip.
# A ten-digit code fits in the first. The second fits the longest territory name of the Khabarovsk Krai,
# which is all it shows of a name like «Управление образования: Амурский».
CODE_COLUMN_WIDTH = 110
VIA_COLUMN_WIDTH = 220
CREATED_COLUMN = 6

# Generic beginnings of municipal authorities' names, as in «Управление образования: Амурский». The
# «Sent via» column shows only the territory after them and keeps the whole name in its tooltip.
GENERIC_NAME_PREFIXES = ("Управление образования: ", "Орган управления образованием: ")

KIND_TITLES = {
    "school": QT_TRANSLATE_NOOP("ExchangeTables", "school"),
    "college": QT_TRANSLATE_NOOP("ExchangeTables", "college"),
    "municipality": QT_TRANSLATE_NOOP("ExchangeTables", "municipality"),
    "region": QT_TRANSLATE_NOOP("ExchangeTables", "region"),
}
STATUS_TITLES = {
    "received": QT_TRANSLATE_NOOP("ExchangeTables", "received"),
    "no_package": QT_TRANSLATE_NOOP("ExchangeTables", "no package yet"),
    "key_retired": QT_TRANSLATE_NOOP("ExchangeTables", "key retired, waiting for a new key"),
}
VIA_TITLES = {
    "key_card": QT_TRANSLATE_NOOP("ExchangeTables", "from a key card"),
    "first_package": QT_TRANSLATE_NOOP("ExchangeTables", "on the first package"),
    "replacement": QT_TRANSLATE_NOOP("ExchangeTables", "key replacement"),
    "vouched": QT_TRANSLATE_NOOP("ExchangeTables", "confirmed by the municipality"),
    "restore": QT_TRANSLATE_NOOP("ExchangeTables", "from own package"),
}


def local_time(moment: dt.datetime | None) -> str:
    """Format a stored moment (UTC, possibly without its zone, as SQLite returns it) in local time."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def _sender_time(text: str) -> str:
    try:
        return local_time(dt.datetime.fromisoformat(text)) if text else ""
    except ValueError:
        return text


def _translate(text: str) -> str:
    return QCoreApplication.translate("ExchangeTables", text)


def _table(parent: QWidget, headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _cap_width(table: QTableWidget, column: int, width: int) -> None:
    table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    table.setColumnWidth(column, min(table.sizeHintForColumn(column), width))


class _ShortName(str):
    """An official name shown without its generic beginning; ``full`` is the whole name, for the tooltip."""

    def __new__(cls, name: str) -> _ShortName:
        shown = name
        for prefix in GENERIC_NAME_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                shown = name[len(prefix):]
                break
        short = super().__new__(cls, shown)
        short.full = name
        return short


class _Moment(str):
    """A moment shown in local time that sorts by the moment itself, not by its day-first text."""

    def __new__(cls, moment: dt.datetime | None) -> _Moment:
        shown = super().__new__(cls, local_time(moment))
        shown.key = moment.isoformat() if moment is not None else ""
        return shown


class _NaturalItem(QTableWidgetItem):
    """A cell that sorts by ``natural_key``, so «Школа № 2» comes before «Школа № 10»."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._key = text.key if isinstance(text, _Moment) else natural_key(text)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _NaturalItem):
            return self._key < other._key
        return super().__lt__(other)


def _fill(table: QTableWidget, rows: list[tuple], first_order=Qt.SortOrder.AscendingOrder) -> None:
    header = table.horizontalHeader()
    # The first fill opens in ``first_order`` by the first column; later fills keep the order the user chose.
    if not table.isSortingEnabled():
        header.setSortIndicator(0, first_order)
    column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()

    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column_number, value in enumerate(values):
            if not isinstance(value, (_Moment, _ShortName)):
                value = "" if value is None else str(value)
            item = _NaturalItem(value)
            item.setToolTip(value.full if isinstance(value, _ShortName) else item.text())
            table.setItem(row, column_number, item)

    table.setSortingEnabled(True)
    table.sortItems(column, order)


class ExchangeTables(QTabWidget):
    """Three tabs; key actions are asked of the screen by signals."""

    trust_card_requested = Signal()
    replace_key_requested = Signal(str, str)
    retire_key_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submissions = _table(self, [
            self.tr("Organisation"), self.tr("Code"), self.tr("Kind"), self.tr("Sent via"), self.tr("Package No."),
            self.tr("Received"), self.tr("Created\nby the sender"), self.tr("Status"),
        ], stretch=0)
        self.submissions.horizontalHeaderItem(CREATED_COLUMN).setToolTip(
            self.tr("When the sender created the package, by the clock of the sender's computer"))
        # One line per organisation; an official name that does not fit keeps its distinctive end
        # («…Амурский (демо)»), and the whole name is in the tooltip.
        self.submissions.setWordWrap(False)
        self.submissions.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.rejections = _table(self, [self.tr("When"), self.tr("File"), self.tr("Organisation code"),
                                        self.tr("Reason")], stretch=3)
        self.rejections.setWordWrap(True)
        self.keys = _table(self, [
            self.tr("Organisation"), self.tr("Code"), self.tr("Fingerprint"), self.tr("Registered"),
            self.tr("Date"), self.tr("State"),
        ], stretch=0)
        self.keys.setWordWrap(False)
        self.keys.setTextElideMode(Qt.TextElideMode.ElideMiddle)

        self.trust_button = QPushButton(self.tr("&Register a key card…"), self)
        self.replace_button = QPushButton(self.tr("Re&place key…"), self)
        self.retire_button = QPushButton(self.tr("Re&tire key…"), self)
        keys_page = QWidget(self)
        key_buttons = QHBoxLayout()
        for button in (self.trust_button, self.replace_button, self.retire_button):
            key_buttons.addWidget(button)
        key_buttons.addStretch(1)
        keys_layout = QVBoxLayout(keys_page)
        keys_layout.addLayout(key_buttons)
        keys_layout.addWidget(self.keys, 1)

        self.addTab(self.submissions, self.tr("Organisations"))
        self.addTab(self.rejections, self.tr("Rejected files"))
        self.addTab(keys_page, self.tr("Trusted keys"))

        self.trust_button.clicked.connect(self.trust_card_requested)
        self.replace_button.clicked.connect(self._on_replace_clicked)
        self.retire_button.clicked.connect(self._on_retire_clicked)
        self.keys.itemSelectionChanged.connect(self._update_key_buttons)
        self._update_key_buttons()

    def reload(self, context: AppContext) -> None:
        _fill(self.submissions, [
            (row.organisation_name, row.organisation_code, _translate(KIND_TITLES.get(row.kind, row.kind)),
             _ShortName(row.via) if row.via else self.tr("directly"), row.sequence, _Moment(row.received_at),
             _sender_time(row.sender_created_at), _translate(STATUS_TITLES[row.status]))
            for row in list_submissions(context)
        ])
        # A long code or municipality name would otherwise squeeze the organisation names to a few letters.
        _cap_width(self.submissions, 1, CODE_COLUMN_WIDTH)
        _cap_width(self.submissions, 3, VIA_COLUMN_WIDTH)
        rejections = recent_rejections(context)
        # The newest rejection first, as the journal lists them.
        _fill(self.rejections, [(_Moment(item.at), item.file_name, item.organisation_code, item.message)
                                for item in rejections], Qt.SortOrder.DescendingOrder)
        QTimer.singleShot(0, self.rejections, self.rejections.resizeRowsToContents)
        self.setTabText(1, self.tr("Rejected files (%1)").replace("%1", str(len(rejections))))

        keys = list_trusted_keys(context)
        _fill(self.keys, [
            (key.organisation_name, key.organisation_code, key.fingerprint,
             _translate(VIA_TITLES.get(key.registered_via, key.registered_via)), _Moment(key.registered_at),
             self.tr("valid") if key.retired_at is None else self.tr("retired: %1").replace("%1", key.retired_reason))
            for key in keys
        ])
        _cap_width(self.keys, 1, CODE_COLUMN_WIDTH)
        self._update_key_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Row heights follow the wrapped reasons once the layout has given the columns their widths.
        QTimer.singleShot(0, self.rejections, self.rejections.resizeRowsToContents)

    def selected_key_organisation(self) -> tuple[str, str] | None:
        rows = self.keys.selectionModel().selectedRows()
        if not rows:
            return None
        code_item = self.keys.item(rows[0].row(), 1)
        name_item = self.keys.item(rows[0].row(), 0)
        return (code_item.text(), name_item.text()) if code_item and name_item else None

    def _update_key_buttons(self) -> None:
        selected = self.selected_key_organisation() is not None
        self.replace_button.setEnabled(selected)
        self.retire_button.setEnabled(selected)

    def _on_replace_clicked(self) -> None:
        selected = self.selected_key_organisation()
        if selected is not None:
            self.replace_key_requested.emit(*selected)

    def _on_retire_clicked(self) -> None:
        selected = self.selected_key_organisation()
        if selected is not None:
            self.retire_key_requested.emit(*selected)
