from __future__ import annotations

import sys

import click

from inzage.cli.inputs import expand
from inzage.cli.output import dumps, table
from inzage.stats import CorpusStats, corpus_stats


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=40,
    show_default=True,
    help="How many turned-down strings to list (0: all).",
)
def stats(paths: tuple[str, ...], as_json: bool, limit: int) -> None:
    """Count redaction markers over files and folders, per notation and per ground.

    Also lists every string that looks like a ground but was not taken as a
    marker, with the reason (a citation in a sentence, a section number, an
    amount ...), so that misses can be reviewed.  Folders are read
    recursively; every format inzage parse reads is read (PDF pages by their
    text layer only: no OCR here), other files are counted as skipped.

    \b
    Example:
      inzage stats release/ --limit 100
    """
    files = list(expand(paths, recursive=True))
    if sys.stderr.isatty():
        with click.progressbar(files, label="reading", file=sys.stderr) as bar:
            result = corpus_stats(bar)
    else:
        result = corpus_stats(files)
    if as_json:
        click.echo(dumps(result.to_dict()))
    else:
        click.echo(report(result, limit))
    if result.failed:
        raise SystemExit(1)


def report(result: CorpusStats, limit: int) -> str:
    parts = [
        f"files read: {result.files}",
        "skipped (unsupported): "
        + (", ".join(f"{k} {v}" for k, v in result.skipped.most_common()) or "none"),
        f"failed: {len(result.failed)}",
        f"markers: {result.markers} in {result.groups} redacted items "
        f"({result.low_confidence} with confidence below 1)",
        "",
        table(result.by_notation.most_common(), ("notation", "markers")),
        "",
        table(result.by_ground.most_common(), ("ground", "markers")),
        "",
        table(result.by_role.most_common(), ("role", "markers")),
        "",
        table(result.citations.most_common(), ("cited in prose", "times")),
    ]
    turned_down = result.turned_down
    shown = turned_down if limit == 0 else turned_down[:limit]
    parts += [
        "",
        f"looked like a ground, not taken as a marker: {sum(t.count for t in turned_down)} "
        f"({len(turned_down)} distinct; showing {len(shown)})",
        table(
            ((t.count, t.reason, t.text, t.example) for t in shown),
            ("count", "reason", "text", "first seen in"),
        ),
    ]
    parts += [f"failed: {path}: {reason}" for path, reason in result.failed]
    return "\n".join(parts)
