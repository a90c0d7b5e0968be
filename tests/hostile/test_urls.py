"""Untrusted URLs against real local HTTP servers: private addresses refused (first hop and every
redirect), fetched with --allow-private, an overall deadline, no credentials stored."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fogwatch.ingest import IngestLimits, IngestStep, addresses
from fogwatch.ingest.addresses import is_public, without_credentials
from fogwatch.model import Article, Rejected

PAGE = (b"<html><body><article><p>The harbour master said on Monday that the fog had delayed 40 ships "
        b"at the northern pier.</p></article></body></html>")


class Handler(BaseHTTPRequestHandler):
    """/page serves an article, /go redirects to the other server's /page, /slow trickles."""

    target = ""

    def do_GET(self) -> None:
        if self.path == "/go":
            self.send_response(302)
            self.send_header("Location", f"{self.target}/page")
            self.end_headers()
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture()
def servers() -> Iterator[tuple[str, str]]:
    """Two servers on loopback, the first on 127.0.0.2: the first redirects /go to the second."""
    second = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    target = f"http://127.0.0.1:{second.server_address[1]}"
    first = ThreadingHTTPServer(("127.0.0.2", 0), type("Redirecting", (Handler,), {"target": target}))
    for server in (first, second):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{first.server_address[1]}", target
    for server in (first, second):
        server.shutdown()
        server.server_close()


def ingest(url: str, **limits: object) -> list[Article | Rejected]:
    return list(IngestStep(timeout=5.0, limits=IngestLimits(**limits)).run([url]))  # type: ignore[arg-type]


def test_loopback_is_refused_by_default_and_fetched_when_allowed(servers: tuple[str, str]) -> None:
    first, _ = servers
    [refused] = ingest(f"{first}/go")
    assert isinstance(refused, Rejected) and refused.code == "private_address"
    [article] = ingest(f"{first}/go", allow_private=True)
    assert isinstance(article, Article) and "40 ships" in article.text


def test_a_redirect_to_loopback_is_refused(servers: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The first server passes for public (127.0.0.2 counts as public here) and is fetched at the
    address checked; its redirect to the second, on 127.0.0.1, is checked again and refused."""
    first, _ = servers
    real = addresses.is_public
    monkeypatch.setattr(addresses, "is_public", lambda address: address == "127.0.0.2" or real(address))
    [refused] = ingest(f"{first}/go")
    assert isinstance(refused, Rejected) and refused.code == "private_address"
    assert "127.0.0.1" in refused.reason
    [article] = ingest(f"{first}/page")
    assert isinstance(article, Article) and article.url == f"{first}/page"


def test_overall_deadline_stops_a_trickling_server(servers: tuple[str, str]) -> None:
    first, _ = servers
    started = time.monotonic()
    [refused] = ingest(f"{first}/slow", allow_private=True, fetch_deadline=1.0)
    assert isinstance(refused, Rejected) and refused.code == "deadline"
    assert time.monotonic() - started < 5


def test_credentials_are_used_but_never_stored(servers: tuple[str, str]) -> None:
    _, second = servers
    url = second.replace("http://", "http://reader:s3cret@") + "/page"
    [article] = ingest(url, allow_private=True)
    assert isinstance(article, Article)
    assert "s3cret" not in article.source and "s3cret" not in (article.url or "")
    [refused] = ingest(url)
    assert "s3cret" not in refused.input + refused.reason


def test_only_http_and_https(tmp_path: Path) -> None:
    [refused] = ingest("ftp://example.org/file.txt")
    assert isinstance(refused, Rejected) and refused.code == "unsupported_scheme"


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.9", "172.16.5.5", "169.254.169.254",
                                     "224.0.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1"])
def test_private_addresses(address: str) -> None:
    assert not is_public(address)


def test_public_addresses_and_credentials() -> None:
    assert is_public("93.184.216.34") and is_public("2606:4700::1111")
    assert without_credentials("https://u:p@news.example:8443/a?b=1") == "https://news.example:8443/a?b=1"
    assert without_credentials("https://news.example/a") == "https://news.example/a"


def test_cli_flag_allows_private(servers: tuple[str, str], tmp_path: Path) -> None:
    first, _ = servers

    def ingest_cli(*flags: str) -> int:
        command = [sys.executable, "-m", "fogwatch.cli", "ingest", f"{first}/go",
                   "--db", str(tmp_path / "l.db"),
                   *flags]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False).returncode

    assert ingest_cli() == 1
    assert ingest_cli("--allow-private") == 0
