"""What each page shows, as plain data: the JSON twins return it as is, the HTML pages draw it."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from typing import Any

from fogwatch.ledger.queries import SEARCH_SECTIONS, Reader
from fogwatch.reconcile.quote_drift import compare_quotes
from fogwatch.serve.conflict_rows import summaries
from fogwatch.serve.hits import mark_hits
from fogwatch.serve.marks import char_segments, drift_segments, inline_chars, inline_segments
from fogwatch.serve.names import name_claim, name_speakers
from fogwatch.serve.provenance import provenance_paths
from fogwatch.serve.review_views import attach_reviews, correct_statement

OUTLET_CAP = 30  # outlets drawn in a provenance graph; the rest fold into one "+N more" node
VARIANT_CAP = 12  # wordings shown side by side
FIGURE_CAP = 200  # figures listed on a statement's page
STATUSES = ("all", "open", "reviewed")
SEARCH_BUDGET_MS = 110.0  # a search page answers within about this, saying when it stopped early


class NotFound(LookupError):
    """The page asked for a record the ledger does not hold."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def overview(r: Reader) -> dict[str, Any]:
    """Counts, stories, most-repeated statements, latest conflicts and ingest status."""
    conflicts = r.conflicts(page=1, per_page=8).to_json()
    conflicts["items"] = summaries(r, conflicts["items"])
    return {
        "counts": r.counts(),
        "last_run": r.last_run(),
        "stories": r.stories(1, 8).to_json(),
        "quantities": r.quantities(1, 8).to_json(),
        "top_statements": r.statements(1, 10).to_json(),
        "conflicts": conflicts,
        "conflict_kinds": r.conflict_kinds(),
        "rejected": r.rejected(1, 10).to_json(),
    }


def stories(r: Reader, page: int) -> dict[str, Any]:
    """Every story (articles about one real-world event), largest first."""
    return {"stories": r.stories(page, 50).to_json()}


def story(r: Reader, story_id: str, page: int, statements_page: int, conflicts_page: int) -> dict[str, Any]:
    """One story: its articles, the statements they carry and the conflicts among their claims, each paged."""
    data = r.story(story_id)
    if data is None:
        raise NotFound(f"no story with id {story_id!r} in this ledger")
    conflicts = r.story_conflicts(story_id, conflicts_page, 10).to_json()
    conflicts["items"] = summaries(r, conflicts["items"])
    return {
        "story": data,
        "articles": r.story_articles(story_id, page, 50).to_json(),
        "statements": r.story_statements(story_id, statements_page, 25).to_json(),
        "conflicts": conflicts,
    }


def statements(r: Reader, page: int, origin: str | None, conflicted: bool = False, sort: str = "carried",
               since: str | None = None, until: str | None = None,
               story: str | None = None) -> dict[str, Any]:
    """Statements, most-carried (or most independently sourced) first, optionally from one origin,
    in one story, said between two dates, or only those in a recorded conflict."""
    found = r.statement_list(page, 50, origin, conflicted, sort, since, until, story).to_json()
    return {"origin": origin, "conflicted": conflicted, "sort": sort, "since": since, "until": until,
            "story": story, "story_label": _story_label(r, story), "statements": found}


def _story_label(r: Reader, story: str | None) -> str | None:
    found = r.story(story) if story else None
    return (found.get("label") or "Untitled story") if found else None


def statement(r: Reader, statement_id: str, page: int) -> dict[str, Any]:
    """One statement: who said it, every carrying article, the relay chain, wordings and conflicts."""
    data = r.statement(statement_id)
    if data is None:
        raise NotFound(f"no statement with id {statement_id!r} in this ledger")
    conflicts = summaries(r, data.pop("conflicts"))
    found = r.statement_claims(statement_id)  # shared with the cache, read only; relays by entity name
    claims, outlets = found["claims"], found["outlets"]
    articles = r.statement_articles(statement_id, page, 50).to_json()
    on_page: dict[str, list[dict[str, Any]]] = {a["id"]: [] for a in articles["items"]}
    figures = []
    for c in claims:
        if c["article"] in on_page:
            on_page[c["article"]].append({k: c[k] for k in ("id", "type", "kind", "text", "via")})
        if c["type"] == "figure":
            figures.append(c)
    for a in articles["items"]:
        a["claims"] = on_page[a["id"]]
    shown = [{**f, "outlet": (outlets.get(f["article"]) or {}).get("outlet")} for f in figures[:FIGURE_CAP]]
    reviews = r.reviews_of([("statement", statement_id), *(("conflict", c["id"]) for c in conflicts)])
    attach_reviews([data], reviews, "statement")
    attach_reviews(conflicts, reviews, "conflict")
    correct_statement(data)
    wordings = variants(claims, outlets)
    return {
        "statement": data,
        "graph": provenance(data, claims, outlets),
        "paths": provenance_paths(data, claims, outlets, wordings[0]["text"] if wordings else None),
        "variants": wordings,
        "claims_truncated": found["truncated"],
        "figures": {"items": shown, "total": len(figures)},
        "conflicts": conflicts,
        "articles": articles,
        "reviews": reviews,
    }


def provenance(statement: dict[str, Any], claims: list[dict[str, Any]],
               outlets: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The relay chain as a graph: origin -> relays (nearest the origin first) -> outlets."""
    origin = statement.get("origin") or "unnamed source"
    nodes: dict[str, dict[str, Any]] = {
        "origin": {"id": "origin", "label": origin, "role": "origin", "depth": 0}}
    edges: Counter[tuple[str, str]] = Counter()
    carried: dict[str, set[str]] = {}
    copies: dict[str, set[str]] = {}
    for claim in claims:
        chain = ["origin"]
        for depth, relay in enumerate(claim["via"] or (), start=1):
            node = nodes.setdefault(f"relay:{relay}",
                                    {"id": f"relay:{relay}", "label": relay, "role": "relay", "depth": depth})
            node["depth"] = max(node["depth"], depth)
            chain.append(node["id"])
        info = outlets.get(claim["article"]) or {}
        outlet_id = f"outlet:{info.get('outlet') or 'outlet unknown'}"
        chain.append(outlet_id)
        carried.setdefault(outlet_id, set()).add(claim["article"])
        if info.get("copy"):
            copies.setdefault(outlet_id, set()).add(claim["article"])
        for a, b in itertools.pairwise(chain):
            if a != b:
                edges[(a, b)] += 1
    ranked = sorted(carried, key=lambda o: (-len(carried[o]), o))
    shown, folded = ranked[:OUTLET_CAP], set(ranked[OUTLET_CAP:])
    for outlet_id in shown:
        articles = sorted(carried[outlet_id])
        nodes[outlet_id] = {"id": outlet_id, "label": outlet_id.split(":", 1)[1], "role": "outlet",
                            "articles": len(articles), "copies": len(copies.get(outlet_id, ())),
                            "article": articles[0] if len(articles) == 1 else None}
    if folded:
        nodes["more"] = {"id": "more", "label": f"+{len(folded)} more outlets", "role": "outlet",
                         "articles": sum(len(carried[o]) for o in folded), "copies": 0, "article": None}
    merged: Counter[tuple[str, str]] = Counter()
    for (a, b), n in edges.items():
        merged[(a, "more" if b in folded else b)] += n
    return {
        "nodes": list(nodes.values()),
        "edges": [{"source": a, "target": b, "count": n,
                   "reprint": b in carried and copies.get(b, set()) == carried[b]}
                  for (a, b), n in merged.items()],
    }


def variants(claims: list[dict[str, Any]], outlets: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each distinct wording of the statement's attributions, most printed first, diffed against the first."""
    groups: dict[str, dict[str, Any]] = {}
    for claim in claims:
        if claim["type"] != "attribution":
            continue
        key = " ".join(claim["text"].split())
        group = groups.setdefault(
            key, {"text": key, "kind": claim["kind"], "count": 0, "claims": [], "outlets": {}})
        group["count"] += 1
        if len(group["claims"]) < 3:
            group["claims"].append({"id": claim["id"], "article": claim["article"]})
        outlet = (outlets.get(claim["article"]) or {}).get("outlet")
        if outlet:
            group["outlets"][outlet] = None
    ordered = sorted(groups.values(), key=lambda g: -g["count"])[:VARIANT_CAP]
    for group in ordered:
        group["outlets"] = list(group["outlets"])
    if ordered:
        base = ordered[0]["text"]
        ordered[0]["diff"] = None
        for group in ordered[1:]:
            drift = compare_quotes(base, group["text"])
            if drift.rating == "punctuation":  # the words agree: show which marks changed
                left, right = char_segments(base, group["text"])
                inline = inline_chars(base, group["text"])
            else:
                left, right = drift_segments(base, group["text"], drift.ops)
                inline = inline_segments(base, group["text"], drift.ops)
            group["diff"] = {"base": left, "variant": right, "inline": inline, "rating": drift.rating,
                             "similarity": round(drift.similarity, 3), "reasons": list(drift.reasons)}
    return ordered


def article(r: Reader, article_id: str) -> dict[str, Any]:
    """One article's stored text with every attribution and figure in it, and the speech acts it
    mentions, speakers by entity name."""
    data = r.article(article_id)
    if data is None:
        raise NotFound(f"no article with id {article_id!r} in this ledger")
    name = r.naming()
    for claim in data["attributions"] + data["figures"] + data["speech_acts"]:
        name_claim(claim, name)
    data["conflicts"] = summaries(r, data["conflicts"])
    data["reviews"] = r.article_reviews(article_id)
    attach_reviews(data["attributions"] + data["figures"], data["reviews"])
    return {"article": data}


def articles(r: Reader, page: int, outlet: str | None, since: str | None = None, until: str | None = None,
             sort: str = "newest") -> dict[str, Any]:
    """Articles, newest (or oldest) first, optionally from one outlet and between two dates, each with
    its number of attributions and figures."""
    found = r.article_list(page, 50, outlet, since, until, sort).to_json()
    return {"outlet": outlet, "since": since, "until": until, "sort": sort, "articles": found}


def timeline(r: Reader, quantity: str | None, page: int, story: str | None = None) -> dict[str, Any]:
    """Without a quantity, the quantities to choose from; with one, its claims per party over time,
    in one story: the one asked for, else the story most of its claims come from (figures from two
    events are not one timeline). `story=all` keeps every story."""
    if not quantity:
        return {"quantity": None, "quantities": r.quantities(page, 50).to_json()}
    data = r.timeline(quantity)
    data["points"].sort(key=lambda p: (p["date"] is None, p["date"] or ""))
    if not data["points"]:
        raise NotFound(f"no timeline points for the quantity {quantity!r}")
    data["stories"] = r.stories_of_statements([p["statement"] for p in data["points"] if p["statement"]])
    chosen = story if story else (data["stories"][0]["id"] if len(data["stories"]) > 1 else None)
    if chosen and chosen != "all":
        keep = r.story_statement_ids(chosen)
        data["points"] = [p for p in data["points"] if p["statement"] in keep]
    data["story"] = chosen if chosen != "all" else None
    parties = Counter(p["party"] or "unnamed" for p in data["points"])
    data["parties"] = [{"party": p, "points": n} for p, n in parties.most_common()]
    return data


def search(r: Reader, q: str, section: str | None, page: int) -> dict[str, Any]:
    """Speakers, outlets, statements and claims matching q; one section paged, or the top of each."""
    q = q.strip()
    if not q:
        return {"q": "", "section": section, "results": {}}
    chosen = [section] if section else list(SEARCH_SECTIONS)
    per_page = 25 if section else 5
    deadline = time.perf_counter() + SEARCH_BUDGET_MS / 1000
    results = {}
    for name in chosen:  # the text scans come last and get whatever time the quick ones left
        left = max(10.0, (deadline - time.perf_counter()) * 1000)
        results[name] = r.search(q, name, page if section else 1, per_page, left).to_json()
    if "claims" in results:
        name_speakers(results["claims"]["items"], r.naming())
    mark_hits(results, q)
    return {"q": q, "section": section, "results": results}


def rejected(r: Reader, page: int) -> dict[str, Any]:
    """Inputs that could not be read, with the reason and what to do."""
    return {"rejected": r.rejected(page, 50).to_json()}

