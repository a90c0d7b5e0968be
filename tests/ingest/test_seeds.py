"""The two seed articles in ../shared/seeds ingest unchanged, so gold offsets into them hold."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fogwatch.ingest import read_inputs
from fogwatch.model import Article

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"no seed articles at {SEEDS}")
    return files


def test_seeds_ingest_with_text_preserved_exactly(seed_files: list[Path]) -> None:
    articles = list(read_inputs([str(SEEDS)]))
    assert all(isinstance(article, Article) for article in articles)
    assert [a.source for a in articles] == [str(path) for path in seed_files]  # type: ignore[union-attr]
    for article, path in zip(articles, seed_files, strict=True):
        assert isinstance(article, Article)
        original = path.read_text(encoding="utf-8")
        assert article.text == original
        assert article.content_hash == hashlib.sha256(original.encode("utf-8")).hexdigest()
        assert article.id == article.content_hash[:16]
        assert article.language == "en"
        # offsets work: a quotation found in the file is found at the same place in the article
        start = original.index("“")
        end = original.index("”", start) + 1
        assert article.text[start:end] == original[start:end]


def test_reingest_gives_the_same_ids(seed_files: list[Path]) -> None:
    first = [(a.id, a.content_hash) for a in read_inputs([str(SEEDS)]) if isinstance(a, Article)]
    again = [
        (a.id, a.content_hash) for a in read_inputs([str(p) for p in seed_files]) if isinstance(a, Article)
    ]
    assert first == again
    assert len(first) == len(seed_files) >= 2
    assert len({article_id for article_id, _ in first}) == len(first)


def test_seed_title_is_the_headline_line(seed_files: list[Path]) -> None:
    by_name = {Path(a.source).name: a for a in read_inputs([str(SEEDS)]) if isinstance(a, Article)}
    for path in seed_files:
        headline = path.read_text(encoding="utf-8").split("\n", 1)[0]
        title = by_name[path.name].title
        assert title is None or title == headline
