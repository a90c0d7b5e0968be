"""HTML pages: each asks views for its data (JSON if the client asks for it) and adds only presentation."""

from __future__ import annotations

import hmac
import json
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from fogwatch.serve import conflict_views, views
from fogwatch.serve.api import ArticleSort, Day, PageNo, Section, StatementSort, Status, reader
from fogwatch.serve.charts import timeline_chart
from fogwatch.serve.marks import highlight, offsets_match
from fogwatch.serve.provenance import path_layout
from fogwatch.serve.respond import error_response, render, wants_json

router = APIRouter(include_in_schema=False)


@router.get("/")
def overview_page(request: Request) -> Response:
    return render(request, "overview.html", views.overview(reader(request)))


@router.get("/stories")
def stories_page(request: Request, page: PageNo = 1) -> Response:
    return render(request, "stories.html", views.stories(reader(request), page))


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str, page: PageNo = 1, statements_page: PageNo = 1,
               conflicts_page: PageNo = 1) -> Response:
    data = views.story(reader(request), story_id, page, statements_page, conflicts_page)
    return render(request, "story.html", data)


@router.get("/statements")
def statements_page(request: Request, page: PageNo = 1, origin: str | None = None, conflicted: bool = False,
                    sort: StatementSort = "carried", since: Day = None, until: Day = None,
                    story: str | None = None) -> Response:
    data = views.statements(reader(request), page, origin, conflicted, sort, since, until, story)
    return render(request, "statements.html", data)


@router.get("/statements/{statement_id}")
def statement_page(request: Request, statement_id: str, page: PageNo = 1) -> Response:
    data = views.statement(reader(request), statement_id, page)
    return render(request, "statement.html", data, layout=path_layout(data["paths"]))


@router.get("/articles")
def articles_page(request: Request, page: PageNo = 1, outlet: str | None = None, since: Day = None,
                  until: Day = None, sort: ArticleSort = "newest") -> Response:
    return render(request, "articles.html", views.articles(reader(request), page, outlet, since, until, sort))


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    data = views.article(reader(request), article_id)
    a = data["article"]
    claims = sorted(a["attributions"] + a["figures"], key=lambda c: (c["start"], -c["end"]))
    mismatched = {c["id"] for c in claims if not offsets_match(a["text"], c)}
    return render(request, "article.html", data, marked=highlight(a["text"], claims), claims=claims,
                  mismatched=mismatched)


@router.get("/conflicts")
def conflicts_page(request: Request, kind: str | None = None, status: Status = "all", page: PageNo = 1,
                   story: str | None = None, speaker: str | None = None) -> Response:
    data = conflict_views.conflicts(reader(request), kind, status, page, story, speaker)
    return render(request, "conflicts.html", data)


@router.get("/conflicts/{conflict_id}")
def conflict_page(request: Request, conflict_id: str) -> Response:
    return render(request, "conflict.html", conflict_views.conflict(reader(request), conflict_id))


@router.get("/timeline")
def timeline_page(request: Request, quantity: str | None = None, page: PageNo = 1,
                  story: str | None = None) -> Response:
    data = views.timeline(reader(request), quantity, page, story)
    chart = None
    if quantity:
        chart = timeline_chart(data["points"], [p["party"] for p in data["parties"]])
    return render(request, "timeline.html", data, chart=chart)


@router.get("/search")
def search_page(request: Request, q: Annotated[str, Query(max_length=200)] = "",
                section: Annotated[Section | None, Query(alias="in")] = None, page: PageNo = 1) -> Response:
    return render(request, "search.html", views.search(reader(request), q, section, page))


@router.get("/rejected")
def rejected_page(request: Request, page: PageNo = 1) -> Response:
    return render(request, "rejected.html", views.rejected(reader(request), page))


@router.post("/conflicts/{conflict_id}/review")
async def review_conflict(request: Request, conflict_id: str) -> Response:
    """Mark a conflict reviewed (or not): the one write, allowed only with the start-up token.
    The token is checked before the body is read where it can be (read-only server, bearer header),
    and the body is read only up to a small cap, so no one without the token makes it read much."""
    expected = request.app.state.token
    given = request.headers.get("authorization", "")
    bearer = given[7:].strip() if given.lower().startswith("bearer ") else None
    declared = request.headers.get("content-length", "")
    if expected is None or (bearer is not None and not _same(bearer, expected)):
        fields: dict[str, Any] = {}
    else:
        try:
            if declared.isdigit() and int(declared) > MAX_REVIEW_BODY:
                raise BodyTooLarge
            fields = await _fields(request)
        except BodyTooLarge:
            why = f"a review is a few fields; this body is over {MAX_REVIEW_BODY:,} bytes"
            return error_response(request.app, request.url.path, request.headers, 413, why)
    supplied = bearer if bearer is not None else str(fields.get("token", ""))
    if expected is None or not _same(supplied, expected):
        why = ("this server is read-only; restart it with a token to allow reviews" if expected is None
               else "a valid token is required to mark conflicts reviewed")
        return error_response(request.app, request.url.path, request.headers, 403, why)
    reviewed = str(fields.get("reviewed", "true")).lower() not in {"false", "0", "no"}
    if not await run_in_threadpool(request.app.state.ledger.mark_reviewed, conflict_id, reviewed):
        return error_response(request.app, request.url.path, request.headers, 404,
                              f"no conflict with id {conflict_id!r} in this ledger")
    if wants_json(request.url.path, request.headers) or not fields.get("next"):
        return JSONResponse({"id": conflict_id, "reviewed": reviewed})
    target = str(fields["next"])
    safe = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return RedirectResponse(target if safe else "/conflicts", status_code=303)


MAX_REVIEW_BODY = 16_384  # a review form is a token, a flag and a path


class BodyTooLarge(Exception):
    """The request body passed ``MAX_REVIEW_BODY`` while being read."""


def _same(supplied: str, expected: str) -> bool:
    return hmac.compare_digest(supplied.encode(), expected.encode())


async def _fields(request: Request) -> dict[str, Any]:
    """Form fields or a JSON object from the body (no multipart: nothing here uploads files), read
    no further than ``MAX_REVIEW_BODY`` bytes."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REVIEW_BODY:
            raise BodyTooLarge
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body:
        return {}
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    return {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
