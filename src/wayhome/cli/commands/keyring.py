"""The vault's passphrase on the command line: asked for (a new one twice, and checked
by the policy both shells share, wayhome.services.passphrase), the vault opened or
made (its recovery code printed once), a vault made without a passphrase given one;
and `vault recovery-code` and `vault passphrase`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from wayhome.cli.options import exits_2, local_owner, usage

if TYPE_CHECKING:
    from wayhome.adapters.vault.storage import Vault

TRIES = 3  # new passphrases refused before the command gives up


def asked(new: bool = False, *, from_env: bool = True) -> str:
    """The passphrase: from WAYHOME_PASSPHRASE (unattended use), or asked for without
    echo. A ``new`` one is said to be needed, asked twice (typer's confirmation) and
    checked by the policy: refused, it is asked again; from the environment, a refusal
    exits 2 with the reason. A vault made with an empty passphrase is given a new one
    first, which is then the passphrase (the data layer is set up by then)."""
    from wayhome.services import passphrase

    given = os.environ.get("WAYHOME_PASSPHRASE") if from_env else None
    if not new:
        if passphrase.needs_new_passphrase():
            return _first_passphrase()
        return given or str(typer.prompt("Passphrase", hide_input=True))
    typer.echo(
        "Choose a passphrase for your vault and backups, typed twice. "
        f"{passphrase.ADVICE} {passphrase.LOST_WARNING}",
        err=True,
    )
    if given:
        with exits_2(passphrase.PassphraseError):
            passphrase.check(given, given)
        return given
    for _ in range(TRIES):
        text = str(
            typer.prompt(
                "New passphrase",
                hide_input=True,
                confirmation_prompt="The same passphrase again",
            )
        )
        try:
            passphrase.check(text, text)
        except passphrase.PassphraseError as e:
            typer.echo(str(e), err=True)
            continue
        return text
    usage(f"No passphrase was taken after {TRIES} tries: nothing was changed.")


def show_code(code: str) -> None:
    from wayhome.services import passphrase

    typer.echo(f"\nYour recovery code:  {code}\n\n{passphrase.CODE_NOTE}")
    typer.echo("`wayhome vault recovery-code` shows it again.\n")


def _first_passphrase() -> str:
    """A vault made with an empty passphrase (before the policy): a new one, typed
    twice, before it opens; the keyring is rewrapped, no file re-encrypted. Returns
    the new passphrase."""
    from wayhome.adapters.locks import BusyError
    from wayhome.adapters.vault.keys import WrongPassphraseError
    from wayhome.services import passphrase

    typer.echo(
        "Your vault was made without a passphrase, so anyone who can open your data "
        "folder could read it. Choose one now: the vault's key is wrapped again under it "
        "(no file is re-encrypted).",
        err=True,
    )
    new = asked(new=True)
    with exits_2(WrongPassphraseError, BusyError, passphrase.PassphraseError):
        done = passphrase.set_new("", new, new)
    show_code(done.recovery_code)
    return new


def open_vault(create: bool = False) -> Vault:
    """The vault, opened with the passphrase; with ``create``, made when there is none
    (a new passphrase, typed twice and checked; the recovery code printed once)."""
    from wayhome.adapters.locks import BusyError
    from wayhome.adapters.vault.keys import WrongPassphraseError
    from wayhome.services import passphrase
    from wayhome.services import vault as vault_service

    refused = (WrongPassphraseError, BusyError, passphrase.PassphraseError)
    if create and not vault_service.is_set_up():
        new = asked(new=True)
        with exits_2(*refused):
            try:
                made = passphrase.create(new, new)
            except passphrase.VaultExistsError:
                # Another window or command made it a moment ago: open that one.
                return vault_service.open_vault(new)
        show_code(made.recovery_code)
        return made.vault
    with exits_2(*refused):
        vault = vault_service.open_vault(asked())
    return vault


def recovery_code() -> None:
    """Show the vault's recovery code (it opens the vault on its own); a vault made
    before recovery codes is given one."""
    local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.locks import BusyError
    from wayhome.adapters.vault.keys import WrongPassphraseError
    from wayhome.services import passphrase

    if passphrase.needs_new_passphrase():
        _first_passphrase()
        return
    with exits_2(WrongPassphraseError, BusyError):
        given = passphrase.add_recovery_code(asked())
    show_code(given.recovery_code)


def change_passphrase(
    with_code: Annotated[
        bool,
        typer.Option(
            "--recovery-code",
            help="Open the vault with its recovery code (a lost passphrase) instead.",
        ),
    ] = False,
) -> None:
    """Set a new passphrase (asked twice), the vault opened with the current one or its
    recovery code. Only the keyring is rewrapped; the recovery code stays the same."""
    local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.locks import BusyError
    from wayhome.adapters.vault.keys import WrongPassphraseError
    from wayhome.services import passphrase

    if passphrase.needs_new_passphrase():
        _first_passphrase()
        return
    old = str(typer.prompt("Recovery code", hide_input=True)) if with_code else asked()
    new = asked(new=True, from_env=False)
    with exits_2(WrongPassphraseError, BusyError, passphrase.PassphraseError):
        passphrase.set_new(old, new, new, recovery=with_code)
    typer.echo(
        "Passphrase changed: use the new one from now on. Nothing was re-encrypted, and "
        "your recovery code stays the same (`wayhome vault recovery-code` shows it)."
    )
