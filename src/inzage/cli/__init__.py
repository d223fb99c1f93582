"""The ``inzage`` command: flat verbs on one group, one module per verb.

A verb's module is imported only when that verb runs (or ``--help`` lists
them all), so ``inzage --version`` or ``inzage grounds`` do not load the PDF,
OCR, search and web libraries.

Exit codes: 0 success; 1 some input could not be processed (each named on
stderr, the rest was processed), or a search found nothing; 2 wrong usage or a
database that cannot be used; 3 inzage itself failed (a bug: the message says
where to report it); 130 and 143 stopped by Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import sys
from importlib import import_module

import click

from inzage import __version__

# verb → "module:attribute"; the order is the order of `inzage --help`.
COMMANDS = {
    "parse": "inzage.cli.parse:parse",
    "ingest": "inzage.cli.ingest:ingest",
    "index": "inzage.cli.index:index",
    "search": "inzage.cli.search:search",
    "thread": "inzage.cli.thread:thread",
    "detect": "inzage.cli.detect:detect",
    "check": "inzage.cli.check:check",
    "redact": "inzage.cli.redact:redact",
    "verify": "inzage.cli.redact:verify",
    "export": "inzage.cli.export:export",
    "serve": "inzage.cli.serve:serve",
    "dossier": "inzage.cli.dossier:dossier",
    "review": "inzage.cli.review:review",
    "import": "inzage.cli.publish:import_report",
    "publish": "inzage.cli.publish:publish",
    "errors": "inzage.cli.ingest:errors",
    "schema": "inzage.cli.schema:schema",
    "grounds": "inzage.cli.grounds:grounds",
    "stats": "inzage.cli.stats:stats",
}

EXIT_INTERNAL_ERROR = 3


class LazyGroup(click.Group):
    """A group whose verbs are imported when they are asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(import_module(module), attribute)
        assert isinstance(command, click.Command), target
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
      inzage detect -r dossier/        personal data to redact, with its ground
      inzage check -r release/         what released documents leak
      inzage redact -r dossier/ --decisions d.jsonl --out release/
                                       redacted copies, each verified
      inzage verify original.pdf redacted.pdf   nothing redacted recoverable?
      inzage review --db dossier.db    judge documents and proposals in a browser
      inzage publish --db dossier.db --out release/ --base-url https://…
                                       redacted files, inventory list, DiWoo sitemaps

    \b
    Exit codes: 0 done; 1 some inputs could not be processed (the rest
    was) or nothing was found; 2 wrong usage or an unusable database;
    3 inzage itself failed (a bug); 130/143 stopped by Ctrl-C/SIGTERM.
    """


def main() -> None:
    """The console script: a crash is a short message and exit code 3, not a
    traceback in the user's face (set INZAGE_DEBUG=1 to see it)."""
    try:
        cli(standalone_mode=True)
    except Exception as exc:  # anything click did not turn into an exit code is our bug
        from inzage.cli.output import report_bug  # here: it loads the model, --version need not

        report_bug("internal error", exc)
        sys.exit(EXIT_INTERNAL_ERROR)
