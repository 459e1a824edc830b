"""The counts screen: a year's counts, saved as typed, with live indicators."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QScrollArea, QSplitter, \
    QVBoxLayout, QWidget

from proforient_desktop.catalog import Role
from proforient_desktop.domain.consistency import check_counts
from proforient_desktop.domain.values import parse_count
from proforient_desktop.errors import InvalidInputError, UserError
from proforient_desktop.services import counts as counts_service
from proforient_desktop.services.context import AppContext
from proforient_desktop.services.indicators import compute_rows, relevant_indicators
from proforient_desktop.services.targets import effective_catalog
from proforient_desktop.services.workspace import current_installation
from proforient_desktop.ui.count_commands import SetCountCommand
from proforient_desktop.ui.count_form import CountForm
from proforient_desktop.ui.indicators_panel import IndicatorsPanel
from proforient_desktop.ui.messages import messenger

log = logging.getLogger(__name__)


def reporting_years(first_year: int, today: dt.date | None = None) -> list[int]:
    """Return the years to offer: the current one first, then earlier ones, then next year."""
    current = (today or dt.date.today()).year
    earlier = list(range(current - 1, first_year - 1, -1))
    return [current, *earlier, current + 1]


class CountsScreen(QWidget):
    """Editors of the role's counts beside the indicators computed from them."""

    counts_saved = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        installation = current_installation(context)
        self._role = installation.role if installation else None
        self._saved: dict[str, int] = {}
        self._previous: dict[str, int] = {}
        self.undo_stack = QUndoStack(self)

        self._init_top_bar()
        self._init_form()
        self._init_layout()
        self._connect_signals()
        self._load_year(self.year())

    def _init_top_bar(self) -> None:
        self.year_box = QComboBox(self)
        for year in reporting_years(self._context.catalog.first_year):
            self.year_box.addItem(str(year), year)
        self.other_counts_box = QCheckBox(self.tr("Show other counts"), self)
        self.hint = QLabel(self.tr("Every value is saved as soon as you leave the field (Tab or Enter). "
                                   "Empty means «not reported». Undo: Ctrl+Z, redo: Ctrl+Y."), self)
        self.hint.setWordWrap(True)

    def _init_form(self) -> None:
        catalog = self._context.catalog
        own_counts = catalog.counts_for(self._role) if self._role else []
        self.form = CountForm(catalog, own_counts, self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.form)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel = IndicatorsPanel(self)
        self._indicators = relevant_indicators(catalog, self._role)
        if not own_counts:
            self.other_counts_box.setChecked(True)
            self.form.other_box.setVisible(True)

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        year_label = QLabel(self.tr("Reporting &year:"), self)
        year_label.setBuddy(self.year_box)
        top.addWidget(year_label)
        top.addWidget(self.year_box)
        top.addSpacing(16)
        top.addWidget(self.other_counts_box)
        top.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.scroll)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)

    def _connect_signals(self) -> None:
        self.year_box.currentIndexChanged.connect(self._on_year_changed)
        self.other_counts_box.toggled.connect(self._on_other_counts_toggled)
        self.form.text_edited.connect(self._on_text_edited)
        self.form.editing_finished.connect(self._on_editing_finished)

    def year(self) -> int:
        return int(self.year_box.currentData())

    def refresh(self) -> None:
        self._load_year(self.year())

    def _load_year(self, year: int) -> None:
        try:
            self._saved = counts_service.get_counts(self._context, year)
            previous_year = year - 1
            self._previous = (counts_service.get_counts(self._context, previous_year)
                              if previous_year >= self._context.catalog.first_year else {})
            # The region's targets for later years may have arrived in a catalogue update since the last load.
            self._indicators = relevant_indicators(effective_catalog(self._context), self._role)
        except UserError as error:
            messenger().error(self, self.tr("Counts"), error.message)
            return
        for code, editor in self.form.editors.items():
            editor.setText(_shown(self._saved.get(code)))
            self.form.show_note(code, "", problem=False)
        self._update_live()

    def _on_year_changed(self, _index: int) -> None:
        self._load_year(self.year())

    def _on_other_counts_toggled(self, checked: bool) -> None:
        self.form.other_box.setVisible(checked)

    def _parsed(self, code: str) -> int | None:
        """Parse an editor; raises InvalidInputError with the count's symbol in the message."""
        count = self._context.catalog.counts[code]
        return parse_count(self.form.editors[code].text(), where=count.label)

    def _live_counts(self) -> tuple[dict[str, int], dict[str, str]]:
        """Return the values as typed (valid ones) and the parse problems per code."""
        values = dict(self._saved)
        problems = {}
        for code in self.form.editors:
            try:
                value = self._parsed(code)
            except InvalidInputError as error:
                problems[code] = error.message
                continue
            if value is None:
                values.pop(code, None)
            else:
                values[code] = value
        return values, problems

    def _update_live(self) -> None:
        values, problems = self._live_counts()
        warnings_by_code: dict[str, list[str]] = {}
        for warning in check_counts(self._context.catalog, values):
            warnings_by_code.setdefault(warning.rule.part, []).append(warning.message)
            warnings_by_code.setdefault(warning.rule.whole, [])

        for code in self.form.editors:
            if code in problems:
                self.form.show_note(code, problems[code], problem=True)
            elif code in warnings_by_code:
                text = "\n".join(warnings_by_code[code]) or self.tr("Check: a part of this total exceeds it.")
                self.form.show_note(code, text, problem=False)
            else:
                self.form.show_note(code, "", problem=False)

        rows = compute_rows(self._context.catalog, self.year(), values, self._previous, self._indicators)
        self.panel.show_rows(rows)

    def _on_text_edited(self, _code: str) -> None:
        self._update_live()

    def _on_editing_finished(self, code: str) -> None:
        try:
            value = self._parsed(code)
        except InvalidInputError:
            return
        old = self._saved.get(code)
        if value == old:
            return
        label = self._context.catalog.counts[code].label
        self.undo_stack.push(SetCountCommand(self._write_count, self.year(), code, label, old, value))

    def _write_count(self, year: int, code: str, value: int | None) -> bool:
        """Save one count at once (the undo commands call this) and show it, switching to its year."""
        if year != self.year():
            # Undo of an earlier year's change shows that year, so nothing changes out of sight.
            self.year_box.setCurrentIndex(self.year_box.findData(year))
        try:
            counts_service.set_counts(self._context, year, {code: value})
        except UserError as error:
            log.warning("Saving count %s of %d failed: %s", code, year, error.message)
            messenger().error(self, self.tr("Counts"), error.message)
            return False

        if value is None:
            self._saved.pop(code, None)
        else:
            self._saved[code] = value
        editor = self.form.editors[code]
        if _text_value(editor.text()) != value:
            editor.setText(_shown(value))
        self._update_live()
        self.counts_saved.emit(year)
        return True


def _shown(value: int | None) -> str:
    return "" if value is None else str(value)


def _text_value(text: str) -> int | None:
    try:
        return parse_count(text)
    except InvalidInputError:
        return None
