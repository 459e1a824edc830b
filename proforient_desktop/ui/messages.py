"""Questions and notices shown to the user, behind one replaceable interface.

Screens never create message boxes themselves: they call ``messenger()``.
The application uses ``BoxMessenger`` (modal message boxes); tests install a
``RecordingMessenger`` with ``set_messenger`` that answers questions from a
prepared list and stores everything that was said, so no test ever blocks on
a modal ``exec()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QMessageBox, QWidget


class BoxMessenger:
    """Shows questions and notices as modal message boxes."""

    def question(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def notice(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)


@dataclass
class RecordingMessenger:
    """Answers questions with ``answers`` in order (then ``default_answer``) and records all texts."""

    answers: list[bool] = field(default_factory=list)
    default_answer: bool = True
    questions: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def question(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else self.default_answer

    def notice(self, parent: QWidget | None, title: str, text: str) -> None:
        self.notices.append(text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.errors.append(text)


_current: BoxMessenger | RecordingMessenger = BoxMessenger()


def messenger() -> BoxMessenger | RecordingMessenger:
    return _current


def set_messenger(new: BoxMessenger | RecordingMessenger) -> None:
    global _current
    _current = new
