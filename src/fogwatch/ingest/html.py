"""HTML → article text and metadata through trafilatura, which knows boilerplate better than we would.

Bytes go to trafilatura undecoded so it can honour the page's declared charset. Paragraphs stay
one per line, so sentence splitting downstream sees the breaks the page had. Where trafilatura
finds nothing at all (lxml gives up on markup nested tens of thousands deep), the page's visible
text is read with the standard library's streaming parser instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from fogwatch.errors import ExtractionError
from fogwatch.ingest.article import make_article
from fogwatch.model import Article

# A nav-only page still yields its menu ("Home\nWorld\nSport"); an article has at least one
# line of prose. Lines this long, or with this many words, count as prose.
PROSE_MIN_WORDS = 6
PROSE_MIN_CHARS = 40

_DOCUMENT = re.compile(rb"<(html|body)[\s>]", re.IGNORECASE)
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "nav", "footer"})
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
                     "article", "blockquote", "header", "main", "td", "dd", "dt"})


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
    import trafilatura  # loaded for the first page, not by every run that reads plain text

    document = trafilatura.bare_extraction(
        content,
        url=url,
        with_metadata=True,
        include_comments=False,  # reader comments are not the article
        include_tables=True,
        include_images=False,
    )
    text = getattr(document, "text", None) or ""
    if document is None or not text.strip():
        text = visible_text(content)
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


class _VisibleText(HTMLParser):
    """Text outside scripts, styles and page furniture, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(content: bytes | str) -> str:
    """The page's visible text, paragraph per line, without trafilatura's boilerplate judgement."""
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    parser = _VisibleText()
    parser.feed(content)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def has_prose(text: str) -> bool:
    """True when some line reads as a sentence rather than a menu item."""
    return any(
        len(line) >= PROSE_MIN_CHARS or len(line.split()) >= PROSE_MIN_WORDS for line in text.splitlines()
    )
