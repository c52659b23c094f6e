"""What changed since the last saved assessment: pack versions, and the findings
they moved; and where what the regulator told the user differs from a pack."""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.rules.report import Report


def summary(report: Report) -> tuple[dict[str, str], dict[str, Any]]:
    """(pack versions, findings) of an assessment, as plain data to store."""
    versions = {a.jurisdiction: a.pack_version for a in report.assessments if a.pack_version}
    findings = {
        f"{a.jurisdiction}:{f.rule}": {
            "title": f.title,
            "status": f.status.value,
            "deadline": f.deadline.isoformat() if f.deadline else None,
            "earliest": f.earliest.isoformat() if f.earliest else None,
            "rule_version": f.rule_version,
        }
        for a in report.assessments
        for f in a.findings
    }
    return versions, findings


class Change(Struct, frozen=True):
    text: str


def diff(before: dict[str, Any] | None, report: Report) -> list[Change]:
    """What differs from the saved assessment ``before`` (none when there is none)."""
    if before is None:
        return []
    versions, findings = summary(report)
    out: list[Change] = []
    for code, version in versions.items():
        old = before["pack_versions"].get(code)
        if old and old != version:
            out.append(Change(f"The {code} pack changed from version {old} to {version}."))
    for key, now in findings.items():
        was = before["findings"].get(key)
        code = key.split(":", 1)[0]
        if was is None:
            out.append(Change(f"{code}: new finding '{now['title']}' ({now['status']})."))
            continue
        parts = []
        if was["rule_version"] != now["rule_version"]:
            since = now["rule_version"].rsplit("@", 1)[-1]
            parts.append(f"a new version of the rule applies (in force from {_day(since)})")
        if was["status"] != now["status"]:
            parts.append(f"status {was['status']} → {now['status']}")
        for field in ("deadline", "earliest"):
            if was[field] != now[field]:
                parts.append(f"{field} {_day(was[field])} → {_day(now[field])}")
        if parts:
            out.append(Change(f"{code}: {now['title']}: " + "; ".join(parts) + "."))
    for key, was in before["findings"].items():
        if key not in findings:
            out.append(Change(f"{key.split(':', 1)[0]}: '{was['title']}' no longer applies."))
    return out


def disagreements(report: Report) -> list[Change]:
    """Where the user's confirmed answer differs from what the pack says."""
    return [
        Change(
            f"{a.jurisdiction}: {f.title}: what you were told — "
            f"{f.explanation.split('.')[0]} — differs from the pack. {f.pack_says}"
        )
        for a in report.assessments
        for f in a.findings
        if f.pack_says
    ]


def _day(iso: str | None) -> str:
    if not iso or iso == "origin":
        return "—" if not iso else "the start"
    return dates.fmt(date.fromisoformat(iso))
