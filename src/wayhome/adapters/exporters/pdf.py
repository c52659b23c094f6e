"""The printable plan (PDF): what does not fit, the checklist, the timeline,
the tasks with their reasons, and every finding with its arithmetic and source.

Rendered by Typst from ``plan.typ`` and a JSON file of plain strings, so no
text from a profile or a pack is ever read as markup.

What is wrong with the plan itself is said under the title, before anything else, in
the words `wayhome timeline` and the dashboard say it: the service's warnings (a
planned return already past: ``services/planning.warnings``), then the plan's own
return leaving US training unfinished (``Plan.early``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from wayhome.adapters.exporters import chart, typst_render
from wayhome.core.common import dates
from wayhome.core.planner.results import Plan
from wayhome.core.profile.model import Profile
from wayhome.core.rules.report import Report

PATHWAY = {
    "full_specialist": "full specialist",
    "provisional": "provisional specialist",
    "conversion": "conversion needed",
    "not_recognised": "not recognised",
    "unknown": "unknown - ask the regulator",
}


def _d(iso: Any) -> str:
    return dates.fmt(date.fromisoformat(iso)) if iso else "-"


def data(
    plan: Plan, report: Report, profile: Profile, *, warnings: Sequence[str]
) -> dict[str, Any]:
    done, total = plan.readiness
    blocking = [i for i in plan.checklist if i.blocking]
    readiness = f"{done} of {total} items done" + (
        f"; {len(blocking)} still open, each with its due date below." if blocking else "."
    )
    assessments = []
    for a in report.to_json()["assessments"]:
        summary = []
        if a["pathway"]:
            summary.append(f"Route: {PATHWAY[a['pathway']]}.")
        summary.append(f"Latest safe return: {_d(a['latest_safe_return'])}.")
        if a["earliest_return"]:
            summary.append(f"Earliest return: {_d(a['earliest_return'])}.")
        if a["pack_version"]:
            summary.append(f"Pack {a['pack_version']}, reviewed {_d(a['pack_reviewed'])}.")
        findings = []
        for f in a["findings"]:
            s = f["source"]
            source = (
                f"{s['title']} ({s['grade']}, "
                + (f"dated {_d(s['as_of'])}" if s["as_of"] else "undated")
                + ")"
            )
            if s["url"]:
                source += f" {s['url']}"
            if f["stale"]:
                source += " - STALE: confirm with the regulator"
            when = (
                f"by {_d(f['deadline'])}"
                if f["deadline"]
                else f"from {_d(f['earliest'])}"
                if f["earliest"]
                else "-"
            )
            findings.append(
                {
                    "status": f["status"],
                    "date": when,
                    "title": f["title"],
                    "explanation": f["explanation"],
                    "source": source,
                }
            )
        assessments.append(
            {
                "jurisdiction": a["jurisdiction"],
                "name": a["name"],
                "summary": " ".join(summary),
                "findings": findings,
                "unknowns": [u["question"] for u in a["unknowns"]],
            }
        )
    tasks = []
    for t in plan.tasks:
        when = (
            dates.fmt(t.start) if t.start == t.end else f"{dates.fmt(t.start)} - {dates.fmt(t.end)}"
        )
        tasks.append(
            {"when": when, "status": t.status.value, "title": t.spec.title, "reason": t.reason}
        )
    return {
        "made": dates.fmt(plan.on),
        "on": dates.fmt(plan.on),
        "person": profile.person.name,
        "return_date": dates.fmt(plan.return_date),
        "return_type": profile.plan.return_type.value,
        # In the order `wayhome timeline` prints them: the service's, then the plan's.
        "warnings": [*warnings, *([plan.early] if plan.early else [])],
        # The heading alone in bold (the rule's title, as `wayhome timeline` leads with it),
        # the arithmetic after it in plain type: a page of bold is hard to read.
        "conflicts": [
            {"heading": c.heading, "detail": c.detail, "fix": c.fix} for c in plan.conflicts
        ],
        "readiness": readiness,
        "checklist": [
            {
                "done": i.done,
                "text": i.text,
                "detail": i.detail,
                "due": dates.fmt(i.due) if i.due else "-",
            }
            for i in plan.checklist
        ],
        "tasks": tasks,
        "assessments": assessments,
    }


def render(plan: Plan, report: Report, profile: Profile, *, warnings: Sequence[str]) -> bytes:
    """The PDF; ``warnings`` are what the service says before the plan
    (``services/planning.warnings``), given by the caller: an adapter does not judge."""
    return typst_render.pdf(
        "plan.typ",
        data(plan, report, profile, warnings=warnings),
        {"chart.svg": chart.svg(plan, report)},
    )
