"""The live indicators beside the counts: value, target, status and change."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, \
    QVBoxLayout, QWidget

from proforient_desktop.domain.indicators import IndicatorResult, Status, ValueState, format_value
from proforient_desktop.services.indicators import IndicatorRow

STATUS_TITLES = {
    Status.REACHED: QT_TRANSLATE_NOOP("IndicatorsPanel", "reached"),
    Status.NEAR: QT_TRANSLATE_NOOP("IndicatorsPanel", "near the target"),
    Status.BELOW: QT_TRANSLATE_NOOP("IndicatorsPanel", "not reached"),
    Status.NO_TARGET: QT_TRANSLATE_NOOP("IndicatorsPanel", "no target set"),
    Status.NO_DATA: QT_TRANSLATE_NOOP("IndicatorsPanel", "no data"),
    Status.INCONSISTENT: QT_TRANSLATE_NOOP("IndicatorsPanel", "check the figures"),
}

# Light backgrounds that keep black text readable on old, washed-out screens.
STATUS_COLOURS = {
    Status.REACHED: QColor("#cdeccf"),
    Status.NEAR: QColor("#fbeaa8"),
    Status.BELOW: QColor("#f6c9c9"),
    Status.INCONSISTENT: QColor("#f3d2a2"),
}

PANEL_MIN_WIDTH = 430

COLUMN_LABEL, COLUMN_VALUE, COLUMN_TARGET, COLUMN_CHANGE, COLUMN_STATUS = range(5)


def status_title(status: Status) -> str:
    return QCoreApplication.translate("IndicatorsPanel", STATUS_TITLES[status])


class IndicatorsPanel(QWidget):
    """A table of indicator rows and the full wording of the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[IndicatorRow] = []
        self._init_table()
        self._init_details()
        self._init_layout()
        self._connect_signals()

    def _init_table(self) -> None:
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("Indicator"), self.tr("Value"), self.tr("Target"), self.tr("Change"), self.tr("Status"),
        ])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_STATUS, QHeaderView.ResizeMode.Stretch)

    def _init_details(self) -> None:
        self.details = QLabel(self.tr("Select an indicator to see its full wording."), self)
        self.details.setWordWrap(True)
        self.details.setMinimumHeight(60)
        self.setMinimumWidth(PANEL_MIN_WIDTH)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    def _init_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Indicators</b> (recomputed as you type)"), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)

    def _connect_signals(self) -> None:
        self.table.currentCellChanged.connect(self._on_current_cell_changed)

    def show_rows(self, rows: list[IndicatorRow]) -> None:
        """Show ``rows``, keeping the selected row."""
        self._rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            self._fill_row(index, row)

    def row_texts(self, code: str) -> dict[str, str]:
        """Return the shown texts of the indicator ``code`` (for tests and screen readers)."""
        for index, row in enumerate(self._rows):
            if row.result.indicator.code == code:
                return {
                    "value": self.table.item(index, COLUMN_VALUE).text(),
                    "target": self.table.item(index, COLUMN_TARGET).text(),
                    "change": self.table.item(index, COLUMN_CHANGE).text(),
                    "status": self.table.item(index, COLUMN_STATUS).text(),
                }
        raise KeyError(code)

    def _fill_row(self, index: int, row: IndicatorRow) -> None:
        result = row.result
        value = "—" if result.state is ValueState.NOT_REPORTED else format_value(result)
        texts = [result.indicator.label, value, _format_target(result), _format_change(row),
                 status_title(result.status)]
        colour = STATUS_COLOURS.get(result.status)
        for column, text in enumerate(texts):
            item = self.table.item(index, column)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(index, column, item)
            item.setText(text)
            item.setToolTip(result.indicator.name)
            item.setBackground(QBrush(colour) if colour else QBrush())
            if column not in (COLUMN_LABEL, COLUMN_STATUS):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _on_current_cell_changed(self, row: int, _column: int, _previous_row: int, _previous_column: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        indicator = self._rows[row].result.indicator
        self.details.setText(f"<b>{indicator.label}</b>. {indicator.name}")


def _format_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _format_target(result: IndicatorResult) -> str:
    if result.target is None:
        return "—"
    unit = " %" if result.indicator.is_share else ""
    return _format_number(result.target) + unit


def _format_change(row: IndicatorRow) -> str:
    change = row.change
    if change is None:
        return "—"
    if change > 0:
        sign = "+"
    elif change < 0:
        sign = "−"
    else:
        sign = "±"
    text = f"{abs(change):.1f}".replace(".", ",")
    unit = QCoreApplication.translate("IndicatorsPanel", "pp") if row.result.indicator.is_share else ""
    return f"{sign}{text} {unit}".rstrip()
