"""Full-text search over the units: BM25 ranking, filters, facets, snippets.

Hits are messages for e-mail and documents otherwise.  Near-duplicates that
are not their cluster's representative are left out unless asked for
(messages are stored once per fingerprint, so they need no collapsing).

Facets are counted exactly up to :data:`FACET_EXACT` hits.  Beyond that,
counting every hit's facets cost more than the search itself (about 5 µs a
hit: half a second for a word in 100,000 units), so they are estimated from a
stratified sample: the id range is cut into :data:`FACET_STRIPES` stripes, the
first :data:`FACET_PER_STRIPE` hits of each stripe are counted and weighted by
how many hits their stripe holds, and the estimates are scaled to the exact
total.  Results say when their facets are estimates.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inzage.store.terms import Query, parse_query, snippet

FACETS = ("kind", "month", "organisation", "ground", "domain", "redactions")
FACET_EXACT = 2_000
FACET_STRIPES = 8
FACET_PER_STRIPE = 250


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
    total: int
    rows: list[Row] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    facets_estimated: bool = False


def run_search(
    connection: sqlite3.Connection,
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
    where, params = where_clause(filters)
    if text.strip():
        query = parse_query(text)
        base = (
            f"FROM units_fts JOIN units u ON u.id = units_fts.rowid WHERE units_fts MATCH ? {where}"
        )
        arguments = [query.match, *params]
        score, order = "bm25(units_fts, 3.0, 1.0)", "bm25(units_fts, 3.0, 1.0)"
    else:
        query = Query(match="", stems=frozenset(), prefixes=())
        base = f"FROM units u WHERE 1 {where}"
        arguments = list(params)
        score, order = "0.0", "u.date_utc IS NULL, u.date_utc DESC, u.id"
    total = connection.execute(f"SELECT count(*) {base}", arguments).fetchone()[0]
    found = connection.execute(
        f"SELECT u.id, {score}, u.kind, u.document_id, u.message_id, u.title, "
        'u.date_utc, u.redactions, u.start, u."end", '
        f"(SELECT source_id FROM documents WHERE id = u.document_id) {base} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*arguments, limit, offset],
    ).fetchall()
    rows = [_row(connection, r, query) for r in found]
    result = Rows(total=total, rows=rows)
    if facets and total <= FACET_EXACT:
        result.facets = _facets(connection, base, arguments)
    elif facets:
        key = "units_fts.rowid" if query.match else "u.id"
        result.facets = _estimated_facets(connection, base, arguments, total, key)
        result.facets_estimated = True
    return result


def where_clause(filters: Filters) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if not filters.all_duplicates:
        clauses.append("u.duplicate = 0")
    if filters.kind:
        clauses.append("u.kind = ?")
        params.append(filters.kind)
    if filters.date_from:
        clauses.append("u.date_utc >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to:
        clauses.append("u.date_utc < date(?, '+1 day')")
        params.append(filters.date_to.isoformat())
    for facet, value in (
        ("organisation", filters.organisation),
        ("ground", filters.ground),
        ("domain", filters.domain),
    ):
        if value:
            clauses.append(
                "EXISTS (SELECT 1 FROM unit_facets f WHERE f.unit_id = u.id "
                "AND f.facet = ? AND f.value = ? COLLATE NOCASE)"
            )
            params.extend([facet, value])
    if filters.has_redactions is not None:
        clauses.append("u.redactions > 0" if filters.has_redactions else "u.redactions = 0")
    return "".join(f" AND {c}" for c in clauses), params


def _facets(
    connection: sqlite3.Connection, base: str, arguments: list[object]
) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for facet, value, count in connection.execute(
        f"SELECT f.facet, f.value, count(*) FROM unit_facets f "
        f"WHERE f.unit_id IN (SELECT u.id {base}) GROUP BY f.facet, f.value "
        "ORDER BY f.facet, count(*) DESC, f.value",
        arguments,
    ):
        counts[facet][value] = count
    return counts


def _estimated_facets(
    connection: sqlite3.Connection, base: str, arguments: list[object], total: int, key: str
) -> dict[str, dict[str, int]]:
    """``key`` is the unit id column to cut stripes on (the FTS rowid, so that FTS5
    reads only each stripe's start)."""
    low, high = connection.execute("SELECT min(id), max(id) FROM units").fetchone()
    width = (high - low + 1) / FACET_STRIPES
    weighted: dict[tuple[str, str], float] = {}
    estimated_hits = 0.0
    for stripe in range(FACET_STRIPES):
        start = low + round(stripe * width)
        end = low + round((stripe + 1) * width)
        sample = [
            row[0]
            for row in connection.execute(
                f"SELECT u.id {base} AND {key} >= ? AND {key} < ? ORDER BY {key} LIMIT ?",
                [*arguments, start, end, FACET_PER_STRIPE],
            )
        ]
        if not sample:
            continue
        # A stripe read to its end is counted whole; otherwise its hits are
        # estimated from how far into the stripe the sample reached.
        covered = end - start if len(sample) < FACET_PER_STRIPE else sample[-1] - start + 1
        hits = len(sample) * (end - start) / covered
        estimated_hits += hits
        weight = hits / len(sample)
        for facet, value, count in connection.execute(
            f"SELECT facet, value, count(*) FROM unit_facets "
            f"WHERE unit_id IN ({','.join('?' * len(sample))}) GROUP BY facet, value",
            sample,
        ):
            weighted[facet, value] = weighted.get((facet, value), 0.0) + count * weight
    scale = total / estimated_hits if estimated_hits else 0.0
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for (facet, value), count in sorted(
        weighted.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])
    ):
        if (estimate := round(count * scale)) > 0:
            counts[facet][value] = estimate
    return counts


def _row(connection: sqlite3.Connection, r: tuple[Any, ...], query: Query) -> Row:
    unit_id, rank, kind, document_id, message_id, title, date_utc, redactions = r[:8]
    start, end, source_id = r[8:]
    text = connection.execute(
        "SELECT substr(text, ?, ?) FROM sources WHERE id = ?", (start + 1, end - start, source_id)
    ).fetchone()[0]
    cut = snippet(text or "", query)
    return Row(
        unit_id=unit_id,
        score=-rank,
        kind=kind,
        document_id=document_id,
        message_id=message_id,
        title=title,
        date_utc=date_utc,
        redactions=redactions,
        snippet=cut.text,
        highlights=cut.highlights,
    )
