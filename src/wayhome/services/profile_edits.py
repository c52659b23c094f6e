"""Every change a person makes to their stored profile, one function each; the web app
and the command line both go through them.

Set the plan; add, edit or remove a training period, work period, board certification,
licence, stay, scenario or confirmed rule; set the J-1 waiver or the money inputs; lay
the setup's answers over the profile; import a file. Each reads the stored profile
(:class:`wayhome.core.profile.model.Profile`), changes it, validates the whole of it with
the schema a profile file is read with, and saves it; when it does not validate nothing
is saved. Every problem is named in the person's words ("Training period 2, end date:
...", wayhome.core.profile.labels) and raised as one :class:`ProfileEditError`, which the
views show and the command line prints (it is an ``InvalidFileError``).

Items are given as mappings of the profile file's keys to values (dates as ``date``);
empty values are left out. Positions (``index``) count from 0; messages count from 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final, Literal

from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError

from wayhome.adapters import packs as pack_files
from wayhome.adapters import profiles, yamlfile
from wayhome.adapters.db import store
from wayhome.adapters.yamlfile import InvalidFileError, Located
from wayhome.core.common.data import slug
from wayhome.core.common.problems import ProblemsError
from wayhome.core.planner.scenarios import BASELINE
from wayhome.core.profile.labels import SECTIONS, in_words, where
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine
from wayhome.services import document_records
from wayhome.services.source import from_store

Section = Literal[
    "training",
    "work",
    "board_certifications",
    "licences",
    "stays",
    "scenarios",
    "confirmed_rules",
]
PLAN_MONEY: Final = BASELINE.id  # the money inputs of the plan itself, beside each scenario's
_DOTTED = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_ENDS_BEFORE = re.compile(r"ends \([^)]*\) before it starts")


class ProfileEditError(InvalidFileError):
    """Why a change to the profile was not saved: each problem where it is, in words."""

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


def problem(place: str, message: str) -> ProfileEditError:
    return ProfileEditError([Located(place, None, "", message)])


def current(owner: Any) -> Profile:
    """The stored profile (a stored profile that no longer loads raises InvalidFileError)."""
    return from_store(owner).profile


def validated(data: Mapping[str, Any]) -> Profile:
    """``data`` as a profile, by the profile file's schema; problems named in words."""
    try:
        return Profile.model_validate(dict(data))
    except ValidationError as e:
        doc = yamlfile.Document("profile", dict(data), {})
        raise ProfileEditError(
            [
                Located(where(_path(x.field, x.message)), None, "", in_words(x.message))
                for x in yamlfile.located_errors(doc, e)
            ]
        ) from None


def _path(dotted: str, message: str) -> list[str | int]:
    path: list[str | int] = [int(i) if i else name for name, i in _DOTTED.findall(dotted)]
    if _ENDS_BEFORE.search(message):  # the model checks the order on the whole item
        path.append("graduated" if path == ["medical_school"] else "end")
    return path


def _edit(owner: Any, change: Callable[[dict[str, Any]], None], on: date | None = None) -> Profile:
    """Read, change, validate, save; ``on`` also checks confirmed rules against the packs."""
    with transaction.atomic():
        data = profiles.to_data(current(owner))
        change(data)
        profile = validated(data)
        if on is not None:
            _check_rules(profile, on)
        store.save_profile(owner, document_records.stored_data(profile))
    return profile


def judged(
    profile: Profile,
    on: date,
    targets: Sequence[str] | None = None,
    doc: yamlfile.Document | None = None,
) -> None:
    """Every rule (of the packs ``targets`` names, else of the profile's targets) can
    judge the profile on ``on``: what the packs refuse or do not know (a confirmed rule's
    rule or parameter, an exam, a post, a document kind) is one ProfileEditError, raised
    before the profile is saved rather than by a failure on every page after. Each
    problem is at its line of ``doc`` when the profile is a file's, else where it is in
    the profile, in words. The one place engine problems become a profile edit's."""
    try:
        engine.assess(profile, pack_files.load_packs(), on, targets)
    except ProblemsError as e:
        if doc is not None:
            raise ProfileEditError(doc.locate(e.problems).errors) from None
        raise ProfileEditError(
            [Located(where(p.path), None, "", in_words(p.message)) for p in e.problems]
        ) from None


def _check_rules(profile: Profile, on: date) -> None:
    """Confirmed rules name pack rules and parameters: what their packs do not know is
    refused (:func:`judged`)."""
    codes = sorted({c.jurisdiction for c in profile.confirmed_rules})
    if codes:
        judged(profile, on, codes)


def _plain(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v is not None and v != ""}


def _items(data: dict[str, Any], section: Section, index: int | None = None) -> list[Any]:
    items: list[Any] = data.setdefault(section, [])
    if index is not None and not 0 <= index < len(items):
        have = f"there are {len(items)}" if len(items) != 1 else "there is 1"
        raise problem(f"{SECTIONS[section]} {index + 1}", f"no such entry ({have})")
    return items


# --------------------------------------------------------------------------- any list


def add(owner: Any, section: Section, item: Mapping[str, Any], on: date | None = None) -> Profile:
    """Add an item at the end of a list of the profile."""
    return _edit(owner, lambda d: _items(d, section).append(_plain(item)), on)


def edit(
    owner: Any, section: Section, index: int, changes: Mapping[str, Any], on: date | None = None
) -> Profile:
    """Change some keys of one item (a key given as None is removed)."""

    def change(data: dict[str, Any]) -> None:
        items = _items(data, section, index)
        kept = {k: v for k, v in items[index].items() if k not in changes}
        items[index] = {**kept, **_plain(changes)}

    return _edit(owner, change, on)


def remove(owner: Any, section: Section, index: int) -> Profile:
    def change(data: dict[str, Any]) -> None:
        del _items(data, section, index)[index]

    return _edit(owner, change)


# --------------------------------------------------------------------------- by name


def add_training(owner: Any, item: Mapping[str, Any]) -> Profile:
    return add(owner, "training", item)


def edit_training(owner: Any, index: int, changes: Mapping[str, Any]) -> Profile:
    return edit(owner, "training", index, changes)


def remove_training(owner: Any, index: int) -> Profile:
    return remove(owner, "training", index)


def add_work(owner: Any, item: Mapping[str, Any]) -> Profile:
    return add(owner, "work", item)


def edit_work(owner: Any, index: int, changes: Mapping[str, Any]) -> Profile:
    return edit(owner, "work", index, changes)


def remove_work(owner: Any, index: int) -> Profile:
    return remove(owner, "work", index)


def add_board(owner: Any, item: Mapping[str, Any]) -> Profile:
    return add(owner, "board_certifications", item)


def edit_board(owner: Any, index: int, changes: Mapping[str, Any]) -> Profile:
    return edit(owner, "board_certifications", index, changes)


def remove_board(owner: Any, index: int) -> Profile:
    return remove(owner, "board_certifications", index)


def add_licence(owner: Any, item: Mapping[str, Any]) -> Profile:
    return add(owner, "licences", item)


def edit_licence(owner: Any, index: int, changes: Mapping[str, Any]) -> Profile:
    return edit(owner, "licences", index, changes)


def remove_licence(owner: Any, index: int) -> Profile:
    return remove(owner, "licences", index)


def add_stay(owner: Any, item: Mapping[str, Any]) -> Profile:
    return add(owner, "stays", item)


def edit_stay(owner: Any, index: int, changes: Mapping[str, Any]) -> Profile:
    return edit(owner, "stays", index, changes)


def remove_stay(owner: Any, index: int) -> Profile:
    return remove(owner, "stays", index)


def add_confirmed_rule(owner: Any, item: Mapping[str, Any], on: date) -> Profile:
    """Add what a regulator confirmed; checked against the packs as of ``on``."""
    return add(owner, "confirmed_rules", item, on)


def check_confirmed_rule(
    owner: Any, item: Mapping[str, Any], on: date, index: int | None = None
) -> None:
    """Refuse, as adding it (or putting it in place of rule ``index``) would, what a
    regulator confirmed; nothing is saved (the regulator's answer checks its values before
    storing the email that came with them)."""
    data = profiles.to_data(current(owner))
    rules = _items(data, "confirmed_rules", index)
    if index is None:
        rules.append(_plain(item))
    else:
        rules[index] = _plain(item)
    _check_rules(validated(data), on)


def edit_confirmed_rule(owner: Any, index: int, changes: Mapping[str, Any], on: date) -> Profile:
    return edit(owner, "confirmed_rules", index, changes, on)


def remove_confirmed_rule(owner: Any, index: int) -> Profile:
    return remove(owner, "confirmed_rules", index)


# --------------------------------------------------------------------------- scenarios


def add_scenario(owner: Any, item: Mapping[str, Any]) -> Profile:
    """Add a scenario; without an ``id`` one is made from its name, unlike any other."""

    def change(data: dict[str, Any]) -> None:
        items = _items(data, "scenarios")
        new = _plain(item)
        if "id" not in new:
            base = slug(str(new.get("name", "")), 40) or "scenario"
            taken = {s.get("id") for s in items}
            sid, n = base, 2
            while sid in taken:
                sid, n = f"{base}-{n}", n + 1
            new = {"id": sid, **new}
        items.append(new)

    return _edit(owner, change)


def _scenario_index(owner: Any, scenario_id: str) -> int:
    ids = [s.id for s in current(owner).scenarios]
    if scenario_id not in ids:
        raise problem("Scenario", f"there is no scenario '{scenario_id}'")
    return ids.index(scenario_id)


def edit_scenario(owner: Any, scenario_id: str, changes: Mapping[str, Any]) -> Profile:
    return edit(owner, "scenarios", _scenario_index(owner, scenario_id), changes)


def remove_scenario(owner: Any, scenario_id: str) -> Profile:
    return remove(owner, "scenarios", _scenario_index(owner, scenario_id))


# --------------------------------------------------------------------------- the rest


def set_plan(
    owner: Any,
    *,
    return_date: date | None = None,
    return_type: str | None = None,
    targets: Sequence[str] | None = None,
) -> Profile:
    """Change the plan: what is given replaces what was there."""
    given: dict[str, Any] = {"return_date": return_date, "return_type": return_type}
    if targets is not None:
        given["targets"] = list(targets)
    changes = {k: v for k, v in given.items() if v is not None}
    return _edit(owner, lambda d: d["plan"].update(changes))


def set_j1_waiver(owner: Any, waiver: Mapping[str, Any] | None) -> Profile:
    """The J-1 waiver's route, status and date; None (or no route) removes it."""

    def change(data: dict[str, Any]) -> None:
        if waiver and waiver.get("route"):
            data["j1_waiver"] = _plain(waiver)
        else:
            data.pop("j1_waiver", None)

    return _edit(owner, change)


def set_money(owner: Any, target: str, money: Mapping[str, Any] | None) -> Profile:
    """The money inputs of the plan (``target`` PLAN_MONEY) or of one scenario, as the
    profile file holds them (services/money_inputs.py makes them from a form's answers);
    None removes them."""

    def change(data: dict[str, Any]) -> None:
        holders = [data] if target == PLAN_MONEY else data.get("scenarios", [])
        for holder in holders:
            if target == PLAN_MONEY or holder["id"] == target:
                if money:
                    holder["money"] = dict(money)
                else:
                    holder.pop("money", None)
                return
        raise problem("Money inputs", f"there is no scenario '{target}'")

    return _edit(owner, change)


def import_file(owner: Any, path: Path) -> Profile:
    """A profile file becomes the stored profile; errors say file:line field."""
    try:
        profile, doc = profiles.load_profile(path)
    except InvalidFileError as e:
        raise ProfileEditError(e.errors) from None
    judged(profile, timezone.localdate(), doc=doc)
    store.save_profile(owner, profiles.to_data(document_records.take(owner, profile)))
    return profile


def import_bytes(owner: Any, data: bytes, name: str) -> Profile:
    """An uploaded profile file becomes the stored profile."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise problem(name, "the file is not UTF-8 text") from None
    try:
        doc = yamlfile.parse(text, name)
        profile = yamlfile.validate(doc, Profile)
    except InvalidFileError as e:
        raise ProfileEditError(e.errors) from None
    judged(profile, timezone.localdate(), doc=doc)
    store.save_profile(owner, profiles.to_data(document_records.take(owner, profile)))
    return profile
