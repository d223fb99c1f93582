"""The corpus API: ``Corpus("inzage.db").search("jeugdzorg")``.

The CLI and the web app are thin layers over this class; everything it
returns is a model object (from :mod:`inzage.model`, or the result types
here, which wrap them).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import AwareDatetime, BaseModel, ConfigDict

from inzage.model import Document, DocumentKind, Message, Source
from inzage.read.options import DEFAULT_READ, ReadOptions
from inzage.store import browse, indexing
from inzage.store.abbreviations import Pairs, pairs_of
from inzage.store.database import Connection, has_table, is_server, shown_address
from inzage.store.engine import FACETS, Engine, EngineError, Search, open_engine
from inzage.store.export import What, export_rows
from inzage.store.ingest import Failure, Progress, finalise, ingest
from inzage.store.load import DOCUMENT_TEXT_SQL, load_document, load_occurrence, load_source
from inzage.store.schema import StoreError, connect, get_meta
from inzage.store.search import Filters, defined_pairs, months, run_search
from inzage.store.terms import EVERYTHING, QueryError

if TYPE_CHECKING:
    from inzage.detect.proposals import Dossier
    from inzage.store.proposals import DetectProgress

# SQLite calls the time check every this many virtual-machine steps (about a
# millisecond of work).
_CHECK_EVERY = 10_000


class QueryTimeoutError(Exception):
    """A search ran past the corpus's ``query_seconds`` and was stopped."""


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Place(_Result):
    """Where a message was found: a file, the document in it and the message's index."""

    path: str
    document_id: str
    index: int


class Hit(_Result):
    """One search hit: a message (for e-mail) or a document."""

    document_id: str
    kind: DocumentKind
    title: str | None
    date: AwareDatetime | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    redactions: int
    path: str
    message: Message | None = None
    message_id: int | None = None
    thread_id: int | None = None
    occurrences: int = 1  # places a message was found
    duplicates: int = 0  # near-duplicate documents collapsed into this one
    all_words: bool = True  # has every word of the query (False: found by widening it)
    more_in_file: int = 0  # other messages or documents of its file that match (grouped)


class SearchResult(_Result):
    query: str
    total: int  # matching units (messages and documents); widened: with any of the words
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = {}
    unindexed: int = 0  # units stored but not in the search index yet (see ``inzage index``)
    grouped: bool = True  # one hit per file
    files: int | None = None  # matching files, when all were seen while grouping
    widened: bool = False  # too few hits had every word: then hits with most of them
    all_words: int | None = None  # hits with every word, when widened (files when grouped)
    dropped: list[str] = []  # words left out of the query (stop words, question words)
    question: bool = False  # the query was read as a question
    more_pages: bool = False  # the next page (offset + limit) has hits


class ThreadMessage(_Result):
    message_id: int
    message: Message
    found_in: list[Place]


class Thread(_Result):
    id: int
    subject: str | None
    messages: list[ThreadMessage]  # oldest first; undated last


class MonthCount(_Result):
    month: str  # YYYY-MM, UTC
    kind: DocumentKind
    count: int


class FacetCount(_Result):
    value: str
    count: int


class Correspondent(_Result):
    name: str | None
    address: str | None
    messages: int


class GroundUse(_Result):
    code: str
    law: str | None
    label: str
    redactions: int
    documents: int


class DocumentCount(_Result):
    """A document and how often something (a ground, an entity) occurs in it."""

    document_id: str
    kind: DocumentKind
    title: str | None
    date: AwareDatetime | None
    count: int


class EntityCount(_Result):
    kind: str
    value: str
    mentions: int
    documents: int


class Corpus:
    """A store of ingested sources: one SQLite file, or a PostgreSQL database."""

    def __init__(
        self,
        path: str | Path = "inzage.db",
        *,
        create: bool = False,
        read_only: bool = False,
        query_seconds: float | None = None,
    ) -> None:
        """``query_seconds`` bounds :meth:`search` and :meth:`timeline`: past it a
        query is stopped with :class:`QueryTimeoutError` (a server sets it, so one
        query cannot hold a worker for long)."""
        self.address: str | Path = str(path) if is_server(path) else Path(path)
        self.query_seconds = query_seconds
        self.connection: Connection = connect(self.address, create=create, read_only=read_only)
        try:
            self.engine: Engine = open_engine(
                None if str(path) == ":memory:" else self.address, create=not read_only
            )
        except EngineError as exc:
            self.connection.close()
            raise StoreError(
                f"{exc}: run 'inzage index --db {shown_address(self.address)}' "
                "to build it from the stored text"
            ) from None

    @contextmanager
    def _user_query(self) -> Iterator[None]:
        """Around SQL built from a user's query: stopped past ``query_seconds``;
        a query the full-text engine still refuses is a :class:`QueryError`."""
        stopped = False

        def past_deadline() -> bool:
            nonlocal stopped
            stopped = time.monotonic() > deadline
            return stopped

        if self.query_seconds is not None:
            deadline = time.monotonic() + self.query_seconds
            self.connection.set_progress_handler(past_deadline, _CHECK_EVERY)
        try:
            yield
            # The engine's part cannot be stopped midway (it takes milliseconds):
            # an answer that came too late is refused all the same.
            if self.query_seconds is not None and time.monotonic() > deadline:
                stopped = True
                raise sqlite3.OperationalError("interrupted")
        except sqlite3.OperationalError as exc:
            # Interrupted, SQLite says "interrupted" or, inside the full-text
            # module's set-up, that its constructor failed.
            if stopped:
                raise QueryTimeoutError(
                    f"the search took longer than {self.query_seconds:g} s and was stopped: "
                    "use rarer words, a phrase or a filter"
                ) from None
            if str(exc).startswith("fts5:"):
                raise QueryError("the search engine cannot read this query") from None
            raise
        finally:
            self.connection.set_progress_handler(None, 0)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def ingest(
        self,
        paths: Iterable[Path],
        *,
        workers: int | None = None,
        options: ReadOptions = DEFAULT_READ,
        total: int | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        cluster: str | None = None,
    ) -> Progress:
        """Parse and store ``paths``: in ``workers`` local processes, or on the
        Dask cluster whose scheduler is at ``cluster`` (a server store only)."""
        return ingest(
            self.connection,
            self.engine,
            paths,
            workers=workers,
            options=options,
            total=total,
            on_progress=on_progress,
            cluster=cluster,
        )

    def timeline(
        self,
        query: str | None = None,
        *,
        kind: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        organisation: str | None = None,
        ground: str | None = None,
        domain: str | None = None,
        has_redactions: bool | None = None,
        within: str | None = None,
    ) -> list[MonthCount]:
        """Dated hits (or all dated units without a query) per month and kind
        (``within``: in the file of that document)."""
        filters = Filters(
            kind, date_from, date_to, organisation, ground, domain, has_redactions, within=within
        )
        with self._user_query():
            counts = months(self.connection, self.engine, query, filters, self._abbreviations())
        return [
            MonthCount(month=month, kind=cast(DocumentKind, k), count=count)
            for month, k, count in counts
        ]

    def facet_values(self, facet: str) -> list[FacetCount]:
        """Every value of a facet (``organisation``, ``ground``, ...) with the
        number of units that have it (near-duplicates left out), most first."""
        if facet not in FACETS:
            return []
        counts = self.engine.search(Search(EVERYTHING, limit=1, facets=True)).facets[facet]
        return [FacetCount(value=value, count=count) for value, count in counts.items()]

    def correspondents(self, organisation: str, limit: int = 50) -> list[Correspondent]:
        """Visible senders and recipients of the messages that name ``organisation``."""
        return [
            Correspondent(name=name, address=address, messages=count)
            for name, address, count in browse.correspondents(self.connection, organisation, limit)
        ]

    def grounds(self) -> list[GroundUse]:
        """Every ground applied in the corpus: how often and in how many documents."""
        return [
            GroundUse(code=code, law=law, label=label, redactions=r, documents=d)
            for code, law, label, r, d in browse.ground_use(self.connection)
        ]

    def ground_roles(self, code: str) -> dict[str, int]:
        """What the redactions on ground ``code`` hide, with counts."""
        return dict(browse.ground_roles(self.connection, code))

    def ground_documents(
        self, code: str, *, limit: int = 20, offset: int = 0
    ) -> list[DocumentCount]:
        """The documents where ground ``code`` was applied, most redactions first."""
        return [
            DocumentCount(document_id=i, kind=cast(DocumentKind, k), title=t, date=d, count=n)
            for i, k, t, d, n in browse.ground_documents(self.connection, code, limit, offset)
        ]

    def entities(
        self, kind: str | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[EntityCount]:
        """Entities found, by kind and value, most mentioned first."""
        return [
            EntityCount(kind=k, value=v, mentions=m, documents=d)
            for k, v, m, d in browse.entity_values(self.connection, kind, limit, offset)
        ]

    def entity_documents(
        self, kind: str, value: str, *, limit: int = 20, offset: int = 0
    ) -> list[DocumentCount]:
        """The documents that mention an entity, with the number of mentions."""
        return [
            DocumentCount(document_id=i, kind=cast(DocumentKind, k), title=t, date=d, count=n)
            for i, k, t, d, n in browse.entity_documents(
                self.connection, kind, value, limit, offset
            )
        ]

    def finalise(self, *, index: bool = True) -> tuple[int, int] | None:
        """Rebuild threads and clusters when files were added since, and (with
        ``index``) bring the search index in step."""
        return finalise(self.connection, self.engine if index else None)

    def finalise_pending(self) -> bool:
        """Whether threads and clusters are out of date (files added since)."""
        return get_meta(self.connection, "finalised") != "1"

    def index_lag(self) -> int:
        """Units stored but not searchable yet (an ingest running or stopped)."""
        return indexing.lag(self.connection, self.engine)

    def catch_up(self, on_progress: indexing.Progress | None = None) -> int:
        """Index the stored units the search index does not have yet."""
        return indexing.catch_up(self.connection, self.engine, on_progress)

    def check_index(self) -> indexing.Drift:
        """Compare the search index with the store, unit by unit."""
        return indexing.check(self.connection, self.engine)

    def repair_index(
        self, on_progress: indexing.Progress | None = None
    ) -> tuple[indexing.Drift, int]:
        """Bring the search index in step whatever the drift; returns the drift
        found and the number of units indexed."""
        return indexing.repair(self.connection, self.engine, on_progress)

    def rebuild_index(self, on_progress: indexing.Progress | None = None) -> int:
        """Index every unit again from the stored text."""
        return indexing.rebuild(self.connection, self.engine, on_progress)

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        organisation: str | None = None,
        ground: str | None = None,
        domain: str | None = None,
        has_redactions: bool | None = None,
        all_duplicates: bool = False,
        limit: int = 20,
        offset: int = 0,
        facets: bool = False,
        all_messages: bool = False,
        widen: bool = True,
        within: str | None = None,
    ) -> SearchResult:
        """BM25-ranked hits with exact totals and facet counts, one per file
        unless ``all_messages`` (``within`` a document id: every hit in the file
        that holds it); a plain query whose hits with every word do not
        fill the page is widened to hits with most of its words (``widen``).
        Raises :class:`~inzage.store.terms.QueryError` for a query it cannot
        read and :class:`QueryTimeoutError` past ``query_seconds``."""
        filters = Filters(
            kind,
            date_from,
            date_to,
            organisation,
            ground,
            domain,
            has_redactions,
            all_duplicates,
            all_messages,
            within,
        )
        with self._user_query():
            rows = run_search(
                self.connection,
                self.engine,
                query,
                filters,
                limit=limit,
                offset=offset,
                facets=facets,
                widen=widen,
                pairs=self._abbreviations(),
            )
            hits = [self._hit(row) for row in rows.rows]
            counts = rows.facets  # last: counted while the hits were read
        return SearchResult(
            query=query,
            total=rows.total,
            hits=hits,
            facets=counts,
            unindexed=self.index_lag(),
            grouped=rows.grouped,
            files=rows.found.files,
            widened=rows.found.widened,
            all_words=rows.found.all_words,
            dropped=list(rows.query.dropped),
            question=rows.query.question,
            more_pages=rows.found.more_pages,
        )

    def _abbreviations(self) -> Pairs:
        """The catalogue's abbreviations and those the stored documents define
        (read again when a document defined more)."""
        stamp = get_meta(self.connection, "abbreviations_at")
        return pairs_of(str(self.address), stamp, lambda: defined_pairs(self.connection))

    def _hit(self, row: Any) -> Hit:
        message = thread_id = None
        occurrences = 1
        if row.message_id is not None:
            occurrence, thread_id, occurrences = self.connection.execute(
                "SELECT o.id, m.thread_id, m.occurrences FROM message_occurrences o "
                "JOIN messages m ON m.id = o.message_id WHERE o.message_id = ? "
                "ORDER BY o.id LIMIT 1",
                (row.message_id,),
            ).fetchone()
            message = load_occurrence(self.connection, occurrence)
        cluster = self.connection.execute(
            "SELECT c.documents FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id "
            "WHERE m.document_id = ?",
            (row.document_id,),
        ).fetchone()
        return Hit(
            duplicates=0 if cluster is None else cluster[0] - 1,
            document_id=row.document_id,
            kind=row.kind,
            title=row.title,
            date=message.sent if message else self._document_date(row.document_id),
            score=row.score,
            snippet=row.snippet,
            highlights=list(row.highlights),
            redactions=row.redactions,
            path=self._path(row.document_id),
            message=message,
            message_id=row.message_id,
            thread_id=thread_id,
            occurrences=occurrences,
            all_words=row.all_words,
            more_in_file=row.more,
        )

    def _document_date(self, document_id: str) -> str | None:
        row = self.connection.execute(
            "SELECT date FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return None if row is None else row[0]

    def _path(self, document_id: str) -> str:
        return str(
            self.connection.execute(
                "SELECT p.path FROM documents d JOIN source_paths p ON p.source_id = d.source_id "
                "WHERE d.id = ? ORDER BY p.position LIMIT 1",
                (document_id,),
            ).fetchone()[0]
        )

    def thread(self, thread_id: int) -> Thread:
        """A conversation in time order, each message with every place it was found.
        Raises ``KeyError`` for an unknown id."""
        head = self.connection.execute(
            "SELECT subject FROM threads WHERE id = ?", (thread_id,)
        ).fetchone()
        if head is None:
            raise KeyError(f"no thread {thread_id}")
        messages = [
            self.message(message_id)
            for (message_id,) in self.connection.execute(
                "SELECT id FROM messages WHERE thread_id = ? "
                "ORDER BY sent_utc IS NULL, sent_utc, id",
                (thread_id,),
            ).fetchall()
        ]
        return Thread(id=thread_id, subject=head[0], messages=messages)

    def thread_of_occurrence(self, document_id: str, index: int) -> int | None:
        """The thread of the message at ``index`` in a document."""
        row = self.connection.execute(
            "SELECT m.thread_id FROM message_occurrences o JOIN messages m ON m.id = o.message_id "
            "WHERE o.document_id = ? AND o.position = ?",
            (document_id, index),
        ).fetchone()
        return None if row is None else row[0]

    def thread_of_message(self, message_id: int) -> int | None:
        row = self.connection.execute(
            "SELECT thread_id FROM messages WHERE id = ?", (message_id,)
        ).fetchone()
        return None if row is None else row[0]

    def document(self, document_id: str) -> Document:
        """Raises ``KeyError`` for an unknown id."""
        return load_document(self.connection, document_id)

    def document_text(self, document_id: str) -> str:
        """The reading text of one document: its spans count from the source's start,
        so subtract ``document.span.start`` to index this text."""
        row = self.connection.execute(
            f"SELECT {DOCUMENT_TEXT_SQL} FROM documents d "
            "JOIN sources s ON s.id = d.source_id WHERE d.id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return str(row[0])

    def document_paths(self, document_id: str) -> list[str]:
        """Every path the document's source was found under, the parsed one first."""
        return [
            str(path)
            for (path,) in self.connection.execute(
                "SELECT p.path FROM documents d JOIN source_paths p ON p.source_id = d.source_id "
                "WHERE d.id = ? ORDER BY p.position",
                (document_id,),
            )
        ]

    def message(self, message_id: int) -> ThreadMessage:
        """A message with every place it was found.  Raises ``KeyError`` for an unknown id."""
        places = self.connection.execute(
            "SELECT o.id, p.path, o.document_id, o.position FROM message_occurrences o "
            "JOIN documents d ON d.id = o.document_id "
            "JOIN source_paths p ON p.source_id = d.source_id "
            "WHERE o.message_id = ? ORDER BY o.id, p.position",
            (message_id,),
        ).fetchall()
        if not places:
            raise KeyError(f"no message {message_id}")
        return ThreadMessage(
            message_id=message_id,
            message=load_occurrence(self.connection, places[0][0]),
            found_in=[Place(path=p, document_id=d, index=i) for _, p, d, i in places],
        )

    def source(self, sha256: str) -> Source:
        row = self.connection.execute(
            "SELECT id FROM sources WHERE sha256 = ?", (sha256,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no source {sha256}")
        return load_source(self.connection, row[0])

    def sources(self) -> Iterator[Source]:
        for (source_id,) in self.connection.execute(
            "SELECT id FROM sources ORDER BY id"
        ).fetchall():
            yield load_source(self.connection, source_id)

    def errors(self) -> list[Failure]:
        return [
            Failure(path=path, error=error, reason=reason, sha256=sha256)
            for path, sha256, error, reason in self.connection.execute(
                "SELECT path, sha256, error, reason FROM failures ORDER BY path"
            )
        ]

    def detect(
        self,
        dossier: Dossier | None = None,
        *,
        on_progress: Callable[[DetectProgress], None] | None = None,
    ) -> DetectProgress:
        """Propose personal data over every source, as one dossier, and store the
        proposals (replacing those of an earlier run)."""
        from inzage.detect.proposals import Dossier
        from inzage.store.proposals import detect_store

        return detect_store(self.connection, dossier or Dossier(), on_progress)

    def proposals(self, *, keeps: bool = True) -> Iterator[dict[str, Any]]:
        """The stored proposals (``keeps=False``: redact and review only)."""
        from inzage.store.proposals import stored_proposals

        return stored_proposals(self.connection, keeps=keeps)

    def export(self, what: What) -> Iterator[dict[str, Any]]:
        return export_rows(self.connection, what)

    def counts(self) -> dict[str, int]:
        """How much the store holds."""
        queries = {
            "sources": "SELECT count(*) FROM sources",
            "paths": "SELECT count(*) FROM source_paths",
            "documents": "SELECT count(*) FROM documents",
            "message_occurrences": "SELECT count(*) FROM message_occurrences",
            "messages": "SELECT count(*) FROM messages",
            "threads": "SELECT count(*) FROM threads",
            "clusters": "SELECT count(*) FROM clusters",
            "clustered_documents": "SELECT count(*) FROM cluster_members",
            "search_units": "SELECT count(*) FROM units",
            "redactions": "SELECT count(*) FROM redactions",
            "entities": "SELECT count(*) FROM entities",
            "failures": "SELECT count(*) FROM failures",
        }
        if self._has_table("proposals"):  # a store of schema 2 opened read-only has none
            queries["proposals"] = "SELECT count(*) FROM proposals"
        return {k: int(self.connection.execute(q).fetchone()[0]) for k, q in queries.items()}

    def _has_table(self, name: str) -> bool:
        return has_table(self.connection, name)
