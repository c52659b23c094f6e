"""Assessments as a person reads them: Rich tables, plain words, dates as '1 Jul 2025'.

Every status is written out in words as well as coloured, so the output reads
the same without colour (NO_COLOR, a pipe, a screen reader).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wayhome.core.common import dates
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.contacts import Due, Gap, Visit
from wayhome.core.cv.publications import PubKind, counts
from wayhome.core.evidence.ask import Email
from wayhome.core.evidence.consistency import LABELS
from wayhome.core.planner.results import Plan, Task, TaskStatus
from wayhome.core.planner.scenarios import Outcome
from wayhome.core.rules import describe
from wayhome.core.rules.base import Pathway
from wayhome.core.rules.engine import Sweep
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import STALE_MONTHS, Assessment, Finding, Report, Status
from wayhome.core.visa.clocks import Clock
from wayhome.services.vault import CheckReport, Ingested

if TYPE_CHECKING:  # services.cases needs Django set up; the CLI sets it up first
    from wayhome.adapters.db.models import ActivityRecord, FileReading, VaultFile
    from wayhome.core.evidence.consistency import Mismatch
    from wayhome.services import publications
    from wayhome.services.cases import Imported, MinimumsCheck
    from wayhome.services.search import Results

DISCLAIMER = (
    "Planning help, not legal advice: every rule names its source and when it was "
    "last checked; confirm what matters with the regulator in writing."
)

STATUS_STYLE = {
    Status.MISSED: ("MISSED", "bold white on red"),
    Status.CONFLICT: ("CONFLICT", "bold red"),
    Status.TIGHT: ("TIGHT", "bold yellow"),
    Status.OK: ("ok", "green"),
    Status.UNKNOWN: ("UNKNOWN", "bold magenta"),
    Status.INFO: ("info", "cyan"),
}

PATHWAY_WORDS = {
    Pathway.FULL_SPECIALIST: "full specialist",
    Pathway.PROVISIONAL: "provisional (limited) specialist",
    Pathway.CONVERSION: "conversion needed (local exams or years)",
    Pathway.NOT_RECOGNISED: "not recognised",
    Pathway.UNKNOWN: "unknown — ask the regulator",
}


def _d(d: date | None) -> str:
    return dates.fmt(d) if d else "—"


def status_text(status: Status) -> Text:
    label, style = STATUS_STYLE[status]
    return Text(label, style=style)


def render_report(report: Report, console: Console) -> None:
    console.print(
        Text(
            f"Assessment on {dates.fmt(report.on)} for a return on {dates.fmt(report.return_date)}",
            style="bold",
        )
    )
    for a in report.assessments:
        console.print(_assessment(a))
    console.print(Text(DISCLAIMER, style="italic"))


def _assessment(a: Assessment) -> Panel:
    parts: list[Table | Text] = []
    head = Text()
    if a.pathway is not None:
        head.append("Route: ", style="bold")
        head.append(PATHWAY_WORDS[a.pathway] + "   ")
    head.append("Latest safe return: ", style="bold")
    head.append(_d(a.latest_safe_return) if a.latest_safe_return else "no limit found")
    head.append("   Earliest return: ", style="bold")
    head.append(_d(a.earliest_return) if a.earliest_return else "no minimum found")
    parts.append(head)
    if a.fictional:
        parts.append(
            Text("FICTIONAL pack for trying Wayhome out: never plan with it.", style="bold red")
        )
    if a.findings:
        parts.append(_findings(a.findings))
    if a.exams:
        parts.append(_exams(a))
    if a.unknowns:
        lines = Text("Ask the regulator:\n", style="bold")
        for q in a.unknowns:
            lines.append(f"• {q.question}", style="")
            lines.append(f" — {q.why}\n", style="dim")
        parts.append(lines)
    pack = (
        f"pack {a.pack_version}, reviewed {_d(a.pack_reviewed)}"
        if a.pack_version
        else "no rule pack yet"
    )
    return Panel(
        Group(*parts),
        title=f"[bold]{a.jurisdiction}[/] {a.name}",
        subtitle=pack,
        title_align="left",
        subtitle_align="right",
    )


def _findings(findings: tuple[Finding, ...]) -> Table:
    t = Table(show_lines=True, expand=True)
    t.add_column("Status", no_wrap=True)
    t.add_column("Date", no_wrap=True)
    t.add_column("Rule, the arithmetic, and where it comes from", ratio=1)
    for f in findings:
        when = (
            f"by {_d(f.deadline)}"
            if f.deadline
            else f"from {_d(f.earliest)}"
            if f.earliest
            else "—"
        )
        body = Text(f.title, style="bold")
        if f.confirmed_by_user:
            body.append("  (confirmed by you)", style="bold")
        body.append(f"\n{f.explanation}")
        if f.pack_says:
            body.append(f"\n{f.pack_says}", style="dim")
        src = f.source
        body.append(
            f"\nSource: {src.title} — {src.grade}, "
            f"{'dated ' + _d(src.as_of) if src.as_of else 'undated'}, "
            f"checked {_d(src.reviewed)}",
            style="dim",
        )
        if src.url:
            body.append(f"\n{src.url}", style="dim")
        if f.stale:
            age = f"dated {_d(src.as_of)}" if src.as_of else "undated"
            body.append(
                f"\nSTALE: the source is {age} (over {STALE_MONTHS} months old, or no date): "
                "confirm it with the regulator.",
                style="bold yellow",
            )
        t.add_row(status_text(f.status), when, body)
    return t


def _exams(a: Assessment) -> Table:
    t = Table(title="Exams", expand=True, title_justify="left")
    t.add_column("Exam")
    t.add_column("Purpose")
    t.add_column("Next sittings")
    t.add_column("After your return")
    t.add_column("Register by")
    for e in a.exams:
        t.add_row(
            e.name + (f"\n(passed {_d(e.passed)})" if e.passed else ""),
            e.purpose,
            ", ".join(e.next_sittings) or "none known",
            e.planned_sitting or "none known",
            _d(e.registration_deadline),
        )
    return t


def pack_summary(p: Pack) -> dict[str, Any]:
    return {
        "code": p.code,
        "name": p.name,
        "country": p.country,
        "kind": p.kind.value,
        "regulator": p.regulator.name,
        "version": p.version,
        "reviewed": p.reviewed.isoformat(),
        "fictional": p.fictional,
        "rules": len(p.rules),
    }


def render_pack_list(packs: list[Pack], console: Console) -> None:
    t = Table(title="Rule packs", title_justify="left", expand=True)
    t.add_column("Code", no_wrap=True)
    t.add_column("Name (the regulator: wayhome packs show CODE)", ratio=1)
    for col in ("Version", "Reviewed", "Rules"):
        t.add_column(col, no_wrap=True)
    for p in packs:
        name = p.name + (" (FICTIONAL)" if p.fictional else "")
        t.add_row(p.code, name, p.version, _d(p.reviewed), str(len(p.rules)))
    console.print(t)


def render_pack(p: Pack, console: Console) -> None:
    reg = p.regulator
    head = Text(f"{p.code}  {p.name}\n", style="bold")
    head.append(f"Pack {p.version}, reviewed {_d(p.reviewed)}\n")
    head.append(f"Regulator: {reg.name}\n")
    for label, value in (
        ("Website", reg.website),
        ("Foreign training", reg.foreign_training_page),
        ("Email", reg.contact.email if reg.contact else None),
        ("Phone", reg.contact.phone if reg.contact else None),
    ):
        if value:
            head.append(f"{label}: {value}\n")
    for note in p.notes:
        head.append(f"Note: {note}\n", style="italic")
    console.print(head)
    for rule in p.rules:
        body = Text(f"{rule.title}", style="bold")
        body.append(f"  [{rule.id}, {rule.kind}]\n", style="dim")
        body.append(f"Applies to: {describe.condition(rule.applies_when)}\n")
        body.append(f"Checked against: {_event(rule.event)}\n")
        for v in rule.versions:
            since = f"from {_d(v.from_)}" if v.from_ else "in force"
            body.append(f"  {since}: {describe.values(v)}\n")
            for sid in v.sources:
                s = p.sources[sid]
                body.append(
                    f"    source: {s.title} — {s.grade.value}, "
                    f"{'dated ' + _d(s.as_of) if s.as_of else 'undated'}, "
                    f"checked {_d(s.reviewed)}\n",
                    style="dim",
                )
        console.print(body)
    if p.unknowns:
        text = Text("Open questions (ask the regulator):\n", style="bold")
        for u in p.unknowns:
            text.append(
                f"• {u.question} — {u.why} (asked of: {describe.condition(u.applies_when)})\n"
            )
        console.print(text)


def _event(event: str) -> str:
    if event.startswith("exam:"):
        return f"the first sitting of exam '{event[5:]}' after your return"
    return {
        "application": "your return date (the application)",
        "return": "your return date",
        "post": "your return date (taking up a post)",
    }[event]


def render_emails(emails: list[Email], console: Console) -> None:
    for e in emails:
        head = Text()
        head.append("To: ", style="bold")
        if e.to:
            head.append(e.to)
        elif e.contact:
            head.append(f"{e.regulator} (no email address on file; reach them here:)")
        else:
            head.append(
                f"{e.regulator}: Wayhome has no contact details yet; find the "
                "registration office on the regulator's website."
            )
        for way in e.contact:
            head.append(f"\n    {way}")
        head.append("\nSubject: ", style="bold")
        head.append(e.subject)
        console.print(head)
        console.print(e.body, markup=False, highlight=False)
        console.print(
            Text(
                "Keep the reply. Add each answer to your profile under "
                "confirmed_rules, with the reply as its evidence.",
                style="italic",
            )
        )


TASK_STYLE = {
    TaskStatus.PLANNED: ("planned", "cyan"),
    TaskStatus.DONE: ("done", "green"),
    TaskStatus.SKIPPED: ("skipped", "dim"),
    TaskStatus.LATE: ("LATE", "bold yellow"),
    TaskStatus.CONFLICT: ("CONFLICT", "bold red"),
}


def _when(t: Task) -> str:
    return _d(t.start) if t.start == t.end else f"{_d(t.start)} → {_d(t.end)}"


def render_plan(plan: Plan, console: Console) -> None:
    console.print(
        Text(
            f"Your plan on {dates.fmt(plan.on)}, for a return on {dates.fmt(plan.return_date)}",
            style="bold",
        )
    )
    if plan.conflicts:
        text = Text()
        for c in plan.conflicts:
            text.append(f"• {c.problem}\n")
            text.append(f"  Fix: {c.fix}\n", style="bold")
        console.print(
            Panel(text, title="What does not fit", title_align="left", border_style="red")
        )
    t = Table(expand=True, show_lines=False)
    t.add_column("When", no_wrap=True)
    t.add_column("Status", no_wrap=True)
    t.add_column("Task, and why it sits there", ratio=1)
    for task in plan.tasks:
        label, style = TASK_STYLE[task.status]
        body = Text(task.spec.title, style="bold" if not task.spec.milestone else "")
        body.append(f"\n{task.reason}", style="dim")
        t.add_row(_when(task), Text(label, style=style), body)
    console.print(t)
    done, total = plan.readiness
    check = Text(
        f"Readiness (the guide's 12-24-month checklist): {done} of {total} done\n", style="bold"
    )
    for item in plan.checklist:
        mark = "✓" if item.done else "✗"
        due = f" — due {_d(item.due)}" if item.due and not item.done else ""
        check.append(f"{mark} {item.text}{due}\n", style="" if item.done else "bold")
        if not item.done:
            check.append(f"    {item.detail}\n", style="dim")
    console.print(check)
    console.print(Text(DISCLAIMER, style="italic"))


def render_task_list(plan: Plan, console: Console) -> None:
    t = Table(expand=True)
    t.add_column("Id", ratio=2, overflow="fold")
    t.add_column("When", ratio=2)
    t.add_column("Status", no_wrap=True)
    t.add_column("Task", ratio=3)
    for task in plan.tasks:
        label, style = TASK_STYLE[task.status]
        t.add_row(task.id, _when(task), Text(label, style=style), task.spec.title)
    console.print(t)


SWEEP_MARK = {
    Status.OK: "·",
    Status.INFO: "·",
    Status.TIGHT: "!",
    Status.CONFLICT: "X",
    Status.MISSED: "X",
    Status.UNKNOWN: "?",
}


def sweep_json(sw: Sweep) -> dict[str, Any]:
    rows = []
    for (code, rule), title, statuses in zip(sw.rules, sw.titles, sw.statuses, strict=True):
        i = sw.rules.index((code, rule))
        first = sw.first_break(i)
        rows.append(
            {
                "jurisdiction": code,
                "rule": rule,
                "title": title,
                "statuses": [s.value for s in statuses],
                "first_break": dates.iso_month(first) if first else None,
            }
        )
    return {"months": [dates.iso_month(d) for d in sw.return_dates], "rules": rows}


def render_sweep(sw: Sweep, console: Console) -> None:
    months = sw.return_dates
    console.print(
        Text(
            f"Return later? Each rule, month by month, for a return from "
            f"{dates.fmt_month(months[0])} to {dates.fmt_month(months[-1])}",
            style="bold",
        )
    )
    console.print(Text("· fine   ! under 12 months to spare   X breaks   ? unknown", style="dim"))
    t = Table(expand=True)
    t.add_column("Rule", ratio=2)
    t.add_column("First breaks", no_wrap=True)
    t.add_column("Month by month (one mark a month; | starts a year)", ratio=3)
    for i, ((code, _), title) in enumerate(zip(sw.rules, sw.titles, strict=True)):
        marks = "".join(
            ("|" if d.month == 1 and j else "") + SWEEP_MARK[s]
            for j, (d, s) in enumerate(zip(months, sw.statuses[i], strict=True))
        )
        first = sw.first_break(i)
        t.add_row(
            f"{code}: {title}",
            dates.fmt_month(first) if first else "—",
            Text(marks, overflow="fold"),
        )
    console.print(t)
    console.print(Text(DISCLAIMER, style="italic"))


def render_scenarios(outcomes: list[Outcome], console: Console) -> None:
    t = Table(expand=True, show_lines=True, title="Scenarios side by side", title_justify="left")
    t.add_column("", no_wrap=True)
    for o in outcomes:
        t.add_column(o.name, ratio=1)
    t.add_row(
        "Return", *(_d(o.return_date) + f"\n({o.months_to_return} months away)" for o in outcomes)
    )
    codes = list(dict.fromkeys(r["jurisdiction"] for o in outcomes for r in o.regulators))
    for code in codes:
        cells = []
        for o in outcomes:
            r = next((r for r in o.regulators if r["jurisdiction"] == code), None)
            if r is None:
                cells.append("—")
                continue
            route = PATHWAY_WORDS[Pathway(r["pathway"])] if r["pathway"] else ""
            safe = r["latest_safe_return"]
            cells.append(
                (f"{route}\n" if route else "")
                + "latest safe return: "
                + (_d(date.fromisoformat(safe)) if safe else "no limit")
            )
        t.add_row(code, *cells)
    t.add_row("Windows it closes", *("\n".join(o.closes) or "none" for o in outcomes))
    t.add_row(
        "Money (total, NPV)",
        *(
            f"{o.money.currency} {o.money.total:,.0f}\n{o.money.currency} {o.money.npv:,.0f}"
            if o.money
            else "—"
            for o in outcomes
        ),
    )
    t.add_row(
        "Visa clocks",
        *(
            "\n".join(
                f"{c.title}: {c.status}" + (f", {_d(c.date)}" if c.date else "") for c in o.clocks
            )
            or "none"
            for o in outcomes
        ),
    )
    t.add_row("Keeping US doors open", *(f"{len(o.doors)} tasks" for o in outcomes))
    t.add_row("Plan runs until", *(_d(o.plan_ends) for o in outcomes))
    t.add_row("Readiness", *(f"{o.readiness[0]} of {o.readiness[1]}" for o in outcomes))
    console.print(t)
    console.print(Text(DISCLAIMER, style="italic"))


CLOCK_STYLE = {
    "ok": "green",
    "met": "green",
    "waived": "green",
    "tight": "bold yellow",
    "conflict": "bold red",
    "unknown": "bold magenta",
    "info": "cyan",
}


def render_clocks(found: list[Clock], console: Console) -> None:
    if not found:
        console.print("No visa clocks apply: your profile has no J-1 or H-1B status.")
        return
    t = Table(title="Visa clocks", title_justify="left", expand=True, show_lines=True)
    t.add_column("Status", no_wrap=True)
    t.add_column("Date", no_wrap=True)
    t.add_column("Clock, and the arithmetic", ratio=1)
    for c in found:
        body = Text(c.title, style="bold")
        body.append(f"\n{c.explanation}")
        t.add_row(Text(c.status.upper(), style=CLOCK_STYLE.get(c.status, "")), _d(c.date), body)
    console.print(t)
    console.print(
        Text(
            "The limits come from the US pack (wayhome packs show US). " + DISCLAIMER,
            style="italic",
        )
    )


def _amount(value: Decimal, currency: str) -> str:
    return f"{currency} {value:,.2f}"


def render_money(outcomes: list[Outcome], console: Console) -> None:
    if not outcomes:
        console.print(
            "No money figures yet: add a `money:` section to your profile or to a "
            "scenario (docs/money.md)."
        )
        return
    t = Table(title="Money, scenario by scenario", title_justify="left", expand=True)
    t.add_column("Scenario", ratio=2)
    t.add_column("Return", no_wrap=True)
    t.add_column("Total over the horizon", justify="right")
    t.add_column("Net present value", justify="right")
    for o in outcomes:
        assert o.money is not None
        t.add_row(
            o.name,
            _d(o.return_date),
            _amount(o.money.total, o.money.currency),
            _amount(o.money.npv, o.money.currency),
        )
    console.print(t)
    for o in outcomes:
        assert o.money is not None
        if o.money.notes:
            console.print(Text(f"{o.name}: " + " ".join(o.money.notes), style="dim"))
    console.print(
        Text(
            "Figures are only as good as the inputs you gave; defaults are marked "
            "illustrative. Planning help, not financial advice.",
            style="italic",
        )
    )


def render_ingest(results: list[Ingested], console: Console) -> None:
    t = Table(title="Vault import", title_justify="left", expand=True)
    t.add_column("File", ratio=2)
    t.add_column("Result", no_wrap=True)
    t.add_column("Why", ratio=2)
    style = {"stored": "green", "duplicate": "cyan", "refused": "bold red"}
    for r in results:
        t.add_row(r.name, Text(r.status, style=style[r.status]), r.reason)
    console.print(t)
    counts = {s: sum(r.status == s for r in results) for s in style}
    console.print(
        f"{counts['stored']} stored, {counts['duplicate']} already there, "
        f"{counts['refused']} refused."
    )


def render_check(report: CheckReport, console: Console) -> None:
    console.print(f"Checked {report.checked} stored files.")
    for label, items in (
        ("Missing (recorded, but the file is gone)", report.missing),
        ("Orphans (a file nothing records)", report.orphans),
        ("Damaged", report.damaged),
    ):
        if items:
            console.print(Text(f"{label}: {len(items)}", style="bold red"))
            for item in items:
                console.print(f"  {item}", markup=False)
    if report.ok:
        console.print(Text("Everything in the vault is whole.", style="green"))


def render_cases(imported: Imported, console: Console) -> None:
    r, t = imported.result, imported.totals
    console.print(
        f"[bold]{imported.file}[/]: {r.rows} rows read, {imported.added} procedures added, "
        f"{imported.already} already stored, {len(r.problems)} rejected."
    )
    if r.dropped:
        console.print(
            "Not imported, as they could identify a patient: " + ", ".join(r.dropped),
            style="yellow",
            markup=False,
        )
    roles = [role.value for role in Role if role in t.by_role]
    table = Table(
        title=f"Your procedure log: {t.cases} cases, {t.procedures} procedures",
        caption="Each cell: cases (procedures). A case with several codes counts once as a case.",
    )
    table.add_column("Category")
    for role in roles:
        table.add_column(role.capitalize(), justify="right")
    for category, by_role in t.by_category.items():
        table.add_row(
            category,
            *(f"{c.cases} ({c.procedures})" if (c := by_role.get(role)) else "—" for role in roles),
        )
    table.add_row(
        "[bold]All[/]",
        *(f"[bold]{t.by_role[role].cases} ({t.by_role[role].procedures})[/]" for role in roles),
    )
    console.print(table)
    for p in r.problems:
        console.print(p.located(imported.file), style="red", markup=False)


def render_pubs(imported: publications.Imported, console: Console) -> None:
    r = imported.result
    console.print(
        f"[bold]{imported.file}[/] ({r.format}): {len(r.publications)} papers read, "
        f"{imported.added} added, {imported.duplicates} already there (ids filled in), "
        f"{len(r.problems)} rejected."
    )
    c = counts(imported.papers)
    table = Table(
        title="Your publications",
        caption=f"{c['total']} papers, {c['pubmed_indexed']} indexed in PubMed (they have a PMID)",
    )
    table.add_column("Kind")
    table.add_column("Papers", justify="right")
    for kind in PubKind:
        table.add_row(kind.value.replace("-", " ").capitalize(), str(c[kind.value]))
    console.print(table)
    for p in r.problems:
        console.print(f"{p.where}: {p.message}", style="red", markup=False)


def render_networks(gaps: list[Gap] | None, due: list[Due], console: Console) -> None:
    if gaps is None:
        console.print(
            "No stored profile, so Wayhome does not know where home is: import one "
            "(`wayhome profile import FILE`) to check your home network."
        )
    elif gaps:
        console.print("[bold]Still missing[/]")
        for g in gaps:
            side = "US" if g.side.value == "us" else "Home"
            console.print(f"  {side}: {g.reason}", markup=False)
    else:
        console.print("Both networks have the key people.")
    if due:
        console.print("[bold]Due a message[/]")
        for d in due:
            when = (
                "never contacted"
                if d.never_contacted
                else f"due {dates.fmt(d.due_on)}"
                + (f", {d.days_overdue} days overdue" if d.days_overdue else "")
            )
            console.print(f"  {d.contact.name}: {when}", markup=False)


def _shown(value: Any) -> str:
    """An ISO date as "30 Jun 2024"; anything else as it is."""
    try:
        return dates.fmt(date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def _facts_text(facts: dict[str, Any]) -> Text:
    from wayhome.services.reading import FIELDS

    out = Text()
    for key, label in FIELDS.items():
        if key not in facts:
            continue
        f = facts[key]
        if out:
            out.append("; ")
        out.append(f"{label}: {_shown(f['value'])}")
        if not f["confirmed"]:
            out.append(" (read, not checked)", style="dim")
    return out


def render_readings(readings: list[FileReading], console: Console) -> None:
    from wayhome.services.reading import facts

    t = Table(title="Read", title_justify="left", expand=True)
    t.add_column("File", ratio=2)
    t.add_column("How", no_wrap=True)
    t.add_column("What it suggests", ratio=3)
    how = {"text": "its text", "ocr": "OCR", "none": "-"}
    for r in readings:
        detail = _facts_text(facts(r.vault_file))
        for note in r.notes:
            detail.append(("\n" if detail else "") + note, style="yellow")
        label = how.get(r.method, r.status) if r.status == "done" else r.status
        t.add_row(r.vault_file.name, label, detail)
    console.print(t)
    console.print(
        "Check the suggestions and record what each file says with `wayhome vault set`; "
        "`wayhome vault consistency` compares them."
    )


def render_files(files: list[VaultFile], console: Console) -> None:
    from wayhome.services.reading import facts, status

    if not files:
        console.print("The vault is empty: `wayhome vault import FOLDER` adds files.")
        return
    t = Table(title="Stored files", title_justify="left", expand=True)
    t.add_column("#", justify="right", no_wrap=True)
    t.add_column("File", ratio=2)
    t.add_column("Received", no_wrap=True)
    t.add_column("Read", no_wrap=True)
    t.add_column("What it says", ratio=3)
    for f in files:
        detail = _facts_text(facts(f))
        if f.translation_of_id:
            detail.append(("; " if detail else "") + f"translation of #{f.translation_of_id}")
        t.add_row(
            str(f.pk),
            f.name,
            dates.fmt(f.received.date()),
            status(f),
            detail,
        )
    console.print(t)


def render_search(found: Results, console: Console) -> None:
    if not found.hits:
        console.print(f"Nothing found for “{found.query}”.")
    for h in found.hits:
        line = Text(f"[{h.kind}] ", style="cyan")
        line.append(h.title, style="bold")
        if h.when:
            line.append(f"  {dates.fmt(h.when)}", style="dim")
        console.print(line)
        console.print(Text.assemble("    ", h.before, (h.match, "bold yellow"), h.after))
    if not found.texts_searched:
        console.print(
            Text("The text of stored files was not searched (the vault is locked).", style="dim")
        )
    if found.unread:
        console.print(
            Text(
                f"{found.unread} stored file(s) not read yet: `wayhome vault read` reads them.",
                style="dim",
            )
        )


def render_mismatches(found: list[Mismatch], console: Console) -> None:
    if not found:
        console.print(
            Text("Names and dates agree across your documents and profile.", style="green")
        )
        return
    t = Table(title="Names and dates that differ", title_justify="left", expand=True)
    t.add_column("What", no_wrap=True)
    t.add_column("Expected", ratio=2)
    t.add_column("Found", ratio=2)
    t.add_column("Why it matters", ratio=3)
    for m in found:
        found_text = Text(f"{m.found}\n", style="bold").append(m.found_source, style="dim")
        if not m.confirmed:
            found_text.append(" (read, not checked)", style="dim")
        t.add_row(
            f"{LABELS.get(m.field, m.field)}: {m.kind}",
            Text(f"{m.expected}\n", style="bold").append(m.expected_source, style="dim"),
            found_text,
            m.why,
        )
    console.print(t)


def render_activities(records: list[ActivityRecord], console: Console) -> None:
    if not records:
        console.print("No teaching, leadership or awards yet: `wayhome activities add`.")
        return
    t = Table(title="Teaching, leadership and awards", title_justify="left", expand=True)
    t.add_column("#", justify="right", no_wrap=True)
    t.add_column("Kind", no_wrap=True)
    t.add_column("Role or award", ratio=3)
    t.add_column("When", no_wrap=True)
    t.add_column("Letter", ratio=2)
    for r in records:
        when = dates.fmt_month(r.start) if r.start else ""
        if r.end:
            when += f" to {dates.fmt_month(r.end)}"
        letter = Text(r.letter.name) if r.letter else Text("none yet: ask for one", style="yellow")
        title = r.title + (f", {r.organisation}" if r.organisation else "")
        t.add_row(str(r.pk), r.kind, title, when, letter)
    console.print(t)


def render_visit(visit: Visit, console: Console) -> None:
    console.print(
        Text(f"Home visit, {dates.fmt(visit.start)} to {dates.fmt(visit.end)}", style="bold")
    )
    if not visit.stops:
        console.print(
            "Nobody at home is recorded yet: import your contacts "
            "(`wayhome contacts import`) and give them their roles."
        )
    for stop in visit.stops:
        console.print(Text(stop.institution, style="bold cyan"))
        for m in stop.meetings:
            roles = ", ".join(r.value.replace("-", " ") for r in m.contact.roles)
            console.print(f"  • {m.contact.name}" + (f" ({roles})" if roles else "") + f": {m.why}")
    if visit.also_find:
        console.print(Text("Also look for, while you are there:", style="bold"))
        for gap in visit.also_find:
            console.print(f"  • {gap.reason}")


def render_minimums(found: list[MinimumsCheck], console: Console) -> None:
    if not found:
        console.print(
            "None of your target regulators' packs sets procedure numbers for your specialty."
        )
        return
    for check in found:
        t = Table(title=f"{check.jurisdiction}: {check.logbook}", title_justify="left", expand=True)
        t.add_column("Item", ratio=3)
        t.add_column("Needed", justify="right", no_wrap=True)
        t.add_column("In your log", justify="right", no_wrap=True)
        t.add_column("Counted from", ratio=3)
        for r in check.rows:
            m = r.minimum
            item = m.item + (f" ({m.gloss})" if m.gloss else "")
            need = f"{m.count}" + (" as assistant" if m.role == "assisted" else "")
            if r.have is None:
                have = Text("count it yourself", style="yellow")
            else:
                have = Text(str(r.have), style="green" if not r.short else "bold red")
                if r.short:
                    have.append(f" ({r.short} short)")
            t.add_row(item, need, have, ", ".join(r.matched) or (m.note or ""))
        console.print(t)
        src = check.finding.source
        line = f"Source: {src.title}" + (f" <{src.url}>" if src.url else "")
        console.print(Text(line, style="dim"))
        if check.note:
            console.print(Text(check.note, style="dim"))
