"""The vault: files stored and read, search results, the integrity check and the
names-and-dates check (`wayhome vault ...`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wayhome.core.common import dates

if TYPE_CHECKING:  # the models and these services need Django set up; the command does it
    from wayhome.adapters.db.models import FileReading, VaultFile
    from wayhome.core.evidence.consistency import Mismatch
    from wayhome.services.consistency import Checked
    from wayhome.services.search import Results
    from wayhome.services.vault import CheckReport, Ingested


def render_ingest(results: list[Ingested], console: Console) -> None:
    t = Table(title="Vault import", title_justify="left", expand=True)
    t.add_column("File", ratio=2)
    t.add_column("Result", no_wrap=True)
    t.add_column("Why", ratio=2)
    style = {"stored": "green", "duplicate": "cyan", "refused": "bold red", "skipped": "yellow"}
    for r in results:
        t.add_row(r.name, Text(r.status, style=style[r.status]), r.reason)
    console.print(t)
    counts = {s: sum(r.status == s for r in results) for s in style}
    console.print(
        f"{counts['stored']} stored, {counts['duplicate']} already there, "
        f"{counts['refused']} refused"
        + (f", {counts['skipped']} skipped." if counts["skipped"] else ".")
    )


def render_check(report: CheckReport, console: Console) -> None:
    if report.keyring:
        console.print(Text(f"Keyring: {report.keyring}", style="bold red"))
        console.print("Without the keyring no stored file can be decrypted or checked.")
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
    elif report.orphans:
        console.print("`wayhome vault check --repair` removes the orphans, after asking.")


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
    # Every hit in one text, printed once (the same lines as a print for each: a third
    # less time for a thousand hits).
    lines = Text()
    for h in found.hits:
        lines.append(f"[{h.kind}] ", style="cyan")
        lines.append(h.title, style="bold")
        if h.when:
            lines.append(f"  {dates.fmt(h.when)}", style="dim")
        lines.append("\n    ")
        lines.append(h.before)
        lines.append(h.match, style="bold yellow")
        lines.append(f"{h.after}\n")
    if lines:
        lines.right_crop(1)  # the last new line: print ends the text with its own
        console.print(lines)
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


def render_checked(checked: Checked, console: Console) -> None:
    """The check's differences; without any, whether they agree or nothing was compared
    (and what to do then), in the web page's words."""
    if checked.found:
        render_mismatches(checked.found, console)
        return
    if checked.state == "agree":
        console.print(Text(checked.summary, style="green"))
        return
    console.print(Text(checked.summary, style="yellow"))
    if not checked.files:
        hint = "`wayhome vault import FOLDER` stores your documents' files."
    else:
        hint = (
            "`wayhome vault set ID --holder NAME ...` types what a file says "
            "(ids: `wayhome vault list`)."
        )
        if checked.unread:
            hint = f"`wayhome vault read` unlocks the vault and reads them; {hint}"
    console.print(Text(hint, style="dim"))


def render_mismatches(found: list[Mismatch], console: Console) -> None:
    from wayhome.core.evidence.consistency import LABELS  # not for the other renderings

    t = Table(title="Names and dates that differ", title_justify="left", expand=True)
    t.add_column("What", no_wrap=True)
    t.add_column("Expected", ratio=2)
    t.add_column("Found", ratio=2)
    t.add_column("Why it matters", ratio=3)
    for m in found:
        # the value bold, where it was read dim
        found_text = Text.assemble((f"{m.found}\n", "bold"), (m.found_source, "dim"))
        if not m.confirmed:
            found_text.append(" (read, not checked)", style="dim")
        t.add_row(
            f"{LABELS.get(m.field, m.field)}: {m.kind}",
            Text.assemble((f"{m.expected}\n", "bold"), (m.expected_source, "dim")),
            found_text,
            m.why,
        )
    console.print(t)
