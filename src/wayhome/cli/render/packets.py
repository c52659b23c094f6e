"""A target's packet: what it would hold, one marked sent, and the packets sent with
what each held (`wayhome packets ...`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wayhome.core.common import dates

if TYPE_CHECKING:  # the service needs Django set up; the command does it
    from wayhome.services.packets import Sent


def render_contents(
    target: str,
    held: Sequence[tuple[str, str, int]],
    no_file: Sequence[str],
    console: Console,
    none_listed: str = "",
) -> None:
    """The target's documents with a stored file (key, name, how many files) and the
    names of those without one; or, when it lists none for you, why (as the web says)."""
    if none_listed:
        console.print(
            f"None listed: {target}: {none_listed}. So there is nothing for its packet yet."
        )
        return
    if held:
        t = Table(title=f"A packet for {target} would hold", title_justify="left", expand=True)
        t.add_column("Key (for --item)", ratio=2, overflow="fold")
        t.add_column("Document", ratio=3)
        t.add_column("Files", justify="right", no_wrap=True)
        for key, name, files in held:
            t.add_row(key, name, str(files))
        console.print(t)
    else:
        console.print(
            f"None of the documents {target} asks for has a stored file yet: attach scans "
            "on the documents page, or with `wayhome vault set`."
        )
    if no_file:
        console.print(Text("No file yet, so not in the packet: " + "; ".join(no_file) + "."))


def render_marked(sent: Sent, console: Console) -> None:
    console.print(sent.said, markup=False)
    for d in sent.documents:
        console.print(f"  {d['name']}: " + ", ".join(f["name"] for f in d["files"]), markup=False)


def render_sent(sent: Sequence[Sent], console: Console) -> None:
    if not sent:
        console.print(
            "No packet marked sent yet: `wayhome packets mark-sent CODE DATE` records one."
        )
        return
    t = Table(title="Packets sent", title_justify="left", expand=True, show_lines=True)
    t.add_column("Sent", no_wrap=True)
    t.add_column("To", ratio=1)
    t.add_column("What it held", ratio=3)
    for s in sent:
        held = Text()
        for i, d in enumerate(s.documents):
            files = ", ".join(f["name"] for f in d["files"]) or "no file"
            held.append(("\n" if i else "") + f"{d['name']}: ", style="bold")
            held.append(files)
        to = Text(f"{s.target} ({s.code})")
        if s.note:
            to.append(f"\n{s.note}", style="dim")
        t.add_row(dates.fmt(s.sent), to, held)
    console.print(t)


def sent_json(s: Sent) -> dict[str, Any]:
    return {
        "id": s.id,
        "code": s.code,
        "target": s.target,
        "sent": s.sent.isoformat(),
        "note": s.note,
        "kinds": list(s.kinds),
        "documents": [dict(d) for d in s.documents],
    }
