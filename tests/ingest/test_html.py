"""HTML pages through trafilatura: the article's paragraphs and metadata, none of the boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.errors import ExtractionError
from fogwatch.ingest import read_inputs
from fogwatch.ingest.html import extract_page, has_prose, read_html
from fogwatch.model import Article, Rejected

from .samples import NAV_ONLY_PAGE, PARAGRAPHS, article_page, write


def test_article_text_keeps_paragraphs_and_drops_boilerplate() -> None:
    article = read_html(article_page(), source="page.html")
    lines = article.text.split("\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in lines  # each paragraph on its own line, unchanged
    for boilerplate in ("Home", "cookies", "Copyright", "trackPageView", "dataLayer", "markets rally"):
        assert boilerplate not in article.text


def test_metadata_title_date_outlet_and_canonical_url() -> None:
    article = read_html(article_page(), source="page.html", url="https://example.com/?utm=x")
    assert article.title == "Troops suffer heavy losses"
    assert article.published == "2024-12-28"
    assert article.outlet == "Example News"
    assert article.url == "https://example.com/world/troops-losses"
    assert (article.format, article.language) == ("html", "en")


def test_declared_charset_is_honoured() -> None:
    page = article_page(
        paragraphs=["Le café est fermé depuis que les soldats sont arrivés dans la ville."],
        charset="windows-1252",
    )
    article = read_html(page.encode("cp1252"), source="page.html")
    assert "Le café est fermé" in article.text


def test_sidecar_overrides_page_metadata(tmp_path: Path) -> None:
    write(tmp_path / "page.html", article_page())
    write(tmp_path / "page.meta.json", '{"outlet": "Wire Service", "published": "2024-12-27"}')
    [article] = list(read_inputs([str(tmp_path)]))
    assert isinstance(article, Article)
    assert (article.outlet, article.published, article.title) == (
        "Wire Service",
        "2024-12-27",
        "Troops suffer heavy losses",
    )


def test_page_without_prose_is_no_extractable_text(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_page(NAV_ONLY_PAGE, source="nav.html")
    assert raised.value.reason == "no extractable text"
    path = write(tmp_path / "nav.html", NAV_ONLY_PAGE)
    [rejected] = list(read_inputs([str(path)]))
    assert rejected == Rejected(input=str(path), reason="no extractable text", hint=raised.value.hint)


def test_fragment_without_html_wrapper_is_extracted() -> None:
    page = extract_page("<p>A single paragraph from a feed item, long enough to count.</p>", source="f")
    assert page.text == "A single paragraph from a feed item, long enough to count."


def test_prose_rule() -> None:
    assert not has_prose("Home\nWorld\nSport")
    assert has_prose("Home\nLoss of life is massive, says Kirby.")
    assert not has_prose("")
