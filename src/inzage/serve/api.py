"""The JSON API: thin handlers over :class:`~inzage.store.Corpus`.

Shapes are the model's (``Document``, ``Message``) and the corpus API's result
types; lists take ``limit`` and ``offset`` and say where the next page starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as FastAPIPath
from fastapi.responses import FileResponse, PlainTextResponse
from pydantic import BaseModel

from inzage.model import Document
from inzage.paths import path_on_disk, shown_path
from inzage.serve.app import open_corpus
from inzage.store import Corpus, QueryTimeoutError
from inzage.store.corpus import (
    Correspondent,
    DocumentCount,
    EntityCount,
    FacetCount,
    GroundUse,
    MonthCount,
    SearchResult,
    Thread,
    ThreadMessage,
)
from inzage.store.search import Filters
from inzage.store.terms import QueryError

router = APIRouter(prefix="/api", tags=["api"])
CorpusDep = Annotated[Corpus, Depends(open_corpus)]
Limit = Annotated[int, Query(ge=1, le=100)]
# Bounds SQLite's integers can hold: a larger number in a URL is a 422, not an
# overflow inside the database driver.
MAX_OFFSET = 1_000_000_000
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
RowId = Annotated[int, FastAPIPath(ge=0, le=2**63 - 1)]
T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    next_offset: int | None  # None on the last page


def _page(items: list[T], limit: int, offset: int) -> Page[T]:
    """``items`` holds up to ``limit + 1`` rows: one more tells that a next page exists."""
    more = len(items) > limit
    return Page(
        items=items[:limit],
        limit=limit,
        offset=offset,
        next_offset=offset + limit if more else None,
    )


def filters(
    kind: str | None = None,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    org: str | None = None,
    ground: str | None = None,
    domain: str | None = None,
    has_redactions: bool | None = None,
    all_messages: bool = False,
    within: str | None = None,
) -> Filters:
    """The CLI's search filters as query parameters (``from``, ``to``, ``org``,
    ``within`` a document id: the hits in its file, ...)."""
    return Filters(
        kind=kind,
        date_from=date_from,
        date_to=date_to,
        organisation=org,
        ground=ground,
        domain=domain,
        has_redactions=has_redactions,
        all_messages=all_messages,
        within=within,
    )


QueryFiltersDep = Annotated[Filters, Depends(filters)]


def keywords(chosen: Filters) -> dict[str, Any]:
    """The filters as keywords of :meth:`Corpus.search` and :meth:`Corpus.timeline`
    (whether duplicates are shown, and messages apart, are options of the
    search alone)."""
    values = asdict(chosen)
    del values["all_duplicates"], values["all_messages"]
    return values


@contextmanager
def _answering_query() -> Iterator[None]:
    """A query that cannot be read is a 400, one stopped past its time a 503."""
    try:
        yield
    except QueryError as exc:
        raise HTTPException(400, f"cannot read the query: {exc}") from None
    except QueryTimeoutError as exc:
        raise HTTPException(503, str(exc)) from None


@router.get("/search")
def search(
    corpus: CorpusDep,
    chosen: QueryFiltersDep,
    q: str = "",
    all_duplicates: bool = False,
    facets: bool = False,
    limit: Limit = 20,
    offset: Offset = 0,
    widen: bool = True,
) -> SearchResult:
    """BM25-ranked hits, one per file (``all_messages``: every matching
    message or document of a file apart); a plain query whose hits with every word do
    not fill the page goes on with hits that have most of them (``widened`` in
    the result; ``widen=false`` asks for hits with every word only).  An empty ``q``
    lists everything that passes the filters, newest first."""
    with _answering_query():
        return corpus.search(
            q,
            **keywords(chosen),
            all_duplicates=all_duplicates,
            all_messages=chosen.all_messages,
            widen=widen,
            limit=limit,
            offset=offset,
            facets=facets,
        )


@router.get("/documents/{document_id}")
def document(corpus: CorpusDep, document_id: str) -> Document:
    """One document of the model; its spans index the source text (see ``/text``)."""
    try:
        return corpus.document(document_id)
    except KeyError:
        raise HTTPException(404, f"no document {document_id}") from None


@router.get("/documents/{document_id}/text", response_class=PlainTextResponse)
def document_text(corpus: CorpusDep, document_id: str) -> str:
    """The document's reading text; subtract ``document.span.start`` from its spans."""
    try:
        return corpus.document_text(document_id)
    except KeyError:
        raise HTTPException(404, f"no document {document_id}") from None


@router.get("/documents/{document_id}/source", response_class=FileResponse)
def source_file(corpus: CorpusDep, document_id: str) -> FileResponse:
    """The original file the document was read from.  Only paths the store holds
    are served (never one from the request), and only while the file is there."""
    paths = corpus.document_paths(document_id)
    if not paths:
        raise HTTPException(404, f"no document {document_id}")
    for path in map(path_on_disk, paths):
        if path.is_file():
            return FileResponse(
                path, filename=shown_path(path.name), content_disposition_type="attachment"
            )
    raise HTTPException(404, "the original file is no longer where it was ingested from")


@router.get("/messages/{message_id}")
def message(corpus: CorpusDep, message_id: RowId) -> ThreadMessage:
    """A message (stored once however often it is quoted) and every place it was found."""
    try:
        return corpus.message(message_id)
    except KeyError:
        raise HTTPException(404, f"no message {message_id}") from None


@router.get("/threads/{thread_id}")
def thread(corpus: CorpusDep, thread_id: RowId) -> Thread:
    """A conversation across files, oldest message first."""
    try:
        return corpus.thread(thread_id)
    except KeyError:
        raise HTTPException(404, f"no thread {thread_id}") from None


@router.get("/timeline")
def timeline(corpus: CorpusDep, chosen: QueryFiltersDep, q: str = "") -> list[MonthCount]:
    """Dated hits per month (UTC) and kind; without ``q`` every dated unit."""
    with _answering_query():
        return corpus.timeline(q, **keywords(chosen))


@router.get("/entities")
def entities(
    corpus: CorpusDep, kind: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> Page[EntityCount]:
    """Entities by kind and normalised value, most mentioned first."""
    return _page(corpus.entities(kind, limit=limit + 1, offset=offset), limit, offset)


@router.get("/entities/{kind}/{value:path}")
def entity(
    corpus: CorpusDep, kind: str, value: str, limit: Limit = 20, offset: Offset = 0
) -> Page[DocumentCount]:
    """The documents that mention one entity (by its value as ``/api/entities`` lists
    it), most mentions first."""
    listed = corpus.entity_documents(kind, value, limit=limit + 1, offset=offset)
    if not listed and offset == 0:
        raise HTTPException(404, f"no {kind} {value} in this corpus")
    return _page(listed, limit, offset)


@router.get("/organisations")
def organisations(corpus: CorpusDep, limit: Limit = 50, offset: Offset = 0) -> Page[FacetCount]:
    """Organisations named in the corpus, with the number of documents and messages."""
    values = corpus.facet_values("organisation")
    return _page(values[offset : offset + limit + 1], limit, offset)


class OrganisationView(BaseModel):
    name: str
    documents: SearchResult
    correspondents: list[Correspondent]


@router.get("/organisations/{name}")
def organisation(
    corpus: CorpusDep, name: str, limit: Limit = 20, offset: Offset = 0
) -> OrganisationView:
    """The documents and messages that name an organisation, newest first, and the
    visible people who wrote or received those messages."""
    found = corpus.search("", organisation=name, limit=limit, offset=offset)
    if found.total == 0:
        raise HTTPException(404, f"no documents name {name}")
    return OrganisationView(name=name, documents=found, correspondents=corpus.correspondents(name))


@router.get("/grounds")
def grounds(corpus: CorpusDep) -> list[GroundUse]:
    """Every ground applied: how often, in how many documents."""
    return corpus.grounds()


class GroundView(BaseModel):
    use: GroundUse
    roles: dict[str, int]
    documents: Page[DocumentCount]


@router.get("/grounds/{code}")
def ground(corpus: CorpusDep, code: str, limit: Limit = 20, offset: Offset = 0) -> GroundView:
    """One ground: what it hides and the documents where it was applied most."""
    use = next((g for g in corpus.grounds() if g.code == code), None)
    if use is None:
        raise HTTPException(404, f"ground {code} is not applied in this corpus")
    listed = corpus.ground_documents(code, limit=limit + 1, offset=offset)
    return GroundView(
        use=use, roles=corpus.ground_roles(code), documents=_page(listed, limit, offset)
    )


@router.get("/stats")
def stats(corpus: CorpusDep) -> dict[str, int]:
    """What the store holds: sources, documents, messages, threads, clusters, ..."""
    return corpus.counts()
