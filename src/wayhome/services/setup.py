"""The guided setup and the profile import: what the steps offer (from the packs), the
draft kept as it goes, the answers saved over the stored profile, and the first "what
changed" snapshot taken.

The setup's steps (the web app's forms) give their answers as *parts* of the profile: a
path (``plan.return_date``) and its value, None to remove it. :func:`finish` lays every
step's parts over the stored profile (or none) and saves it when the whole profile
validates and every rule can be judged; :func:`save_section` does the same for one
step edited later as a page of the profile. Until the setup is finished its answers,
as typed, are a draft (:func:`draft`, :func:`save_draft`), apart from the profile.

A page asks about some keys only, and the profile (a file imported) may hold more: a
part that is a mapping (:class:`Owned`) or a list edited as rows (:class:`Rows`) says
which keys the page owns, and :func:`kept` lays it over the stored value so that the
rest stays as it was (an earlier status's board-exam extension, a document's note).

A page's rows are matched to the stored items by the :func:`identities` the page carries
(:class:`Origins`: each row's, and every stored item's it stands for), not by where they
are now, so a page saved over a list changed since keeps each row's own keys, removes only
what it showed, and keeps what it did not show. A page is still saved only over what it
was shown from: it carries the :func:`fingerprint` of the stored parts it shows and
writes (:class:`Seen`), and the save, holding the profile's row, refuses with
:class:`PageChanged` when they changed since (another window saved the same page, a
profile was imported); saved again from the page shown then, it goes through.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any, Final

from django.db import transaction
from msgspec import Struct

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db import drafts, store
from wayhome.adapters.db.models import DocumentItem, StoredProfile
from wayhome.core.common.data import lay
from wayhome.core.common.vocabulary import DOCUMENT_KINDS, POSTS
from wayhome.core.profile.facts import exam_key
from wayhome.core.profile.model import Profile
from wayhome.core.rules.kinds.exams import ExamRule
from wayhome.services import dashboard, document_records, profile_edits


class Choices(Struct, frozen=True):
    """What the steps offer, from the bundled packs."""

    targets: tuple[tuple[str, str], ...]  # (code, "code: name"): regulators, and countries
    posts: tuple[tuple[str, str], ...]  # (post, what it is): shared, then the packs' own
    exams: dict[str, str]  # exam_key(any name) -> the exam's name, as the packs list it
    document_kinds: tuple[tuple[str, str], ...]  # (kind, what it is)


def regulators(fictional: bool = True) -> list[tuple[str, str]]:
    """The regulators there are: (code, "code: name"); the fictional Exampleland's
    only with ``fictional`` (the pickers pass it only for a profile that uses it)."""
    return [
        (p.code, f"{p.code}: {p.name}")
        for p in sorted(pack_files.load_packs(), key=lambda p: p.code)
        if p.kind.value == "regulator" and (fictional or not p.fictional)
    ]


@cache
def choices(fictional: bool = False) -> Choices:
    """What the steps offer; the fictional Exampleland's regulator only with
    ``fictional`` (see :func:`uses_fictional`). Exams and document kinds are read from
    every pack: they recognise what is typed, and offer no country."""
    packs = [p for p in pack_files.load_packs() if p.kind.value == "regulator"]
    by_country: dict[str, list[str]] = {}
    for p in packs:
        if fictional or not p.fictional:
            by_country.setdefault(p.country, []).append(p.code)
    countries = [
        (c, f"{c}: every regulator in it ({', '.join(codes)})")
        for c, codes in sorted(by_country.items())
        if len(codes) > 1
    ]
    exams: dict[str, str] = {}
    for p in packs:
        for r in p.rules:
            if isinstance(r, ExamRule):
                for name in (r.name, r.id, *r.aliases):
                    exams.setdefault(exam_key(name), f"{r.name} ({p.code})")
    posts = dict(POSTS) | {k: v for p in packs for k, v in p.posts.items()}
    kinds = dict(DOCUMENT_KINDS) | {k: v for p in packs for k, v in p.document_kinds.items()}
    return Choices(
        targets=tuple(sorted([*regulators(fictional), *countries])),
        posts=tuple(posts.items()),
        exams=exams,
        document_kinds=tuple(kinds.items()),
    )


FICTIONAL_COUNTRY: Final = "XX"  # Exampleland, the fictional pack's country (try-it-out)


def uses_fictional(data: Any) -> bool:
    """Whether a profile (as plain data) or a step's answers name the fictional
    Exampleland anywhere (XX, or a code under it such as XX-...): only then do the
    pickers offer it."""
    if isinstance(data, str):
        return data == FICTIONAL_COUNTRY or data.startswith(FICTIONAL_COUNTRY + "-")
    if isinstance(data, Mapping):
        return any(uses_fictional(k) or uses_fictional(v) for k, v in data.items())
    if isinstance(data, (list, tuple)):
        return any(uses_fictional(v) for v in data)
    return False


# --------------------------------------------------------------------------- the draft


class Draft(Struct, frozen=True):
    answers: dict[str, Any]  # step -> what was typed
    at: str  # the step to resume at


def draft(owner: Any) -> Draft | None:
    found = drafts.read(owner)
    return None if found is None else Draft(*found)


def save_draft(owner: Any, step: str, typed: Mapping[str, Any], at: str) -> None:
    """Keep what was typed at ``step`` (checked or not), and where to resume."""
    with transaction.atomic():
        found = drafts.read(owner)
        answers = found[0] if found else {}
        answers[step] = dict(typed)
        drafts.save(owner, answers, at)


def discard_draft(owner: Any) -> None:
    drafts.remove(owner)


# --------------------------------------------------------------------------- what a page owns


class Owned(Struct, frozen=True):
    """A mapping of the profile (``medical_school``) as a page gives it: it replaces the
    stored mapping's keys in ``owns`` (those the page asks about); the others stay."""

    value: Mapping[str, Any]
    owns: frozenset[str]


class Shown(Struct, frozen=True):
    """What a page showed of a stored list: for each row on the page, the position of
    the stored item it was shown from (None: from none, or from another list); and every
    stored position the page showed or stands for (``covers``): the others stay."""

    rows: Sequence[int | None]
    covers: frozenset[int]


class Origins(Struct, frozen=True):
    """Where a page's items came from, as the page carries it (:func:`identities`): for
    each item, the identities of the stored item its row was shown from (none: a new row,
    or an item the page makes itself); and every stored item the page showed or stands
    for (``covers``: its rows' too, those ticked for removal among them)."""

    rows: Sequence[frozenset[str]]
    covers: frozenset[str]


class Rows(Struct, frozen=True):
    """A list of the profile as a page leaves it: ``items`` in the page's order, each
    from a row (``rows``: its position on the page as shown; None: an item the page made
    itself, such as a stay in the US between trips). Laid over the stored list by
    :func:`kept`: an item keeps the keys outside ``owns`` of the stored item its row was
    shown from (a new row has none to keep); a stored item the page showed and no longer
    has was removed, and goes; one it did not show stays, after the page's.

    Where a row came from is what the page carries (``origins``): the identity of the
    stored item, found in the stored list whatever its place now. A page that carries
    none (a setup's draft typed before pages did) is matched by position, ``shown``
    reading from the stored data where each row came from."""

    items: Sequence[Any]
    rows: Sequence[int | None]
    owns: frozenset[str]
    shown: Callable[[Mapping[str, Any]], Shown]
    origins: Origins | None = None


def kept(stored: Mapping[str, Any], parts: Mapping[str, Any]) -> dict[str, Any]:
    """``parts`` as plain values, what they do not own taken from ``stored`` (the stored
    profile's data): ready to :func:`~wayhome.core.common.data.lay` over it."""
    return {path: _kept(stored, path, value) for path, value in parts.items()}


def _kept(stored: Mapping[str, Any], path: str, value: Any) -> Any:
    before = _at(stored, path)
    if isinstance(value, Owned):
        return {**_unowned(before, value.owns), **value.value}
    if not isinstance(value, Rows):
        return value
    items = before if isinstance(before, list) else []
    if value.origins is not None:
        return _by_identity(items, identities(stored, path), value, value.origins)
    shown = value.shown(stored)
    out = []
    for item, row in zip(value.items, value.rows, strict=True):
        at = shown.rows[row] if row is not None and row < len(shown.rows) else None
        base = items[at] if at is not None and 0 <= at < len(items) else None
        out.append({**_unowned(base, value.owns), **item} if isinstance(item, Mapping) else item)
    out += [x for i, x in enumerate(items) if i not in shown.covers and x not in out]
    return out


def _by_identity(items: list[Any], ids: list[str], value: Rows, origins: Origins) -> list[Any]:
    """Each item over a stored item its row was shown from, if one is still stored (else
    it is new); the stored items the page covered go, the others stay, but one the same
    as a new item (a regulator typed again) stays once.

    Identical items are interchangeable: a row takes any stored copy of the item it was
    shown from that no row before it took, and of the copies stored, as many as the page
    showed are covered (those after are copies added since), whichever the page's ranks
    named, so that another window removing one copy moves no row onto nothing."""
    copies: dict[str, list[Any]] = {}
    for i, x in zip(ids, items, strict=True):
        copies.setdefault(_digest(i), []).append(x)
    out, new = [], []
    for item, shown in zip(value.items, origins.rows, strict=True):
        found = next((d for d in sorted(map(_digest, shown)) if copies.get(d)), None)
        base = copies[found].pop(0) if found is not None else None
        if base is None:
            new.append(item)
        out.append({**_unowned(base, value.owns), **item} if isinstance(item, Mapping) else item)
    covered = Counter(map(_digest, origins.covers.union(*origins.rows)))
    for i, x in zip(ids, items, strict=True):
        if _rank(i) < covered[_digest(i)]:
            continue
        if x in new:
            new.remove(x)
        else:
            out.append(x)
    return out


def _unowned(base: Any, owns: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k not in owns} if isinstance(base, Mapping) else {}


# --------------------------------------------------------------------------- which item a row is

IDENTITY: Final = re.compile(r"[0-9a-f]{16}-[0-9]{1,6}")
MAX_IDENTITIES: Final = 10_000  # read from one hidden field at most: more than any list


def identities(data: Mapping[str, Any], path: str) -> list[str]:
    """Each item's identity in the list at ``path`` of ``data`` (profile data, with the
    documents held): a short hash of the path and the item's canonical JSON, and how many
    identical items come before it ("3f...-0", then "3f...-1"). It finds the item a page
    showed in the list as saved since, whatever its place; identical items are
    interchangeable, so a row matched to either loses nothing."""
    found = _at(data, path)
    out = []
    before: dict[str, int] = {}
    for item in found if isinstance(found, list) else []:
        text = json.dumps([path, item], sort_keys=True, separators=(",", ":"), default=str)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        n = before.get(digest, 0)
        before[digest] = n + 1
        out.append(f"{digest}-{n}")
    return out


def _digest(identity: str) -> str:
    return identity.rpartition("-")[0]


def _rank(identity: str) -> int:
    return int(identity.rpartition("-")[2])


def read_identities(text: str) -> tuple[str, ...]:
    """The identities a page's hidden field holds, in order, once each: anything else (a
    value changed by hand) is left out, and so matches nothing."""
    words = text.split(maxsplit=MAX_IDENTITIES)[:MAX_IDENTITIES]
    return tuple(dict.fromkeys(w for w in words if IDENTITY.fullmatch(w)))


# --------------------------------------------------------------------------- what a page saw


class Seen(Struct, frozen=True):
    """What a page was shown from: the paths of the profile it shows and writes
    (``plan.targets``), and the :func:`fingerprint` of their stored values then (None: a
    page that carries none, read as shown from nothing stored)."""

    paths: tuple[str, ...]
    fingerprint: str | None


class PageChanged(Exception):
    """The stored parts pages were shown from changed before they were saved: nothing
    was saved. ``changed``: each page whose parts changed, with their fingerprint now."""

    def __init__(self, changed: Sequence[tuple[Seen, str]]) -> None:
        super().__init__("the page changed since it was shown")
        self.changed = tuple(changed)

    @property
    def fresh(self) -> str:
        """The fingerprint now of the first page's parts."""
        return self.changed[0][1]


def fingerprint(data: Mapping[str, Any], paths: Iterable[str]) -> str:
    """A short hash of the canonical JSON of ``data``'s values at ``paths`` (profile data,
    with the documents held: :func:`profile_data`); a path not there counts as None."""
    values = {path: _at(data, path) for path in sorted(paths)}
    text = json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _at(data: Mapping[str, Any], path: str) -> Any:
    found: Any = data
    for key in path.split("."):
        found = found.get(key) if isinstance(found, Mapping) else None
    return found


def _check_seen(data: Mapping[str, Any], seen: Sequence[Seen]) -> None:
    """Every page's parts in ``data`` (read with the profile's row held) as it saw them."""
    now = [(page, fingerprint(data, page.paths)) for page in seen]
    changed = [(p, f) for p, f in now if f != (p.fingerprint or fingerprint({}, p.paths))]
    if changed:
        raise PageChanged(changed)


# --------------------------------------------------------------------------- the profile


def profile_data(owner: Any) -> dict[str, Any]:
    """The stored profile as data (even one that no longer loads: a step can fix it),
    with the documents held; {} when there is none."""
    return _with_documents(owner, store.profile_data(owner) or {})


def _with_documents(owner: Any, data: dict[str, Any]) -> dict[str, Any]:
    held = document_records.held(owner)
    if held:
        return {**data, "documents": [d.model_dump(mode="json", exclude_none=True) for d in held]}
    return data


def finish(owner: Any, parts: Mapping[str, Any], on: date, seen: Sequence[Seen] = ()) -> Profile:
    """Every step's parts laid over the stored profile, saved when it checks out; the
    draft goes, and the dashboard compares with today's assessment from now on. A step
    whose stored parts changed since it was shown (``seen``) saves nothing:
    :class:`PageChanged`."""
    with transaction.atomic():
        profile = _save(owner, parts, on, seen)
        drafts.remove(owner)
        dashboard.remember_first(owner, on)
    return profile


def save_section(
    owner: Any, parts: Mapping[str, Any], on: date, seen: Seen | None = None
) -> Profile:
    """One step's parts, edited as a page of the profile; nothing saved when the parts
    the page was shown from (``seen``) changed since: :class:`PageChanged`."""
    with transaction.atomic():
        return _save(owner, parts, on, [seen] if seen is not None else [])


def _save(owner: Any, parts: Mapping[str, Any], on: date, seen: Sequence[Seen]) -> Profile:
    """Inside the save's transaction: the profile read once, with its row held when pages
    say what they saw (PostgreSQL; SQLite's write lock is taken as the transaction
    begins), checked against what they saw, and the parts laid over it."""
    if seen:
        list(StoredProfile.objects.select_for_update().filter(owner=owner).values_list("pk"))
    stored = store.profile_data(owner) or {}
    # The documents held live in their records: a page of them is seen and laid over those.
    paths = [p for page in seen for p in page.paths]
    with_documents = any(p.split(".")[0] == "documents" for p in [*parts, *paths])
    known = _with_documents(owner, stored) if with_documents else stored
    _check_seen(known, seen)
    data = lay(stored, kept(known, parts))
    if stored.get("id"):
        data["id"] = stored["id"]
    if "documents" not in parts:
        data.pop("documents", None)  # the records hold them, and stay as they are
    profile = profile_edits.validated(data)
    profile_edits.judged(profile, on)  # what the packs do not know, refused before saving
    if "documents" in parts:
        _forget_documents(owner)
        profile = document_records.take(owner, profile)
    store.save_profile(owner, document_records.stored_data(profile))
    return profile


def _forget_documents(owner: Any) -> None:
    """The documents held are replaced by those given: what a record said it held goes
    (the record stays, as a need on the checklist, with its files)."""
    DocumentItem.objects.filter(owner=owner).exclude(kind="").update(
        issued=None, issuer="", note=""
    )


def import_upload(owner: Any, data: bytes, name: str, on: date) -> Profile:
    """An uploaded profile file becomes the stored profile."""
    profile = profile_edits.import_bytes(owner, data, name)
    drafts.remove(owner)
    dashboard.remember_first(owner, on)
    return profile
