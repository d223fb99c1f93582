from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import get_args

import click

from inzage.cli.inputs import StoreAddress, db_option
from inzage.cli.output import dumps, error
from inzage.model import DocumentKind
from inzage.store import Corpus, StoreError
from inzage.store.corpus import Hit, SearchResult
from inzage.store.database import shown_address
from inzage.store.terms import QueryError

_KINDS = list(get_args(DocumentKind))


def _day(_: object, __: object, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.command()
@click.argument("query")
@db_option
@click.option("--kind", type=click.Choice(_KINDS), help="Only this kind of document.")
@click.option("--from", "date_from", callback=_day, metavar="DATE", help="Dated on or after.")
@click.option("--to", "date_to", callback=_day, metavar="DATE", help="Dated on or before.")
@click.option("--org", help="Mentions this organisation (e.g. VWS, UWV, 'gemeente Zwolle').")
@click.option("--ground", help="Has a redaction on this ground (e.g. 5.1.2e).")
@click.option("--domain", help="Sent from this e-mail domain (e.g. minvws.nl).")
@click.option(
    "--has-redactions/--no-redactions", default=None, help="Only hits with (without) redactions."
)
@click.option("--all-duplicates", is_flag=True, help="Show near-duplicates too.")
@click.option(
    "--all-messages",
    is_flag=True,
    help="Every matching message or document of a file as a hit of its own (default: "
    "one hit per file, its best message or document, with the number of others that "
    "match).",
)
@click.option(
    "--within",
    metavar="DOCUMENT",
    help="Only hits in the file that holds this document (an id a hit shows), every "
    "message and document apart: the ones '3 more in this file' counts.",
)
@click.option(
    "--all-words",
    is_flag=True,
    help="Only hits with every word: never go on with hits that have most of them.",
)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option(
    "--facets", is_flag=True, help="Count hits per kind, month, organisation, ground, domain."
)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
def search(
    query: str,
    db: StoreAddress,
    kind: str | None,
    date_from: date | None,
    date_to: date | None,
    org: str | None,
    ground: str | None,
    domain: str | None,
    has_redactions: bool | None,
    all_duplicates: bool,
    all_messages: bool,
    within: str | None,
    all_words: bool,
    limit: int,
    offset: int,
    facets: bool,
    as_json: bool,
) -> None:
    """Search the corpus: one hit per file (a mail file's best message).

    Words are matched in every inflection ("gemeenten" finds "gemeente") and
    without accents.  Hits with all the words come first; when they do not
    fill the page, hits with most of the words fill it (the rarer words count
    more; every hit with all the words stays on the first page, ranked among
    them), and the output says so.  Stop words are left out, and a query typed
    as a question ("krijg je WW na ontslag?") loses its question words too.
    "a phrase" in quotes; OR, NOT and brackets (upper case) for exact logic,
    never widened; prefix* for word beginnings; STAP-budget also finds
    "STAP budget" and "stapbudget".  Hits are ranked by BM25, lists of
    documents below documents about the topic, near-duplicates collapsed.
    Exit code 0 with hits, 1 without, 2 for a query or database that cannot
    be used.

    \b
    Examples:
      inzage search 'jeugdzorg gemeenten'
      inzage search 'hoeveel klachten kwamen er binnen over tolken?'
      inzage search '"bestuurlijk overleg" NOT agenda' --kind memo
      inzage search 'datalek' --from 2021-01-01 --ground 5.1.2e --facets
      inzage search 'cookie*' --domain uwv.nl --json | jq '.hits[].title'
    """
    try:
        with Corpus(db) as corpus:
            result = corpus.search(
                query,
                kind=kind,
                date_from=date_from,
                date_to=date_to,
                organisation=org,
                ground=ground,
                domain=domain,
                has_redactions=has_redactions,
                all_duplicates=all_duplicates,
                limit=limit,
                offset=offset,
                facets=facets,
                all_messages=all_messages,
                within=within,
                widen=not all_words,
            )
    except (StoreError, QueryError) as exc:
        error(str(exc))
        raise SystemExit(2) from None
    if result.unindexed:
        error(
            f"warning: {result.unindexed:,} stored units are not in the search index yet "
            f"(an ingest is running or was stopped): run 'inzage index --db {shown_address(db)}'"
        )
    if as_json:
        click.echo(dumps(result.model_dump(mode="json")))
    else:
        click.echo(_text(result, offset))
    if result.total == 0:
        raise SystemExit(1)


def _text(result: SearchResult, offset: int) -> str:
    first, last = offset + 1, offset + len(result.hits)
    shown = "" if not result.hits else str(first) if first == last else f"{first}–{last}"
    hits = f"{_counted(result.total, 'hit')} for {result.query!r}"
    if result.grouped and result.files is not None:
        # The page counts files; the total counts every matching unit.
        counted = f"{shown} of {_counted(result.files, 'file')}, " if shown else ""
        lines = [f"{counted}{hits}"]
    else:
        lines = [f"{shown + ' of ' if shown else ''}{hits}"]
    if result.more_pages:
        lines[0] += f" (more: --offset {offset + len(result.hits)})"
    lines.extend(_reading(result))
    for number, hit in enumerate(result.hits, start=offset + 1):
        lines.extend(_hit_lines(number, hit))
    for facet, counts in result.facets.items():
        if counts:
            top = ", ".join(f"{value} {count}" for value, count in list(counts.items())[:10])
            lines.append(f"{facet}: {top}")
    return "\n".join(lines)


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _reading(result: SearchResult) -> list[str]:
    """How the query was read and widened, in words."""
    lines = []
    if result.dropped:
        how = "read as a question; " if result.question else ""
        lines.append(f"({how}left out: {', '.join(result.dropped)})")
    if result.widened and result.all_words == 0:
        lines.append("no hits with all the words; these have most of them")
    elif result.widened:
        lines.append(f"{result.all_words} with all the words, and hits with most of them")
    return lines


def _hit_lines(number: int, hit: Hit) -> list[str]:
    when = _when(hit.date)
    title = hit.title or Path(hit.path).name  # untitled: the file name
    where = f"{hit.path} · document {hit.document_id}"
    if hit.message_id is not None:
        where += f" · message {hit.message_id} · thread {hit.thread_id}"
        if hit.occurrences > 1:
            where += f" · found {hit.occurrences}×"
    if hit.more_in_file:
        where += f" · {hit.more_in_file} more in this file (--within {hit.document_id})"
    some = "" if hit.all_words else " (some of the words)"
    return [
        f"\n{number}. [{hit.kind}] {title}{when}{some}",
        f"   {_marked(hit.snippet, hit.highlights)}",
        f"   {where}",
    ]


def _when(moment: datetime | None) -> str:
    return f" — {moment:%Y-%m-%d}" if moment else ""


def _marked(text: str, highlights: list[tuple[int, int]]) -> str:
    """The snippet with matched words in bold on a terminal, else in [brackets]."""
    out: list[str] = []
    cursor = 0
    for start, end in highlights:
        out.append(text[cursor:start])
        out.append(click.style(text[start:end], bold=True) if _tty() else f"[{text[start:end]}]")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _tty() -> bool:
    return sys.stdout.isatty()
