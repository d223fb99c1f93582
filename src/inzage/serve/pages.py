"""The pages: server-rendered templates over the same corpus API as ``/api``."""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from inzage.model import Document
from inzage.serve import views
from inzage.serve.api import Offset, QueryFiltersDep, RowId, keywords
from inzage.serve.app import open_corpus
from inzage.store import Corpus, QueryTimeoutError
from inzage.store.corpus import SearchResult
from inzage.store.search import FACETS, Filters
from inzage.store.terms import QueryError

router = APIRouter(include_in_schema=False)
CorpusDep = Annotated[Corpus, Depends(open_corpus)]
PAGE = 20

# The query parameters a filter is written in, as the API and the CLI name them.
_PARAMETERS = {
    "kind": "kind",
    "date_from": "from",
    "date_to": "to",
    "organisation": "org",
    "ground": "ground",
    "domain": "domain",
    "has_redactions": "has_redactions",
    "all_messages": "all_messages",
    "within": "within",
}
_FACET_PARAMETER = {"kind": "kind", "organisation": "org", "ground": "ground", "domain": "domain"}


def _render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request, template, {"views": views, **context}, status_code=status
    )


def _not_found(request: Request) -> Response:
    return _render(request, "error.html", 404, title_key="not_found", message_key="not_found_help")


def _query_string(q: str, chosen: Filters, **changes: object) -> str:
    """The search's parameters with ``changes`` applied (``None`` drops one)."""
    values: dict[str, object] = {"q": q}
    for field, parameter in _PARAMETERS.items():
        values[parameter] = getattr(chosen, field)
    values.update(changes)
    kept = {
        k: (str(v).lower() if isinstance(v, bool) else v)
        for k, v in values.items()
        # One hit per file is the default: its link need not say so.
        if v not in (None, "") and not (k == "all_messages" and v is False)
    }
    return urlencode(kept)


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request, corpus: CorpusDep, chosen: QueryFiltersDep, q: str = "", offset: Offset = 0
) -> Response:
    try:
        result = corpus.search(
            q,
            **keywords(chosen),
            all_messages=chosen.all_messages,
            limit=PAGE,
            offset=offset,
            facets=True,
        )
    except (QueryError, QueryTimeoutError) as exc:
        status, key = _query_failure(exc)
        return _render(
            request,
            "search.html",
            status,
            q=q,
            error=str(exc),
            error_key=key,
            result=None,
            chosen=chosen,
            facet_links={},
            active=[],
            previous=None,
            next=None,
            empty=False,
        )
    return _render(
        request,
        "search.html",
        q=q,
        error=None,
        result=result,
        chosen=chosen,
        facet_links=_facet_links(result, q, chosen, "/"),
        active=_active_filters(q, chosen, "/", corpus),
        timeline="/timeline?" + _query_string(q, chosen),
        messages_toggle="/?" + _query_string(q, chosen, all_messages=not chosen.all_messages),
        # "3 more in this file": the same search within the hit's file.
        within_links={
            hit.document_id: "/?" + _query_string(q, chosen, within=hit.document_id)
            for hit in result.hits
            if hit.more_in_file
        },
        previous="/?" + _query_string(q, chosen, offset=offset - PAGE) if offset > 0 else None,
        next=("/?" + _query_string(q, chosen, offset=offset + PAGE) if result.more_pages else None),
        empty=result.total == 0 and not q and corpus.counts()["documents"] == 0,
    )


def _query_failure(exc: Exception) -> tuple[int, str]:
    """The status and heading for a query that could not be answered."""
    if isinstance(exc, QueryTimeoutError):
        return 503, "slow_query"
    return 400, "bad_query"


def _facet_links(
    result: SearchResult, q: str, chosen: Filters, base: str
) -> dict[str, list[tuple[str, int, str]]]:
    """Per facet its most frequent values, each with a link that adds it as a filter."""
    return {
        facet: [
            (value, count, base + "?" + _query_string(q, chosen, **_facet_change(facet, value)))
            for value, count in list(result.facets.get(facet, {}).items())[:12]
        ]
        for facet in FACETS
    }


def _active_filters(
    q: str, chosen: Filters, base: str, corpus: Corpus
) -> list[tuple[str, str, str]]:
    """The filters in force, each with a link that removes it (a search within
    a file shows the file's name, not its document's id).  Messages apart are
    not a filter: the toggle beside the hits says so."""
    active = []
    for field, name in _PARAMETERS.items():
        value = getattr(chosen, field)
        if value is None or field == "all_messages":
            continue
        if field == "has_redactions":
            value = "with" if value else "without"
        elif field == "within":
            paths = corpus.document_paths(value)
            value = PurePath(paths[0]).name if paths else value
        active.append((name, str(value), base + "?" + _query_string(q, chosen, **{name: None})))
    return active


def _facet_change(facet: str, value: str) -> dict[str, object]:
    if facet == "month":
        first, last = views.month_bounds(value)
        return {"from": first.isoformat(), "to": last.isoformat(), "offset": None}
    if facet == "redactions":
        return {"has_redactions": value == "with", "offset": None}
    return {_FACET_PARAMETER[facet]: value, "offset": None}


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, corpus: CorpusDep, document_id: str) -> Response:
    try:
        document = corpus.document(document_id)
        text = corpus.document_text(document_id)
    except KeyError:
        return _not_found(request)
    top = next((m for m in document.messages if m.index == 0), None)
    return _render(
        request,
        "document.html",
        document=document,
        body=_body(document, text),
        messages=[
            (
                m,
                views.pieces(
                    text,
                    document.span.start,
                    m.body_span.start,
                    m.body_span.end,
                    document.redactions,
                    document.entities,
                ),
            )
            for m in sorted(document.messages, key=lambda m: -m.index)
        ],
        thread_id=None if top is None else corpus.thread_of_occurrence(document_id, top.index),
        paths=corpus.document_paths(document_id),
    )


def _body(document: Document, text: str) -> list[tuple[str | None, list[views.Piece]]]:
    """A memo's or letter's text in chunks that start at its sections (the outline
    links to them); for e-mail the messages are shown one by one instead."""
    if document.kind == "email" and document.messages:
        return []
    span = document.span
    starts = sorted(
        {s.span.start for s in document.sections if span.start < s.span.start < span.end}
    )
    bounds = [span.start, *starts, span.end]
    anchors = [None, *(f"s{start}" for start in starts)]
    return [
        (anchor, views.pieces(text, span.start, low, high, document.redactions, document.entities))
        for anchor, low, high in zip(anchors, bounds, bounds[1:], strict=False)
    ]


@router.get("/threads/{thread_id}", response_class=HTMLResponse)
def thread_page(request: Request, corpus: CorpusDep, thread_id: RowId) -> Response:
    try:
        thread = corpus.thread(thread_id)
    except KeyError:
        return _not_found(request)
    bodies = []
    # Messages of one thread are mostly quoted in the same few documents: each is
    # loaded once.
    loaded: dict[str, tuple[Document, str]] = {}
    for item in thread.messages:
        place = item.found_in[0]
        if place.document_id not in loaded:
            loaded[place.document_id] = (
                corpus.document(place.document_id),
                corpus.document_text(place.document_id),
            )
        document, text = loaded[place.document_id]
        message = item.message
        bodies.append(
            views.pieces(
                text,
                document.span.start,
                message.body_span.start,
                message.body_span.end,
                document.redactions,
                document.entities,
            )
        )
    return _render(request, "thread.html", thread=thread, bodies=bodies)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request, corpus: CorpusDep, chosen: QueryFiltersDep, q: str = ""
) -> Response:
    try:
        counts = corpus.timeline(q, **keywords(chosen))
        facets = corpus.search(q, **keywords(chosen), limit=1, facets=True)
    except (QueryError, QueryTimeoutError) as exc:
        status, key = _query_failure(exc)
        return _render(
            request,
            "timeline.html",
            status,
            q=q,
            error=str(exc),
            error_key=key,
            chart=None,
            rows=[],
            chosen=chosen,
        )
    chart = views.timeline_chart(counts)
    totals: dict[str, dict[str, int]] = {}
    for c in counts:
        totals.setdefault(c.month, {})[c.kind] = c.count
    rows = [
        (
            month,
            sum(kinds.values()),
            kinds,
            "/?" + _query_string(q, chosen, **_facet_change("month", month)),
        )
        for month, kinds in totals.items()
    ]
    links = {
        bar.month: "/?" + _query_string(q, chosen, **_facet_change("month", bar.month))
        for bar in chart.bars
    }
    return _render(
        request,
        "timeline.html",
        q=q,
        error=None,
        chart=chart,
        rows=rows,
        links=links,
        chosen=chosen,
        result=facets,
        facet_links=_facet_links(facets, q, chosen, "/timeline"),
        active=_active_filters(q, chosen, "/timeline", corpus),
        search="/?" + _query_string(q, chosen),
    )


@router.get("/organisations", response_class=HTMLResponse)
def organisations_page(request: Request, corpus: CorpusDep) -> Response:
    return _render(request, "organisations.html", organisations=corpus.facet_values("organisation"))


@router.get("/organisations/{name}", response_class=HTMLResponse)
def organisation_page(
    request: Request, corpus: CorpusDep, name: str, offset: Offset = 0
) -> Response:
    found = corpus.search("", organisation=name, limit=PAGE, offset=offset)
    if found.total == 0:
        return _not_found(request)
    return _render(
        request,
        "organisation.html",
        name=name,
        result=found,
        correspondents=corpus.correspondents(name),
        previous=f"?offset={offset - PAGE}" if offset > 0 else None,
        next=f"?offset={offset + PAGE}" if offset + PAGE < found.total else None,
    )


@router.get("/grounds", response_class=HTMLResponse)
def grounds_page(request: Request, corpus: CorpusDep) -> Response:
    return _render(request, "grounds.html", grounds=corpus.grounds())


@router.get("/grounds/{code}", response_class=HTMLResponse)
def ground_page(request: Request, corpus: CorpusDep, code: str, offset: Offset = 0) -> Response:
    use = next((g for g in corpus.grounds() if g.code == code), None)
    if use is None:
        return _not_found(request)
    listed = corpus.ground_documents(code, limit=PAGE + 1, offset=offset)
    return _render(
        request,
        "ground.html",
        use=use,
        roles=corpus.ground_roles(code),
        documents=listed[:PAGE],
        previous=f"?offset={offset - PAGE}" if offset > 0 else None,
        next=f"?offset={offset + PAGE}" if len(listed) > PAGE else None,
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    return _render(request, "docs.html")
