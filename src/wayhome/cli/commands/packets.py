"""A target's packet from the command line, as on the web app's Packets page: what it
would hold (`packets show`), the zip (`packets build`, as `vault packet`), marked sent
on a day with a note (`packets mark-sent`), and the packets sent with what each held
(`packets list`). Each calls wayhome.services.packets, as the page does."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from wayhome.cli.options import (
    DespiteOpt,
    JsonOpt,
    OnOpt,
    console,
    day,
    day_argument,
    exits_2,
    local_owner,
    print_json,
)

packets_app = typer.Typer(
    no_args_is_help=True,
    help="A target's packet of documents: build it, mark it sent, list what was sent.",
)

CodeArg = Annotated[str, typer.Argument(help="The target's pack code (GB, DE, AE-DHA, ...).")]
ItemsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--item",
        help="A document to include (its key, from `packets show`); repeat it. "
        "Default: every one with a stored file.",
    ),
]


@packets_app.command("show")
def packets_show(code: CodeArg, on: OnOpt = None, as_json: JsonOpt = False) -> None:
    """What a target's packet would hold, with each document's key for --item.

    The documents the target asks for that have a stored file, and those without one yet.
    """
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import packets as show
    from wayhome.services import packets

    code, today = code.upper(), day(on)
    with exits_2(packets.PacketError):
        shown = packets.contents(owner, code, today)
    label = packets.target_labels().get(code, code)
    held = [(d.key, d.name, d.files.count()) for d in shown.items]
    if as_json:
        print_json(
            {
                "code": code,
                "target": label,
                "with_file": [{"key": k, "name": n, "files": c} for k, n, c in held],
                "without_file": shown.without_file,
                "none_listed": shown.none_listed or None,
            }
        )
    else:
        show.render_contents(label, held, shown.without_file, console(), shown.none_listed)


@packets_app.command("build")
def packets_build(
    code: CodeArg,
    file: Annotated[Path, typer.Argument(help="Where to write the zip.")],
    item: ItemsOpt = None,
    despite: DespiteOpt = False,
    on: OnOpt = None,
) -> None:
    """Write the target's packet as a zip (the same as `wayhome vault packet`).

    The documents in the pack's order, each translation after its original, with a cover
    index PDF; the names-and-dates check runs first.
    """
    from wayhome.cli.commands import vault

    vault.vault_packet(code, file, item, despite, on)


@packets_app.command("mark-sent")
def packets_mark_sent(
    code: CodeArg,
    sent: Annotated[
        date, day_argument("The day you sent it: 30 Jun 2024 or 2024-06-30 (today or before).")
    ],
    item: ItemsOpt = None,
    note: Annotated[str, typer.Option(help="How and to whom it went (up to 300 characters).")] = "",
    on: OnOpt = None,
) -> None:
    """Record that the target's packet was sent on DATE, with what it held.

    Each document and its files' names and SHA-256 are kept; readiness counts its
    documents as in hand.
    """
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import packets as show
    from wayhome.services import packets

    with exits_2(packets.PacketError):
        done = packets.mark_sent(owner, code.upper(), item or None, sent, day(on), note.strip())
    show.render_marked(done, console())


@packets_app.command("list")
def packets_list(as_json: JsonOpt = False) -> None:
    """The packets marked sent, the latest first, with what each held.

    To whom, on which day, the note, and each document with its files.
    """
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import packets as show
    from wayhome.services import packets

    sent = packets.sent_packets(owner)
    if as_json:
        print_json([show.sent_json(s) for s in sent])
    else:
        show.render_sent(sent, console())
