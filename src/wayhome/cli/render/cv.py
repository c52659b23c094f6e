"""The CV's material: the procedure log and a regulator's numbers against it,
publications, the two networks, the home visit and activities (`wayhome cases`,
`pubs`, `contacts`, `activities`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wayhome.cli.render import columns
from wayhome.cli.render.common import labelled
from wayhome.core.common import dates
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.contacts import Due, Gap, Visit
from wayhome.core.cv.publications import PubKind, counts

if TYPE_CHECKING:  # the models and these services need Django set up; the command does it
    from wayhome.adapters.db.models import ActivityRecord
    from wayhome.core.cv.minimums import Against
    from wayhome.services import publications
    from wayhome.services.cases import Imported, MinimumsCheck


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
    for note in r.notes:  # how dates were read and why; rows without a category
        console.print(note, style="yellow", markup=False)
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
    for note in r.notes:  # a UTF-8 file's bytes that are not, read as Windows text
        console.print(note, style="yellow", markup=False)
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
        title = f"{check.jurisdiction}: {check.logbook}"
        rows = [_against(r) for r in check.rows]
        heads = [
            [MINIMUMS_HEADS[0], *(item for item, _, _, _ in rows)],
            [MINIMUMS_HEADS[1], *(need for _, need, _, _ in rows)],
            [MINIMUMS_HEADS[2], *(have.plain for _, _, have, _ in rows)],
            [MINIMUMS_HEADS[3], *(counted for _, _, _, counted in rows)],
        ]
        # Narrower than ITEM_WIDTH, an item in German and its gloss read a syllable a line.
        fitted = columns.widths(console.width, heads, at_least=(ITEM_WIDTH,))
        if fitted is None:  # each item, its numbers labelled below it
            listed = Text()  # a Text's own style would be every line's
            listed.append(f"{title}\n", style="bold")
            for item, need, have, counted in rows:
                listed.append(f"• {item}\n  Needed: {need}; in your log: ")
                listed.append_text(have)
                listed.append(f"\n  Counted from: {counted}\n" if counted else "\n")
            console.print(listed)
        else:
            t = Table(title=title, title_justify="left", expand=True)
            for head, w in zip(MINIMUMS_HEADS, fitted, strict=True):
                # a German compound folds, never cut ("Schilddrüsenresek…")
                numbers = head in ("Needed", "In your log")
                t.add_column(head, width=w, overflow="fold", justify="right" if numbers else "left")
            for row in rows:
                t.add_row(*row)
            console.print(t)
        src = check.finding.source
        console.print(Text(f"Source: {src.title}", style="dim"))
        if src.url:  # whole on its line, never broken: to open or copy (as assess prints it)
            labelled(console, "Online:", src.url)
        if check.note:
            console.print(Text(check.note, style="dim"))


MINIMUMS_HEADS: Final = ("Item", "Needed", "In your log", "Counted from")
ITEM_WIDTH: Final = 20


def _against(r: Against) -> tuple[str, str, Text, str]:
    """A number against the log, as cells: the item, what is needed, what the log holds
    (how many short), the rows that counted (or the pack's note)."""
    m = r.minimum
    if r.have is None:
        have = Text("count it yourself", style="yellow")
    else:
        have = Text(str(r.have), style="green" if not r.short else "bold red")
        if r.short:
            have.append(f" ({r.short} short)")
    return m.name, m.needed, have, ", ".join(r.matched) or (m.note or "")
