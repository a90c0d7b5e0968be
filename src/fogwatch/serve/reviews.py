"""Reviewers' corrections over HTTP: record one, undo one, list them all.

Writes need the start-up token in an ``Authorization: Bearer`` header, checked before a byte of the
body is read, so a client without it cannot make the server parse (or buffer) anything. The review
forms send it that way from `static/review.js`; a form posted without the script is refused.
"""

from __future__ import annotations

import hmac
import json
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from fogwatch.ledger.reviews import ReviewError
from fogwatch.serve.api import PageNo, reader
from fogwatch.serve.respond import render

MAX_BODY = 16_384  # a review is a few fields and a note

router = APIRouter()


def _refusal(request: Request) -> Response | None:
    """A 403 unless the request carries the start-up token in its Authorization header."""
    expected = request.app.state.token
    given = request.headers.get("authorization", "")
    supplied = given[7:].strip() if given.lower().startswith("bearer ") else ""
    if expected is not None and supplied and hmac.compare_digest(supplied.encode(), expected.encode()):
        return None
    why = ("this server is read-only; restart it with a token to allow reviews" if expected is None
           else "a valid token is required to record reviews (send it as Authorization: Bearer TOKEN)")
    return _error(403, why)


@router.post("/reviews", summary="Record a review: mark a result wrong, or set its speaker, relays or count")
async def add_review(request: Request) -> Response:
    """Body (JSON or form): target (attribution | figure | statement | conflict), id, verdict
    (wrong | corrected), field (speaker | via | count), value, note. Answers the review, with `was`."""
    refused = _refusal(request)
    if refused is not None:
        return refused
    fields = await _fields(request)
    if isinstance(fields, Response):
        return fields
    target, target_id, verdict, field = _what(fields)
    try:
        review = await run_in_threadpool(request.app.state.ledger.add_review, target, target_id, verdict,
                                         field, fields.get("value"), str(fields.get("note") or ""))
    except ReviewError as exc:
        return _error(422, str(exc))
    if review is None:
        return _error(404,
                              f"no {target} with id {target_id!r} in this ledger")
    return JSONResponse(review, status_code=201)


@router.post("/reviews/{review_id}/undo", summary="Undo a review; it stays on record, marked undone")
async def undo_review(request: Request, review_id: int) -> Response:
    refused = _refusal(request)
    if refused is not None:
        return refused
    review = await run_in_threadpool(request.app.state.ledger.undo_review, review_id)
    if review is None:
        return _error(404,
                              f"no review with id {review_id} in this ledger")
    return JSONResponse(review)


@router.get("/reviews.json", summary="Every review, newest first, undone ones too")
def reviews_json(request: Request, page: PageNo = 1) -> Response:
    return JSONResponse({"reviews": reader(request).all_reviews(page, 50).to_json()})


@router.get("/reviews", include_in_schema=False)
def reviews_page(request: Request, page: PageNo = 1) -> Response:
    return render(request, "reviews.html", {"reviews": reader(request).all_reviews(page, 50).to_json()})


def _what(fields: dict[str, Any]) -> tuple[str, str, str, str | None]:
    """Target, id, verdict and field, from the API's names or the form's `ref` ("target:id") and
    `change` ("wrong" or the field to set)."""
    target, target_id = str(fields.get("target") or ""), str(fields.get("id") or "")
    if not target and ":" in str(fields.get("ref") or ""):
        target, target_id = str(fields["ref"]).split(":", 1)
    verdict, field = str(fields.get("verdict") or ""), str(fields.get("field") or "") or None
    change = str(fields.get("change") or "")
    if not verdict and change:
        verdict, field = ("wrong", None) if change == "wrong" else ("corrected", change)
    return target, target_id, verdict, field


def _error(status: int, message: str) -> JSONResponse:
    """The one error shape, always JSON: these routes are called by scripts, never opened as pages."""
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


async def _fields(request: Request) -> dict[str, Any] | Response:
    """The body's form fields or JSON object, refused past MAX_BODY bytes."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return _error(413,
                                  f"a review is at most {MAX_BODY} bytes")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return _error(422, "the body is not JSON")
        return data if isinstance(data, dict) else {}
    return {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
