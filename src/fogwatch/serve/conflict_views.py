"""What the conflict pages show, as plain data: the list's one row per conflict and one conflict's
sides. The JSON twins return it as is (ids, kinds and ratings included); the HTML draws it."""

from __future__ import annotations

from typing import Any

from fogwatch.ledger.queries import Reader
from fogwatch.serve.conflict_rows import summaries
from fogwatch.serve.plain import KIND_NAMES
from fogwatch.serve.sides import conflict_view
from fogwatch.serve.views import NotFound

PER_PAGE = 25


def conflict(r: Reader, conflict_id: str) -> dict[str, Any]:
    """One conflict: its sides as columns, the disputed words, the dissenting side, a verdict."""
    data = r.conflict(conflict_id)
    if data is None:
        raise NotFound(f"no conflict with id {conflict_id!r} in this ledger")
    view = conflict_view(data, r.naming())
    view["kind_name"] = KIND_NAMES.get(data["kind"], data["kind"].replace("_", " "))
    return view


def conflicts(r: Reader, kind: str | None, status: str, page: int, story: str | None = None,
              speaker: str | None = None) -> dict[str, Any]:
    """Conflicts filtered by kind, review state, story and speaker, latest recorded first, one row each."""
    reviewed = {"all": None, "open": False, "reviewed": True}[status]
    if story or speaker:
        found = r.conflicts_filtered(kind or None, reviewed, story or None, speaker or None, page, PER_PAGE)
    else:
        found = r.conflicts(kind or None, reviewed, page, PER_PAGE)
    listing = found.to_json()
    listing["items"] = summaries(r, listing["items"])
    stories = r.stories(1, 30).to_json()["items"]
    return {"kind": kind, "status": status, "story": story, "speaker": speaker, "kinds": r.conflict_kinds(),
            "kind_names": KIND_NAMES, "conflicts": listing,
            "stories": [{"id": s["id"], "label": s["label"]} for s in stories],
            "speakers": r.conflict_speakers()}
