from __future__ import annotations

import click

from inzage.cli.output import dumps, json_options, table
from inzage.grounds import catalogue


@click.command()
@json_options
def grounds(as_json: bool, nl: bool) -> None:
    """List the legal grounds for redaction, with the Wob → Woo mapping.

    Wob codes show the Woo code they map to; 10.2g has no single successor
    and lists both candidates.

    \b
    Example:
      inzage grounds
      inzage grounds --json | jq '.[] | select(.law == "Wob")'
    """
    entries = catalogue().entries
    if as_json or nl:
        rows = [e.model_dump(mode="json") for e in entries]
        if nl:
            for row in rows:
                click.echo(dumps(row, compact=True))
        else:
            click.echo(dumps(rows))
        return
    click.echo(
        table(
            (
                (e.code, e.law or "-", e.article or "-", e.kind, " / ".join(e.woo) or "-", e.label)
                for e in entries
            ),
            ("code", "law", "article", "kind", "woo", "label"),
        )
    )
