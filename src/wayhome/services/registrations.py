""" "I registered for this sitting": recorded in, and taken out of, the stored profile's
``plan.registered``, one use case for both shells (the dashboard's and the target page's
buttons, `wayhome task registered` and `wayhome task done` on a register task).

:func:`record` adds the exam's sitting, checked by the core's own check
(core/rules/registered.py: an exam no pack knows, or a sitting its pack does not hold,
is refused in its words) and saved as every profile edit is (read, change, validate,
save, in one transaction; services/profile_edits.py); recording it again changes
nothing. :func:`withdraw` takes it out again (undo), and the done mark of the plan's
register task for that sitting with it, so the task comes back to do. Both act on the
owner's stored profile only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from msgspec import Struct
from msgspec.structs import replace

from wayhome.adapters import packs as pack_files
from wayhome.adapters import profiles
from wayhome.adapters.db import store
from wayhome.adapters.yamlfile import Located
from wayhome.core.profile.facts import exam_key
from wayhome.core.profile.labels import in_words, where
from wayhome.core.profile.model import Profile
from wayhome.core.rules.attempts import exam_keys, exams_by_key
from wayhome.core.rules.kinds.exams import ExamRule, Sitting
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.registered import naming, registered
from wayhome.services import document_records, planning
from wayhome.services.profile_edits import ProfileEditError, current, validated
from wayhome.services.source import from_store


class Registration(Struct, frozen=True):
    """What became of the stored profile: ``changed`` False when it already said so."""

    profile: Profile
    changed: bool
    text: str  # what to say: "Recorded: you registered for ... on 15 Mar 2027."


def record(owner: Any, exam: str, sitting: str, on: date) -> Registration:
    """Record that ``owner`` registered for ``exam``'s (its rule id, name or another name)
    ``sitting`` (2027-03-15, or 2028-09 for one known by month). ProfileEditError, in the
    core check's words, for an exam no pack knows or a sitting it does not hold."""
    packs = pack_files.load_packs()
    with transaction.atomic():
        before = current(owner)
        profile, new = _with_entry(before, exam, sitting)
        entry = profile.plan.registered[new]
        if naming(before, packs, entry.exam, entry.label):
            return Registration(before, False, _said(packs, entry.exam, entry.label, "already"))
        _, problems = registered(profile, packs)
        refused = [p for p in problems if p.path[:3] == ("plan", "registered", new)]
        if refused:
            raise _said_plainly([Located("", None, "", in_words(p.message)) for p in refused])
        store.save_profile(owner, document_records.stored_data(profile))
    return Registration(profile, True, _said(packs, entry.exam, entry.label, "recorded"))


def withdraw(owner: Any, exam: str, sitting: str, on: date) -> Registration:
    """Undo :func:`record`: every entry for that sitting of that exam goes, and the done
    mark of the plan's task to register for it, which is then to do again. Nothing
    recorded: nothing changes."""
    packs = pack_files.load_packs()
    with transaction.atomic():
        before = current(owner)
        given, new = _with_entry(before, exam, sitting)  # the sitting as the schema reads it
        label = given.plan.registered[new].label
        gone = naming(before, packs, exam, label)
        if not gone:
            return Registration(before, False, _said(packs, exam, label, "not recorded"))
        data = profiles.to_data(before)
        data["plan"]["registered"] = [
            e for i, e in enumerate(data["plan"]["registered"]) if i not in gone
        ]
        profile = validated(data)
        store.save_profile(owner, document_records.stored_data(profile))
        _undone(owner, packs, exam, label, on)
    return Registration(profile, True, _said(packs, exam, label, "withdrawn"))


def _with_entry(before: Profile, exam: str, sitting: str) -> tuple[Profile, int]:
    """The profile with the entry added at the end, and its position; a sitting that is
    not a date or a month refused in the schema's words, at its place."""
    data = profiles.to_data(before)
    entries = data["plan"].setdefault("registered", [])
    entries.append({"exam": exam.strip(), "sitting": sitting.strip()})
    new = len(entries) - 1
    try:
        return validated(data), new
    except ProfileEditError as e:
        # What was typed, said without the profile entry it would have become (a person
        # who pressed "I registered" wrote no "Your plan, registered 2").
        entry = where(("plan", "registered", new))
        said = [Located(x.file.removeprefix(entry + ", "), None, "", x.message) for x in e.errors]
        if any(x.file.startswith(entry + ", sitting") for x in e.errors):
            # One sentence, not the schema's one per form it could have had (a regex).
            said = [x for x in said if x.file != "sitting"] + [_not_a_sitting(sitting.strip())]
        raise _said_plainly(said) from None


def _not_a_sitting(typed: str) -> Located:
    return Located(
        "",
        None,
        "",
        f"'{typed}' is neither a date nor a month: write a date as `2027-03-15`, or a "
        f"month for a sitting known by month as `2028-09`",
    )


def _said_plainly(errors: list[Located]) -> ProfileEditError:
    """The refusal of what was typed, each with a capital to start ("Specialist
    Conversion Examination (XX) has no sitting on 16 Mar 2027: ...", "Sitting: ...")."""
    return ProfileEditError(
        [
            replace(x, file=x.file[:1].upper() + x.file[1:])
            if x.file
            else replace(x, message=x.message[:1].upper() + x.message[1:])
            for x in errors
        ]
    )


def _undone(owner: Any, packs: list[Pack], exam: str, label: str, on: date) -> None:
    """Clear the done mark of the plan's register tasks for that sitting of that exam."""
    src = from_store(owner)
    planned = planning.plan(src, on)
    progress = planned.progress
    for t in planned.plan.tasks:
        found = planning.register_sitting(planned, t.id)
        if found and t.id in progress.tasks and _same(packs, found, (exam, label)):
            progress = progress.clear(t.id)
    if progress is not planned.progress:
        src.save_progress(progress)


def _same(packs: list[Pack], a: tuple[str, str], b: tuple[str, str]) -> bool:
    rule = _rule(packs, a[0])
    keys = exam_keys(rule) if rule else frozenset({exam_key(a[0])})
    return exam_key(b[0]) in keys and Sitting.of_label(a[1]) == Sitting.of_label(b[1])


def _rule(packs: list[Pack], exam: str) -> ExamRule | None:
    found = exams_by_key(packs).get(exam_key(exam))
    return found[0][1] if found else None


def _said(packs: list[Pack], exam: str, label: str, how: str) -> str:
    rule = _rule(packs, exam)
    name = rule.name if rule else exam
    s = Sitting.of_label(label)
    held = f"{name} {s.on_or_in}"
    if how == "recorded":
        return f"Recorded: you registered for {held}; it stays open to you."
    if how == "already":
        return f"Already recorded: you registered for {held}."
    if how == "withdrawn":
        return f"Undone: no longer recorded that you registered for {held}."
    return f"Nothing to undo: you had not recorded registering for {held}."
