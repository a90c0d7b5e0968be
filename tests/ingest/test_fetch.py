"""URLs through canned httpx responses: pages, feeds, text, and every way a fetch fails."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from fogwatch.ingest import IngestStep, read_inputs
from fogwatch.ingest.fetch import USER_AGENT, make_client
from fogwatch.model import Article, Rejected

from .samples import PARAGRAPHS, article_page, rss_feed

Handler = Callable[[httpx.Request], httpx.Response]


def fetch(url: str, handler: Handler, **options: int) -> list[Article | Rejected]:
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        return list(read_inputs([url], client=client, **options))


def test_page_follows_redirects_and_sends_our_user_agent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/short":
            return httpx.Response(301, headers={"Location": "https://news.example/world/story"})
        page = article_page(canonical="https://news.example/world/story")
        return httpx.Response(200, headers={"Content-Type": "text/html; charset=utf-8"}, text=page)

    [article] = fetch("https://news.example/short", handler)
    assert isinstance(article, Article)
    assert (article.source, article.url, article.format) == (
        "https://news.example/short",
        "https://news.example/world/story",
        "url",
    )
    assert PARAGRAPHS[0] in article.text
    assert {request.headers["User-Agent"] for request in seen} == {USER_AGENT}


def test_callers_own_user_agent_is_kept() -> None:
    agents: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["User-Agent"])
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, text="Plain words. " * 10)

    transport = httpx.MockTransport(handler)
    with httpx.Client(transport=transport, headers={"User-Agent": "newsroom-bot/2"}) as client:
        list(read_inputs(["https://x.example/a.txt"], client=client))
    assert agents == ["newsroom-bot/2"]


def test_feed_url_yields_one_article_per_entry() -> None:
    items = [
        f"<item><title>{n}</title><description><![CDATA[<p>{PARAGRAPHS[n]}</p>]]></description></item>"
        for n in range(2)
    ]
    body = rss_feed(items)
    records = fetch(
        "https://news.example/rss",
        lambda _: httpx.Response(200, content=body, headers={"Content-Type": "application/rss+xml"}),
    )
    assert [r.text for r in records if isinstance(r, Article)] == list(PARAGRAPHS[:2])
    assert [r.source for r in records if isinstance(r, Article)] == [
        "https://news.example/rss#record 1",
        "https://news.example/rss#record 2",
    ]


def test_feed_served_as_text_plain_is_sniffed() -> None:
    body = rss_feed([f"<item><title>T</title><description>{PARAGRAPHS[0]}</description></item>"])
    [article] = fetch(
        "https://x.example/feed",
        lambda _: httpx.Response(200, content=body, headers={"Content-Type": "text/plain"}),
    )
    assert isinstance(article, Article) and article.format == "feed"


def test_plain_text_is_strict_utf8() -> None:
    good = fetch(
        "https://x.example/a",
        lambda _: httpx.Response(
            200, content=PARAGRAPHS[1].encode(), headers={"Content-Type": "text/plain; charset=utf-8"}
        ),
    )
    assert isinstance(good[0], Article) and good[0].text == PARAGRAPHS[1]
    bad = fetch(
        "https://x.example/b",
        lambda _: httpx.Response(200, content=b"caf\xe9 " * 10, headers={"Content-Type": "text/plain"}),
    )
    assert bad == [Rejected("https://x.example/b", "invalid UTF-8 at byte 3", bad[0].hint)]
    latin = fetch(
        "https://x.example/c",
        lambda _: httpx.Response(
            200,
            content="café au lait, said the minister on Friday".encode("latin-1"),
            headers={"Content-Type": "text/plain; charset=iso-8859-1"},
        ),
    )
    assert isinstance(latin[0], Article) and latin[0].text.startswith("café")


@pytest.mark.parametrize(
    ("status", "hint_words"),
    [
        (404, "moved or been removed"),
        (403, "refuses automated access"),
        (429, "rate-limiting"),
        (503, "server failed"),
    ],
)
def test_http_errors_are_rejected_with_a_fitting_hint(status: int, hint_words: str) -> None:
    [rejected] = fetch("https://x.example/p", lambda _: httpx.Response(status))
    assert isinstance(rejected, Rejected)
    assert rejected.input == "https://x.example/p"
    assert rejected.reason.startswith(f"HTTP {status} ")
    assert hint_words in rejected.hint


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (httpx.ConnectError("Name or service not known"), "could not connect: Name or service not known"),
        (httpx.ReadTimeout("read timed out"), "timed out: read timed out"),
        (httpx.RemoteProtocolError("peer closed connection"), "download failed: peer closed connection"),
    ],
)
def test_transport_failures_are_rejected(error: Exception, reason: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    [rejected] = fetch("https://down.example/", handler)
    assert rejected == Rejected("https://down.example/", reason, rejected.hint)
    assert rejected.hint


def test_redirect_loop_is_rejected() -> None:
    [rejected] = fetch(
        "https://loop.example/", lambda r: httpx.Response(302, headers={"Location": str(r.url)})
    )
    assert isinstance(rejected, Rejected) and rejected.reason == "too many redirects"


def test_size_limit_by_header_and_by_stream() -> None:
    declared = fetch(
        "https://x.example/big",
        lambda _: httpx.Response(
            200, headers={"Content-Type": "text/html", "Content-Length": "999999"}, content=b"<html>"
        ),
        max_bytes=1000,
    )
    assert isinstance(declared[0], Rejected) and "over the 1,000-byte limit" in declared[0].reason

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"x" * 100

    streamed = fetch(
        "https://x.example/stream",
        lambda _: httpx.Response(200, headers={"Content-Type": "text/plain"}, content=chunks()),
        max_bytes=1000,
    )
    assert isinstance(streamed[0], Rejected) and "over the 1,000-byte limit" in streamed[0].reason


def test_unsupported_content_type_is_rejected() -> None:
    [rejected] = fetch(
        "https://x.example/img",
        lambda _: httpx.Response(
            200, headers={"Content-Type": "image/png"}, content=b"\x89PNG\r\n\x1a\n" + bytes(100)
        ),
    )
    assert isinstance(rejected, Rejected)
    assert rejected.reason == "unsupported content type 'image/png'"


def test_ingest_step_reads_files_and_urls_in_order(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(PARAGRAPHS[0], encoding="utf-8")
    transport = httpx.MockTransport(lambda _: httpx.Response(404))
    with httpx.Client(transport=transport) as client:
        step = IngestStep(max_bytes=1000, client=client)
        records = list(step.run([str(path), "https://x.example/gone"]))
    assert step.name == "ingest"
    assert [type(r) for r in records] == [Article, Rejected]
    assert [type(r) for r in IngestStep().run([str(path)])] == [Article]  # its own client, unused


def test_own_client_carries_timeout_and_user_agent() -> None:
    with make_client(3.5) as client:
        assert client.timeout.read == 3.5 and client.timeout.connect == 3.5
        assert client.headers["User-Agent"] == USER_AGENT
        assert client.max_redirects == 5
