"""How a page answers: HTML from its template, or the same data as JSON; and the one error shape."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import Headers


def wants_json(path: str, headers: Headers) -> bool:
    """JSON for .json paths and for clients that ask for JSON rather than HTML."""
    if path.endswith(".json"):
        return True
    accept = headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def render(request: Request, template: str, data: dict[str, Any], **presentation: Any) -> Response:
    """The page's HTML, or its data as JSON when the client asks for JSON."""
    if wants_json(request.url.path, request.headers):
        return JSONResponse(data)
    params = dict(request.query_params)

    def url_with(**changes: Any) -> str:
        """This page's URL with some query parameters changed (None drops one)."""
        merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
        return request.url.path + ("?" + urlencode(merged) if merged else "")

    html = request.app.state.templates.get_template(template).render(
        **data, **presentation, path=request.url.path, params=params, url_with=url_with,
        json_url=json_url(request),
        can_review=request.app.state.token is not None)
    return HTMLResponse(html)


def error_response(app: Any, path: str, headers: Headers, status: int, message: str) -> Response:
    """The one error shape: a JSON body or the error page, with the same status and message."""
    if wants_json(path, headers):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    html = app.state.templates.get_template("error.html").render(status=status, message=message, path=path)
    return HTMLResponse(html, status_code=status)


def json_url(request: Request) -> str:
    """The JSON twin of the page being viewed."""
    path = "/index.json" if request.url.path == "/" else request.url.path.rstrip("/") + ".json"
    return path + (f"?{request.url.query}" if request.url.query else "")
