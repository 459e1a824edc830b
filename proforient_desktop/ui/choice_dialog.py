"""A notice at start with an icon, a few paragraphs and one button per choice.

The dialog's ``result()`` is the value of the chosen button's ``Choice`` member,
and closing it counts as the member worth 0, which every such enum gives to «Выход».
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, \
    QWidget


class ChoiceDialog(QDialog):
    """The layout and buttons shared by the dialogs that ask how to go on at start."""

    def __init__(self, title: str, choices: type[enum.IntEnum], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(680)
        self._choices = choices
        self.buttons = QDialogButtonBox(self)

    def _paragraph(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _add_button(self, text: str, choice: enum.IntEnum) -> QPushButton:
        button = QPushButton(text, self)
        # ActionRole keeps the buttons in the order added on every platform's button layout.
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda: self.done(choice))
        return button

    def _lay_out(self, icon: QStyle.StandardPixmap, paragraphs: list[QLabel]) -> None:
        picture = QLabel(self)
        picture.setPixmap(self.style().standardIcon(icon).pixmap(48, 48))
        texts = QVBoxLayout()
        for paragraph in paragraphs:
            texts.addWidget(paragraph)
        top = QHBoxLayout()
        top.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(texts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def choice(self) -> enum.IntEnum:
        return self._choices(self.result())
