"""Model records built from a gold file, so the cross-article stages can be tested without extraction.

``gold_claims`` builds the records; ``contract_rows`` writes what the stages made back out in the
scored export contract.

Only the gold's documents, attributions and figures are read; its statements and conflicts are what
the stages under test must reproduce. Spans come from finding each gold ``text`` in the article, and
``said_on_text`` is the dating phrase of the gold cue ("also said on Friday"), as an extractor would
record it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fogwatch.link.embeddings import EmbeddingModelMissing, EmbedFn, embed, get_embedder
from fogwatch.model import Article, ArticleClaims, Attribution, Conflict, Figure, Speaker, Statement, Window
from fogwatch.reconcile.conflicts import contract_kind

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_DATING = re.compile(
    r"\b(?:on|last)\s+((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?:,\s*\d{4})?)\b")


def find_span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    """Offsets of needle in text, tolerant of curly vs straight quotes and runs of whitespace."""
    for start_at in (after, 0):
        pos = text.find(needle, start_at)
        if pos >= 0:
            return pos, pos + len(needle)
    hay, pin = text.translate(_QUOTES), needle.translate(_QUOTES)
    pos = hay.find(pin)
    if pos >= 0:  # the translation maps one character to one, so offsets carry over
        return pos, pos + len(pin)
    pattern = r"\s+".join(re.escape(part) for part in pin.split())
    match = re.search(pattern, hay)
    if match:
        return match.start(), match.end()
    raise ValueError(f"gold text not found in article: {needle[:60]!r}")


def _read_text(doc: dict[str, Any], seeds_dir: Path) -> str:
    """Plain text files as they are; HTML, feeds and JSONL through ingest, as the pipeline stores them."""
    path = seeds_dir / doc["file"]
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    from fogwatch.ingest import read_inputs

    want = doc["id"] if "#" in doc["id"] else doc["file"]
    for record in read_inputs([str(path)]):
        if isinstance(record, Article) and record.source.endswith(want):
            return record.text
    raise ValueError(f"no article {want!r} in {path}")


def _article(doc: dict[str, Any], seeds_dir: Path) -> Article:
    text = _read_text(doc, seeds_dir)
    return Article(
        id=doc["id"], source=doc["id"] if "#" in doc["id"] else doc["file"], text=text,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        url=doc.get("url"), title=doc.get("title"), outlet=doc.get("outlet"), published=doc.get("published"),
        copy_of=doc.get("copy_of"),
    )


def _attribution(g: dict[str, Any], article: Article) -> Attribution:
    start, end = find_span(article.text, g["text"])
    cue = g.get("cue") or None
    cue_start = cue_end = None
    if cue:
        with contextlib.suppress(ValueError):
            cue_start, cue_end = find_span(article.text, cue)
    dating = _DATING.search(cue or "")
    return Attribution(
        id=g["id"], article=g["doc"], kind=g["kind"], text=article.text[start:end], start=start, end=end,
        speaker=Speaker(name=g.get("speaker"), type=g.get("speaker_type") or "unnamed",
                        description=g.get("note") if g.get("speaker") is None else None),
        cue=cue, cue_start=cue_start, cue_end=cue_end, via=tuple(g.get("via") or ()),
        said_on=g.get("said_on"), said_on_text=dating.group(0) if dating else None,
        date_flags=tuple(g.get("date_flags") or ()),
    )


def _figure(g: dict[str, Any], article: Article, attributions: dict[str, Attribution]) -> Figure:
    start, end = find_span(article.text, g["text"])
    window = g.get("window")
    parent = attributions.get(g.get("attribution") or "")
    source_type = parent.speaker.type if parent else ("person" if g.get("source") else "unnamed")
    return Figure(
        id=g["id"], article=g["doc"], text=article.text[start:end], start=start, end=end,
        value=float(g["value"]), low=g.get("low"), high=g.get("high"), counted=g["counted"],
        qualifier=g.get("qualifier"), subject=g.get("subject"), place=g.get("place"),
        window=Window(text=window.get("text") or "", start=window.get("start"), end=window.get("end"),
                      cumulative=window.get("cumulative")) if window else None,
        source=g.get("source"), source_type=source_type if g.get("source") else "unnamed",
        via=tuple(g.get("via") or ()), attribution=g.get("attribution"),
        said_on=g.get("said_on"), part_of=g.get("part_of"), unit=g.get("unit") or "people",
    )


def gold_claims(gold_path: str | Path, seeds_dir: str | Path) -> tuple[list[Article], list[ArticleClaims]]:
    """Articles and their claims as the extract stage would hand them to linking."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    seeds = Path(seeds_dir)
    articles = [_article(doc, seeds) for doc in gold["documents"]]
    by_id = {a.id: a for a in articles}
    attributions = {g["id"]: _attribution(g, by_id[g["doc"]]) for g in gold["attributions"]}
    figures = [_figure(g, by_id[g["doc"]], attributions) for g in gold["figures"]]
    claims = [
        ArticleClaims(
            article=a.id,
            attributions=tuple(sorted((x for x in attributions.values() if x.article == a.id),
                                      key=lambda x: x.start)),
            figures=tuple(sorted((f for f in figures if f.article == a.id), key=lambda f: f.start)),
        )
        for a in articles
    ]
    return articles, claims


def contract_rows(articles: list[Article], claims: list[ArticleClaims], statements: list[Statement],
                  conflicts: list[Conflict]) -> list[dict[str, Any]]:
    """The export contract's JSONL rows (shared/eval/README.md) for records built here."""
    rows: list[dict[str, Any]] = [
        {"type": "article", "id": a.id, "source": a.source, "url": a.url, "outlet": a.outlet,
         "published": a.published} for a in articles]
    for article in claims:
        for att in article.attributions:
            rows.append({"type": "attribution", "id": att.id, "article": att.article,
                         "speaker": {"name": att.speaker.name, "type": att.speaker.type}, "kind": att.kind,
                         "text": att.text, "start": att.start, "end": att.end, "cue": att.cue,
                         "via": list(att.via), "said_on": att.said_on})
        for fig in article.figures:
            row = asdict(fig)
            row.update(type="figure", via=list(fig.via))
            rows.append(row)
    rows.extend({"type": "statement", "id": s.id, "members": list(s.members), "origin": s.origin,
                 "said_on": s.said_on, "relays": list(s.relays), "independent_origins": s.independent_origins}
                for s in statements)
    rows.extend({"type": "conflict", "id": c.id, "kind": contract_kind(c.kind), "subkind": c.kind,
                 "members": list(c.members), "why": c.why} for c in conflicts)
    return rows


def model_embed() -> EmbedFn:
    """The real MiniLM model for a fixture, skipping the test where it is not installed.

    The model loads once per process (``get_embedder`` caches it), however many fixtures ask.
    """
    import pytest

    try:
        get_embedder()
    except EmbeddingModelMissing as exc:
        pytest.skip(str(exc))
    return embed
