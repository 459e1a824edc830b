"""Undo commands of the counts screen: each saves one count at once."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

# Saves (year, code, value) and returns whether it worked.
CountWriter = Callable[[int, str, "int | None"], bool]


class SetCountCommand(QUndoCommand):
    """Change one count of one year; undo writes the old value back."""

    def __init__(self, writer: CountWriter, year: int, code: str, label: str,
                 old: int | None, new: int | None) -> None:
        super().__init__()
        self._writer = writer
        self._year = year
        self._code = code
        self._old = old
        self._new = new
        self.setText(f"{label}: {_shown(old)} → {_shown(new)} ({year})")

    def redo(self) -> None:
        if not self._writer(self._year, self._code, self._new):
            # The stack drops an obsolete command, so a failed save leaves nothing to undo.
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._writer(self._year, self._code, self._old):
            self.setObsolete(True)


def _shown(value: int | None) -> str:
    return "—" if value is None else str(value)
