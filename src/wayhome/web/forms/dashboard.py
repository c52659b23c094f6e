"""What a person does on the dashboard: a task done, skipped ("Not for me"), undone,
moved or snoozed; "I registered" for an exam's sitting, or undone (a target's page); a
target moved in the order of preference; the changes since the last visit marked seen."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Final

from django import forms

from wayhome.core.common import dates
from wayhome.core.planner.progress import Mark
from wayhome.core.planner.results import Task
from wayhome.services import dashboard, registrations
from wayhome.services.profile_edits import ProfileEditError
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


class SnoozeForm(TaskForm):
    """Out of the next actions until a day after today; the plan keeps its place."""

    refused = (ProfileEditError,)
    until = TypedDateField(label="Snooze until")

    def apply(self, owner: Any, on: date) -> str:
        until = self.cleaned_data["until"]
        self.task = dashboard.snooze_task(owner, self.target, until, on)
        return f"Snoozed until {dates.fmt(until)}: back in your next actions then."


TASK_ACTIONS: Final[dict[str, type[TaskForm]]] = {
    "done": DoneForm,
    "skip": SkipForm,  # "Not for me" on the next actions
    "undo": UndoForm,
    "move": MoveForm,
    "snooze": SnoozeForm,
}


class RegisteredForm(ActionForm):
    """ "I registered" for an exam's sitting (a target page's exam row): recorded in the
    profile's plan.registered; ``undo`` takes it out (services/registrations.py)."""

    refused = (ProfileEditError,)
    undo: ClassVar[bool] = False
    exam = forms.CharField(max_length=200)
    sitting = forms.CharField(max_length=20)

    def apply(self, owner: Any, on: date) -> str:
        how = registrations.withdraw if self.undo else registrations.record
        return how(owner, self.cleaned_data["exam"], self.cleaned_data["sitting"], on).text


class UnregisteredForm(RegisteredForm):
    undo = True


REGISTERED_ACTIONS: Final[dict[str, type[RegisteredForm]]] = {
    "registered": RegisteredForm,
    "unregistered": UnregisteredForm,
}


class OrderForm(ActionForm):
    """A target moved in the order of preference (``target``: a regulator's code):
    first (it becomes the plan), up or down."""

    refused = (ProfileEditError,)
    move = forms.ChoiceField(choices=[(m, m) for m in dashboard.MOVES])

    def apply(self, owner: Any, on: date) -> str:
        order = dashboard.reorder(owner, self.target, self.cleaned_data["move"])
        backups = ", ".join(order[1:]) or "none"
        return f"Your plan: {order[0]}; backups: {backups}."


class SeenForm(ActionForm):
    """What changed has been seen: today's assessment is the one to compare with."""

    def apply(self, owner: Any, on: date) -> str:
        dashboard.seen(owner, on)
        return ""
