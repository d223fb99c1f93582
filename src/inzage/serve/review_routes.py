"""The review app's pages and the actions its script posts (``/api/...``).

Every action answers JSON: the document's new ``version``, or an error with
a ``detail`` a reviewer can act on (400 a decision that cannot be taken, 409
someone else changed the document, 423 signed off)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from inzage.detect.entities import tooi_organisations
from inzage.grounds import catalogue
from inzage.model import PersonalKind
from inzage.serve.review import COOKIE, Access, Session
from inzage.store import Corpus
from inzage.store.dossier import (
    DECISIONS,
    JUDGEMENTS,
    ConflictError,
    DocumentReview,
    Judgement,
    ProposalView,
    QueueFilter,
    QueueState,
    ReviewError,
    SignedOffError,
    add_manual,
    audit_log,
    decide,
    document_review,
    get_request,
    judge,
    mark_duplicate,
    neighbours,
    progress,
    queue,
    set_request,
    sign_off,
    withhold_page,
)
from inzage.store.dossier import Request as WooRequest
from inzage.store.everywhere import apply_everywhere, preview, remove_term, terms


def _corpus_for_request(request: Request) -> Iterator[Corpus]:
    corpus = Corpus(request.app.state.database)
    try:
        yield corpus
    finally:
        corpus.close()


router = APIRouter()
CorpusDep = Annotated[Corpus, Depends(_corpus_for_request)]
PAGE_SIZE = 50


def _session(request: Request) -> Session:
    session: Session | None = request.state.session
    if session is None:
        raise HTTPException(401, "sign in first")
    return session


def _page(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    session: Session | None = request.state.session
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, f"review/{name}", {"session": session, **context}
    )
    return response


# --- signing in -------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    access: Access = request.app.state.access
    return _page(request, "login.html", {"named": not access.users})


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(max_length=200)
    name: str = Field(default="", max_length=200)


@router.post("/login")
def login(request: Request, body: SignIn) -> Response:
    access: Access = request.app.state.access
    try:
        reviewer = access.reviewer_for(body.token, body.name)
    except ReviewError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    if reviewer is None:
        return JSONResponse({"detail": "wrong access token"}, status_code=403)
    response = JSONResponse({"reviewer": reviewer})
    response.set_cookie(COOKIE, access.start(reviewer), httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    access: Access = request.app.state.access
    access.sessions.pop(request.cookies.get(COOKIE, ""), None)
    response = JSONResponse({})
    response.delete_cookie(COOKIE, path="/")
    return response


# --- pages ---------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def queue_page(
    request: Request,
    corpus: CorpusDep,
    kind: str | None = Query(default=None, max_length=40),
    state: Literal["all", "unjudged", "judged", "unsigned", "signed"] = "all",
    proposals: bool = False,
    special: bool = False,
    page: int = Query(default=1, ge=1, le=1_000_000),
) -> HTMLResponse:
    chosen: QueueState = state
    where = QueueFilter(kind or None, chosen, proposals, special)
    rows, total = queue(corpus.connection, where, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    kinds = [
        k for (k,) in corpus.connection.execute("SELECT DISTINCT kind FROM documents ORDER BY 1")
    ]
    return _page(
        request,
        "queue.html",
        {
            "rows": rows,
            "total": total,
            "where": where,
            "kinds": kinds,
            "page": page,
            "pages": max(1, -(-total // PAGE_SIZE)),
            "progress": progress(corpus.connection),
            "states": ("all", "unjudged", "judged", "unsigned", "signed"),
        },
    )


@dataclass(frozen=True)
class Segment:
    """A stretch of the document's text, inside one proposal or none."""

    start: int
    text: str
    proposal: ProposalView | None


def segments(text: str, proposals: list[ProposalView]) -> list[Segment]:
    """The text cut at the proposals' edges; where proposals overlap, the
    stretch belongs to the first (the others are listed beside the text)."""
    out: list[Segment] = []
    at = 0
    for proposal in sorted(proposals, key=lambda p: (p.start, -p.end)):
        if proposal.start < at or proposal.end <= proposal.start:
            continue
        if proposal.start > at:
            out.append(Segment(at, text[at : proposal.start], None))
        out.append(Segment(proposal.start, text[proposal.start : proposal.end], proposal))
        at = proposal.end
    if at < len(text):
        out.append(Segment(at, text[at:], None))
    return out


def ground_class(code: str | None) -> str:
    """A CSS class per ground, for the colour of its proposals."""
    return "g-" + (code or "none").replace(".", "-")


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str, corpus: CorpusDep) -> HTMLResponse:
    review = document_review(corpus.connection, document_id)
    if review is None:
        raise HTTPException(404, "no such document")
    before, after = neighbours(corpus.connection, review.number)
    return _page(
        request,
        "document.html",
        {
            "review": review,
            "segments": segments(review.text, review.proposals),
            "ground_class": ground_class,
            "grounds": [(e.code, e.label) for e in catalogue().entries if e.law == "Woo"],
            "judgements": JUDGEMENTS,
            "before": before,
            "after": after,
            "history": audit_log(corpus.connection, document_id, limit=50),
            "page_numbers": _page_numbers(review),
            "duplicate_number": _number_of(corpus, review.duplicate_of),
        },
    )


def _number_of(corpus: Corpus, document_id: str | None) -> int | None:
    if document_id is None:
        return None
    row = corpus.connection.execute(
        "SELECT number FROM reviews WHERE document_id = ?", (document_id,)
    ).fetchone()
    return int(row[0]) if row else None


def _page_numbers(review: DocumentReview) -> list[int]:
    first, last = review.pages
    return list(range(first, (last or first) + 1)) if first else []


@router.get("/dossier", response_class=HTMLResponse)
def dossier_page(request: Request, corpus: CorpusDep) -> HTMLResponse:
    return _page(
        request,
        "dossier.html",
        {
            "request_": get_request(corpus.connection),
            "publishers": tooi_organisations(),
            "decisions": DECISIONS,
            "progress": progress(corpus.connection),
            "history": audit_log(corpus.connection, limit=100),
            "terms": terms(corpus.connection),
        },
    )


@router.get("/inventory.{fmt}")
def inventory_download(fmt: Literal["xlsx", "csv"], corpus: CorpusDep) -> Response:
    from inzage.publish.inventory import inventory_csv, inventory_rows, inventory_xlsx

    rows = inventory_rows(corpus.connection)
    if fmt == "csv":
        body = inventory_csv(rows).encode("utf-8-sig")
        media = "text/csv; charset=utf-8"
    else:
        buffer = io.BytesIO()
        inventory_xlsx(rows, buffer)
        body = buffer.getvalue()
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    headers = {"Content-Disposition": f'attachment; filename="inventarislijst.{fmt}"'}
    return Response(body, media_type=media, headers=headers)


@router.get("/next-open")
def next_open(corpus: CorpusDep) -> Response:
    rows, _ = queue(corpus.connection, QueueFilter(state="unjudged"), limit=1)
    return RedirectResponse(f"/documents/{rows[0].document_id}" if rows else "/", status_code=303)


# --- actions -------------------------------------------------------------------------


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Numbers beyond SQLite's 64 bits are no version, id or offset of ours.
LARGEST = 2**62


class Versioned(_Body):
    version: int = Field(ge=1, le=LARGEST)


class DecideBody(Versioned):
    proposal: int = Field(ge=1, le=LARGEST)
    status: Literal["proposed", "accepted", "rejected"]
    ground: str | None = Field(default=None, max_length=40)


class ManualBody(Versioned):
    start: int = Field(ge=0, le=LARGEST)
    end: int = Field(ge=1, le=LARGEST)
    ground: str = Field(max_length=40)
    kind: PersonalKind = "person"


class JudgeBody(Versioned):
    judgement: Judgement | None
    grounds: list[str] = Field(default_factory=list, max_length=20)
    link: str | None = Field(default=None, max_length=2000)
    remark: str | None = Field(default=None, max_length=2000)


class WithholdBody(Versioned):
    page: int = Field(ge=1, le=LARGEST)
    ground: str | None = Field(default=None, max_length=40)


class DuplicateBody(Versioned):
    of_number: int | None = Field(default=None, ge=1, le=LARGEST)


class SignBody(Versioned):
    undo: bool = False


class TextBody(_Body):
    text: str = Field(min_length=1, max_length=500)


class EverywhereBody(TextBody):
    ground: str = Field(max_length=40)
    kind: PersonalKind = "person"


class RequestBody(_Body):
    case_number: str = Field(default="", max_length=200)
    title: str = Field(default="", max_length=500)
    request_date: str | None = Field(default=None, max_length=10)
    decision_date: str | None = Field(default=None, max_length=10)
    publisher: str | None = Field(default=None, max_length=200)
    requester: str | None = Field(default=None, max_length=200)
    decision: str | None = Field(default=None, max_length=60)


def _answer(change: Any) -> Response:
    """Run a change; its result as JSON, or the error a reviewer can act on."""
    try:
        result = change()
    except ConflictError as exc:
        return JSONResponse({"detail": str(exc), "conflict": True}, status_code=409)
    except SignedOffError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=423)
    except ReviewError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    return JSONResponse(result)


@router.post("/api/documents/{document_id}/decide")
def post_decide(
    document_id: str, body: DecideBody, request: Request, corpus: CorpusDep
) -> Response:
    reviewer = _session(request).reviewer
    return _answer(
        lambda: {
            "version": decide(
                corpus.connection,
                reviewer,
                document_id,
                body.version,
                body.proposal,
                body.status,
                body.ground,
            )
        }
    )


@router.post("/api/documents/{document_id}/manual")
def post_manual(
    document_id: str, body: ManualBody, request: Request, corpus: CorpusDep
) -> Response:
    reviewer = _session(request).reviewer

    def change() -> dict[str, int]:
        proposal, version = add_manual(
            corpus.connection,
            reviewer,
            document_id,
            body.version,
            body.start,
            body.end,
            body.ground,
            body.kind,
        )
        return {"proposal": proposal, "version": version}

    return _answer(change)


@router.post("/api/documents/{document_id}/judge")
def post_judge(document_id: str, body: JudgeBody, request: Request, corpus: CorpusDep) -> Response:
    reviewer = _session(request).reviewer
    return _answer(
        lambda: {
            "version": judge(
                corpus.connection,
                reviewer,
                document_id,
                body.version,
                body.judgement,
                grounds=body.grounds,
                link=body.link,
                remark=body.remark,
            )
        }
    )


@router.post("/api/documents/{document_id}/withhold")
def post_withhold(
    document_id: str, body: WithholdBody, request: Request, corpus: CorpusDep
) -> Response:
    reviewer = _session(request).reviewer
    return _answer(
        lambda: {
            "version": withhold_page(
                corpus.connection, reviewer, document_id, body.version, body.page, body.ground
            )
        }
    )


@router.post("/api/documents/{document_id}/duplicate")
def post_duplicate(
    document_id: str, body: DuplicateBody, request: Request, corpus: CorpusDep
) -> Response:
    reviewer = _session(request).reviewer

    def change() -> dict[str, int]:
        of = None
        if body.of_number is not None:
            row = corpus.connection.execute(
                "SELECT document_id FROM reviews WHERE number = ?", (body.of_number,)
            ).fetchone()
            if row is None:
                raise ReviewError(f"no document number {body.of_number}")
            of = row[0]
        return {
            "version": mark_duplicate(corpus.connection, reviewer, document_id, body.version, of)
        }

    return _answer(change)


@router.post("/api/documents/{document_id}/sign")
def post_sign(document_id: str, body: SignBody, request: Request, corpus: CorpusDep) -> Response:
    reviewer = _session(request).reviewer
    return _answer(
        lambda: {
            "version": sign_off(
                corpus.connection, reviewer, document_id, body.version, undo=body.undo
            )
        }
    )


# The string to look for travels in the body of a POST, never in a URL: a
# URL ends up in logs and the browser's history.
@router.post("/api/everywhere/preview")
def post_preview(body: TextBody, request: Request, corpus: CorpusDep) -> Response:
    return _answer(lambda: preview(corpus.connection, body.text, request.app.state.folded).__dict__)


@router.post("/api/everywhere/apply")
def post_everywhere(body: EverywhereBody, request: Request, corpus: CorpusDep) -> Response:
    reviewer = _session(request).reviewer
    return _answer(
        lambda: (
            apply_everywhere(
                corpus.connection,
                reviewer,
                body.text,
                body.ground,
                body.kind,
                request.app.state.folded,
            ).__dict__
        )
    )


class TermBody(_Body):
    term: int = Field(ge=1, le=LARGEST)


@router.post("/api/everywhere/remove")
def post_remove_term(body: TermBody, request: Request, corpus: CorpusDep) -> Response:
    reviewer = _session(request).reviewer
    return _answer(lambda: {"removed": remove_term(corpus.connection, reviewer, body.term)})


@router.post("/api/request")
def post_request(body: RequestBody, request: Request, corpus: CorpusDep) -> Response:
    reviewer = _session(request).reviewer
    publishers = tooi_organisations()

    def change() -> dict[str, str]:
        if body.publisher and body.publisher not in publishers:
            raise ReviewError("publisher: choose an organisation from the list")
        set_request(
            corpus.connection,
            reviewer,
            WooRequest(
                case_number=body.case_number.strip(),
                title=body.title.strip(),
                request_date=body.request_date or None,
                decision_date=body.decision_date or None,
                publisher=body.publisher or None,
                publisher_label=publishers.get(body.publisher or ""),
                requester=(body.requester or "").strip() or None,
                decision=body.decision or None,
            ),
        )
        return {}

    return _answer(change)
