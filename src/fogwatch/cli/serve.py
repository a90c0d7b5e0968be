"""`fogwatch serve`: the local web UI over the ledger."""

from __future__ import annotations

from typing import Annotated

import typer

from fogwatch.cli.console import DbOption


def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to bind; the default keeps the UI on this machine.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    token: Annotated[str | None, typer.Option(envvar="FOGWATCH_TOKEN",
                                              help="Enables write actions (marking conflicts reviewed) for "
                                                   "requests that present this token; read-only without it.")]
    = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the UI in the default browser.")] = False,
) -> None:
    """Browse statements, provenance graphs, conflicts, timelines and highlighted articles."""
    from fogwatch.serve import serve

    serve(db, host=host, port=port, token=token, open_browser=open_browser)
