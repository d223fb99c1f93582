"""Full-text search over the units: ranking, filters, facets and snippets.

Hits are messages for e-mail and documents otherwise.  Near-duplicates that
are not their cluster's representative are left out unless asked for
(messages are stored once per fingerprint, so they need no collapsing).

The engine (:mod:`inzage.store.engine`) finds, ranks (BM25, a title counting
three times its body), counts and facets the hits, all exactly; the store
adds what a hit shows (title, date, document) for the page asked for, and
the snippet is cut from the unit's text as the engine holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inzage.store.database import Connection
from inzage.store.engine import FACETS, Engine, Found, Search
from inzage.store.terms import EVERYTHING, Query, parse_query, snippet

__all__ = ["FACETS", "Filters", "Row", "Rows", "months", "run_search"]


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


@dataclass
class Rows:
    found: Found
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
) -> Rows:
    """Raises :class:`~inzage.store.terms.QueryError` for a query it cannot read.
    An empty query lists every unit that passes the filters, newest first (for
    browsing by facet); its hits have score 0."""
    query = parse_query(text) if text.strip() else EVERYTHING
    found = engine.search(_search(query, filters, limit=limit, offset=offset, facets=facets))
    shown = _shown(connection, [unit_id for unit_id, _, _ in found.hits])
    rows = [
        _row(shown[unit_id], score, unit_text, query)
        for unit_id, score, unit_text in found.hits
        if unit_id in shown
    ]
    return Rows(found, rows)


def months(engine: Engine, text: str | None, filters: Filters) -> list[tuple[str, str, int]]:
    """(year-month, kind, count) of the dated units that match, oldest first.
    Raises :class:`~inzage.store.terms.QueryError` for a query it cannot read."""
    query = parse_query(text) if text and text.strip() else EVERYTHING
    return engine.months(_search(query, filters))


def _search(
    query: Query, filters: Filters, *, limit: int = 20, offset: int = 0, facets: bool = False
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


def _row(shown: tuple[Any, ...], score: float, unit_text: str, query: Query) -> Row:
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
    )
