"""`wayhome serve`: the web app on this computer, the one command that loads it; and
`wayhome link`, a new one-time sign-in link for it."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    host: Annotated[
        str,
        typer.Option(
            help="The address to listen on. Only 127.0.0.1 (this computer) unless you say so."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port.")] = 8765,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open a browser.")
    ] = False,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Let a --host beyond this computer be used: anyone who can reach the port "
            "sees the sign-in page.",
        ),
    ] = False,
) -> None:
    """Start the web app on this computer (SQLite in your data folder)."""
    from wayhome.cli.options import exits_2
    from wayhome.services import serve as serve_service

    with exits_2(serve_service.RemoteNotAllowedError):
        serve_service.check_host(host, allow_remote)
    serve_service.run(
        host,
        port,
        not no_browser,
        typer.echo,
        allow_remote=allow_remote,
        warn=lambda text: typer.echo(text, err=True),
    )


def link(
    host: Annotated[
        str, typer.Option(help="The address `wayhome serve` listens on.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port `wayhome serve` listens on.")] = 8765,
) -> None:
    """Print a new one-time sign-in link for the web app (it works once, within 15
    minutes): for a browser signed out while `wayhome serve` runs."""
    from wayhome.cli.options import local_owner

    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.services import serve as serve_service
    from wayhome.services import signin

    url = serve_service.sign_in_url(host, port, signin.new_link(owner))
    typer.echo(
        f"Sign in with this one-time link (it works once, within {signin.LINK_MINUTES} "
        f"minutes):\n\n    {url}\n"
    )
