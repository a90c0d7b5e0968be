"""http(s) URLs → articles: one polite GET, then the feed, HTML or text reader the response calls for.

The body is streamed and cut off at the size limit and at an overall deadline, so a runaway or
trickling download costs no more than those. Every request, redirects included, goes through a
transport that refuses private addresses (see ``addresses``). Every way a fetch can fail becomes
an ``InputError`` that says what to try next; stored and shown URLs carry no credentials.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Iterator

import httpx

from fogwatch.errors import InputError
from fogwatch.ingest import feeds, html
from fogwatch.ingest.addresses import check_url, without_credentials
from fogwatch.ingest.article import make_article
from fogwatch.ingest.files import SNIFF_BYTES, check_text_bytes, decode_utf8, sniff
from fogwatch.ingest.limits import DEFAULT_LIMITS, IngestLimits
from fogwatch.model import Article, Rejected

USER_AGENT = "Fogwatch/0.1 (attributed-claims ledger; one request per article)"
DEFAULT_TIMEOUT = 20.0
MAX_REDIRECTS = 5

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
# Servers label feeds and pages loosely; for these, the bytes decide.
SNIFFED_TYPES = frozenset({"", "text/plain", "text/xml", "application/xml", "application/octet-stream"})


def is_url(value: str) -> bool:
    """True for inputs Fogwatch fetches rather than opens."""
    return value.lower().startswith(("http://", "https://"))


class GuardedTransport(httpx.HTTPTransport):
    """Checks each request's host before connecting: http(s) only, public addresses only."""

    def __init__(self, *, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        address = check_url(url, source=without_credentials(url), allow_private=self.allow_private)
        if address is None:
            return super().handle_request(request)
        # connect to the address that was checked; the Host header and TLS name stay the host's
        pinned = httpx.Request(
            request.method, request.url.copy_with(host=address), headers=request.headers,
            stream=request.stream, extensions={**request.extensions, "sni_hostname": request.url.host},
        )
        response = super().handle_request(pinned)
        response.request = request
        return response


def make_client(timeout: float = DEFAULT_TIMEOUT, *, allow_private: bool = False) -> httpx.Client:
    """The client Fogwatch fetches with: its own User-Agent, a timeout, few redirects, and every
    hop checked against private addresses unless ``allow_private``."""
    return httpx.Client(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        max_redirects=MAX_REDIRECTS,
        transport=GuardedTransport(allow_private=allow_private),
    )


def read_url(url: str, *, client: httpx.Client | None = None, max_bytes: int,
             limits: IngestLimits = DEFAULT_LIMITS) -> Iterator[Article | Rejected]:
    """The article(s) at ``url``: one for a page or text, one per entry for a feed.

    A caller's ``client`` keeps its own timeout, transport and User-Agent (httpx's default agent
    is replaced). The article's source and address are stored without credentials.
    """
    source = without_credentials(url)
    if client is None:
        with make_client(allow_private=limits.allow_private) as own:
            response, body = download(url, client=own, max_bytes=max_bytes, deadline=limits.fetch_deadline)
    else:
        response, body = download(url, client=client, max_bytes=max_bytes, deadline=limits.fetch_deadline)
    url = source
    final_url = without_credentials(str(response.url))
    content_type = (response.headers.get("content-type") or "").split(";")[0].strip().lower()
    kind = _kind(content_type, body)
    if kind is None:
        raise InputError.of("unsupported_content", url, content_type=content_type or "none given")
    check_text_bytes(body, url)
    if kind == "feed":
        yield from feeds.read_feed(body, source=url)
    elif kind == "html":
        yield html.read_html(body, source=url, url=final_url, format="url")
    else:
        text = _decode(body, response.charset_encoding, url)
        yield make_article(text, source=url, format="url", url=final_url)


def download(url: str, *, client: httpx.Client, max_bytes: int,
             deadline: float = DEFAULT_LIMITS.fetch_deadline) -> tuple[httpx.Response, bytes]:
    """GET with redirects, a timeout, an overall deadline and a size cap; raises ``InputError``
    for every failure."""
    ends = time.monotonic() + deadline
    shown = without_credentials(url)
    headers: dict[str, str] = {}
    if client.headers.get("user-agent", "").startswith("python-httpx"):  # keep a caller's own agent
        headers["User-Agent"] = USER_AGENT
    try:
        with client.stream("GET", url, headers=headers, follow_redirects=True) as response:
            _check_status(response, shown)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError.of("too_large", shown, size=int(declared), limit=max_bytes)
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_bytes():
                if time.monotonic() > ends:
                    raise InputError.of("deadline", shown, seconds=deadline)
                received += len(chunk)
                if received > max_bytes:
                    raise InputError.of("too_large", shown, size=received, limit=max_bytes)
                chunks.append(chunk)
            return response, b"".join(chunks)
    except httpx.TimeoutException as error:
        raise InputError.of("timeout", shown, error=_say(error)) from error
    except httpx.ConnectError as error:
        raise InputError.of("connect", shown, error=_say(error)) from error
    except httpx.TooManyRedirects as error:
        raise InputError.of("redirects", shown) from error
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise InputError.of("bad_url", shown, error=_say(error)) from error
    except httpx.HTTPError as error:
        raise InputError.of("download", shown, error=_say(error)) from error


def _check_status(response: httpx.Response, url: str) -> None:
    """Turn an HTTP error status into an ``InputError`` whose hint fits the status."""
    status = response.status_code
    if status < 400:
        return
    if status in (401, 403, 451):
        code = "http_blocked"
    elif status in (404, 410):
        code = "http_missing"
    elif status == 429:
        code = "http_rate"
    else:
        code = "http_error"
    raise InputError.of(code, url, status=status, phrase=response.reason_phrase)


def _kind(content_type: str, body: bytes) -> str | None:
    """Which reader the response needs: by its declared type, or by its bytes where the type is vague."""
    sniffed = sniff(body[:SNIFF_BYTES])
    if content_type in HTML_TYPES:
        return "html"
    if content_type in FEED_TYPES:
        return "html" if sniffed == "html" else "feed"
    if content_type in SNIFFED_TYPES and sniffed in ("feed", "html"):
        return sniffed
    if content_type in ("text/xml", "application/xml"):
        return "feed"
    if content_type == "text/plain":
        return "txt"
    return None


def _decode(body: bytes, charset: str | None, url: str) -> str:
    """Text in its declared charset, strictly: UTF-8 errors name their byte offset."""
    try:
        codec = codecs.lookup(charset or "utf-8").name
    except LookupError as error:
        raise InputError.of("bad_charset", url, charset=charset, error="unknown charset") from error
    if codec == "utf-8":
        return decode_utf8(body, url)
    try:
        return body.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError.of("bad_charset", url, charset=codec, error=f"bad byte at {error.start}") from error


def _say(error: Exception) -> str:
    """An httpx error as a short phrase, even when it carries no message."""
    return str(error).strip() or type(error).__name__
