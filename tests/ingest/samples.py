"""Inputs the ingest tests generate: article pages with boilerplate, feeds and WARC archives."""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = (
    "North Korean units sent to the front have lost a great many men in recent weeks, "
    "officials said on Saturday.",
    "“It is evident that Russian commanders treat these troops as expendable,” White House "
    "spokesperson John Kirby told reporters at a briefing in Washington.",
    "About 1,000 soldiers were killed or wounded in the past week alone, according to the briefing, "
    "which did not say how the figure was reached.",
)


def article_page(
    title: str = "Troops suffer heavy losses",
    paragraphs: Sequence[str] = PARAGRAPHS,
    *,
    site: str = "Example News",
    canonical: str = "https://example.com/world/troops-losses",
    published: str = "2024-12-28T10:00:00Z",
    charset: str = "utf-8",
) -> str:
    """A news page with navigation, a cookie banner, a footer and scripts around the article."""
    body = "\n".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<title>{escape(title)} | {escape(site)}</title>
<link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="{escape(site)}">
<meta property="og:title" content="{escape(title)}">
<meta property="article:published_time" content="{published}">
<script>window.dataLayer = [];</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies. <a href="/privacy">Manage settings</a></div>
<article><h1>{escape(title)}</h1>
{body}
</article>
<aside class="related"><a href="/a">Read more: markets rally</a></aside>
<footer>Copyright 2024 {escape(site)}. All rights reserved. <a href="/terms">Terms</a></footer>
<script>trackPageView();</script>
</body></html>
"""


NAV_ONLY_PAGE = """<!DOCTYPE html><html><head><title>Menu</title>
<script>var config = {"a": 1};</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<script>document.write("loading");</script>
<footer><a href="/privacy">Privacy</a></footer>
</body></html>
"""


def rss_feed(items: Sequence[str], *, title: str = "Example News - World") -> bytes:
    """An RSS 2.0 document around ready-made ``<item>`` elements."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>{escape(title)}</title><link>https://example.com/</link>
<description>World news</description>
{"".join(items)}
</channel></rss>
""".encode()


def warc_bytes(
    pages: Sequence[tuple[str, str]],
    *,
    gzip: bool = True,
    extras: bool = True,
) -> bytes:
    """A WARC with one HTML response per (url, html); ``extras`` adds records that are not articles."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "fogwatch-tests"}))
    for number, (url, page) in enumerate(pages):
        if extras:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), length=0, http_headers=request
                )
            )
        _response(writer, url, page.encode("utf-8"), "text/html; charset=utf-8")
        if extras and number == 0:
            _response(writer, url + ".png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
            _response(
                writer, url + "/gone", b"<html><body>Not found</body></html>", "text/html", "404 Not Found"
            )
    return buffer.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    """Write a generated input and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
    )
