"""JSON twins of the HTML pages: the same path with .json, the same data, documented in /openapi.json."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from fogwatch.ledger.queries import Reader
from fogwatch.serve import conflict_views, views


class ErrorDetail(BaseModel):
    """Why the request failed."""

    status: int
    message: str


class ErrorBody(BaseModel):
    """The one error shape every route answers with."""

    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody}, 422: {"model": ErrorBody}}
PageNo = Annotated[int, Query(ge=1, le=1_000_000, description="1-based page number")]
Section = Literal["speakers", "outlets", "statements", "articles", "claims"]
Status = Literal["all", "open", "reviewed"]
ArticleSort = Literal["newest", "oldest"]
StatementSort = Literal["carried", "origins"]
Day = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                  description="YYYY, YYYY-MM or YYYY-MM-DD")]

router = APIRouter(tags=["ledger"], responses=ERRORS)


def reader(request: Request) -> Reader:
    """The app's read-only query object."""
    return request.app.state.reader  # type: ignore[no-any-return]


def _json(data: dict[str, Any]) -> JSONResponse:
    return JSONResponse(data)


@router.get("/index.json", summary="Overview: counts, stories, most-repeated statements, conflicts, ingest")
def overview_json(request: Request) -> JSONResponse:
    return _json(views.overview(reader(request)))


@router.get("/stories.json", summary="Stories (articles about one real-world event), largest first")
def stories_json(request: Request, page: PageNo = 1) -> JSONResponse:
    return _json(views.stories(reader(request), page))


@router.get("/stories/{story_id}.json", summary="One story: its articles, their statements and conflicts")
def story_json(request: Request, story_id: str, page: PageNo = 1, statements_page: PageNo = 1,
               conflicts_page: PageNo = 1) -> JSONResponse:
    return _json(views.story(reader(request), story_id, page, statements_page, conflicts_page))


@router.get("/statements.json", summary="Statements, most-carried first, filtered")
def statements_json(request: Request, page: PageNo = 1, origin: str | None = None, conflicted: bool = False,
                    sort: StatementSort = "carried", since: Day = None, until: Day = None,
                    story: str | None = None) -> JSONResponse:
    return _json(views.statements(reader(request), page, origin, conflicted, sort, since, until, story))


@router.get("/statements/{statement_id}.json", summary="One statement: graph, wordings, articles, conflicts")
def statement_json(request: Request, statement_id: str, page: PageNo = 1) -> JSONResponse:
    return _json(views.statement(reader(request), statement_id, page))


@router.get("/articles.json", summary="Articles, newest first; by outlet and dates, with claim counts")
def articles_json(request: Request, page: PageNo = 1, outlet: str | None = None, since: Day = None,
                  until: Day = None, sort: ArticleSort = "newest") -> JSONResponse:
    return _json(views.articles(reader(request), page, outlet, since, until, sort))


@router.get("/articles/{article_id}.json", summary="One article's text with its attributions and figures")
def article_json(request: Request, article_id: str) -> JSONResponse:
    return _json(views.article(reader(request), article_id))


@router.get("/conflicts.json", summary="Conflicts, one row each, by kind, review state, story, speaker")
def conflicts_json(request: Request, kind: str | None = None, status: Status = "all", page: PageNo = 1,
                   story: str | None = None, speaker: str | None = None) -> JSONResponse:
    return _json(conflict_views.conflicts(reader(request), kind, status, page, story, speaker))


@router.get("/conflicts/{conflict_id}.json", summary="One conflict: its sides, disputed words and verdict")
def conflict_json(request: Request, conflict_id: str) -> JSONResponse:
    return _json(conflict_views.conflict(reader(request), conflict_id))


@router.get("/timeline.json", summary="Quantities, or one quantity's claims per party over time in one story")
def timeline_json(request: Request, quantity: str | None = None, page: PageNo = 1,
                  story: str | None = None) -> JSONResponse:
    return _json(views.timeline(reader(request), quantity, page, story))


@router.get("/search.json", summary="Search speakers, outlets, statements, article texts and quotations")
def search_json(request: Request, q: Annotated[str, Query(max_length=200)] = "",
                section: Annotated[Section | None, Query(alias="in")] = None,
                page: PageNo = 1) -> JSONResponse:
    return _json(views.search(reader(request), q, section, page))


@router.get("/rejected.json", summary="Inputs that could not be read, with reasons")
def rejected_json(request: Request, page: PageNo = 1) -> JSONResponse:
    return _json(views.rejected(reader(request), page))
