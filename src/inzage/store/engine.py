"""The full-text search engine: a tantivy index beside the SQLite store.

SQLite keeps the document model and is the truth; the engine holds one
document per search unit (``units.id``) for what search needs fast: the
unit's index forms (folded and stemmed by :mod:`inzage.store.terms`, handed
over pre-analysed so search, highlighting and stemming stay one analysis),
its text (compressed, for snippets without reading the source), and the
filter and facet values as columns (tantivy's fast fields), so that ranking
stops early, totals are exact and facets are counted in the engine.

The index lives in a folder named after the database (``inzage.db`` →
``inzage.db-search``), like SQLite's own ``-wal`` file; :mod:`inzage.store.indexing`
keeps the two in step.  Why tantivy, and what it was measured against, is in
``docs/store.md``.
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import tantivy

from inzage.store.compounds import decompounded
from inzage.store.database import index_folder
from inzage.store.terms import AllOf, AnyOf, Node, Phrase, Query, Without

FACETS = ("kind", "month", "organisation", "ground", "domain", "redactions")
# Lists of documents (inventory lists) are short and name every
# title, so any topic's words are in them: their words are held apart and
# weigh this much, below the documents that discuss the topic.
LIST_KINDS = frozenset({"inventory"})
LIST_WEIGHT = 0.35
# A widened query: a hit's score is its BM25 plus this much times the share
# of the query's weight (each term's idf) that it matches, so that a hit
# with the query's rarer words ranks above one with its common ones.
COVERAGE = 10.0
# Grouping looks at this many hits past the page at most to fill a page of
# files (a file of more matching units than that hides the rest).
GROUP_WINDOW = 20_000
# Facet values counted per facet: more than any store here has for one facet
# (organisations are the most varied: a few hundred).
FACET_VALUES = 10_000
TITLE_WEIGHT = 3.0
# A writer's memory for documents not yet written to a segment, and the
# number of units between commits while a store is brought in step.
WRITER_HEAP = 128_000_000
_SCHEMA_VERSION = "3"  # raised when the fields change: an index of another version is rebuilt
_UNDATED = -(1 << 62)  # the ``date`` of a unit without one: before every real date
_ID_BITS = 24


class EngineError(Exception):
    """The search index cannot be opened or written (busy, damaged, another version)."""


@dataclass(frozen=True)
class IndexedUnit:
    """What the engine holds of one search unit."""

    unit_id: int
    file: int  # the source the unit was read from: hits are grouped by it
    title: str  # index forms, space-separated
    body: str
    text: str  # the unit's reading text, for snippets
    kind: str
    date_utc: str | None
    duplicate: bool
    facets: frozenset[tuple[str, str]]


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=False, indexed=True, fast=True)
    # Pre-analysed index forms: split at spaces, positions kept for phrases.
    builder.add_text_field("title", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="position")
    # A list's title and body (LIST_KINDS), weighed less.
    builder.add_text_field("listed", tokenizer_name="whitespace", index_option="position")
    builder.add_unsigned_field("file", indexed=True, fast=True)  # hits grouped by it
    builder.add_bytes_field("text", stored=True, indexed=False)
    for facet in FACETS:
        builder.add_text_field(facet, tokenizer_name="raw", fast=True, index_option="basic")
    # Filters on facet values, case folded (the web app's links carry any case).
    builder.add_text_field("filter", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("date", indexed=True, fast=True)
    builder.add_integer_field("order", fast=True)  # newest first, then by id
    builder.add_unsigned_field("duplicate", indexed=True, fast=True)
    return builder.build()


SCHEMA = _schema()


@dataclass(frozen=True)
class Search:
    """What to find: the query, the filters, the page and whether to count facets.

    ``widen``: a query typed as a plain list of terms whose hits with every
    term do not fill the page goes on with the hits that have most of them.
    ``group``: one hit per file (its best unit: a mail file's messages, or
    the documents a file was cut into, are one result), the page counted in
    files."""

    query: Query
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    values: tuple[tuple[str, str], ...] = ()  # (facet, value) every hit must have
    all_duplicates: bool = False
    limit: int = 20
    offset: int = 0
    facets: bool = False
    widen: bool = False
    group: bool = False
    file: int | None = None  # only the units of this file (``IndexedUnit.file``)


class EngineHit(NamedTuple):
    unit_id: int
    score: float
    text: str
    all_words: bool = True  # the unit has every term (False: a widened query's)
    more: int = 0  # other units of its file that match (when grouped)


@dataclass(frozen=True)
class Found:
    total: int  # units that match (a widened query: that have any of its terms)
    hits: list[EngineHit]
    counting: Future[dict[str, dict[str, int]]] | None = None
    # Hits with every term, when the query was widened: files when
    # grouped, else units (as the page counts).
    all_words: int | None = None
    files: int | None = None  # files that match, when grouping saw them all
    more_pages: bool = False  # a next page has hits

    @property
    def widened(self) -> bool:
        return self.all_words is not None

    @property
    def facets(self) -> dict[str, dict[str, int]]:
        """The facet counts, waited for here: asked last, so that what the
        caller does with the hits overlaps their counting."""
        return self.counting.result() if self.counting is not None else {}


@dataclass
class _Ranked:
    """Hits of one query in rank order: (score, address, unit id, file)."""

    hits: list[tuple[float, tantivy.DocAddress, int, int]]
    total: int
    complete: bool  # every hit was looked at, and fewer than asked for were kept


class Engine:
    """One open index.  Searching is safe from many threads; one process at a
    time writes (tantivy's lock), through :meth:`writing`."""

    def __init__(self, folder: Path | None, *, create: bool) -> None:
        """``folder`` ``None``: an index in memory (for a store in memory)."""
        self.folder = folder
        if folder is None:
            self.index = tantivy.Index(SCHEMA)
        else:
            version = folder / "inzage-version"
            if not (folder / "meta.json").exists() or not _version_is(version):
                if not create:
                    raise EngineError(f"{folder}: no search index of this inzage version")
                _clear(folder)
                folder.mkdir(parents=True, exist_ok=True)
                tantivy.Index(SCHEMA, path=str(folder))
                version.write_text(_SCHEMA_VERSION, "utf-8")
            try:
                self.index = tantivy.Index.open(str(folder))
            except ValueError as exc:
                raise EngineError(f"{folder}: the search index cannot be read ({exc})") from None
        # No watcher thread: :meth:`refresh` reloads when the index's meta file
        # changed, so an engine costs no thread and can be dropped from any.
        self.index.config_reader(reload_policy="Manual", num_warmers=0)
        self._seen = self._stamp()
        self._reload_lock = threading.Lock()
        self._max_id: tuple[float, int] | None = None  # (the index's stamp, its highest id)

    def _stamp(self) -> float:
        if self.folder is None:
            return 0.0
        try:
            return (self.folder / "meta.json").stat().st_mtime
        except OSError:
            return 0.0

    def refresh(self) -> None:
        """See what another process committed since (a cheap check of one file)."""
        stamp = self._stamp()
        if stamp != self._seen:
            with self._reload_lock:
                self.index.reload()
                self._seen = stamp

    def changed(self) -> None:
        """This process wrote to the index: forget what was remembered of it."""
        self._max_id = None

    def searcher(self) -> tantivy.Searcher:
        self.refresh()
        return self.index.searcher()

    # Counting and listing, for keeping the index in step with the store.

    def max_id(self) -> int:
        """The highest unit id indexed; remembered until the index changes (every
        search asks, to say how many stored units it cannot see yet)."""
        searcher = self.searcher()
        known = self._max_id
        if known is not None and known[0] == self._seen:
            return known[1]
        top = 0
        if searcher.num_docs:
            result = searcher.aggregate(
                tantivy.Query.all_query(), {"top": {"max": {"field": "id"}}}
            )
            top = int(result["top"]["value"] or 0)
        self._max_id = (self._seen, top)
        return top

    def ids(self, duplicates_only: bool = False) -> list[int]:
        """Every unit id in the index (or those flagged as duplicates), ascending."""
        searcher = self.searcher()
        query = (
            tantivy.Query.term_query(SCHEMA, "duplicate", 1)
            if duplicates_only
            else tantivy.Query.all_query()
        )
        total = _count(searcher.search(query, limit=1, count=True))
        if not total:
            return []
        found = searcher.search(query, limit=total, count=False).hits
        return sorted(int(v or 0) for v in searcher.fast_field_values("id", [a for _, a in found]))

    # Writing.

    def writing(self) -> Writer:
        """A writer; another process writing waits up to a minute, then fails."""
        deadline = time.monotonic() + 60
        while True:
            try:
                return Writer(self, self.index.writer(heap_size=WRITER_HEAP, num_threads=1))
            except ValueError as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise EngineError(f"the search index cannot be written ({exc})") from None
                time.sleep(0.2)

    # Searching.

    def search(self, search: Search) -> Found:
        searcher = self.searcher()
        query = _with_filters(search)
        # tantivy lets go of the GIL while it searches: the facets are counted
        # on another thread while this one ranks, so a search with facets takes
        # about as long as the slower of the two.  (Splitting the facets over
        # more threads was slower on two cores: each part evaluates the query
        # again, and phrases are most of their cost.)
        counting: Future[dict[str, dict[str, int]]] | None = (
            _pool().submit(_facets, searcher, query) if search.facets else None
        )
        wanted = search.offset + search.limit
        widens = search.widen and len(search.query.parts) > 1
        # tantivy makes room for offset + limit hits before it looks: a page past
        # every unit (an offset from a URL) would ask for gigabytes, and a
        # failed allocation ends the process.  Such a page only counts.
        if search.offset >= searcher.num_docs:
            counted = _widened_query(searcher, search) if widens else query
            total = _count(searcher.search(counted, limit=1, count=True))
            return Found(total=total, hits=[], counting=counting)
        if not search.group:
            # A page of units: tantivy skips to it itself, unless the query is
            # to be widened because too few units have every term.
            page, total = _page(searcher, query, search)
            if not widens or total >= wanted:
                beyond = wanted < total or (widens and _widens_beyond(searcher, search, total))
                return Found(
                    total=total,
                    hits=_hits(searcher, page, {}, None),
                    counting=counting,
                    more_pages=beyond,
                )
        # One more than the page: whether a next page exists.
        ranked = _rank(searcher, query, search, wanted + 1)
        with_all: set[int] | None = None
        all_words: int | None = None
        widened_after = False  # the all-words hits fill the page exactly; widened ones follow
        if widens and ranked.complete and len(ranked.hits) < wanted:
            # Every hit with all the terms is in hand and they do not fill the
            # page: the hits with most of the terms fill it (_first_page).
            query = _widened_query(searcher, search)
            if search.facets:
                counting = _pool().submit(_facets, searcher, query)
            with_all = {unit for _, _, unit, _ in ranked.hits}
            # Counted as the page counts: files when grouping, else units.
            all_words = len(ranked.hits) if search.group else ranked.total
            skip = {file for _, _, _, file in ranked.hits} if search.group else with_all
            rest = _rank(searcher, query, search, wanted + 1 - len(ranked.hits), skip=skip)
            hits = _first_page(ranked.hits, rest.hits, search.limit)
            ranked = _Ranked(hits, rest.total, rest.complete)
        elif widens and ranked.complete and len(ranked.hits) == wanted:
            widened_after = _widens_beyond(searcher, search, ranked.total)
        page = ranked.hits[search.offset : wanted]
        more = _more(searcher, query, page) if search.group else {}
        return Found(
            total=ranked.total,
            hits=_hits(searcher, page, more, with_all),
            counting=counting,
            all_words=all_words,
            files=(
                len({file for _, _, _, file in ranked.hits})
                if search.group and ranked.complete
                else None
            ),
            more_pages=len(ranked.hits) > wanted or not ranked.complete or widened_after,
        )

    def decompounded(self, query: Query) -> Query:
        """``query`` with its long words also as their parts written apart, as
        this index's words tell (:mod:`inzage.store.compounds`)."""
        searcher = self.searcher()
        return decompounded(query, lambda form: _term_frequency(searcher, form))

    def months(self, search: Search) -> list[tuple[str, str, int]]:
        """(month, kind, count) of the dated hits, oldest month first."""
        result = self.searcher().aggregate(
            _with_filters(search),
            {
                "month": {
                    "terms": {"field": "month", "size": FACET_VALUES},
                    "aggs": {"kind": {"terms": {"field": "kind", "size": 100}}},
                }
            },
        )
        return sorted(
            (str(month["key"]), str(kind["key"]), int(kind["doc_count"]))
            for month in result["month"]["buckets"]
            for kind in month["kind"]["buckets"]
        )


class Writer:
    """Adds and replaces units; nothing is visible before :meth:`commit`, and a
    writer dropped without one (or a process killed) leaves the index as it was."""

    def __init__(self, engine: Engine, writer: tantivy.IndexWriter) -> None:
        self.engine = engine
        self.writer = writer

    def add(self, units: Iterable[IndexedUnit]) -> int:
        added = 0
        for unit in units:
            self.writer.add_document(_document(unit))
            added += 1
        return added

    def delete(self, unit_ids: Iterable[int]) -> None:
        # By query: deleting by term does not reach an unsigned field.
        chosen = list(unit_ids)
        for start in range(0, len(chosen), 1_000):
            ids = tantivy.Query.term_set_query(SCHEMA, "id", chosen[start : start + 1_000])
            self.writer.delete_documents_by_query(ids)

    def delete_all(self) -> None:
        self.writer.delete_all_documents()

    def commit(self) -> None:
        self.writer.commit()
        self.engine.changed()

    def close(self) -> None:
        """Finish merging segments and let the next writer in."""
        self.writer.wait_merging_threads()
        self.engine.index.reload()
        self.engine.changed()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is not None:
            self.writer.rollback()
        self.close()


def _document(unit: IndexedUnit) -> tantivy.Document:
    document = tantivy.Document()
    document.add_unsigned("id", unit.unit_id)
    document.add_unsigned("file", unit.file)
    if unit.kind in LIST_KINDS:
        document.add_text("listed", f"{unit.title} {unit.body}")
    else:
        document.add_text("title", unit.title)
        document.add_text("body", unit.body)
    document.add_bytes("text", unit.text.encode("utf-8", "surrogatepass"))
    for facet, value in sorted(unit.facets):
        document.add_text(facet, value)
        document.add_text("filter", _filter_term(facet, value))
    moment = _seconds(unit.date_utc)
    document.add_integer("date", moment)
    id_part = (1 << _ID_BITS) - 1 - unit.unit_id % (1 << _ID_BITS)
    document.add_integer("order", (max(moment, _UNDATED >> _ID_BITS) << _ID_BITS) + id_part)
    document.add_unsigned("duplicate", int(unit.duplicate))
    return document


def _count(result: tantivy.SearchResult) -> int:
    return int(result.count)  # type: ignore[attr-defined]  # the stubs lack it


def _filter_term(facet: str, value: str) -> str:
    return f"{facet}\x1f{value.casefold()}"


def _seconds(date_utc: str | None) -> int:
    if date_utc is None:
        return _UNDATED
    return int(datetime.fromisoformat(date_utc).timestamp())


def _text(document: tantivy.Document) -> str:
    value = document.get_first("text")
    return bytes(value).decode("utf-8", "surrogatepass") if value is not None else ""


def _with_filters(search: Search, core: tantivy.Query | None = None) -> tantivy.Query:
    """The search's query (or ``core`` in its place) within its filters."""
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    if core is not None:
        clauses.append((tantivy.Occur.Must, core))
    elif search.query.tree is not None:
        clauses.append((tantivy.Occur.Must, _query(search.query.tree)))
    filters: list[tantivy.Query] = []
    if not search.all_duplicates:
        # Left out by the few flagged rather than kept by the many unflagged:
        # a short list to skip is cheaper to intersect than a long one to keep.
        clauses.append((tantivy.Occur.MustNot, tantivy.Query.term_query(SCHEMA, "duplicate", 1)))
    if search.kind:
        filters.append(tantivy.Query.term_query(SCHEMA, "kind", search.kind))
    if search.file is not None:
        filters.append(tantivy.Query.term_query(SCHEMA, "file", search.file))
    for facet, value in search.values:
        filters.append(tantivy.Query.term_query(SCHEMA, "filter", _filter_term(facet, value)))
    if search.date_from or search.date_to:
        low = _day_start(search.date_from) if search.date_from else _UNDATED + 1
        high = _day_start(search.date_to + timedelta(days=1)) if search.date_to else None
        # Up to the start of the day after (excluded); tantivy wants an open
        # upper side marked inclusive.
        filters.append(
            tantivy.Query.range_query(
                SCHEMA, "date", tantivy.FieldType.Integer, low, high, include_upper=high is None
            )
        )
    # Filters narrow the hits without changing their scores.
    clauses.extend((tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in filters)
    if not clauses:
        return tantivy.Query.all_query()
    if search.query.tree is None:
        clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)


def _day_start(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def _query(node: Node) -> tantivy.Query:
    if isinstance(node, Phrase):
        title = tantivy.Query.boost_query(_phrase(node, "title"), TITLE_WEIGHT)
        listed = tantivy.Query.boost_query(_phrase(node, "listed"), LIST_WEIGHT)
        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, title),
                (tantivy.Occur.Should, _phrase(node, "body")),
                (tantivy.Occur.Should, listed),
            ]
        )
    if isinstance(node, AllOf):
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, _query(p)) for p in node.parts])
    if isinstance(node, AnyOf):
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, _query(p)) for p in node.parts])
    assert isinstance(node, Without)
    return tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Must, _query(node.kept)),
            (tantivy.Occur.MustNot, _query(node.left_out)),
        ]
    )


def _rank(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    search: Search,
    wanted: int,
    skip: set[int] | None = None,
) -> _Ranked:
    """The first ``wanted`` hits of ``query`` (one a file when grouping),
    leaving out the units, or files when grouping, in ``skip``.  Grouping
    looks at more hits than it keeps, four times as many each round, at most
    :data:`GROUP_WINDOW`: a page past the files of that many units is
    empty."""
    skip = skip or set()
    window = wanted + len(skip) if not search.group else 3 * (wanted + len(skip)) + 10
    widest = GROUP_WINDOW + wanted + len(skip)
    while True:
        window = min(window, searcher.num_docs, widest)
        scored, total = _scored(searcher, query, search, window, 0)
        addresses = [address for _, address in scored]
        units = searcher.fast_field_values("id", addresses)
        files = searcher.fast_field_values("file", addresses)
        kept: list[tuple[float, tantivy.DocAddress, int, int]] = []
        seen = set(skip)
        for (score, address), unit, file in zip(scored, units, files, strict=True):
            key = int(file or 0) if search.group else int(unit or 0)
            if key in seen:
                continue
            seen.add(key)
            kept.append((score, address, int(unit or 0), int(file or 0)))
            if len(kept) == wanted:
                break
        looked_at_all = len(scored) < window or window == searcher.num_docs
        if len(kept) == wanted or looked_at_all or window >= widest or not search.group:
            return _Ranked(kept, total, looked_at_all and len(kept) < wanted)
        window *= 4


def _scored(
    searcher: tantivy.Searcher, query: tantivy.Query, search: Search, limit: int, offset: int
) -> tuple[list[tuple[float, tantivy.DocAddress]], int]:
    """(score, address) of hits ``offset`` to ``offset + limit`` in rank order
    (newest first for an empty query), and the total."""
    if search.query.tree is None:
        result = searcher.search(
            query,
            limit=limit,
            offset=offset,
            count=True,
            order_by_field="order",
            order=tantivy.Order.Desc,
        )
        return [(0.0, address) for _, address in result.hits], _count(result)
    result = searcher.search(query, limit=limit, offset=offset, count=True)
    return [(float(score), address) for score, address in result.hits], _count(result)


def _page(
    searcher: tantivy.Searcher, query: tantivy.Query, search: Search
) -> tuple[list[tuple[float, tantivy.DocAddress, int, int]], int]:
    """The page of units the search asks for, and the total."""
    scored, total = _scored(searcher, query, search, search.limit, search.offset)
    units = searcher.fast_field_values("id", [address for _, address in scored])
    return [(s, a, int(u or 0), 0) for (s, a), u in zip(scored, units, strict=True)], total


def _hits(
    searcher: tantivy.Searcher,
    page: list[tuple[float, tantivy.DocAddress, int, int]],
    more: dict[int, int],
    with_all: set[int] | None,
) -> list[EngineHit]:
    return [
        EngineHit(
            unit_id=unit,
            score=score,
            text=_text(searcher.doc(address)),
            all_words=with_all is None or unit in with_all,
            more=more.get(file, 0),
        )
        for score, address, unit, file in page
    ]


def _first_page(
    with_all: list[tuple[float, tantivy.DocAddress, int, int]],
    widened: list[tuple[float, tantivy.DocAddress, int, int]],
    limit: int,
) -> list[tuple[float, tantivy.DocAddress, int, int]]:
    """The hits of a widened search in order.  The first page holds every hit
    ``with_all`` the terms (when they fit), and the best ``widened`` ones
    fill it; the page is ranked on one score, an all-words hit's BM25 plus
    the whole :data:`COVERAGE` bonus (what the widened query would give it),
    so a weak hit with every word can follow a strong one without a common
    word but never leaves the first page.  The rest follow in their order."""
    lifted = [(score + COVERAGE, address, unit, file) for score, address, unit, file in with_all]
    room = max(0, limit - len(lifted))
    first = sorted(lifted + widened[:room], key=lambda hit: -hit[0])
    return first + widened[room:]


def _widened_query(searcher: tantivy.Searcher, search: Search) -> tantivy.Query:
    return _with_filters(search, _widened(searcher, search.query.parts))


def _widens_beyond(searcher: tantivy.Searcher, search: Search, with_all: int) -> bool:
    """Whether widening would add hits after the ``with_all`` that have every
    term (a page they fill exactly still has a next one, of the others)."""
    counted = searcher.search(_widened_query(searcher, search), limit=1, count=True)
    return _count(counted) > with_all


def _more(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    page: list[tuple[float, tantivy.DocAddress, int, int]],
) -> dict[int, int]:
    """For each file on a grouped page, how many more of its units match."""
    if not page:
        return {}
    files = sorted({file for _, _, _, file in page})
    within = tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Must, query),
            (tantivy.Occur.Must, tantivy.Query.term_set_query(SCHEMA, "file", files)),
        ]
    )
    result = searcher.aggregate(within, {"d": {"terms": {"field": "file", "size": len(files)}}})
    return {int(b["key"]): int(b["doc_count"]) - 1 for b in result["d"]["buckets"]}


def _widened(searcher: tantivy.Searcher, parts: tuple[Node, ...]) -> tantivy.Query:
    """Any of ``parts``, each hit's BM25 raised by :data:`COVERAGE` times the
    share of the parts' idf it has."""
    units = max(searcher.num_docs, 1)
    weights = [_idf(_document_frequency(searcher, part), units) for part in parts]
    whole = sum(weights) or 1.0
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for part, weight in zip(parts, weights, strict=True):
        matched = _query(part)
        coverage = tantivy.Query.const_score_query(matched, COVERAGE * weight / whole)
        clauses.extend([(tantivy.Occur.Should, matched), (tantivy.Occur.Should, coverage)])
    return tantivy.Query.boolean_query(clauses)


def _idf(frequency: int, units: int) -> float:
    return math.log(1 + (units - frequency + 0.5) / (frequency + 0.5))


FIELDS = ("title", "body", "listed")  # the fields a unit's words are in


def _document_frequency(searcher: tantivy.Searcher, node: Node) -> int:
    """About how many units have ``node``, from the term dictionary (a phrase:
    its rarest word; a prefix: its most common word), without searching."""
    if isinstance(node, Phrase):
        if node.prefix:
            counts = [
                count
                for field in FIELDS
                for _, count in searcher.terms_with_prefix(field, node.forms[-1], limit=1)
            ]
            frequencies = [max(counts, default=0)]
            frequencies += [_term_frequency(searcher, form) for form in node.forms[:-1]]
        else:
            frequencies = [_term_frequency(searcher, form) for form in node.forms]
        return min(frequencies)
    if isinstance(node, AllOf):
        return min(_document_frequency(searcher, part) for part in node.parts)
    if isinstance(node, AnyOf):
        return max(_document_frequency(searcher, part) for part in node.parts)
    return _document_frequency(searcher, node.kept)


def _term_frequency(searcher: tantivy.Searcher, form: str) -> int:
    return max(searcher.doc_freq(field, form) for field in FIELDS)


def _phrase(phrase: Phrase, field: str) -> tantivy.Query:
    forms = phrase.forms
    if not phrase.prefix:
        if len(forms) == 1:
            return tantivy.Query.term_query(SCHEMA, field, forms[0])
        return tantivy.Query.phrase_query(SCHEMA, field, list(forms))
    # Every index form that starts with the prefix, however many (tantivy's
    # phrase-prefix query stops at fifty).
    last = re.escape(forms[-1]) + ".*"
    if len(forms) == 1:
        return tantivy.Query.regex_query(SCHEMA, field, last)
    patterns: list[str | tuple[int, str]] = [re.escape(form) for form in forms[:-1]]
    return tantivy.Query.regex_phrase_query(SCHEMA, field, [*patterns, last])


def _facets(searcher: tantivy.Searcher, query: tantivy.Query) -> dict[str, dict[str, int]]:
    # segment_size as large as size: each segment reports every value, so
    # the counts are exact (tantivy otherwise takes each segment's top values).
    result = searcher.aggregate(
        query,
        {
            facet: {"terms": {"field": facet, "size": FACET_VALUES, "segment_size": FACET_VALUES}}
            for facet in FACETS
        },
    )
    return {
        facet: {
            str(bucket["key"]): int(bucket["doc_count"])
            for bucket in sorted(
                result[facet]["buckets"], key=lambda b: (-int(b["doc_count"]), str(b["key"]))
            )
        }
        for facet in FACETS
    }


_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    """Threads for the facet counts, made on first use (a process that never
    searches with facets starts none); as many as there are cores, so that
    searches at once (the web app's) count side by side."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(os.cpu_count() or 2, thread_name_prefix="inzage-facets")
        return _POOL


def _version_is(path: Path) -> bool:
    try:
        return path.read_text("utf-8").strip() == _SCHEMA_VERSION
    except OSError:
        return False


def _clear(folder: Path) -> None:
    """Remove an index folder's files (an index of another version, or damaged)."""
    if not folder.exists():
        return
    for entry in folder.iterdir():
        if entry.is_file() or entry.is_symlink():
            entry.unlink()


# Engines kept open per process: each holds its files open and a thread, so a
# process that opens many stores (a test run) must not keep them all.
_KEPT_OPEN = 4
_OPEN: OrderedDict[str, Engine] = OrderedDict()
_OPEN_LOCK = threading.Lock()


def open_engine(database: str | Path | None, *, create: bool) -> Engine:
    """The engine of a store (an SQLite file or a server's address), opened once
    per process (the web app opens the store for every request; the index's
    files stay mapped)."""
    if database is None:
        return Engine(None, create=True)
    folder = index_folder(database)
    key = os.fspath(folder)
    with _OPEN_LOCK:
        engine = _OPEN.get(key)
        # A folder removed, or replaced by another version, since it was opened.
        if engine is None or not _version_is(folder / "inzage-version"):
            engine = _OPEN[key] = Engine(folder, create=create)
        _OPEN.move_to_end(key)
        while len(_OPEN) > _KEPT_OPEN:
            _OPEN.popitem(last=False)
        return engine
