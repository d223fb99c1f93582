from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from inzage.cli.inputs import StoreAddress, db_option
from inzage.cli.output import error
from inzage.serve.app import DEFAULT_QUERY_SECONDS
from inzage.store.database import shown_address

F = TypeVar("F", bound=Callable[..., Any])

# On SIGTERM or Ctrl-C, requests in flight get this long before the server stops.
SHUTDOWN_SECONDS = 3


def listen_options(port: int, host_note: str = "") -> Callable[[F], F]:
    """``--host``, ``--port`` and ``--lang`` of a web app's command."""

    def decorate(command: F) -> F:
        for option in reversed(
            (
                click.option(
                    "--host",
                    default="127.0.0.1",
                    show_default=True,
                    help=f"Address to listen on; 0.0.0.0 opens it to the network{host_note}.",
                ),
                click.option(
                    "--port", default=port, show_default=True, type=click.IntRange(1, 65535)
                ),
                click.option(
                    "--lang",
                    type=click.Choice(["nl", "en"]),
                    default="nl",
                    show_default=True,
                    help="Language of the interface.",
                ),
            )
        ):
            command = option(command)
        return command

    return decorate


@click.command()
@db_option
@listen_options(8000)
@click.option(
    "--query-seconds",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_QUERY_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="Stop a search that runs longer than this (the page or API says so, HTTP 503).",
)
def serve(db: StoreAddress, host: str, port: int, lang: str, query_seconds: float) -> None:
    """Serve the corpus in a browser: search, documents, threads, timeline.

    Opens the database read-only.  The HTTP API is under /api, its
    documentation at /docs.  A query longer than 1,000 characters is refused
    (400) and one that runs past --query-seconds is stopped (503).  Stop with
    Ctrl-C or SIGTERM: requests in flight get a few seconds to finish.  Exit
    code 2 for a database that cannot be used.

    \b
    Examples:
      inzage serve --db woo.db
      inzage serve --db woo.db --port 8080 --lang en
    """
    import uvicorn

    from inzage.serve import create_app
    from inzage.store import StoreError

    try:
        app = create_app(db, "en" if lang == "en" else "nl", query_seconds=query_seconds)
    except StoreError as exc:
        error(str(exc))
        raise SystemExit(2) from None
    click.echo(
        f"inzage: serving {shown_address(db)} at http://{host}:{port}/ (Ctrl-C stops)", err=True
    )
    uvicorn.run(
        app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=SHUTDOWN_SECONDS
    )
