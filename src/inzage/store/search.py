"""Full-text search over the units: ranking, filters, facets and snippets.

Hits are messages for e-mail and documents otherwise; by default one hit per
document (a mail file's best message, with the number of its other messages
that match).  Near-duplicates that are not their cluster's representative are
left out unless asked for (messages are stored once per fingerprint, so they
need no collapsing).  A query typed as a plain list of words whose hits with
every word do not fill the page is widened to the hits with most of them.

The engine (:mod:`inzage.store.engine`) finds, ranks (BM25, a title counting
three times its body), counts and facets the hits, all exactly; the store
adds what a hit shows (title, date, document) for the page asked for, and
the snippet is cut from the unit's text as the engine holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inzage.store.abbreviations import NO_PAIRS, Pairs, expanded
from inzage.store.database import Connection, has_table
from inzage.store.engine import FACETS, Engine, Found, Search
from inzage.store.terms import EVERYTHING, Query, parse_query, snippet

__all__ = ["FACETS", "Filters", "Row", "Rows", "file_of", "months", "run_search"]


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    organisation: str | None = None
    ground: str | None = None
    domain: str | None = None
    has_redactions: bool | None = None
    all_duplicates: bool = False
    all_messages: bool = False  # every matching message or document a hit (not one per file)
    within: str | None = None  # a document id: only hits in the file that holds it, each apart


@dataclass(frozen=True)
class Row:
    unit_id: int
    score: float
    kind: str
    document_id: str
    message_id: int | None
    title: str | None
    date_utc: str | None
    redactions: int
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    all_words: bool = True
    more: int = 0


@dataclass
class Rows:
    found: Found
    query: Query
    grouped: bool  # one hit per file (the search's ``group``)
    rows: list[Row] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.found.total

    @property
    def facets(self) -> dict[str, dict[str, int]]:
        return self.found.facets


def run_search(
    connection: Connection,
    engine: Engine,
    text: str,
    filters: Filters,
    *,
    limit: int = 20,
    offset: int = 0,
    facets: bool = False,
    widen: bool = True,
    pairs: Pairs = NO_PAIRS,
) -> Rows:
    """Raises :class:`~inzage.store.terms.QueryError` for a query it cannot read.
    An empty query lists every unit that passes the filters, newest first (for
    browsing by facet); its hits have score 0."""
    query = read_query(engine, text, pairs)
    search = _search(
        query,
        filters,
        file_of(connection, filters.within),
        limit=limit,
        offset=offset,
        facets=facets,
        widen=widen,
    )
    found = engine.search(search)
    shown = _shown(connection, [hit.unit_id for hit in found.hits])
    rows = [
        _row(shown[hit.unit_id], hit.score, hit.text, query, hit.all_words, hit.more)
        for hit in found.hits
        if hit.unit_id in shown
    ]
    return Rows(found, query, search.group, rows)


# The names read for one abbreviation at most: the ones most documents give.
NAMES_PER_ABBREVIATION = 3


def defined_pairs(connection: Connection) -> list[tuple[str, str]]:
    """The (abbreviation, name) pairs the stored documents define, the names
    most sources give first (a store of an older schema: none)."""
    if not has_table(connection, "abbreviations"):
        return []
    rows = connection.execute(
        "SELECT abbreviation, name, count(*) AS sources FROM abbreviations "
        "GROUP BY abbreviation, name ORDER BY sources DESC, abbreviation, name"
    ).fetchall()
    taken: dict[str, int] = {}
    pairs = []
    for abbreviation, name, _ in rows:
        if taken.get(abbreviation, 0) < NAMES_PER_ABBREVIATION:
            taken[abbreviation] = taken.get(abbreviation, 0) + 1
            pairs.append((str(abbreviation), str(name)))
    return pairs


def months(
    connection: Connection,
    engine: Engine,
    text: str | None,
    filters: Filters,
    pairs: Pairs = NO_PAIRS,
) -> list[tuple[str, str, int]]:
    """(year-month, kind, count) of the dated units that match, oldest first:
    the query read as a search reads it (abbreviations, compounds; never
    widened: a timeline counts what has every word), within a file as a
    search is.  Raises :class:`~inzage.store.terms.QueryError` for a query it
    cannot read."""
    query = read_query(engine, text, pairs)
    return engine.months(_search(query, filters, file_of(connection, filters.within)))


# The file of a document that is not in the store: no unit has it (source ids
# start at 1), so a search within it finds nothing.
NO_FILE = 0


def file_of(connection: Connection, document_id: str | None) -> int | None:
    """The file (source id) that holds ``document_id``, as the search index
    groups hits by it; ``None`` for no document."""
    if document_id is None:
        return None
    row = connection.execute(
        "SELECT source_id FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    return NO_FILE if row is None else int(row[0])


def read_query(engine: Engine, text: str | None, pairs: Pairs) -> Query:
    """A user's query as search reads it: parsed, its abbreviations and names
    with each other, its compounds with their parts (empty: everything)."""
    if not text or not text.strip():
        return EVERYTHING
    return engine.decompounded(expanded(parse_query(text), pairs))


def _search(
    query: Query,
    filters: Filters,
    file: int | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    facets: bool = False,
    widen: bool = False,
) -> Search:
    redactions = (
        None if filters.has_redactions is None else "with" if filters.has_redactions else "without"
    )
    values = tuple(
        (facet, value)
        for facet, value in (
            ("organisation", filters.organisation),
            ("ground", filters.ground),
            ("domain", filters.domain),
            ("redactions", redactions),
        )
        if value
    )
    return Search(
        query=query,
        kind=filters.kind,
        date_from=filters.date_from,
        date_to=filters.date_to,
        values=values,
        all_duplicates=filters.all_duplicates,
        limit=limit,
        offset=offset,
        facets=facets,
        widen=widen,
        # One file's hits are all shown: grouping them would leave one.
        group=not filters.all_messages and file is None,
        file=file,
    )


_SHOWN = (
    "SELECT id, kind, document_id, message_id, title, date_utc, redactions FROM units "
    "WHERE id IN ({})"
)


def _shown(connection: Connection, unit_ids: list[int]) -> dict[int, tuple[Any, ...]]:
    if not unit_ids:
        return {}
    rows = connection.execute(_SHOWN.format(",".join("?" * len(unit_ids))), unit_ids)
    return {row[0]: row for row in rows}


def _row(
    shown: tuple[Any, ...],
    score: float,
    unit_text: str,
    query: Query,
    all_words: bool,
    more: int,
) -> Row:
    unit_id, kind, document_id, message_id, title, date_utc, redactions = shown
    cut = snippet(unit_text, query)
    return Row(
        unit_id=unit_id,
        score=score,
        kind=kind,
        document_id=document_id,
        message_id=message_id,
        title=title,
        date_utc=date_utc,
        redactions=redactions,
        snippet=cut.text,
        highlights=cut.highlights,
        all_words=all_words,
        more=more,
    )
