"""HTML → article text and metadata through trafilatura, which knows boilerplate better than we would.

Bytes go to trafilatura undecoded so it can honour the page's declared charset. Paragraphs stay
one per line, so sentence splitting downstream sees the breaks the page had.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import trafilatura

from fogwatch.errors import ExtractionError
from fogwatch.ingest.article import make_article
from fogwatch.model import Article

# A nav-only page still yields its menu ("Home\nWorld\nSport"); an article has at least one
# line of prose. Lines this long, or with this many words, count as prose.
PROSE_MIN_WORDS = 6
PROSE_MIN_CHARS = 40

_DOCUMENT = re.compile(rb"<(html|body)[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """What trafilatura found in one HTML document."""

    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


def extract_page(content: bytes | str, *, source: str, url: str | None = None) -> Page:
    """Main text and metadata of a page or fragment; raises ``ExtractionError`` when there is no prose."""
    head = content[:65536]
    if not _DOCUMENT.search(head.encode("utf-8") if isinstance(head, str) else head):
        # trafilatura drops bare fragments such as a single <p>; a wrapper makes them a document
        if isinstance(content, str):
            content = f"<html><body>{content}</body></html>"
        else:
            content = b"<html><body>" + content + b"</body></html>"
    document = trafilatura.bare_extraction(
        content,
        url=url,
        with_metadata=True,
        include_comments=False,  # reader comments are not the article
        include_tables=True,
        include_images=False,
    )
    text = getattr(document, "text", None) or ""
    if not has_prose(text):
        raise ExtractionError.of("no_text", source)
    return Page(
        text=text,
        title=getattr(document, "title", None),
        published=getattr(document, "date", None),
        outlet=getattr(document, "sitename", None) or getattr(document, "hostname", None),
        url=getattr(document, "url", None) or url,
    )


def read_html(
    content: bytes | str,
    *,
    source: str,
    url: str | None = None,
    format: str = "html",
    meta: Mapping[str, str] | None = None,
) -> Article:
    """One HTML document → one article; ``meta`` (a sidecar's fields) wins over what the page says."""
    page = extract_page(content, source=source, url=url)
    fields = {
        "url": page.url,
        "title": page.title,
        "outlet": page.outlet,
        "published": page.published,
        "language": None,
    }
    fields.update(meta or {})
    return make_article(page.text, source=source, format=format, **fields)


def has_prose(text: str) -> bool:
    """True when some line reads as a sentence rather than a menu item."""
    return any(
        len(line) >= PROSE_MIN_CHARS or len(line.split()) >= PROSE_MIN_WORDS for line in text.splitlines()
    )
