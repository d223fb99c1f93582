"""The web app: the JSON API under ``/api`` and the pages, over one corpus.

Read-only: every request opens the database with SQLite's read-only mode, so
nothing a request does can change the store.  Every response carries a strict
Content-Security-Policy (scripts and styles only from this server, no inline
code, no frames); the API docs at ``/docs`` need inline styles and their
start-up script, so they get a slightly wider one.  The Swagger UI files come
from the ``swagger-ui-bundle`` package: the app works offline.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from inzage import __version__
from inzage.serve.i18n import Language, field_namer, translator
from inzage.store import Corpus
from inzage.store.database import is_server

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)


DEFAULT_QUERY_SECONDS = 5.0


def create_app(
    database: str | Path,
    language: Language = "nl",
    *,
    query_seconds: float = DEFAULT_QUERY_SECONDS,
) -> FastAPI:
    """The app over ``database`` (which must exist), with the interface in
    ``language``; a search running past ``query_seconds`` is stopped (503)."""
    from inzage.serve.api import router as api_router
    from inzage.serve.pages import router as page_router

    Corpus(database, read_only=True).close()  # fail now, not on the first request
    app = FastAPI(
        title="inzage",
        version=__version__,
        description="Search and read a corpus of documents released under the Woo and Wob.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.database = database if is_server(database) else Path(database)
    app.state.query_seconds = query_seconds
    app.state.language = language
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["t"] = translator(language)
    templates.env.globals["field_name"] = field_namer(language)
    templates.env.globals["lang"] = language
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")
    app.include_router(api_router)
    app.include_router(page_router)

    @app.exception_handler(StarletteHTTPException)
    async def page_errors(request: Request, exc: StarletteHTTPException) -> Response:
        """The API answers errors in JSON; a page gets a page that says what to do."""
        if request.url.path.startswith("/api") or exc.status_code != 404:
            return await http_exception_handler(request, exc)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"title_key": "not_found", "message_key": "not_found_help"},
            status_code=404,
        )

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        """A parameter that does not fit (a date like 2020-13-45, a number past
        what the store holds): the API says which in JSON, a page in words."""
        if request.url.path.startswith("/api"):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(
            f"{error['loc'][-1]}: {error['msg']}" for error in exc.errors() if error.get("loc")
        )
        return templates.TemplateResponse(
            request,
            "error.html",
            {"title_key": "bad_request", "message_key": None, "detail": problems},
            status_code=400,
        )

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        docs = request.url.path in ("/docs",) or request.url.path.startswith("/docs-assets")
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return app


def open_corpus(request: Request) -> Iterator[Corpus]:
    """A read-only connection for one request (a FastAPI dependency)."""
    corpus = Corpus(
        request.app.state.database, read_only=True, query_seconds=request.app.state.query_seconds
    )
    try:
        yield corpus
    finally:
        corpus.close()
