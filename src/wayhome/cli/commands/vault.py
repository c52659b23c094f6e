"""The encrypted vault and the evidence kept in it: store and read files (`vault
import`, `read`, `list`, `set`), find and check them (`search`, `consistency`,
`check`), send them (`bundle`, `packet`), and the whole data folder (`backup`,
`restore`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wayhome.cli.commands import keyring
from wayhome.cli.options import (
    DespiteOpt,
    JsonOpt,
    OnOpt,
    console,
    day,
    day_option,
    exits_2,
    local_owner,
    print_json,
    usage,
)

if TYPE_CHECKING:
    from rich.console import Console

    from wayhome.adapters.vault.storage import Vault

vault_app = typer.Typer(no_args_is_help=True, help="Your encrypted document vault.")


def _passphrase(create: bool) -> str:
    """From WAYHOME_PASSPHRASE (unattended use), or asked for without echo; a new one
    twice, and checked by the policy (keyring.asked)."""
    return keyring.asked(new=create)


def _open_vault(create: bool = False) -> Vault:
    """Opened, made (``create``) or given a first passphrase: keyring.open_vault."""
    return keyring.open_vault(create)


def _read(owner: Any, vault: Vault, files: list[Any], out: Console) -> None:
    from rich.progress import Progress
    from rich.text import Text

    from wayhome.adapters import ocr
    from wayhome.cli.render import vault as show
    from wayhome.services import reading

    if not files:
        return
    missing = ocr.tesseract_missing()
    if missing:
        out.print(Text(missing, style="yellow"))
    with Progress(console=out, transient=True) as bar:
        task = bar.add_task("Reading", total=len(files))
        readings = reading.read_all(owner, vault, files, lambda _: bar.advance(task))
    show.render_readings(readings, out)


@vault_app.command("import")
def vault_import(
    folder: Annotated[Path, typer.Argument(help="A folder of your documents (read, not moved).")],
    no_read: Annotated[
        bool, typer.Option("--no-read", help="Store only; read the files later (vault read).")
    ] = False,
) -> None:
    """Store every file of a folder in the vault, encrypted, and read each (OCR for scans)."""
    owner = local_owner()  # sets up the data folder and Django first
    from rich.progress import Progress

    from wayhome.adapters.locks import BusyError
    from wayhome.cli.render import vault as show
    from wayhome.services import reading
    from wayhome.services import vault as vault_service

    if not folder.is_dir():
        usage(f"{folder} is not a folder.")
    vault = _open_vault(create=True)
    paths, skipped = vault_service.scan(folder)  # links and non-files are said, not hidden
    out = console()
    with Progress(console=out, transient=True) as bar, exits_2(BusyError):
        task = bar.add_task("Storing", total=len(paths))
        results = vault_service.import_folder(owner, vault, paths, lambda _: bar.advance(task))
    show.render_ingest([*results, *skipped], out)
    if not no_read:
        _read(owner, vault, reading.unread(owner), out)


@vault_app.command("read")
def vault_read(
    again: Annotated[bool, typer.Option("--all", help="Read every file again.")] = False,
) -> None:
    """Read the stored files not read yet: their text, or OCR of scans, and what it suggests."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.services import reading

    vault = _open_vault()
    files = reading.all_files(owner) if again else reading.unread(owner)
    if not files:
        typer.echo("Every stored file has been read.")
        return
    _read(owner, vault, files, console())


@vault_app.command("list")
def vault_list(json_out: JsonOpt = False) -> None:
    """The stored files: what each is, whether it was read, and what it suggests."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import vault as show
    from wayhome.services import reading

    files = reading.all_files(owner)
    if json_out:
        print_json([reading.file_json(f) for f in files])
    else:
        show.render_files(files, console())


@vault_app.command("set")
def vault_set(
    file_id: Annotated[int, typer.Argument(help="The file's number (vault list).")],
    holder: Annotated[str | None, typer.Option(help="The name as printed on it.")] = None,
    born: Annotated[date | None, day_option(help="Date of birth on it.")] = None,
    graduated: Annotated[date | None, day_option(help="Graduation date on it.")] = None,
    training_start: Annotated[date | None, day_option(help="Training start on it.")] = None,
    training_end: Annotated[date | None, day_option(help="Training end on it.")] = None,
    issued: Annotated[date | None, day_option(help="The day it was issued.")] = None,
    expires: Annotated[date | None, day_option(help="The day it expires.")] = None,
    translation_of: Annotated[
        int | None, typer.Option(help="The number of the original this file translates.")
    ] = None,
) -> None:
    """Record what a file says (as you checked it), or that it translates another file.
    Days as 30 Jun 2024 or 2024-06-30."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.services import reading

    with exits_2(reading.NotFoundError):
        reading.set_facts(
            owner,
            file_id,
            {
                "holder": holder,
                "born": born,
                "graduated": graduated,
                "training_start": training_start,
                "training_end": training_end,
                "issued": issued,
                "expires": expires,
            },
        )
        if translation_of is not None:
            reading.set_translation(owner, file_id, translation_of)
    typer.echo(f"Saved what file {file_id} says.")


@vault_app.command("search")
def vault_search(
    text: Annotated[list[str], typer.Argument(help="Words to find (all of them must appear).")],
    no_texts: Annotated[
        bool,
        typer.Option(
            "--no-texts", help="Search names, emails and answers only (no passphrase needed)."
        ),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Search your correspondence, answers, documents and the text of every stored file."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.services import search
    from wayhome.services import vault as vault_service

    vault = None if no_texts or not vault_service.is_set_up() else _open_vault()
    found = search.search(owner, " ".join(text), vault)
    if json_out:
        print_json(search.results_json(found))
        return
    from wayhome.cli.render import plain  # Rich and the tables: not for --json
    from wayhome.cli.render import vault as show

    # Plain output (a pipe, a file) laid out without Rich's segments: the same bytes, a
    # thousand hits in 25 ms instead of 0.17 s (cli/render/plain.py).
    show.render_search(found, plain.console())


@vault_app.command("consistency")
def vault_consistency(json_out: JsonOpt = False) -> None:
    """Names and key dates compared across your documents and your profile (exit 1 on a
    difference): the commonest reason a verification comes back with discrepancies."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import vault as show
    from wayhome.services import consistency

    with exits_2():
        checked = consistency.checked(owner)
    if json_out:
        print_json([consistency.mismatch_json(m) for m in checked.found])
    else:
        show.render_checked(checked, console())
    if checked.found:
        raise typer.Exit(1)


@vault_app.command("bundle")
def vault_bundle(
    file: Annotated[Path, typer.Argument(help="Where to write the zip.")],
    on: OnOpt = None,
) -> None:
    """Every stored file in one zip, with SHA256SUMS (checked by `sha256sum -c`) and an
    index PDF."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.exporters.bundle import BundleError
    from wayhome.services import packets

    vault = _open_vault()
    with exits_2(packets.PacketError, BundleError):
        packets.write_bundle(owner, vault, file, day(on))
    typer.echo(f"Wrote {file}: unzip it and run `sha256sum -c SHA256SUMS` to check every file.")


@vault_app.command("packet")
def vault_packet(
    country: Annotated[str, typer.Argument(help="The regulator's pack code (GB, DE, ...).")],
    file: Annotated[Path, typer.Argument(help="Where to write the zip.")],
    item: Annotated[
        list[str] | None,
        typer.Option(help="A document to include (its key); repeat it. Default: all with files."),
    ] = None,
    despite: DespiteOpt = False,
    on: OnOpt = None,
) -> None:
    """The documents for one regulator, in its pack's order, each translation after its
    original, with a cover index PDF. Runs the names-and-dates check first."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.exporters.bundle import BundleError
    from wayhome.cli.render import vault as show
    from wayhome.services import consistency, packets

    out = console()
    with exits_2(packets.PacketError, BundleError):
        found = consistency.check(owner)
        if found:
            show.render_mismatches(found, out)
            if not despite:
                usage(
                    "Names or dates differ between your documents (above): fix them, or "
                    "build the packet anyway with --despite-differences."
                )
        vault = _open_vault()
        packets.write_packet(owner, vault, country.upper(), item, file, day(on))
    typer.echo(f"Wrote {file}.")


@vault_app.command("check")
def vault_check(
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="Remove orphans (stored files no record names), after asking; each "
            "removal is recorded in the vault's repairs.log.",
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Repair without asking.")] = False,
) -> None:
    """Decrypt and re-hash every stored file; report orphans, missing and damaged files,
    and a missing or damaged keyring (exit 1 on any)."""
    local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.locks import BusyError
    from wayhome.adapters.vault import keys
    from wayhome.cli.render import vault as show
    from wayhome.services import vault as vault_service

    out = console()
    with exits_2(keys.WrongPassphraseError, BusyError):
        try:
            report = vault_service.check(vault_service.open_vault(_passphrase(False)))
        except (keys.KeyringMissingError, keys.KeyringDamagedError) as e:
            report = vault_service.check(None, str(e))  # a finding, and the check goes on
    show.render_check(report, out)
    if repair and report.orphans:
        question = f"Remove the {len(report.orphans)} orphans listed above for good?"
        if not yes and not typer.confirm(question, default=False):
            typer.echo("Nothing was removed.")
            raise typer.Exit(1)
        with exits_2(BusyError):
            done = vault_service.repair()
        typer.echo(f"Removed {len(done.removed)} orphans; each is recorded in {done.log}.")
        for name in done.left:
            typer.echo(f"Left alone (not a name Wayhome gives a stored file): {name}")
        report.orphans = done.left
    if not report.ok:
        raise typer.Exit(1)


def backup(file: Annotated[Path, typer.Argument(help="Where to write the backup.")]) -> None:
    """One encrypted archive of your data: the database and the vault."""
    local_owner()  # sets up the data folder and Django first
    from wayhome.services import backup as backup_service
    from wayhome.services import vault as vault_service

    with exits_2(backup_service.BackupError):
        size = backup_service.backup(file, _passphrase(not vault_service.is_set_up()))
    typer.echo(f"Wrote {file} ({size:,} bytes, encrypted).")


def restore(file: Annotated[Path, typer.Argument(help="A backup made by wayhome backup.")]) -> None:
    """Restore a backup into an empty data folder."""
    local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.locks import BusyError
    from wayhome.services import backup as backup_service

    with exits_2(backup_service.BackupError, BusyError):
        backup_service.restore(file, _passphrase(False))
    typer.echo(f"Restored {file}.")
