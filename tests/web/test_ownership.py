"""Ownership on every object view: another account gets 404, for every URL pattern."""

import pytest
from django.urls import reverse

from tests.helpers.letters import stored_file
from wayhome.adapters.db.models import Correspondence, DocumentItem, VaultFile
from wayhome.web import urls

# The methods each object view takes; any other gets 405 before reaching an object.
METHODS = {
    "dashboard": {"get", "post"},  # a post moves a target in the order of preference
    "seen": {"post"},
    "task": {"post"},
    "export": {"get"},
    "calendar": {"get", "post"},
    "pdf": {"get"},
    "whatif": {"get"},
    "target": {"get", "post"},  # a post records "I registered" for an exam's sitting
    "scenarios": {"get", "post"},
    "profile": {"get"},
    "profile-step": {"get", "post"},
    "log": {"get", "post"},
    "log-item": {"get", "post"},
    "told": {"get", "post"},
    "documents": {"get", "post"},
    "document": {"post"},
    "visa": {"get", "post"},
    "money": {"get", "post"},
    "money-preview": {"post"},
    "cases": {"get", "post"},
    "cases-map": {"get", "post"},
    "pubs": {"get", "post"},
    "cv-page": {"get"},
    "cv": {"get"},
    "cv-docx": {"get"},
    "activities": {"get", "post"},
    "contacts": {"get", "post"},
    "contacts-vcf": {"get"},
    "files": {"get"},
    "file": {"post"},
    "search": {"get"},
    "consistency": {"get"},
    "packets": {"get", "post"},
}
PATTERNS = [p for p in urls.urlpatterns if "pk" in p.pattern.converters]


@pytest.fixture
def question(owner):
    user, _ = owner
    DocumentItem.objects.create(owner=user, key="diploma", name="Diploma")
    stored_file(user, "diploma.pdf", "0")
    return Correspondence.objects.create(
        owner=user, jurisdiction="XX", question="Is US residency recognised?"
    )


def _url(pattern, pk, cid):
    kwargs = {"pk": pk}
    if "step" in pattern.pattern.converters:
        kwargs["step"] = "boards"
    if "task_id" in pattern.pattern.converters:
        kwargs["task_id"] = "find-regulator"
    if "cid" in pattern.pattern.converters:
        kwargs["cid"] = cid
    if "did" in pattern.pattern.converters:
        kwargs["did"] = DocumentItem.objects.get(key="diploma").pk
    if "fid" in pattern.pattern.converters:
        kwargs["fid"] = VaultFile.objects.get(name="diploma.pdf").pk
    if "code" in pattern.pattern.converters:
        kwargs["code"] = "XX"
    return reverse(f"wayhome:{pattern.name}", kwargs=kwargs)


def test_every_object_url_is_checked():
    assert set(METHODS) == {p.name for p in PATTERNS}


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_account_gets_404(pattern, method, owner, stranger, question, client_for):
    _, mine = owner
    stranger_user, _ = stranger
    url = _url(pattern, mine.pk, question.pk)
    response = getattr(client_for(stranger_user), method)(url, {"action": "done"})
    assert response.status_code == (404 if method in METHODS[pattern.name] else 405), url


def test_another_accounts_question_under_ones_own_profile_is_404(
    owner, stranger, question, client_for
):
    stranger_user, theirs = stranger
    url = reverse("wayhome:log-item", kwargs={"pk": theirs.pk, "cid": question.pk})
    assert client_for(stranger_user).get(url).status_code == 404


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
def test_the_owner_gets_through(pattern, owner, question, client_for):
    user, mine = owner
    url = _url(pattern, mine.pk, question.pk)
    c = client_for(user)
    response = c.post(url, {"action": "done"}) if "get" not in METHODS[pattern.name] else c.get(url)
    assert response.status_code in (200, 302), url


def test_the_account_wide_pages_show_another_account_nothing_of_this_ones(
    owner, stranger, client_for, settings, tmp_path
):
    """/vault/ and /account/ carry no object id: what they show is the signed-in
    account's own (its session's unlocked vault, its sessions)."""
    from tests.helpers.web import open_vault
    from wayhome.services import signin, unlocked

    settings.DATA_DIR = tmp_path
    mine, theirs = client_for(owner[0]), client_for(stranger[0])
    open_vault(mine)
    try:
        assert "Vault unlocked" in mine.get("/vault/").content.decode()
        assert "Vault unlocked" not in theirs.get("/vault/").content.decode()
        elsewhere = signin.ref(client_for(owner[0]).session.session_key)  # my other one
        assert elsewhere in mine.get("/account/").content.decode()
        assert elsewhere not in theirs.get("/account/").content.decode()
    finally:
        unlocked._open.clear()
