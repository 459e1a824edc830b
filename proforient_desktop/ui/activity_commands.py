"""Undo commands of the activities screen; each one saves through the service at once."""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtGui import QUndoCommand

from proforient_desktop.errors import UserError
from proforient_desktop.services import activities as service
from proforient_desktop.services.activities import ActivityRecord
from proforient_desktop.services.context import AppContext
from proforient_desktop.domain.activities import ActivityDraft
from proforient_desktop.ui.activities_model import ActivitiesModel

log = logging.getLogger(__name__)

# Shows a failed save to the user.
ErrorHandler = Callable[[str], None]


class _ActivityCommand(QUndoCommand):
    def __init__(self, context: AppContext, model: ActivitiesModel, on_error: ErrorHandler) -> None:
        super().__init__()
        self._context = context
        self._model = model
        self._on_error = on_error

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except UserError as error:
            log.warning("Activity change failed: %s", error.message)
            self._on_error(error.message)
            # The stack drops an obsolete command, so nothing half-done stays undoable.
            self.setObsolete(True)


class AddActivityCommand(_ActivityCommand):
    def __init__(self, context: AppContext, model: ActivitiesModel, on_error: ErrorHandler, year: int,
                 draft: ActivityDraft) -> None:
        super().__init__(context, model, on_error)
        self._year = year
        self._draft = draft
        self.record: ActivityRecord | None = None
        self.setText(f"+ {draft.title}")

    def redo(self) -> None:
        self._run(self._add)

    def _add(self) -> None:
        if self.record is None:
            self.record = service.add_activity(self._context, self._year, self._draft)
        else:
            service.restore_activity(self._context, self.record)
        self._model.add_record(self.record)

    def undo(self) -> None:
        self._run(self._delete)

    def _delete(self) -> None:
        service.delete_activity(self._context, self.record.uid)
        self._model.remove_record(self.record.uid)


class EditActivityCommand(_ActivityCommand):
    def __init__(self, context: AppContext, model: ActivitiesModel, on_error: ErrorHandler,
                 old: ActivityRecord, year: int, draft: ActivityDraft) -> None:
        super().__init__(context, model, on_error)
        self._old = old
        self._year = year
        self._draft = draft
        self.setText(f"✎ {draft.title}")

    def redo(self) -> None:
        self._run(lambda: self._model.replace_record(
            service.update_activity(self._context, self._old.uid, self._year, self._draft)))

    def undo(self) -> None:
        self._run(lambda: self._model.replace_record(
            service.update_activity(self._context, self._old.uid, self._old.year, self._old.draft)))


class DeleteActivityCommand(_ActivityCommand):
    def __init__(self, context: AppContext, model: ActivitiesModel, on_error: ErrorHandler,
                 record: ActivityRecord) -> None:
        super().__init__(context, model, on_error)
        self._record = record
        self.setText(f"− {record.draft.title}")

    def redo(self) -> None:
        self._run(self._delete)

    def _delete(self) -> None:
        service.delete_activity(self._context, self._record.uid)
        self._model.remove_record(self._record.uid)

    def undo(self) -> None:
        self._run(self._restore)

    def _restore(self) -> None:
        service.restore_activity(self._context, self._record)
        self._model.add_record(self._record)
