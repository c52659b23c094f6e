"""Assessments, the email to a regulator and the month-by-month sweep (`wayhome assess`,
`ask`, `whatif`; the packs are :mod:`wayhome.cli.render.packs`).

`wayhome assess` opens with the verdict (:func:`render_verdict`, the dashboard's cards
in a few lines each, within 80 columns); ``--brief`` prints it alone.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Final

from rich.cells import cell_len
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wayhome.cli.render import columns
from wayhome.cli.render.common import DISCLAIMER, fmt_day, labelled
from wayhome.core.common import dates
from wayhome.core.planner.verdict import Standing, bounds
from wayhome.core.rules.base import Pathway
from wayhome.core.rules.report import Status

if TYPE_CHECKING:  # names for annotations only: `assess` imports no more than it uses
    from collections.abc import Callable

    from rich.console import Console

    from wayhome.core.evidence.ask import Email
    from wayhome.core.planner.verdict import Card, Verdict
    from wayhome.core.rules.report import Assessment, ExamOutlook, Finding, Report
    from wayhome.core.visa.clocks import Clock
    from wayhome.services.assessment import Assessed
    from wayhome.services.whatif import Months

STATUS_STYLE = {
    Status.MISSED: ("MISSED", "bold white on red"),
    Status.CONFLICT: ("CONFLICT", "bold red"),
    Status.BLOCKED: ("BLOCKED", "bold white on red"),
    Status.TIGHT: ("TIGHT", "bold yellow"),
    Status.OK: ("ok", "green"),
    Status.UNKNOWN: ("UNKNOWN", "bold magenta"),
    Status.INDETERMINATE: ("CAN'T TELL", "bold magenta"),
    Status.INFO: ("info", "cyan"),
}

PATHWAY_WORDS = {
    Pathway.FULL_SPECIALIST: "full specialist",
    Pathway.PROVISIONAL: "provisional (limited) specialist",
    Pathway.CONVERSION: "conversion needed (local exams or years)",
    Pathway.NOT_RECOGNISED: "not recognised",
    Pathway.UNKNOWN: "unknown — ask the regulator",
}


def status_text(status: Status) -> Text:
    label, style = STATUS_STYLE[status]
    return Text(label, style=style)


STANDING_STYLE = {
    Standing.BLOCKED: "bold white on red",
    Standing.AT_RISK: "bold red",
    Standing.TIGHT: "bold yellow",
    Standing.OPEN_QUESTION: "bold magenta",
    Standing.ON_TRACK: "bold green",
}
CLOCK_WORDS = {"unknown": "not known", "conflict": "CONFLICT", "tight": "TIGHT"}


def render_assessed(assessed: Assessed, console: Console, *, brief: bool) -> None:
    """What `wayhome assess` prints: the verdict alone (--brief), or the verdict and the
    report rule by rule; first, what must be said before them (a return already past)."""
    for warning in assessed.warnings:
        console.print(Text(warning, style="bold red"))
    if brief:
        render_verdict(assessed.verdict, console, role=assessed.role)
    else:
        render_report(assessed.report, console, assessed.verdict, role=assessed.role)


def render_report(
    report: Report,
    console: Console,
    verdict: Verdict | None = None,
    role: Callable[[Card], str] | None = None,
) -> None:
    if verdict is not None:
        render_verdict(verdict, console, disclaimer=False, role=role)
        console.print(Text("The details, rule by rule", style="bold"))
    console.print(
        Text(
            f"Assessment on {dates.fmt(report.on)} for a return on {dates.fmt(report.return_date)}",
            style="bold",
        )
    )
    for a in report.assessments:
        numbers = _addresses(a)
        console.print(_assessment(a, report.return_date, numbers, console.width))
        _sources_online(numbers, console)
    console.print(Text(DISCLAIMER, style="italic"))


def render_verdict(
    v: Verdict,
    console: Console,
    *,
    disclaimer: bool = True,
    role: Callable[[Card], str] | None = None,
) -> None:
    """Per target, the card's content: what training counts as, the status word and its
    reason, the two dates with their rules, the next action; then the US clocks."""
    console.print(
        Text(
            f"Your verdict on {dates.fmt(v.on)}, for a return on {dates.fmt(v.return_date)}",
            style="bold",
        )
    )
    if v.early:  # the same for every target: once, above the cards
        console.print(Text(v.early, style="bold yellow"))
    for group in v.groups():
        several = len(group.cards) > 1
        if several:
            console.print(Text(f"{group.name}:", style="bold"))
        for card in group.cards:
            _card(card, console, 2 if several else 0, role(card) if role else card.role)
    if v.clocks:
        console.print(Text.assemble(("US visa: ", "bold"), "; ".join(_clock(c) for c in v.clocks)))
    console.print()
    if disclaimer:
        console.print(Text(DISCLAIMER, style="italic"))


def _clock(c: Clock) -> str:
    word = CLOCK_WORDS.get(c.status.value, c.status.value)
    return f"{c.title}: {fmt_day(c.date)} ({word})" if c.date else f"{c.title}: {word}"


def _card(c: Card, console: Console, indent: int, role: str) -> None:
    # Each part in its own style (a Text made with one and appended to shows it all in
    # it): the code bold, as in a panel's title, the name plain, the role in italics.
    head = Text.assemble(" " * indent, (c.code, "bold"), " ", c.name, (f" — {role}", "italic"))
    if c.fictional:
        head.append(" (FICTIONAL pack: never plan with it)", style="bold red")
    console.print(head)
    status = Text.assemble((c.status.value.upper(), STANDING_STYLE[c.status]), f": {c.reason}")
    training = c.training + (f" ({c.training_note})" if c.training_note else "")
    action = c.next_action
    rows = [
        ("Status", status),
        ("Training", Text(training)),
        ("Latest safe", Text(c.latest.line)),
        ("Earliest", Text(c.earliest.line)),
    ]
    if c.registration is not None:
        # Before the plan's next task: the sitting the dates hang on closes soon, or closed.
        style = "bold red" if c.registration.closed and not c.registration.registered else "bold"
        rows.append(("Exam", Text(c.registration.text, style=style)))
    rows += [
        (
            "Next",
            Text(
                f"{action.title} — {action.when}" if action else "nothing left to do for it",
                style="bold red" if action and action.overdue else "",
            ),
        ),
    ]
    if c.questions:
        n = len(c.questions)
        rows.append(
            ("Ask", Text(f"{n} question{'s' if n > 1 else ''}: wayhome ask --country {c.code}"))
        )
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=indent + 1, no_wrap=True)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for label, value in rows:
        grid.add_row("", label, value)
    console.print(grid)


def _addresses(a: Assessment) -> dict[str, int]:
    """Each web address the findings' sources give, numbered in the order first cited:
    the table cites a source by its number, and its address is printed whole after the
    panel (:func:`_sources_online`). A cell is too narrow for most addresses (the longest
    pack's run past 200 characters): one cut short or folded inside a box can be neither
    opened nor copied."""
    found = dict.fromkeys(f.source.url for f in (*a.findings, *a.other_posts) if f.source.url)
    return {url: n for n, url in enumerate(found, 1)}


def _sources_online(numbers: dict[str, int], console: Console) -> None:
    """The addresses of the panel's sources, by their number: each whole on its line
    (where it is longer than the line, the number alone and the address on the next,
    unbroken), to open or copy."""
    if not numbers:
        return
    console.print(Text("Sources online, by their number above:", style="bold"))
    for url, n in numbers.items():
        labelled(console, f"[{n}]", url)


def _assessment(a: Assessment, back: date, numbers: dict[str, int], width: int) -> Panel:
    """A target's panel; ``width``: the console's (its tables fit within the borders)."""
    parts: list[Table | Text] = []
    head = Text()
    if a.pathway is not None:
        head.append("Route: ", style="bold")
        head.append(PATHWAY_WORDS[a.pathway] + "   ")
    # The card's words (core/planner/verdict.py), for a jurisdiction with no card too.
    latest, earliest = bounds(a, back)
    head.append("Latest safe return: ", style="bold")
    head.append(latest.text)
    head.append("   Earliest return: ", style="bold")
    head.append(earliest.text)
    parts.append(head)
    if a.posts:
        posts = Text.assemble(("Posts you seek: ", "bold"), ", ".join(a.posts))
        if a.posts_note:
            posts.append(f"\n{a.posts_note}", style="dim")
        parts.append(posts)
    if a.fictional:
        parts.append(
            Text("FICTIONAL pack for trying Wayhome out: never plan with it.", style="bold red")
        )
    if a.findings:
        parts.append(_findings(a.findings, numbers, width - 4))
    if a.other_posts:
        # The dashboard's "Other posts": shown apart, never setting a date or the route.
        parts.append(
            Text("Rules for posts you do not seek (they set no date and no route):", style="bold")
        )
        parts.append(_findings(a.other_posts, numbers, width - 4))
    if a.exams:
        parts.append(_exams(a, width - 4))  # a panel's border and padding: 2 a side
    if a.documents:
        parts.append(_documents(a, width - 4))
    if a.unknowns:
        parts.append(_bullets("Ask the regulator:", [(q.question, q.why) for q in a.unknowns]))
    if a.to_add:
        parts.append(_bullets("Add to your profile:", [(t.what, t.why) for t in a.to_add]))
    pack = (
        f"pack {a.pack_version}, reviewed {fmt_day(a.pack_reviewed)}"
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


def _bullets(title: str, items: list[tuple[str, str]]) -> Text:
    """A heading, then each item with why it matters (dim)."""
    lines = Text.assemble((f"{title}\n", "bold"))
    for what, why in items:
        lines.append(f"• {what}")
        lines.append(f" — {why}\n", style="dim")
    return lines


# The narrowest the column of a rule's words may be: narrower, and each finding is
# printed after the other, its status and date above its words (at 50 columns).
FINDING_WORDS: Final = 30


def _findings(findings: tuple[Finding, ...], numbers: dict[str, int], width: int) -> Table | Text:
    """The findings as a table ``width`` cells wide, or where its words would have fewer
    than :data:`FINDING_WORDS` cells, one after the other."""
    rows = [(status_text(f.status), _when(f), _finding_words(f, numbers)) for f in findings]
    status_w = max(len("Status"), *(cell_len(s.plain) for s, _, _ in rows))
    when_w = max(len("Date"), *(cell_len(w) for _, w, _ in rows))
    if status_w + when_w + FINDING_WORDS + 3 * 3 + 1 > width:
        found = Text()
        for i, (status, when, words) in enumerate(rows):
            found.append("\n" if i else "")
            found.append_text(status)
            found.append(f"  {when}\n" if when != "—" else "\n", style="bold")
            found.append_text(words)
            found.append("\n")
        return found
    t = Table(show_lines=True, expand=True)
    t.add_column("Status", no_wrap=True)
    t.add_column("Date", no_wrap=True)
    # A word wider than the column (a title in Japanese, written without spaces) is
    # folded onto the next line, never cut short with "…".
    t.add_column("Rule, the arithmetic, and where it comes from", ratio=1, overflow="fold")
    for row in rows:
        t.add_row(*row)
    return t


def _when(f: Finding) -> str:
    if f.deadline:
        return f"by {fmt_day(f.deadline)}"
    return f"from {fmt_day(f.earliest)}" if f.earliest else "—"


def _finding_words(f: Finding, numbers: dict[str, int]) -> Text:
    """A finding's title, its arithmetic, the pack's words and its source."""
    body = Text.assemble((f.title, "bold"))
    if f.confirmed_by_user:
        body.append("  (confirmed by you)", style="bold")
    body.append(f"\n{f.explanation}")
    if f.pack_says:
        body.append(f"\n{f.pack_says}", style="dim")
    src = f.source
    # its address by number: whole under the panel (_sources_online)
    cited = f"Source [{numbers[src.url]}]:" if src.url else "Source:"
    if not src.published:
        body.append(f"\n{cited} no published source was found.", style="dim")
    else:
        body.append(f"\n{cited} {src.title} — {src.details}", style="dim")
    if f.stale and src.published:
        body.append(f"\n{src.stale_text()}", style="bold yellow")
    return body


EXAM_HEADS: Final = ("Exam", "Purpose", "Where you stand", "Next sittings", "After your return")


def _exams(a: Assessment, width: int) -> Table | Text:
    """The exams as a table ``width`` cells wide where every date in it fits whole
    (:func:`columns.widths`), else as a list, each exam's facts labelled."""
    rows = [_exam_row(e) for e in a.exams]
    heads = [[head, *("\n".join(r[i]) for r in rows)] for i, head in enumerate(EXAM_HEADS)]
    fitted = columns.widths(width, heads)
    if fitted is None:
        found = Text()  # a Text's own style would be every line's
        found.append("Exams\n", style="bold")
        for e, (name, *facts) in zip(a.exams, rows, strict=True):
            found.append(f"• {' '.join(name)}\n")
            for i, fact in enumerate(facts, 1):
                found.append(f"  {EXAM_HEADS[i]}: {'; '.join(fact)}\n", style=_exam_style(e, i))
        return found
    t = Table(title="Exams", expand=True, title_justify="left")
    for head, w in zip(EXAM_HEADS, fitted, strict=True):
        t.add_column(head, width=w, overflow="fold")
    for e, row in zip(a.exams, rows, strict=True):
        t.add_row(*(Text("\n".join(c), style=_exam_style(e, i)) for i, c in enumerate(row)))
    return t


def _exam_row(e: ExamOutlook) -> tuple[list[str], ...]:
    """An exam's cells, each as its lines: name, purpose, standing, sittings, plan."""
    planned = [
        e.planned_sitting_text
        or (
            "none: no attempts left"
            if e.status == "blocked"
            else "none planned"
            if e.passed
            else "none known"
        )
    ]
    # The day to register by goes under the sitting it is for: a sixth column left no
    # room for a whole date at 80 columns ("21 Nov 20…").
    if e.registered:
        planned.append("you registered")
    elif e.registration_deadline:
        planned.append(f"register by {fmt_day(e.registration_deadline)}")
    if e.to_confirm:
        planned.append(f"(date to confirm: {e.to_confirm})")
    name = [e.name, *([f"(passed {fmt_day(e.passed)})"] if e.passed else [])]
    sittings = [e.next_sittings_text or "none known"]
    return name, [e.purpose], _exam_standing(e), sittings, planned


def _exam_style(e: ExamOutlook, column: int) -> str:
    """Where you stand, in red when no attempt is left."""
    return "bold red" if column == 2 and e.status == "blocked" else ""


DOCUMENT_STYLE = {
    "valid": "green",
    "expired": "bold red",
    "missing": "bold yellow",
    "later": "cyan",
}
DOCUMENT_HEADS: Final = ("Document", "Issued", "Valid through", "Status", "Ask for a new one by")


def _documents(a: Assessment, width: int) -> Table | Text:
    """The documents as a table ``width`` cells wide where every date in it fits whole
    (:func:`columns.widths`), else a sentence each, in the words of the target's web
    page."""
    applying = fmt_day(a.application_date) if a.application_date else "your return"
    title = f"Documents, on the day you apply ({applying})"
    rows = [
        (d.name, fmt_day(d.issued), fmt_day(d.valid_through), d.status, fmt_day(d.request_by))
        for d in a.documents
    ]
    heads = [[head, *(r[i] for r in rows)] for i, head in enumerate(DOCUMENT_HEADS)]
    fitted = columns.widths(width, heads)
    if fitted is None:
        found = Text()
        found.append(f"{title}\n", style="bold")
        for d in a.documents:
            found.append(f"• {d.name}: ")
            found.append(d.status, style=DOCUMENT_STYLE.get(d.status, "magenta"))
            found.append(".")
            if d.issued:
                found.append(f" Issued {fmt_day(d.issued)}.")
            if d.valid_through:
                found.append(f" Valid through {fmt_day(d.valid_through)}.")
            if d.request_by:
                found.append(f" Ask for a new one by {fmt_day(d.request_by)}.", style="bold")
            found.append("\n")
        return found
    t = Table(title=title, expand=True, title_justify="left")
    for head, w in zip(DOCUMENT_HEADS, fitted, strict=True):
        t.add_column(head, width=w, overflow="fold")
    for name, issued, valid, status, ask in rows:
        t.add_row(
            name, issued, valid, Text(status, style=DOCUMENT_STYLE.get(status, "magenta")), ask
        )
    return t


EXAM_WORDS = {
    "to_sit": "to sit",
    "pending": "result pending",
    "failed": "failed, attempts left",
    "blocked": "BLOCKED: no attempts left",
    "passed": "passed",
}


def _exam_standing(e: ExamOutlook) -> list[str]:
    words = [EXAM_WORDS.get(e.status, e.status)]
    if e.attempts_used or e.attempts_left is not None:
        left = "no limit published" if e.attempts_left is None else f"{e.attempts_left} left"
        words.append(f"{e.attempts_used} used, {left}")
    if e.valid_until:
        words.append(f"valid to {fmt_day(e.valid_until)}")
    return words


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
        console.print(head, soft_wrap=True)  # an email to copy: no line breaks added
        console.print(e.body, markup=False, highlight=False, soft_wrap=True)
        console.print(
            Text(
                "Keep the reply. Record each answer in the web app (wayhome serve: What "
                "your regulators said, The regulator told me), with the reply attached: it "
                "becomes a confirmed rule of your profile.",
                style="italic",
            )
        )


SWEEP_MARK = {
    Status.OK: "·",
    Status.INFO: "·",
    Status.TIGHT: "!",
    Status.CONFLICT: "X",
    Status.MISSED: "X",
    Status.BLOCKED: "X",
    Status.UNKNOWN: "?",
    Status.INDETERMINATE: "?",
    None: "-",  # not in force for that return: `wayhome assess` would not list it
}


def sweep_json(sw: Months) -> dict[str, Any]:
    rows = []
    for i, ((code, rule), title, statuses) in enumerate(
        zip(sw.rules, sw.titles, sw.statuses, strict=True)
    ):
        first, fine = sw.first_break(i), sw.fine_from(i)
        rows.append(
            {
                "jurisdiction": code,
                "rule": rule,
                "title": title,
                "statuses": [s.value if s else None for s in statuses],
                "first_break": dates.iso_month(first) if first else None,
                "fine_from": dates.iso_month(fine) if fine else None,
                "change": sw.change(i),
            }
        )
    return {"months": [dates.iso_month(d) for d in sw.return_dates], "rules": rows, **sw.said()}


def render_sweep(sw: Months, console: Console) -> None:
    months = sw.return_dates
    console.print(
        Text(
            f"Return later? Each rule, month by month, for a return from "
            f"{dates.fmt_month(months[0])} to {dates.fmt_month(months[-1])}",
            style="bold",
        )
    )
    console.print(
        Text(
            "· fine   ! under 12 months to spare   X breaks   ? unknown, or cannot tell   "
            "- not in force for that return",
            style="dim",
        )
    )
    for note, style in ((sw.early_warning(), "bold yellow"), (sw.stays_note, "yellow")):
        if note:  # a return before training ends, with what to ask; the stays left out
            console.print(Text(note, style=style))
    t = Table(expand=True)
    t.add_column("Rule", ratio=2)
    t.add_column("Changes", no_wrap=True)
    # A year's marks are one word, so a line wraps between years, never inside one.
    t.add_column("Month by month (one mark a month; a space before each January)", ratio=3)
    for i, ((code, _), title) in enumerate(zip(sw.rules, sw.titles, strict=True)):
        marks = "".join(
            (" " if d.month == 1 and j else "") + SWEEP_MARK[s]
            for j, (d, s) in enumerate(zip(months, sw.statuses[i], strict=True))
        )
        t.add_row(f"{code}: {title}", sw.change(i) or "—", Text(marks, overflow="fold"))
    console.print(t)
    console.print(Text(DISCLAIMER, style="italic"))
