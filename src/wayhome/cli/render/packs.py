"""The rule packs (`wayhome packs list`, `packs show`): the one table of packs, and a pack
in the words of its web page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from wayhome.cli.render.common import fmt_day, labelled

if TYPE_CHECKING:
    from rich.console import Console

    from wayhome.core.rules.catalogue import PackRow
    from wayhome.services.packs import PackPage


def render_pack_list(rows: list[PackRow], console: Console) -> None:
    """The one table of packs (core/rules/catalogue.py): the same row as the README's."""
    names = [r.name + (" (FICTIONAL)" if r.fictional else "") for r in rows]
    cells = [
        [
            r.version,
            fmt_day(r.reviewed),
            str(r.rules),
            fmt_day(r.oldest_source) if r.oldest_source else "none dated",
            "/".join(str(n) for _, n in r.grades),
            str(len(r.open_questions)),
            "none" if r.scenario_tests is None else str(r.scenario_tests),
        ]
        for r in rows
    ]
    heads = ("Version", "Reviewed", "Rules", "Oldest source", "R/S/I", "Open", "Tests")
    # Every column but the name as wide as its values (a heading of two words may take
    # two lines); the name takes the rest and wraps, never cut (folded only where a word
    # is wider than what is left).
    widths = [
        max([len(c[i]) for c in cells] + [len(w) for w in h.split()]) for i, h in enumerate(heads)
    ]
    code_width = max([len(r.code) for r in rows] + [4])
    word = max((len(w) for n in names for w in n.split()), default=10)
    t = Table(title="Rule packs", title_justify="left", expand=True)
    t.add_column("Code", no_wrap=True)
    t.add_column("Regulator (wayhome packs show CODE)", ratio=1, overflow="fold")
    # 3 cells a column: its padding and its border
    if code_width + sum(widths) + 3 * (len(widths) + 2) + 1 + word <= console.width:
        for head, width in zip(heads, widths, strict=True):
            t.add_column(head, width=width)
        for r, name, row in zip(rows, names, cells, strict=True):
            t.add_row(r.code, name, *row)
    else:  # too narrow for a column each: the figures in words, wrapped beside the name
        t.add_column("Version, review and sources", ratio=1)
        for r, name, row in zip(rows, names, cells, strict=True):
            version, reviewed, rules, oldest, grades, open_, tests = row
            t.add_row(
                r.code,
                name,
                f"{version}, reviewed {reviewed}; {rules} rules; oldest source {oldest}; "
                f"R/S/I {grades}; open {open_}; tests {tests}",
            )
    console.print(t)
    console.print(
        Text(
            "R/S/I: how many sources are the regulator's own, secondary and informal. "
            "Open: questions the pack cannot answer (wayhome packs show CODE). "
            "Tests: the pack's scenario tests.",
            style="dim",
        )
    )


def render_pack(page: PackPage, console: Console) -> None:
    """What `wayhome packs show` prints, in the words of the pack's web page
    (services/packs.show): the regulator, the pack's notes, each rule by its title (its id
    only on a line of its own that says what it is for, never its kind) with its dated
    values, each document it lists in a sentence, the open questions, the sources."""
    p = page.pack
    reg = p.regulator
    sources = {s.id: s for s in page.sources}
    head = Text()
    head.append(f"{p.code}  {p.name}\n", style="bold")
    head.append(f"Pack {p.version}, reviewed {fmt_day(p.reviewed)}\n")
    head.append(f"Regulator: {reg.name}")
    console.print(head)
    for label, value, link in (
        ("Website:", reg.website, True),
        ("Foreign training:", reg.foreign_training_page, True),
        ("Email:", reg.contact.email if reg.contact else None, False),
        ("Phone:", reg.contact.phone if reg.contact else None, False),
    ):
        if value:
            labelled(console, label, value, link=link)
    notes = Text()
    for note in page.every_note:  # the regulator's first, as on the pack's web page
        notes.append(f"Note: {note}\n", style="italic")
    console.print(notes)
    for rule in page.rules:
        body = Text.assemble((f"{rule.title}\n", "bold"))  # the title alone bold
        body.append(f"{rule.id_line}\n", style="dim")
        body.append(f"Applies to: {rule.applies}\n")
        body.append(f"Checked against: {rule.event}\n")
        if rule.posts:
            body.append(f"Posts: {', '.join(rule.posts)}\n")
        if rule.note:
            body.append(f"Note: {rule.note}\n")
        for v in rule.versions:
            body.append(f"  {v.since}: {v.values}\n")
            for item in v.items:
                body.append(f"    • {item}\n")
            if v.applies is not None:
                body.append(f"    for: {v.applies}\n")
            for label, text in v.notes:
                body.append(f"    {label}: {text}\n")
            for sid, _ in v.sources:
                s = sources[sid]
                body.append(f"    source: {s.title} — {s.details}\n", style="dim")
        console.print(body)
    if page.unknowns:
        questions = Text.assemble(("Open questions (ask the regulator):\n", "bold"))
        for u in page.unknowns:
            questions.append(f"• {u.question} — {u.why} (asked of: {u.applies})\n")
        console.print(questions)
    _sources(page, console)


def _sources(page: PackPage, console: Console) -> None:
    """The pack's sources as its web page lists them under Sources: each with its grade
    and dates, its address whole on a line (to copy or click), its note."""
    if not page.sources:
        return
    console.print(Text(f"Sources ({len(page.sources)}):", style="bold"))
    for s in page.sources:
        console.print(Text.assemble(f"• {s.title}", (f" — {s.details}", "dim")))
        if s.url:
            labelled(console, "  Address:", s.url)
        if s.note:
            console.print(Text(f"  Note: {s.note}", style="dim"))
