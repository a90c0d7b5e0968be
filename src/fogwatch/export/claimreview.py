"""schema.org ClaimReview JSON-LD for each statement: who said it, where it appeared, through whom.

Fogwatch traces provenance; it does not rate truth. So no ``reviewRating`` is ever written (Google's
fact-check rich results require one, and inventing a verdict would misrepresent what Fogwatch
knows). What Fogwatch does know goes under the extension key ``fogwatch:provenance``:

    {"origin", "originType", "independentOrigins", "relays", "saidOn", "firstSeen",
     "articles", "members", "explanation", "conflicts": [{"kind", "rating", "why"}],
     "reviews": [{"target", "targetId", "verdict", "field", "value", "was", "note"}]}

``reviews`` lists reviewers' corrections of the statement and of the claims it groups.

The ``fogwatch:`` prefix is declared in ``@context`` so JSON-LD processors keep the data.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from fogwatch.export.reviews import Reviews
from fogwatch.link.relays import Claim, claim_records, origin_type
from fogwatch.model import Article, ArticleClaims, Conflict, Statement

CONTEXT: list[Any] = ["https://schema.org", {"fogwatch": "https://fogwatch.dev/ns#"}]
EXTENSION = "fogwatch:provenance"


def _creative_work(article: Article) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "url": article.url or article.source}
    if article.title:
        work["headline"] = article.title
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.published:
        work["datePublished"] = article.published
    return work


def claim_review(statement: Statement, articles: Mapping[str, Article], claims: Sequence[ArticleClaims],
                 conflicts: Iterable[Conflict] = (),
                 records: Mapping[str, Claim] | None = None,
                 reviews: Reviews | None = None) -> dict[str, Any]:
    """One ClaimReview object; ``itemReviewed`` is the Claim with its author and every appearance."""
    records = records if records is not None else claim_records(claims)
    types = Counter(origin_type(records[m], records) for m in statement.members if m in records)
    kind = next((t for t, _n in types.most_common() if t != "unnamed"), "unnamed")
    claim: dict[str, Any] = {"@type": "Claim"}
    if statement.origin:
        claim["author"] = {"@type": "Organization" if kind == "organization" else "Person",
                           "name": statement.origin}
    if statement.said_on:
        claim["datePublished"] = statement.said_on
    shown = [articles[a] for a in statement.articles if a in articles]
    claim["appearance"] = [_creative_work(a) for a in shown]
    first = articles.get(statement.first_seen or "")
    if first is not None:
        claim["firstAppearance"] = _creative_work(first)
    mine = [c for c in conflicts if c.statement == statement.id or set(c.members) & set(statement.members)]
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "@id": f"fogwatch:statement/{statement.id}",
        "claimReviewed": statement.what,
        "author": {"@type": "Organization", "name": "Fogwatch"},
        "itemReviewed": claim,
        EXTENSION: {
            "origin": statement.origin,
            "originType": kind,
            "independentOrigins": statement.independent_origins,
            "relays": list(statement.relays),
            "saidOn": statement.said_on,
            "firstSeen": statement.first_seen,
            "articles": list(statement.articles),
            "members": list(statement.members),
            "explanation": statement.explanation,
            "conflicts": [{"id": c.id, "kind": c.kind, "rating": c.rating, "why": c.why} for c in mine],
            "reviews": reviews.about([statement.id, *statement.members]) if reviews else [],
        },
    }


def claimreview_documents(statements: Sequence[Statement], articles: Sequence[Article],
                  claims: Sequence[ArticleClaims],
                  conflicts: Sequence[Conflict] = (),
                  reviews: Reviews | None = None) -> list[dict[str, Any]]:
    """ClaimReview objects for all statements, in statement order; with `reviews`, a reviewer's origin
    or count replaces the linked one and the reviews of the statement and its claims are listed."""
    by_id = {a.id: a for a in articles}
    records = claim_records(claims)
    by_member: dict[str, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        for key in {conflict.statement, *conflict.members} - {None}:
            by_member[str(key)].append(conflict)
    out = []
    for s in statements:
        mine = {c.id: c for key in (s.id, *s.members) for c in by_member.get(key, [])}
        if reviews is not None:
            s = reviews.statement(s)
        out.append(claim_review(s, by_id, claims, mine.values(), records, reviews))
    return out


def write_claimreview(statements: Sequence[Statement], articles: Sequence[Article],
                      claims: Sequence[ArticleClaims], path: str | Path,
                      conflicts: Sequence[Conflict] = ()) -> Path:
    """A JSON array of ClaimReview objects (``.json``) or one object per line (``.jsonl``)."""
    path = Path(path)
    reviews = claimreview_documents(statements, articles, claims, conflicts)
    if path.suffix == ".jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reviews)
    else:
        text = json.dumps(reviews, ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
    return path
