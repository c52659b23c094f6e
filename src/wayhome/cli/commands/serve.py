"""`wayhome serve`: the web app on this computer. The one command that loads it."""

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
