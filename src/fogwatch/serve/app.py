"""The web UI's application: `create_app(db, token=...)` wires the ledger, routes, guards and error shape.

Nothing happens at import time. Every response carries strict security headers; every error, from a
missing statement to a crash, answers in one shape: ``{"error": {"status", "message"}}`` for JSON,
the error page for HTML. The only write (marking a conflict reviewed) needs the start-up token.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fogwatch.errors import StorageError
from fogwatch.ledger import Ledger, resolve_url
from fogwatch.ledger.queries import Reader, ensure_indexes, read_engine
from fogwatch.serve import api, pages, plain, reviews
from fogwatch.serve.marks import anchor
from fogwatch.serve.respond import error_response
from fogwatch.serve.views import NotFound

HERE = Path(__file__).parent
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1", "testserver")
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                               "form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
log = logging.getLogger("fogwatch.serve")


def create_app(db: str | None = None, *, token: str | None = None,
               allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The UI over the ledger at `db`; read-only unless a request carries `token`."""
    url = resolve_url(db)
    if url.startswith("sqlite:///") and not url.endswith(":memory:") and not Path(url[10:]).exists():
        raise StorageError(f"no ledger at {url[10:]}",
                           "run `fogwatch run INPUTS` first, or pass --db PATH (or set FOGWATCH_DB)")
    ledger = Ledger(url)
    try:
        ensure_indexes(ledger.engine)
    except SQLAlchemyError as exc:  # a read-only file: pages still work, some more slowly
        log.warning("could not add the UI's indexes to %s: %s", url, exc)
    reader = Reader(read_engine(ledger.url))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        reader.engine.dispose()
        ledger.close()

    app = FastAPI(title="Fogwatch", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Read-only JSON over a Fogwatch ledger: every HTML page's data at the same "
                              "path with .json, and one error shape {\"error\": {\"status\", \"message\"}}.")
    app.state.ledger = ledger
    app.state.reader = reader
    app.state.token = token or None
    app.state.templates = _templates()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(reviews.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(NotFound, _not_found)
    app.add_middleware(Guard, hosts=tuple(allowed_hosts) if allowed_hosts is not None else LOCAL_HOSTS)
    return app


def _version() -> str:
    try:
        return version("fogwatch")
    except PackageNotFoundError:
        return "0"


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["anchor"] = anchor
    env.filters["num"] = lambda v: "–" if v is None else f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"
    env.filters["names"] = _names
    env.filters.update(plain.filters())
    return env


def _names(names: Sequence[str], shown: int = 6) -> str:
    """A readable list that stays short: "A, B, C and 12 more"."""
    head = ", ".join(names[:shown])
    return head + (f" and {len(names) - shown} more" if len(names) > shown else "")


# errors -------------------------------------------------------------------------------------
async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = f"no page at {request.url.path}"
    response = error_response(request.app, request.url.path, request.headers, exc.status_code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    parts = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
             for e in exc.errors()]
    return error_response(request.app, request.url.path, request.headers, 422, "; ".join(parts))


async def _not_found(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotFound)
    return error_response(request.app, request.url.path, request.headers, 404, exc.message)


class Guard:
    """Outermost layer: refuse foreign Host headers, add security headers, turn crashes into an error."""

    def __init__(self, app: ASGIApp, hosts: Sequence[str]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        host = headers.get("host", "").lower()
        host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if "*" not in self.hosts and host not in self.hosts:
            # A foreign Host header means DNS rebinding or a proxy we were not told about.
            response = error_response(scope["app"], scope["path"], headers, 400,
                                      f"host {host!r} is not served here; open http://127.0.0.1 instead")
            await response(scope, receive, send_secured)
            return
        try:
            await self.app(scope, receive, send_secured)
        except Exception:
            log.exception("error serving %s", scope.get("path"))
            if started:
                raise
            response = error_response(scope["app"], scope["path"], headers, 500,
                                      "internal error; the server log has the details")
            await response(scope, receive, send_secured)
