"""Building parsed articles from hand-written text for the attribution tests."""

from __future__ import annotations

import hashlib

from fogwatch.extract.attribution import extract_attributions
from fogwatch.extract.nlp import ParsedArticle, parse_articles
from fogwatch.model import Article, Attribution


def article(text: str, *, id: str = "t", published: str | None = None, outlet: str | None = None) -> Article:
    """An Article around hand-written text."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        id=id, source=f"{id}.txt", text=text, content_hash=digest, published=published, outlet=outlet
    )


def parse(text: str, **fields: str | None) -> ParsedArticle:
    """One parsed article (every sentence parsed, so a test never depends on the selector)."""
    return next(parse_articles([article(text, **fields)], parse_all=True))  # type: ignore[arg-type]


def attributions(text: str, **fields: str | None) -> list[Attribution]:
    """The attributions extracted from hand-written text."""
    return extract_attributions(parse(text, **fields))


def find(found: list[Attribution], words: str) -> Attribution:
    """The attribution whose text contains some words (fails the test when there is none)."""
    hits = [a for a in found if words in a.text]
    assert hits, f"no attribution contains {words!r}: {[a.text for a in found]}"
    return hits[0]
