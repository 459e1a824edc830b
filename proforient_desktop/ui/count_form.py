"""The count editors of the counts screen, grouped by track."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from proforient_desktop.catalog import Catalog, Count

EDITOR_WIDTH = 120
SYMBOL_WIDTH = 64
# Digits and the spaces people type between thousands; anything else cannot be typed.
_ALLOWED_INPUT = QRegularExpression(r"[0-9 \x{00a0}\x{202f}\x{2009}]{0,12}")

PROBLEM_STYLE = "color: #a40000;"
WARNING_STYLE = "color: #8a5300;"
EDITOR_PROBLEM_STYLE = "QLineEdit { border: 2px solid #c00000; }"
EDITOR_WARNING_STYLE = "QLineEdit { border: 2px solid #d08a00; }"


def track_of(catalog: Catalog, count: Count) -> int | None:
    """Return the first track whose indicators use ``count``, or None if none does."""
    tracks = [indicator.track for indicator in catalog.indicators_using(count.code)]
    return min(tracks) if tracks else None


class CountForm(QWidget):
    """Editors of counts in track groups; a second block holds the other counts."""

    text_edited = Signal(str)
    editing_finished = Signal(str)

    def __init__(self, catalog: Catalog, own_counts: list[Count], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self.editors: dict[str, QLineEdit] = {}
        self.notes: dict[str, QLabel] = {}
        own_codes = {count.code for count in own_counts}
        other_counts = [count for count in catalog.counts.values() if count.code not in own_codes]

        layout = QVBoxLayout(self)
        for title, counts in self._groups(own_counts):
            layout.addWidget(self._group_box(title, counts))
        self.other_box = self._group_box(self.tr("Other counts (not reported by this kind of organisation)"),
                                         other_counts)
        self.other_box.setVisible(False)
        layout.addWidget(self.other_box)
        layout.addStretch(1)
        self._set_tab_order()

    def ordered_codes(self) -> list[str]:
        return list(self.editors)

    def _groups(self, counts: list[Count]) -> list[tuple[str, list[Count]]]:
        by_track: dict[int | None, list[Count]] = {}
        for count in counts:
            by_track.setdefault(track_of(self._catalog, count), []).append(count)

        groups = []
        for number, track in self._catalog.tracks.items():
            if number in by_track:
                groups.append((track.name, by_track[number]))
        if None in by_track:
            groups.append((self.tr("Counts used by no indicator"), by_track[None]))
        return groups

    def _group_box(self, title: str, counts: list[Count]) -> QGroupBox:
        box = QGroupBox(self)
        grid = QGridLayout(box)
        heading = QLabel(f"<b>{title}</b>", box)
        heading.setWordWrap(True)
        grid.addWidget(heading, 0, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        for index, count in enumerate(counts):
            self._add_count_row(box, grid, 1 + index * 2, count)
        return box

    def _add_count_row(self, box: QGroupBox, grid: QGridLayout, row: int, count: Count) -> None:
        # Counts the programme gives no symbol for show only their definition.
        symbol = QLabel(f"<b>{count.symbol}</b>", box)
        symbol.setFixedWidth(SYMBOL_WIDTH)
        definition = QLabel(f"{count.definition}, {count.unit}", box)
        definition.setWordWrap(True)
        editor = QLineEdit(box)
        editor.setObjectName(f"count_{count.code}")
        editor.setFixedWidth(EDITOR_WIDTH)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setValidator(QRegularExpressionValidator(_ALLOWED_INPUT, editor))
        editor.setPlaceholderText(self.tr("not reported"))
        editor.setToolTip(self.tr("A whole number; leave empty if not reported (empty is not zero)."))
        definition.setBuddy(editor)
        note = QLabel(box)
        note.setWordWrap(True)
        note.setVisible(False)

        grid.addWidget(symbol, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(definition, row, 1)
        grid.addWidget(editor, row, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(note, row + 1, 1, 1, 2)

        editor.textEdited.connect(lambda _text, code=count.code: self.text_edited.emit(code))
        editor.editingFinished.connect(lambda code=count.code: self.editing_finished.emit(code))
        editor.returnPressed.connect(lambda code=count.code: self._focus_next(code))
        editor.installEventFilter(self)
        self.editors[count.code] = editor
        self.notes[count.code] = note

    def _set_tab_order(self) -> None:
        editors = list(self.editors.values())
        for first, second in zip(editors, editors[1:]):
            QWidget.setTabOrder(first, second)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_wrapped_labels()

    def _fit_wrapped_labels(self) -> None:
        # QScrollArea sizes its content by the size hint and ignores height-for-width,
        # so the form would get less height than its wrapped labels need at this width.
        needed = self.heightForWidth(self.width())
        if needed > 0 and self.minimumHeight() != needed:
            self.setMinimumHeight(needed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The Up and Down arrows move between editors, as in a spreadsheet column.
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            code = watched.objectName().removeprefix("count_")
            if code in self.editors:
                self._focus_neighbour(code, 1 if event.key() == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _focus_next(self, code: str) -> None:
        # Enter moves on as in a spreadsheet, to the next visible editor.
        self._focus_neighbour(code, 1)

    def _focus_neighbour(self, code: str, step: int) -> None:
        codes = [c for c in self.editors if self.editors[c].isVisibleTo(self)]
        if code not in codes:
            return
        position = codes.index(code) + step
        if 0 <= position < len(codes):
            reason = Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason
            self.editors[codes[position]].setFocus(reason)
            self.editors[codes[position]].selectAll()

    def show_note(self, code: str, text: str, *, problem: bool) -> None:
        """Show ``text`` under the editor of ``code``; an empty text hides the note."""
        note = self.notes[code]
        note.setText(text)
        note.setStyleSheet(PROBLEM_STYLE if problem else WARNING_STYLE)
        note.setVisible(bool(text))
        self._fit_wrapped_labels()
        editor = self.editors[code]
        if not text:
            editor.setStyleSheet("")
        else:
            editor.setStyleSheet(EDITOR_PROBLEM_STYLE if problem else EDITOR_WARNING_STYLE)
