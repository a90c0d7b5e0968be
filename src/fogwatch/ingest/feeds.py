"""RSS and Atom feeds → one article per entry, through feedparser.

The fullest text an entry carries wins (``content:encoded`` / Atom content over the summary),
and HTML goes through the same extractor as pages, so every article is plain text. The outlet
is the entry's own ``<source>`` when it names one (aggregators relay other outlets), else the
feed's title; an author is a last resort, since in most feeds it names a journalist.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from fogwatch.errors import InputError
from fogwatch.ingest import html
from fogwatch.ingest.article import iso_date, make_article
from fogwatch.model import Article, Rejected

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def read_feed(data: bytes, *, source: str) -> Iterator[Article | Rejected]:
    """Each entry as ``SOURCE#record N``; a bad entry is rejected and the rest go on."""
    # Bytes in a stream: a str would make feedparser treat a URL-looking input as one to fetch.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError.of("bad_feed", source, error=_first_line(parsed.get("bozo_exception")))
        raise InputError.of("empty_feed", source)
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{source}#record {number}"
        try:
            yield entry_article(entry, source=where, feed_title=feed_title)
        except InputError as error:
            yield error.to_rejected()


def entry_article(entry: Mapping[str, Any], *, source: str, feed_title: str | None) -> Article:
    """One feed entry → one article, with title, link, date and outlet from the feed."""
    origin = entry.get("source") or {}
    outlet = origin.get("title") or feed_title or entry.get("author")
    published = iso_date(entry.get("published") or entry.get("updated"))
    if published is None:
        published = iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    return make_article(
        entry_text(entry, source=source),
        source=source,
        format="feed",
        url=entry.get("link"),
        title=entry.get("title"),
        outlet=outlet,
        published=published,
    )


def entry_text(entry: Mapping[str, Any], *, source: str) -> str:
    """The fullest text the entry carries: its content, else its summary."""
    parts = [*entry.get("content", []), entry.get("summary_detail") or {}]
    for part in parts:
        value = (part.get("value") or "").strip()
        if not value:
            continue
        if part.get("type", "text/html") not in HTML_TYPES:
            return value
        try:
            return html.extract_page(value, source=source).text
        except InputError:
            continue  # a content part with no prose; the summary may still have some
    raise InputError.of("entry_no_text", source, link=entry.get("link") or "no link given")


def _first_line(error: object) -> str:
    """A parser's complaint, short enough for a one-line reason."""
    text = str(error or "unknown error").strip()
    return text.splitlines()[0] if text else "unknown error"
