from __future__ import annotations

import secrets
from pathlib import Path

import click

from inzage.cli.inputs import StoreAddress, db_option
from inzage.cli.output import error
from inzage.cli.serve import SHUTDOWN_SECONDS, listen_options
from inzage.store.database import shown_address

EXIT_USAGE = 2


@click.command()
@db_option
@listen_options(8001, " (use --users then)")
@click.option(
    "--users",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A user list, one NAME:TOKEN per line: each reviewer signs in with their own "
    "token. Without it one token is drawn at start and printed.",
)
def review(db: StoreAddress, host: str, port: int, lang: str, users: Path | None) -> None:
    """Review a dossier in the browser: judge each document, decide on each proposal.

    Opens the database for writing (run `inzage ingest` and `inzage detect --db`
    first).  Reviewers sign in with an access token and a name; every decision
    is recorded under that name in the audit log.  Two reviewers may work at
    once: a decision on a document someone else changed meanwhile is refused
    with who changed it, and a document signed off by a second reviewer cannot
    change until the sign-off is undone.  Ctrl-C stops.  Exit code 2 for a
    database or user list that cannot be used.

    \b
    Examples:
      inzage review --db dossier.db
      inzage review --db dossier.db --users reviewers.txt --host 0.0.0.0
    """
    import uvicorn

    from inzage.errors import ConfigurationError
    from inzage.serve.review import Access, create_review_app, users_from
    from inzage.store import StoreError

    local = host in ("127.0.0.1", "localhost", "::1")
    hosts = frozenset(f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]"))
    try:
        access = Access(users=users_from(users)) if users else Access(secrets.token_urlsafe(24))
        access.hosts = hosts if local else None
        app = create_review_app(db, access, "en" if lang == "en" else "nl")
    except (StoreError, ConfigurationError) as exc:
        error(str(exc))
        raise SystemExit(EXIT_USAGE) from None
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    if access.token:
        click.echo(
            f"inzage: reviewing {shown_address(db)} at "
            f"http://{shown}:{port}/login?token={access.token} "
            "(Ctrl-C stops)",
            err=True,
        )
    else:
        click.echo(
            f"inzage: reviewing {shown_address(db)} at http://{shown}:{port}/ "
            f"for {len(access.users)} "
            "reviewers (Ctrl-C stops)",
            err=True,
        )
    uvicorn.run(
        app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=SHUTDOWN_SECONDS
    )
