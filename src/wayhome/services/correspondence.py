"""The regulator correspondence log: questions, answers, evidence.

The guide: write down what each regulator told you, keep the email or the PDF,
because policies change and you want proof. An answer becomes a confirmed rule
through wayhome.services.regulator_answers; it then drives the assessment and links
back to its evidence.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db.models import Correspondence, Evidence, VaultFile
from wayhome.adapters.email_headers import headers
from wayhome.adapters.vault.storage import Vault
from wayhome.core.evidence import ask
from wayhome.core.rules import engine
from wayhome.services import vault as vault_service
from wayhome.services.source import from_store

REMIND_AFTER_DAYS: Final = 21


def seed(owner: Any, jurisdiction: str, on: date) -> int:
    """Add the guide's questions, and the pack's open ones that matter, not yet logged."""
    src = from_store(owner)
    packs = pack_files.load_packs()
    report = engine.assess(src.profile, packs, on, [jurisdiction])
    by_code = {p.code: p for p in packs}
    have = set(
        Correspondence.objects.filter(owner=owner, jurisdiction=jurisdiction).values_list(
            "question", flat=True
        )
    )
    added = 0
    for a in report.assessments:
        email = ask.draft(src.profile, a, by_code.get(a.jurisdiction), on)
        for q in email.questions:
            if q not in have:
                Correspondence.objects.create(owner=owner, jurisdiction=a.jurisdiction, question=q)
                have.add(q)
                added += 1
    return added


def overdue(owner: Any, on: date, days: int = REMIND_AFTER_DAYS) -> list[Correspondence]:
    """Questions asked more than ``days`` ago with no answer yet."""
    return list(
        Correspondence.objects.filter(owner=owner, asked__lt=on - timedelta(days=days), answer="")
    )


def attach(
    owner: Any, item: Correspondence, vault: Vault, name: str, data: bytes
) -> vault_service.Ingested:
    result = vault_service.ingest(owner, vault, name, data)
    if result.status == "refused":
        return result
    stored = VaultFile.objects.get(owner=owner, object_id=result.object_id)
    Evidence.objects.get_or_create(
        owner=owner,
        correspondence=item,
        vault_file=stored,
        defaults={"headers": headers(data, stored.media_type)},
    )
    return result


def log_items(owner: Any) -> list[Correspondence]:
    """Every question, with the files that came with its answer."""
    return list(Correspondence.objects.filter(owner=owner).prefetch_related("evidence__vault_file"))


def targets(owner: Any) -> list[str]:
    """The regulators to seed questions for: each pack covering a target of the plan."""
    packs = {p.code: p for p in pack_files.load_packs()}
    return [
        c
        for t in from_store(owner).profile.targets
        for c in ([p for p in packs if packs[p].covers(t)] or [t])
    ]


ANSWER_FIELDS: Final = ("channel", "asked", "person", "answer", "answered")


def answer_of(item: Correspondence) -> dict[str, Any]:
    return {f: getattr(item, f) for f in ANSWER_FIELDS}


def save_answer(item: Correspondence, values: dict[str, Any]) -> None:
    """How and when it was asked, who answered and what they said (empty: cleared)."""
    for f in ANSWER_FIELDS:
        if f in values:
            value = values[f]
            setattr(item, f, value or ("" if f in ("channel", "person", "answer") else None))
    item.save()


def answers_to(item: Correspondence) -> tuple[str, str | None, str | None]:
    """What a logged answer answers, as "the regulator told me" recorded it (the confirmed
    rule it made, kept on the answer by regulator_answers.record): the target's code, and
    the pack rule it settles or the kind of the new rule it made; the question's
    regulator and (None, None) when it was recorded against no rule. Readiness judges the
    written confirmations on this alone, never on the question's words."""
    made = item.confirmed_rule or {}
    rule, kind = made.get("rule"), made.get("kind")
    return (
        str(made.get("jurisdiction") or item.jurisdiction),
        str(rule) if rule else None,
        None if rule else (str(kind) if kind else None),
    )


def evidence_of(item: Correspondence) -> list[Evidence]:
    return list(item.evidence.select_related("vault_file"))
