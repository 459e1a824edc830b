"""The dialog that adds or edits one activity.

The dialog is opened with ``open()``. «OK» checks the fields with ``check``
and shows every problem at once; only a draft without problems goes to
``submit``, which saves it. The dialog closes when nothing was reported.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, \
    QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from proforient_desktop.catalog import Measure
from proforient_desktop.domain.activities import SUGGESTED_FORMATS, ActivityDraft, FieldProblem
from proforient_desktop.domain.values import parse_count
from proforient_desktop.errors import InvalidInputError

# Returns the problems of a draft without saving it.
Check = Callable[[ActivityDraft], list[FieldProblem]]
# Saves a checked draft and returns the problems found while saving (normally none).
Submit = Callable[[ActivityDraft], list[FieldProblem]]

ERROR_STYLE = "color: #a40000;"
FIELD_ERROR_STYLE = "border: 2px solid #c00000;"
MEASURE_TEXT_LENGTH = 110


def measure_text(measure: Measure) -> str:
    title = measure.title if len(measure.title) <= MEASURE_TEXT_LENGTH else measure.title[:MEASURE_TEXT_LENGTH] + "…"
    return f"{measure.code}  {title}"


class ActivityDialog(QDialog):
    """Fields of an activity; «OK» submits them."""

    def __init__(self, measures: list[Measure], year: int, check: Check, submit: Submit,
                 draft: ActivityDraft | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._submit = submit
        self._year = year
        self.setWindowTitle(self.tr("New activity") if draft is None else self.tr("Edit activity"))
        self.resize(820, 600)
        self._init_fields(measures)
        self._init_layout()
        self._connect_signals()
        self._fill(draft)

    def _init_fields(self, measures: list[Measure]) -> None:
        self.measure_box = QComboBox(self)
        self.measure_box.setEditable(True)
        self.measure_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.measure_box.addItem("", "")
        for measure in measures:
            self.measure_box.addItem(measure_text(measure), measure.code)
            self.measure_box.setItemData(self.measure_box.count() - 1, measure.title, Qt.ItemDataRole.ToolTipRole)
        completer = self.measure_box.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.measure_box.lineEdit().setPlaceholderText(self.tr("Type a number or words to search"))

        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.title_edit = QLineEdit(self)
        self.format_box = QComboBox(self)
        self.format_box.setEditable(True)
        self.format_box.addItems(["", *SUGGESTED_FORMATS])
        self.total_edit = QLineEdit(self)
        self.sen_edit = QLineEdit(self)
        self.sen_edit.setPlaceholderText("0")
        self.grades_edit = QLineEdit(self)
        self.grades_edit.setPlaceholderText(self.tr("e.g. 8–11 or 1–2 year"))
        self.partners_edit = QPlainTextEdit(self)
        self.partners_edit.setPlaceholderText(self.tr("Employers, colleges, universities, one per line"))
        self.partners_edit.setTabChangesFocus(True)
        self.partners_edit.setFixedHeight(64)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(64)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self._fields = {
            "measure_code": self.measure_box, "held_on": self.date_edit, "title": self.title_edit,
            "format": self.format_box, "participants_total": self.total_edit, "participants_sen": self.sen_edit,
            "grade_band": self.grades_edit, "partners": self.partners_edit, "publication_url": self.url_edit,
            "note": self.note_edit,
        }

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Measure (section 5):"), self.measure_box)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Format:"), self.format_box)
        form.addRow(self.tr("&Participants in total:"), self.total_edit)
        form.addRow(self.tr("of them with &SEN or disability:"), self.sen_edit)
        form.addRow(self.tr("&Grades (years of study):"), self.grades_edit)
        form.addRow(self.tr("&Partners:"), self.partners_edit)
        form.addRow(self.tr("&Link to the publication:"), self.url_edit)
        form.addRow(self.tr("&Note:"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)

    def _fill(self, draft: ActivityDraft | None) -> None:
        if draft is None:
            today = dt.date.today()
            start = today if today.year == self._year else dt.date(self._year, 1, 1)
            self.date_edit.setDate(QDate(start.year, start.month, start.day))
            return
        self.select_measure(draft.measure_code)
        self.date_edit.setDate(QDate(draft.held_on.year, draft.held_on.month, draft.held_on.day))
        self.title_edit.setText(draft.title)
        self.format_box.setCurrentText(draft.format)
        self.total_edit.setText("" if draft.participants_total is None else str(draft.participants_total))
        self.sen_edit.setText("" if draft.participants_sen is None else str(draft.participants_sen))
        self.grades_edit.setText(draft.grade_band)
        self.partners_edit.setPlainText(draft.partners)
        self.url_edit.setText(draft.publication_url)
        self.note_edit.setPlainText(draft.note)

    def select_measure(self, code: str) -> None:
        index = self.measure_box.findData(code)
        self.measure_box.setCurrentIndex(max(index, 0))

    def draft(self) -> tuple[ActivityDraft, list[FieldProblem]]:
        """Return the fields as a draft and the problems found while reading the numbers."""
        problems = []
        total = self._number("participants_total", self.total_edit.text(), problems)
        sen = self._number("participants_sen", self.sen_edit.text(), problems)
        date = self.date_edit.date()
        draft = ActivityDraft(
            measure_code=self._measure_code(),
            held_on=dt.date(date.year(), date.month(), date.day()),
            title=self.title_edit.text(),
            format=self.format_box.currentText(),
            participants_total=total,
            participants_sen=sen,
            grade_band=self.grades_edit.text(),
            partners=self.partners_edit.toPlainText(),
            publication_url=self.url_edit.text(),
            note=self.note_edit.toPlainText(),
        )
        return draft, problems

    def _measure_code(self) -> str:
        # A typed text that matches an item exactly counts as choosing it.
        text = self.measure_box.currentText()
        index = self.measure_box.findText(text)
        if index >= 0:
            return self.measure_box.itemData(index) or ""
        return text.strip().split(" ")[0] if text.strip() else ""

    def _number(self, field: str, text: str, problems: list[FieldProblem]) -> int | None:
        try:
            return parse_count(text, where=self._field_title(field))
        except InvalidInputError as error:
            problems.append(FieldProblem(field, error.message))
            return None

    def _field_title(self, field: str) -> str:
        if field == "participants_total":
            return self.tr("Participants in total")
        return self.tr("Participants with SEN")

    def show_problems(self, problems: list[FieldProblem]) -> None:
        self.error_label.setText("\n".join(problem.message for problem in problems))
        wrong = {problem.field for problem in problems}
        for name, widget in self._fields.items():
            widget.setStyleSheet(FIELD_ERROR_STYLE if name in wrong else "")
        if problems:
            self._fields[problems[0].field].setFocus()

    def _on_accepted(self) -> None:
        draft, problems = self.draft()
        unreadable = {problem.field for problem in problems}
        # A number that could not be read is reported once, not again as missing.
        problems += [problem for problem in self._check(draft) if problem.field not in unreadable]
        if not problems:
            problems = self._submit(draft)
        self.show_problems(problems)
        if not problems:
            self.accept()
