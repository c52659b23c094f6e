"""Item 13, every web form: each form the web app reads (found from the views,
tests/helpers/web_forms.py, so a new one is covered without a list to keep) is sent
hostile values by a signed-in owner: fields empty, huge, with NUL or bidi controls, of
the wrong type, several times over, odd dates, negative and enormous numbers, files of
any bytes and name. The answer is a page or a redirect, never a server error; a refusal
says why in words and leaves every table as it was (the setup keeps what was typed as
its draft, by design: that is all it writes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.contrib.messages import constants, get_messages
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.hostile import FILES
from tests.helpers.hostile_input import (
    ODD_DATES,
    ODD_NUMBERS,
    bounded,
    file_names,
    hard_limit,
    hostile_bytes,
    hostile_text,
    left_in_tmp,
    tables,
)
from tests.helpers.web import PASS
from tests.helpers.web_forms import Route, project_forms, routes, step_forms
from wayhome.adapters.db.models import (
    ActivityRecord,
    ContactRecord,
    Correspondence,
    DocumentItem,
    SetupDraft,
    VaultFile,
)
from wayhome.services import cases, contacts, documents, signin, vault_access
from wayhome.services import setup as setup_service
from wayhome.services import vault as vault_service
from wayhome.web.forms.account import CONFIRM_DELETE
from wayhome.web.forms.base import ActionForm, MonthField, TypedDateField
from wayhome.web.forms.setup import BY_SLUG
from wayhome.web.forms.steps import FINGERPRINT, MAX_ROWS, ROWS

ROUTES = routes()
# Hostile examples for each form, beside the one filled in as a person would: few, as
# there are some eighty pages to send them to (WAYHOME_HOSTILE_SCALE asks for more).
EXAMPLES = 2
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
GOOD_FILES = [p.read_bytes() for p in sorted(FILES.iterdir()) if p.is_file()][:6]
UNMAPPED_LOG = b"When,Who,What\n2024-05-01,Surgeon,Appendectomy\n"


def test_every_form_of_the_web_app_has_a_route():
    """A form no view is found to read would go untested: the finder must see it."""
    routed = {r.form for r in ROUTES} | step_forms()
    bases = {f for f in project_forms() if f.__subclasses__() and f not in routed}
    assert project_forms() - routed - bases == set()
    assert {r.url_name for r in ROUTES} >= {"setup", "profile-step", "vault", "login"}
    assert len(ROUTES) > 60


# --------------------------------------------------------------------------- the world


@dataclass
class World:
    user: Any
    kwargs: dict[str, Any]  # the URL's parts: the owner's own ids
    values: dict[str, list[str]]  # a field name's plausible values (ids, a passphrase)
    vault: dict[Path, bytes]  # the vault folder's files (a keyring, a stored file)
    seen: list[forms.BaseForm] = field(default_factory=list)  # forms validated
    ran: list[tuple[ActionForm, str | None]] = field(default_factory=list)  # actions run


@pytest.fixture
def world(owner, data_dir, monkeypatch) -> Iterator[World]:
    """The owner with something for every form to act on: a vault with a stored PDF, a
    checklist item, a question, an activity, a contact, a case, a second session."""
    user, row = owner
    monkeypatch.setattr(signin, "_failures", {})  # wrong passwords counted here only
    vault_access.create(user, "world", PASS, PASS)
    # Stored as the web app stores one, so its reading is queued now, not by an example.
    stored = vault_access.store(
        user, "world", lambda vault: vault_service.ingest(user, vault, "diploma.pdf", PDF)
    )
    vault_access.lock("world")
    vf = VaultFile.objects.get(owner=user, object_id=stored.object_id)
    item = DocumentItem.objects.create(
        owner=user,
        key="xx-primary-medical-diploma",
        name="Primary medical diploma",
        steps=[{"step": "Certified copy", "done": None}],
    )
    question = Correspondence.objects.create(owner=user, jurisdiction="XX", question="Is it?")
    activity = ActivityRecord.objects.create(owner=user, kind="teaching", title="Grand rounds")
    contact = contacts.add(user, "Dr. Asha Rao", title="Head of Department")
    other = Client()
    other.force_login(user)
    world = World(
        user,
        {"pk": row.pk, "did": item.pk, "cid": question.pk, "fid": vf.pk},
        {
            "id": [str(activity.pk), str(vf.pk)],
            "letter": [str(vf.pk)],
            "translation_of": [str(vf.pk)],
            "contact": [contact.id, contact.name],
            "index": ["0", "1"],
            "session_ref": [signin.ref(other.session.session_key)],
            "passphrase": [PASS],
            "current": [PASS],
            "again": [PASS],
            "confirm": [CONFIRM_DELETE],
            "username": ["owner"],
            "password": ["correct horse battery"],
            "country": ["XX", "IN", "US"],
            "target": ["your-plan", "XX", "back-before-the-window-closes"],
            "key": ["xx-primary-medical-diploma"],
            "delete": ["back-before-the-window-closes"],
            "next": [
                f"/p/{row.pk}/files/",
                "https://evil.example/",
                "//evil.example/x",
                "/\\evil.example",
                "javascript:alert(1)",
            ],
            "item": ["xx-primary-medical-diploma"],
            "rule": ["xx-exam-graduation-window"],
            "specialty": ["Internal Medicine", "cardiology"],
        },
        {p: p.read_bytes() for p in vault_service.vault_dir().rglob("*") if p.is_file()},
    )
    assert ContactRecord.objects.filter(owner=user).exists()
    spy(world, monkeypatch)
    yield world


def spy(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Record every form validated and every action run, to tell a refusal."""
    full_clean, run = forms.BaseForm.full_clean, ActionForm.run

    def seen(self: forms.BaseForm) -> None:
        world.seen.append(self)
        full_clean(self)

    def ran(self: ActionForm, owner: Any, on: date) -> str | None:
        done = run(self, owner, on)
        world.ran.append((self, done))
        return done

    monkeypatch.setattr(forms.BaseForm, "full_clean", seen)
    monkeypatch.setattr(ActionForm, "run", ran)


def url_of(route: Route, world: World) -> str:
    from wayhome.web import urls

    pattern = next(p for p in urls.urlpatterns if p.name == route.url_name)
    parts = {**world.kwargs, "task_id": "find-regulator", "code": "XX", "step": route.step}
    url = reverse(
        f"wayhome:{route.url_name}", kwargs={k: parts[k] for k in pattern.pattern.converters}
    )
    return url + QUERIES.get(route.url_name, "")


# What a page's URL says its form is about, when the form needs it to be shown at all.
QUERIES = {"told": "?finding=XX:xx-exam-graduation-window"}


# ---------------------------------------------------------------------- hostile values


class Upload(io.BytesIO):
    """A file as the test client sends it, under any name at all (Django's own
    SimpleUploadedFile refuses some names before they are ever sent)."""

    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(data)
        self.name = name

    def __repr__(self) -> str:
        return f"Upload({self.name!r}, {self.getvalue()[:40]!r}…)"


def value_of(name: str, f: forms.Field, world: World) -> st.SearchStrategy[Any]:
    """What a field may be sent: its own kind of value, a plausible one, or anything."""
    plausible = world.values.get(name.rsplit("-", 1)[-1], [])
    anything = hostile_text()
    if isinstance(f, forms.FileField):
        data = st.one_of(hostile_bytes(), st.sampled_from([PDF, UNMAPPED_LOG, *GOOD_FILES]))
        return st.builds(Upload, file_names().filter(bool), data)
    if isinstance(f, forms.BooleanField):
        own: st.SearchStrategy[Any] = st.sampled_from(("on", "", "off", "false", "0"))
    elif isinstance(f, forms.ChoiceField):
        choices = [str(k) for k, _ in f.choices if not isinstance(_, list | tuple)]
        own = st.sampled_from(choices) if choices else anything
        if isinstance(f, forms.MultipleChoiceField):
            own = st.lists(own | anything, max_size=3)
    elif isinstance(f, forms.IntegerField | forms.DecimalField | forms.FloatField):
        own = st.one_of(
            st.integers(min_value=-(10**30), max_value=10**30).map(str),
            st.sampled_from(ODD_NUMBERS),
        )
    elif isinstance(f, TypedDateField | MonthField):
        own = st.one_of(
            st.dates(min_value=date(1850, 1, 1)).map(lambda d: f"{d.day} {d:%b %Y}"),
            st.sampled_from(ODD_DATES),
        )
    else:
        own = anything
    if plausible:
        own = st.sampled_from(plausible) | own
    return st.one_of(own, own, anything, st.lists(own, min_size=2, max_size=3))


@st.composite
def posted(draw: st.DrawFn, fields: dict[str, forms.Field], world: World) -> dict[str, Any]:
    """A POST for ``fields``: each field sent (or left out), and now and then a stranger."""
    out: dict[str, Any] = {}
    for name, f in fields.items():
        if draw(st.integers(min_value=0, max_value=5)):  # left out one time in six
            out[name] = draw(value_of(name, f, world))
    if draw(st.booleans()):
        out[draw(st.text(min_size=1, max_size=12))] = draw(hostile_text())
    return out


def step_fields(slug: str, world: World) -> st.SearchStrategy[dict[str, Any]]:
    """A step's own fields, up to three rows of its row form, the rows' count (which a
    person never types: a number, a word, negative, a million) and the button."""
    step = BY_SLUG[slug]
    kwargs = step.form_kwargs()
    main = posted(dict(step.form(**kwargs).fields), world)
    if step.rows is None:
        rows = st.just({})
    else:
        row = dict(step.rows(**kwargs).fields)

        def numbered(drawn: list[dict[str, Any]]) -> dict[str, Any]:
            return {f"{ROWS}-{i}-{k}": v for i, one in enumerate(drawn) for k, v in one.items()}

        rows = st.tuples(
            st.lists(posted(row, world), max_size=3).map(numbered),
            # A count past MAX_ROWS builds 50 rows, seconds to show: it has its own test.
            st.sampled_from(("0", "1", "2", "3", "-1", "x", "", "1e3", "٣")),
        ).map(lambda r: {**r[0], f"{ROWS}-TOTAL_FORMS": r[1], f"{ROWS}-INITIAL_FORMS": "0"})
    button = st.sampled_from(("next", "add", "back")) | hostile_text(10)
    return st.tuples(main, rows, button).map(lambda t: {**t[0], **t[1], "action": t[2]})


# ------------------------------------------------------------------------- sending


@dataclass
class Answer:
    status: int
    page: str  # the page's text ("" for a redirect)
    messages: list[tuple[int, str]]
    refused: list[str]  # why, for each form that refused (empty: nothing refused)


def send(client: Client, route: Route, url: str, data: dict[str, Any], world: World) -> Answer:
    world.seen.clear()
    world.ran.clear()
    if route.method == "get":
        flat = {k: v for k, v in data.items() if not isinstance(v, Upload)}
        response = client.get(url, flat)
    else:
        response = client.post(url, data)
    assert response.status_code < 500, response.status_code
    if response.status_code in (301, 302, 303):
        where = response["Location"]
        assert where.startswith("/") and not where.startswith(("//", "/\\")), where
    html = response.get("Content-Type", "").startswith("text/html")
    streaming = getattr(response, "streaming", False)
    page = response.content.decode() if html and not streaming else ""
    said = [(m.level, str(m)) for m in get_messages(response.wsgi_request)]
    refused = [
        str(e)
        for form, done in world.ran
        if done is None
        for errors in form.errors.values()
        for e in errors
    ]
    if not any(done is not None for _, done in world.ran):
        refused += [
            str(e)
            for form in world.seen
            if form.is_bound and form._errors
            for errors in form._errors.values()
            for e in errors
        ]
    if response.status_code >= 400 and not refused:
        refused = [f"status {response.status_code}"]
    return Answer(response.status_code, page, said, refused)


# What a page says of a refusal in its own words rather than the form's: the sign-in
# counts a refused sign-in as a wrong password, whatever was missing.
OWN_WORDS = ("more wrong password", "Password sign-in from this computer is now paused")
# Refusals known to be said nowhere, each reported to the page's owner: the page is still
# answered, and nothing is written; only the words are not checked.
SILENT: dict[str, str] = {}  # forms that refuse without a word: none


def says_why(answer: Answer) -> bool:
    """A refusal is said: an error message, or one of the form's errors on the page."""
    if any(level >= constants.WARNING for level, _ in answer.messages):
        return True
    if answer.status in (400, 403, 404, 405, 413, 429) and answer.page.strip():
        # The error page says it: a request no browser sends (a file name of thousands of
        # characters), not yours or not found, too big, wait.
        return True
    if any(words in answer.page for words in OWN_WORDS):
        return True
    for text in answer.refused:
        core = escape(text.strip().rstrip("."))[1:40]
        if core and core in answer.page:
            return True
    return bool(answer.page) and re.search(r'class="(message error|error|errorlist)', answer.page)


def one_example(route: Route, world: World, data: dict[str, Any], own: Any = ()) -> None:
    """Send ``data`` by a fresh session with the vault unlocked, check the answer, and
    roll the database back (and put the keyring back: a new passphrase may have been
    set), so that every example starts from the same world."""
    client = Client()
    client.raise_request_exception = True  # a traceback fails the example with itself
    try:
        with transaction.atomic():
            client.force_login(world.user)
            session = client.session.session_key
            vault_access.unlock(world.user, session, PASS)
            if route.url_name == "cases-map":
                data = {**data, "token": cases.hold(world.user, "log.csv", UNMAPPED_LOG)}
            before = tables()
            with hard_limit(40):
                answer = send(client, route, url_of(route, world), data, world)
            # A form read from the query (a visit's dates, the CV's target) is no action:
            # with nothing typed the page is shown as it is, a download is what it is;
            # but it never writes.
            typed = route.method == "post" or (
                bool(answer.page) and any(data.get(n) not in (None, "", []) for n in own)
            )
            if route.method == "get":
                assert tables() == before, "a GET wrote to the database"
            if answer.refused:
                if typed and route.id not in SILENT:
                    assert says_why(answer), f"refused without a word: {answer.refused}"
                after = tables()
                if route.url_name == "setup":  # the draft keeps what was typed
                    label = SetupDraft._meta.label
                    before.pop(label), after.pop(label)
                assert after == before, "a refusal changed the database"
            assert left_in_tmp(vault_service.data_dir()) == []
            transaction.set_rollback(True)
    finally:
        vault_access.lock(client.session.session_key)
        restore_vault(world)


def restore_vault(world: World) -> None:
    """The vault's files as the world made them: an example may have set a new
    passphrase, or deleted everything (the keyring and the stored file with it)."""
    for path, data in world.vault.items():
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def plausible(name: str, f: forms.Field, world: World) -> Any:
    """A value a person could have typed in the field: the first of its kind."""
    if name in world.values:
        return world.values[name][0]
    if isinstance(f, forms.FileField):
        return Upload("letter.pdf", PDF)
    if isinstance(f, forms.ChoiceField):
        first = next((str(k) for k, _ in f.choices if k not in ("", None)), "")
        return [first] if isinstance(f, forms.MultipleChoiceField) else first
    if isinstance(f, forms.BooleanField):
        return "on"
    if isinstance(f, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "1"
    if isinstance(f, TypedDateField):
        return "1 Jul 2025"
    if isinstance(f, MonthField):
        return "Jul 2025"
    return "Example"


def fields_of(route: Route, world: World) -> dict[str, forms.Field]:
    """The fields the form has on its page: its declared ones and those it adds when
    made (a checklist item's steps, a held log's columns), seen by sending it filled in
    as a person would (the first example, checked as every other); the form must be
    reached so, or its page is not tested at all."""
    assert route.form is not None
    found = dict(route.form.base_fields)
    data = {name: plausible(name, f, world) for name, f in found.items()}
    data |= {"action": route.action} if route.action else {}
    params = {name: plausible(name, forms.CharField(), world) for name in route.params}
    # With the view's own fields, then without: one may pick another form ("delete").
    for extra in (params, {}):
        one_example(route, world, {**data, **extra}, found)
        reached = [form for form in world.seen if type(form) is route.form]
        if reached:
            break
    assert reached, f"{route.id}: the page never read its form"
    for form in reached:
        found |= form.fields
    return found


FORMS = [r for r in ROUTES if r.form is not None]
STEPS = [r for r in ROUTES if r.step is not None]


@pytest.mark.parametrize("route", FORMS, ids=[r.id for r in FORMS])
def test_a_form_sent_hostile_values_answers_in_words_and_changes_nothing_it_refuses(world, route):
    if route.url_name in ("document", "documents"):
        # Acting on a document records the checklist first (services/documents.current):
        # done here, so that an example sees only what its own form writes.
        documents.sync(world.user, timezone.localdate())
    fields = fields_of(route, world)
    extra = {"action": route.action} if route.action else {}
    sent = {**fields, **{name: forms.CharField() for name in route.params}}

    @given(data=posted(sent, world))
    @bounded(EXAMPLES, seconds=20)
    def check(data):
        one_example(route, world, {**data, **extra}, fields)

    check()


@pytest.mark.parametrize("route", STEPS, ids=[r.id for r in STEPS])
def test_a_setup_step_sent_hostile_values_answers_in_words_and_saves_nothing_it_refuses(
    world, route
):
    # A page of the profile sent as shown from the stored profile (its fingerprint), so
    # that what it sends is checked and saved, not refused as shown from an older one.
    seen = {}
    if route.url_name == "profile-step":
        data = setup_service.profile_data(world.user)
        seen = {FINGERPRINT: setup_service.fingerprint(data, BY_SLUG[route.step].paths)}

    @given(data=step_fields(route.step, world))
    @bounded(EXAMPLES, seconds=20)
    def check(data):
        one_example(route, world, {**data, **seen})

    check()


@pytest.mark.parametrize("button", ["next", "add"])
def test_a_step_asked_for_a_million_rows_builds_no_more_than_it_takes(button):
    """A rows-TOTAL_FORMS of a million built Django's 2,000 rows and took minutes to show.
    The setup's steps and the profile's pages bind rows the same way (forms/steps.py)."""
    step = BY_SLUG["trips"]
    typed = {f"{ROWS}-TOTAL_FORMS": ["1000000"], f"{ROWS}-INITIAL_FORMS": ["0"]}
    typed = step.with_row(typed) if button == "add" else typed
    with hard_limit(20):
        bound = step.bind(typed, date(2026, 11, 24))
        assert not bound.is_valid()
    assert bound.rows is not None and len(bound.rows.forms) == MAX_ROWS
    assert f"At most {MAX_ROWS} rows fit here" in " ".join(bound.rows.non_form_errors())


def test_a_page_long_specialty_is_refused_at_once_in_words(world):
    """It was matched against every specialty's name: 178,000 characters took 10 s."""
    client = Client()
    client.raise_request_exception = True
    client.force_login(world.user)
    step = url_of(Route("profile-step", None, step="return"), world)
    with hard_limit(20):
        page = client.post(step, {"specialty": "y" * 200_000, "action": "next"})
        hint = client.get(reverse("wayhome:check"), {"kind": "specialty", "v": "y" * 50_000})
    assert page.status_code == 422
    assert "is 200,000 characters long" in page.content.decode()
    assert "is 50,000 characters long" in hint.content.decode()
