from __future__ import annotations

import click

from inzage.cli.output import dumps
from inzage.model import json_schema


@click.command()
def schema() -> None:
    """Print the JSON Schema of the document model (what `parse --json` prints).

    \b
    Example:
      inzage schema > source.schema.json
    """
    click.echo(dumps(json_schema()))
