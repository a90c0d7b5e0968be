"""RSS and Atom: one article per entry, the fullest text it carries, and the right outlet."""

from __future__ import annotations

from pathlib import Path

from fogwatch.ingest import read_inputs
from fogwatch.model import Article, Rejected

from .samples import PARAGRAPHS, rss_feed, write

FULL = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)


def read(path: Path) -> list[Article | Rejected]:
    return list(read_inputs([str(path)]))


def test_rss_entries_become_articles(tmp_path: Path) -> None:
    items = [
        f"""<item><title>Troops suffer losses</title><link>https://example.com/a</link>
        <pubDate>Sat, 28 Dec 2024 10:00:00 +0100</pubDate>
        <description>Short teaser that is not the whole story at all.</description>
        <content:encoded><![CDATA[<div class="ad">Advertisement</div>{FULL}]]></content:encoded></item>""",
        """<item><title>Summary only</title><link>https://example.com/b</link>
        <description>&lt;p&gt;Officials said on Friday that the talks would resume next week
        in Geneva.&lt;/p&gt;</description>
        </item>""",
        f"""<item><title>Relayed</title><link>https://example.com/c</link>
        <source url="https://wire.example/rss">Wire Service</source>
        <description><![CDATA[{FULL}]]></description></item>""",
    ]
    path = write(tmp_path / "world.rss", rss_feed(items))
    first, second, third = read(path)
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(third, Article)
    assert first.text.split("\n") == list(PARAGRAPHS)
    assert (first.title, first.url, first.published, first.outlet, first.format, first.source) == (
        "Troops suffer losses",
        "https://example.com/a",
        "2024-12-28T10:00:00+01:00",
        "Example News - World",
        "feed",
        f"{path}#record 1",
    )
    assert (
        " ".join(second.text.split())
        == "Officials said on Friday that the talks would resume next week in Geneva."
    )
    assert third.outlet == "Wire Service"


def test_atom_entries_with_html_and_text_content(tmp_path: Path) -> None:
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title><id>urn:x</id>
<updated>2024-12-28T00:00:00Z</updated>
<entry><title>HTML entry</title><link href="https://atom.example/1"/><id>urn:1</id>
<published>2024-12-28T08:15:00-05:00</published><author><name>Jane Reporter</name></author>
<content type="html"><![CDATA[{FULL}]]></content></entry>
<entry><title>Text entry</title><link href="https://atom.example/2"/><id>urn:2</id>
<updated>2024-12-27T12:00:00Z</updated>
<content type="text">Plain words in an Atom entry, with no markup in them at all.</content></entry>
</feed>"""
    html_entry, text_entry = read(write(tmp_path / "daily.atom", feed))
    assert isinstance(html_entry, Article) and isinstance(text_entry, Article)
    assert html_entry.text.split("\n") == list(PARAGRAPHS)
    assert (html_entry.outlet, html_entry.published) == ("Atom Daily", "2024-12-28T08:15:00-05:00")
    assert text_entry.text == "Plain words in an Atom entry, with no markup in them at all."
    assert text_entry.published == "2024-12-27T12:00:00+00:00"


def test_headline_only_entry_is_rejected_with_its_link(tmp_path: Path) -> None:
    items = [
        "<item><title>Just a headline</title><link>https://example.com/h</link></item>",
        f"<item><title>Full</title><description><![CDATA[{FULL}]]></description></item>",
    ]
    path = write(tmp_path / "heads.xml", rss_feed(items))
    rejected, article = read(path)
    assert isinstance(rejected, Rejected) and isinstance(article, Article)
    assert rejected.input == f"{path}#record 1"
    assert rejected.reason == "feed entry has no text"
    assert "https://example.com/h" in rejected.hint


def test_feed_without_entries_and_broken_feed_are_rejected(tmp_path: Path) -> None:
    [empty] = read(write(tmp_path / "empty.rss", rss_feed([])))
    [broken] = read(write(tmp_path / "broken.xml", b"<?xml version='1.0'?><rss><channel><title>x</ti"))
    assert isinstance(empty, Rejected) and empty.reason == "the feed has no entries"
    assert isinstance(broken, Rejected)
    assert broken.input == str(tmp_path / "broken.xml")
    assert broken.reason.startswith("not a readable feed")
