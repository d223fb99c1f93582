"""The reading room in review mode (``inzage review``): officers judge each
document of a dossier, decide on each proposal, add what detection missed
and sign off each other's work, in the browser.

Security, since this app writes and shows unredacted text:

- it listens on 127.0.0.1 unless told otherwise (the CLI);
- a reviewer signs in with an access token: one drawn at random at start
  and printed (as Jupyter does), the reviewer then giving a name, or one per
  reviewer from a user list (``name:token`` lines), the name fixed by it;
- a session is a random cookie (HttpOnly, SameSite=Strict), kept in this
  process only;
- every request that changes anything is a POST carrying the session's
  CSRF token in a header (``X-CSRF-Token``), and from this origin;
- document text is rendered as text by Jinja's escaping, never as HTML, and
  the Content-Security-Policy allows no inline script.

The read-only ``inzage serve`` is a separate app and stays as it is."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from inzage import __version__
from inzage.errors import ConfigurationError
from inzage.serve.app import CSP, HERE
from inzage.serve.i18n import Language, translator
from inzage.store import Corpus
from inzage.store.database import is_server
from inzage.store.dossier import ReviewError, checked_reviewer, ensure_reviews
from inzage.store.everywhere import FoldedTexts

COOKIE = "inzage_review"
CSRF_HEADER = "X-CSRF-Token"
MIN_TOKEN_CHARS = 16
MAX_SESSIONS = 1_000
# Paths a reviewer who has not signed in may open.
_OPEN = ("/login", "/static/")


@dataclass(frozen=True)
class Session:
    reviewer: str
    csrf: str


@dataclass
class Access:
    """Who may sign in: with ``token`` under a name of their choosing, or with
    a token of ``users`` (token → name)."""

    token: str | None = None
    users: dict[str, str] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    # The Host headers answered (None: any).  A page elsewhere that points
    # its own name at 127.0.0.1 (DNS rebinding) names its host, not ours.
    hosts: frozenset[str] | None = None

    def reviewer_for(self, token: str, name: str) -> str | None:
        """The reviewer a sign-in with ``token`` (and ``name``) is, or None."""
        for known, user in self.users.items():
            if hmac.compare_digest(known.encode(), token.encode()):
                return user
        if self.token is not None and hmac.compare_digest(self.token.encode(), token.encode()):
            return checked_reviewer(name)
        return None

    def start(self, reviewer: str) -> str:
        """A new session for ``reviewer``; its cookie value.  The oldest
        sessions go once there are :data:`MAX_SESSIONS` (sign-ins in a loop
        do not fill the memory)."""
        while len(self.sessions) >= MAX_SESSIONS:
            self.sessions.pop(next(iter(self.sessions)))
        key = secrets.token_urlsafe(32)
        self.sessions[key] = Session(reviewer, secrets.token_urlsafe(32))
        return key


def users_from(path: Path) -> dict[str, str]:
    """A user list: ``name:token`` per line, ``#`` comments; token → name.
    A :class:`ConfigurationError` for a line that is none, a short or shared token."""
    users: dict[str, str] = {}
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"{path}: cannot read the user list: {exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, colon, token = line.rpartition(":")
        token = token.strip()
        if not colon or len(token) < MIN_TOKEN_CHARS or token in users:
            raise ConfigurationError(
                f"{path}:{number}: a line is NAME:TOKEN, the token {MIN_TOKEN_CHARS} characters "
                "or more and each reviewer's own"
            )
        try:
            users[token] = checked_reviewer(name)
        except ReviewError as exc:
            raise ConfigurationError(f"{path}:{number}: {exc}") from None
    if not users:
        raise ConfigurationError(f"{path}: no reviewers in the user list")
    return users


def create_review_app(database: str | Path, access: Access, language: Language = "nl") -> FastAPI:
    """The review app over ``database`` (which must exist; opened for writing)."""
    from inzage.serve.review_routes import router

    with Corpus(database) as corpus:  # fail now, upgrade the schema, number new documents
        ensure_reviews(corpus.connection)
    app = FastAPI(title="inzage review", version=__version__, docs_url=None, redoc_url=None)
    app.state.database = database if is_server(database) else Path(database)
    app.state.access = access
    app.state.folded = FoldedTexts()
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["t"] = translator(language)
    templates.env.globals["lang"] = language
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(router)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        """Which fields do not fit, never what was sent (it may be document text)."""
        fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
        return JSONResponse(
            {"detail": f"the request does not fit: {', '.join(fields) or 'its body'}"},
            status_code=422,
        )

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        path = request.url.path
        session = access.sessions.get(request.cookies.get(COOKIE, ""))
        if access.hosts is not None and request.headers.get("host", "") not in access.hosts:
            response: Response = JSONResponse({"detail": "not this server"}, status_code=421)
        elif session is None and not path.startswith(_OPEN):
            if request.method == "GET" and not path.startswith("/api/"):
                response = RedirectResponse("/login", status_code=303)
            else:
                response = JSONResponse({"detail": "sign in first"}, status_code=401)
        elif request.method not in ("GET", "HEAD") and not _same_origin(request):
            response = JSONResponse({"detail": "not from this site"}, status_code=403)
        elif (
            request.method not in ("GET", "HEAD")
            and session is not None
            and not hmac.compare_digest(
                request.headers.get(CSRF_HEADER, "").encode(), session.csrf.encode()
            )
        ):
            response = JSONResponse({"detail": "missing or wrong CSRF token"}, status_code=403)
        else:
            request.state.session = session
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"
        return response

    return app


def _same_origin(request: Request) -> bool:
    """A state-changing request names this server as its origin (browsers
    send ``Origin`` with every POST); one without is not from a browser page
    of another site, and the CSRF token still has to match."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")
