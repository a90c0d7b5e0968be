"""WARC archives: HTML responses become articles; a broken archive keeps what came before the break."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from fogwatch.ingest import read_inputs
from fogwatch.model import Article, Rejected

from .samples import article_page, warc_bytes, write

PAGES = [
    (
        f"https://example.com/story/{n}",
        article_page(f"Story number {n}", canonical=f"https://example.com/s/{n}"),
    )
    for n in range(3)
]


def read(path: Path, **options: int) -> list[Article | Rejected]:
    return list(read_inputs([str(path)], **options))


@pytest.mark.parametrize(("name", "gzipped"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_responses_become_articles(tmp_path: Path, name: str, gzipped: bool) -> None:
    path = write(tmp_path / name, warc_bytes(PAGES, gzip=gzipped))
    records = read(path)
    assert all(isinstance(r, Article) for r in records)
    assert [r.title for r in records] == ["Story number 0", "Story number 1", "Story number 2"]  # type: ignore[union-attr]
    first = records[0]
    assert isinstance(first, Article)
    assert first.format == "warc"
    assert first.source.startswith(f"{path}#record ")
    assert first.url == "https://example.com/s/0"  # the page's canonical URL beats the crawl URL


def test_target_uri_is_the_url_when_the_page_names_none(tmp_path: Path) -> None:
    page = "<html><body><article><p>" + "Officials said the fighting went on through the night. " * 5
    path = write(
        tmp_path / "plain.warc.gz",
        warc_bytes([("https://example.org/x", page + "</p></article></body></html>")]),
    )
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.url == "https://example.org/x"


def test_truncated_gzip_archive_keeps_earlier_articles_and_names_the_break(tmp_path: Path) -> None:
    data = warc_bytes(PAGES, extras=False)
    cut = write(tmp_path / "cut.warc.gz", data[: len(data) - 400])
    records = read(cut)
    *articles, rejected = records
    assert [a.title for a in articles if isinstance(a, Article)] == ["Story number 0", "Story number 1"]
    assert isinstance(rejected, Rejected)
    assert rejected.input == f"{cut}#record 4"
    assert "byte" in rejected.reason and "record 4" in rejected.reason
    assert "2 articles before the break were kept" in rejected.hint


def test_truncated_plain_archive_mid_payload(tmp_path: Path) -> None:
    data = warc_bytes(PAGES, gzip=False, extras=False)
    path = write(tmp_path / "cut.warc", data[: len(data) - 700])
    records = read(path)
    assert sum(isinstance(r, Article) for r in records) == 2
    rejected = records[-1]
    assert isinstance(rejected, Rejected)
    assert "short of its Content-Length" in rejected.reason


def test_corrupt_gzip_member_is_reported(tmp_path: Path) -> None:
    data = bytearray(warc_bytes(PAGES, extras=False))
    members = [i for i in range(len(data)) if data[i : i + 3] == b"\x1f\x8b\x08"]
    third = members[2]  # warcinfo, story 0, then story 1
    data[third + 20 : third + 60] = bytes(40)
    path = write(tmp_path / "bad.warc.gz", bytes(data))
    article, rejected = read(path)
    assert isinstance(article, Article) and article.title == "Story number 0"
    assert isinstance(rejected, Rejected)
    assert rejected.input == f"{path}#record 3"
    assert rejected.reason.startswith(f"archive broken at byte {third} (record 3)")
    assert rejected.reason.isprintable()


def test_oversized_record_is_rejected_and_the_archive_goes_on(tmp_path: Path) -> None:
    big = article_page("Big one", paragraphs=["A very long paragraph about the war, repeated. " * 200])
    path = write(
        tmp_path / "mixed.warc.gz", warc_bytes([("https://e.com/big", big), *PAGES[:1]], extras=False)
    )
    records = read(path, max_bytes=8000)
    assert isinstance(records[0], Rejected) and "over the 8,000-byte limit" in records[0].reason
    assert isinstance(records[1], Article) and records[1].title == "Story number 0"


def test_not_a_warc_and_no_html(tmp_path: Path) -> None:
    [garbage] = read(write(tmp_path / "junk.warc", b"this is not a web archive\n" * 20))
    assert isinstance(garbage, Rejected)
    assert garbage.reason.startswith("archive broken at byte 0 (record 1)")
    [empty] = read(write(tmp_path / "empty.warc.gz", gzip.compress(b"")))
    assert isinstance(empty, Rejected) and empty.reason == "no HTML responses in the archive"


def test_sniffed_warc_without_extension(tmp_path: Path) -> None:
    records = read(write(tmp_path / "crawl.bin", warc_bytes(PAGES[:1])))
    assert [type(r) for r in records] == [Article]
