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
) -> None:
    """Start the web app on this computer (SQLite in your data folder)."""
    from wayhome.services import serve as serve_service

    serve_service.run(host, port, not no_browser, typer.echo)
