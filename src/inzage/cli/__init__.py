"""The ``inzage`` command: flat verbs on one group, one module per verb.

Exit codes: 0 success; 1 some input could not be processed (each named on
stderr, the rest was processed), or a search found nothing; 2 wrong usage or a
database that cannot be used.
"""

from __future__ import annotations

import click

from inzage import __version__
from inzage.cli.export import export
from inzage.cli.grounds import grounds
from inzage.cli.ingest import errors, ingest
from inzage.cli.parse import parse
from inzage.cli.schema import schema
from inzage.cli.search import search
from inzage.cli.serve import serve
from inzage.cli.stats import stats
from inzage.cli.thread import thread


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="inzage")
def cli() -> None:
    """Read, search and redact Dutch government documents released under the Woo/Wob.

    \b
    Start with:
      inzage parse mail.txt            summary of documents and redactions
      inzage parse mail.txt --json     the document model as JSON
      inzage grounds                   the legal grounds and their Wob → Woo mapping
      inzage stats folder/             marker statistics over a folder
      inzage ingest release/           build a searchable corpus (./inzage.db)
      inzage search 'jeugdzorg'        search it; inzage thread ID follows a conversation
      inzage export --what documents   stream it out as JSON Lines or CSV
      inzage serve                     read and search it in a browser
    """


for command in (parse, ingest, search, thread, export, serve, errors, schema, grounds, stats):
    cli.add_command(command)


def main() -> None:
    cli()
