"""A required document that a later step produces (a pass of an exam still to sit, a
certificate of training still to do at home, a registration made after applying) is
placed after that step, never collected before applying; and a document for foreign
nationals is not asked of a citizen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import all_packs
from tests.helpers.plans import plan_for
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.common.problems import Problem
from wayhome.core.planner.results import Plan, Task
from wayhome.core.rules.kinds.required_documents import RequiredDocumentsRule
from wayhome.core.rules.pack import check_pack

SETUPS = Path(__file__).parents[1] / "helpers" / "setups"
ON = date(2026, 12, 5)


def _doc(plan: Plan, words: str) -> Task:
    return next(t for t in plan.tasks if t.id.startswith("doc:") and words in t.spec.title)


def _docs(plan: Plan) -> list[str]:
    return [t.spec.title for t in plan.tasks if t.id.startswith("doc:")]


def test_a_pass_certificate_comes_after_the_planned_sitting():
    prof, _ = load_profile(example_path("do-the-math"))
    plan = plan_for(prof, ON)
    sit = plan.task("sit:XX:xx-conversion-exam")
    doc = _doc(plan, "Conversion examination pass certificate")
    assert doc.start > sit.end == date(2028, 9, 30)
    assert doc.spec.latest is None
    assert "sit:XX:xx-conversion-exam" in doc.spec.depends_on
    assert "after the sitting in Sep 2028" in doc.reason
    # The others are still collected before applying.
    diploma = _doc(plan, "Primary medical diploma")
    assert diploma.spec.latest is not None and diploma.end <= diploma.spec.latest


def test_a_certificate_of_training_at_home_comes_after_that_training():
    prof, _ = load_profile(SETUPS / "h1b-internist-germany.yaml")
    plan = plan_for(prof, ON)
    local = plan.task("local:DE:de-weiterbildung-in-germany")
    doc = _doc(plan, "12 months of Weiterbildung")
    assert local.end == date(2028, 3, 31)
    assert doc.start == date(2028, 4, 1)
    assert doc.spec.latest is None
    assert "the training is completed on 31 Mar 2028" in doc.reason
    us = _doc(plan, "Certificates of each US residency")
    assert us.end < prof.plan.return_date


def test_the_surgeon_s_revalida_pass_and_rqe_come_after_his_return():
    prof, _ = load_profile(SETUPS / "green-card-surgeon-brazil.yaml")
    plan = plan_for(prof, ON)
    back = prof.plan.return_date
    apply = plan.task("apply-registration")
    for words in ("Revalida pass", "Your diploma as revalidated"):
        doc = _doc(plan, words)
        assert doc.start >= back, doc.reason
        assert doc.spec.latest is None
        assert "no sitting of Revalida after it is known yet" in doc.reason
    rqe = _doc(plan, "Registration of the specialty (RQE)")
    assert rqe.start > apply.end
    assert "apply-registration" in rqe.spec.depends_on


def test_a_brazilian_citizen_is_not_asked_for_foreign_national_documents():
    prof, _ = load_profile(SETUPS / "green-card-surgeon-brazil.yaml")
    titles = " ".join(_docs(plan_for(prof, ON)))
    assert "CELPE-Bras" not in titles
    assert "immigration status" not in titles
    assert "Official (sworn) translation" in titles


def test_a_foreign_national_is_asked_for_them_after_passing_celpe_bras():
    prof, _ = load_profile(SETUPS / "green-card-surgeon-brazil.yaml")
    prof = prof.model_copy(
        update={"person": prof.person.model_copy(update={"citizenship": ["BO"]})}
    )
    plan = plan_for(prof, ON)
    immigration = _doc(plan, "Proof of immigration status")
    assert immigration.spec.latest is not None  # collected before applying
    celpe = _doc(plan, "CELPE-Bras certificate")
    assert celpe.spec.latest is None and celpe.start >= prof.plan.return_date


def _with_produced_by(ref: str) -> list[Problem]:
    pack = next(p for p in all_packs() if p.code == "XX")
    rule = next(r for r in pack.rules if isinstance(r, RequiredDocumentsRule))
    version = rule.versions[0]
    assert version.documents
    docs = [*version.documents[:-1], version.documents[-1].model_copy(update={"produced_by": ref})]
    rules = [
        r.model_copy(update={"versions": [version.model_copy(update={"documents": docs})]})
        if r is rule
        else r
        for r in pack.rules
    ]
    return check_pack(pack.model_copy(update={"rules": rules}))


@pytest.mark.parametrize("ref", ["xx-no-such-rule", "xx-public-age-limit"])
def test_produced_by_must_name_an_exam_local_training_or_documents(ref):
    problems = _with_produced_by(ref)
    assert any(p.path[-1] == "produced_by" and ref in p.message for p in problems), problems


def test_produced_by_may_name_an_exam():
    assert _with_produced_by("xx-conversion-exam") == []


def test_assess_calls_a_document_a_later_step_makes_later_not_missing():
    # The conversion exam's pass certificate, no exam passed yet: "later", with the
    # step that makes it and no date to ask for it by; a document to collect stays
    # "missing".
    from wayhome.core.rules import engine

    prof, _ = load_profile(example_path("do-the-math"))
    report = engine.assess(prof, all_packs(), ON)
    docs = {d.name: d for a in report.assessments for d in a.documents}
    later = next(d for n, d in docs.items() if "Conversion examination pass" in n)
    assert (later.status, later.request_by) == ("later", None)
    assert "It comes from a later step (" in later.explanation
    assert "missing" in {d.status for d in docs.values()}


def test_a_document_a_later_step_makes_needs_a_kind_of_the_pack_s_own():
    pack = next(p for p in all_packs() if p.code == "XX")
    rule = next(r for r in pack.rules if isinstance(r, RequiredDocumentsRule))
    version = rule.versions[0]
    assert version.documents
    shared = version.documents[-1].model_copy(
        update={"produced_by": "xx-conversion-exam", "kind": "primary-degree"}
    )
    docs = [*version.documents[:-1], shared]
    rules = [
        r.model_copy(update={"versions": [version.model_copy(update={"documents": docs})]})
        if r is rule
        else r
        for r in pack.rules
    ]
    [problem] = check_pack(pack.model_copy(update={"rules": rules}))
    assert problem.path[-1] == "kind"
    assert "'primary-degree' is shared" in problem.message
    assert "held from elsewhere would be taken for it" in problem.message


@pytest.mark.parametrize(
    ("setup", "held", "made_later"),
    [
        # The Bolivian diploma is not the one a Brazilian university revalidates, nor is
        # an English certificate CELPE-Bras; US residency certificates are not German
        # Weiterbildung.
        (
            "green-card-surgeon-brazil.yaml",
            [("primary-degree", "2010-12-15"), ("language-certificate", "2026-03-01")],
            ["as revalidated by a Brazilian public university", "CELPE-Bras certificate"],
        ),
        (
            "h1b-internist-germany.yaml",
            [("training-certificate", "2026-06-30")],
            ["12 months of Weiterbildung"],
        ),
    ],
)
def test_a_document_held_from_elsewhere_is_not_taken_for_one_a_later_step_makes(
    setup, held, made_later
):
    from wayhome.core.rules import engine

    prof, _ = load_profile(SETUPS / setup)
    more = [{"kind": kind, "issued": issued} for kind, issued in held]
    data = prof.model_dump(mode="json")
    data["documents"] = [*data.get("documents", []), *more]
    data["person"]["citizenship"] = ["US"]  # a foreign national: CELPE-Bras asked
    prof = type(prof).model_validate(data)
    report = engine.assess(prof, all_packs(), ON)
    docs = [d for a in report.assessments for d in a.documents]
    for words in made_later:
        [doc] = [d for d in docs if words in d.name]
        assert (doc.status, doc.issued) == ("later", None), doc
