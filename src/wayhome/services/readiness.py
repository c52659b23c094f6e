"""The evidence the readiness checklist is judged on (core/planner/checklist.py), for
the stored profile: the regulators' answers logged (with the files attached to each, and
the target and rule each was recorded against by "the regulator told me":
:func:`wayhome.services.correspondence.answers_to`),
the document records with their steps, and the packets marked sent
(:func:`wayhome.services.packets.sent_packets`).

A profile file has none of these: :func:`of` gives None and the core judges its own
documents (no step recorded). The database is imported only for a stored profile, so a
command on a file never loads it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.core.planner.checklist import Answer, Evidence, HeldDocument, SentPacket
from wayhome.services.source import ProfileSource


def of(src: ProfileSource) -> Evidence | None:
    """The evidence for ``src``'s checklist; None for a profile file or an example."""
    return gather(src.owner) if src.owner is not None else None


def gather(owner: Any) -> Evidence:
    from django.db.models import Count

    from wayhome.adapters.db.models import Correspondence, DocumentItem
    from wayhome.services import correspondence, packets

    logged = (
        Correspondence.objects.filter(owner=owner, answered__isnull=False)
        .exclude(answer="")
        .annotate(files=Count("evidence"))
    )
    answers = tuple(_answer(c, *correspondence.answers_to(c)) for c in logged if c.answered)
    documents = tuple(
        HeldDocument(d.key, d.kind or None, d.issued, tuple(_steps(d.steps)))
        for d in DocumentItem.objects.filter(owner=owner)
    )
    sent = tuple(
        SentPacket(
            p.code,
            p.sent,
            p.kinds,
            tuple(str(d["key"]) for d in p.documents if d.get("key")),
        )
        for p in packets.sent_packets(owner)
    )
    return Evidence(answers, documents, sent)


def _answer(c: Any, target: str, rule: str | None, kind: str | None) -> Answer:
    """A logged answer with what it was recorded against (the target, and the pack rule
    or the kind of the new rule it made)."""
    return Answer(target, c.question, c.answered, c.channel, c.files, rule=rule, kind=kind)


def _steps(steps: Any) -> list[tuple[str, date | None]]:
    """A record's steps as stored ([{"step", "done"}]), with each day done."""
    out = []
    for s in steps or []:
        done = s.get("done")
        out.append((str(s.get("step", "")), date.fromisoformat(done) if done else None))
    return out
