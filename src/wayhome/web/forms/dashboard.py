"""What a person does on the dashboard: a task done, skipped, undone or moved; the
changes since the last visit marked seen."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Final

from wayhome.core.planner.progress import Mark
from wayhome.core.planner.results import Task
from wayhome.services import dashboard
from wayhome.web.forms.base import ActionForm, TypedDateField


class TaskForm(ActionForm):
    """Progress on the task named by ``target`` (its id); ``task`` is the task after."""

    mark: ClassVar[Mark | None] = Mark.DONE
    task: Task | None = None

    def apply(self, owner: Any, on: date) -> str:
        to = self.cleaned_data.get("to")
        self.task = dashboard.mark_task(owner, self.target, self.mark, on, to)
        return ""


class DoneForm(TaskForm):
    mark = Mark.DONE


class SkipForm(TaskForm):
    mark = Mark.SKIPPED


class UndoForm(TaskForm):
    mark = None


class MoveForm(TaskForm):
    mark = Mark.MOVED
    to = TypedDateField(label="New start date")


TASK_ACTIONS: Final[dict[str, type[TaskForm]]] = {
    "done": DoneForm,
    "skip": SkipForm,
    "undo": UndoForm,
    "move": MoveForm,
}


class SeenForm(ActionForm):
    """What changed has been seen: today's assessment is the one to compare with."""

    def apply(self, owner: Any, on: date) -> str:
        dashboard.seen(owner, on)
        return ""
