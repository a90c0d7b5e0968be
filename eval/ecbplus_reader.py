"""ECB+ CROMER XML documents as Fogwatch reads them, with their gold story and event mentions.

Documents: one sentence per line, lightly detokenised (Fogwatch reads prose); each token keeps its
span. Sentence 0 of an ``*ecbplus.xml`` is its URL, sentence 1 its title; ``published`` is the first
full date on a short line under the title (read with Fogwatch's date reader, since the sidecar
takes ISO dates), else the URL's date. ``*ecb.xml`` texts have neither.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from fogwatch.extract.dates import find_day_mentions
from fogwatch.model import Article

_TIGHT_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'re", "'ve", "'ll", "'d", "'m",
                 "n't", "'", "’", "”", "…"}
_TIGHT_AFTER = {"(", "[", "{", "$", "#", "“"}
_CLITICS = {"s", "t", "ll", "re", "ve", "d", "m"}  # "can ’ t", "Comeaux ’ s"
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)/")


class Mention(NamedTuple):
    """One annotated event mention: its character span, line and cross-document instance (or None)."""

    start: int
    end: int
    line: int
    instance: str | None


@dataclass(frozen=True)
class Document:
    """One ECB+ document as an Article, with its gold story and event mentions."""

    name: str
    topic: int
    subtopic: str  # "ecb" or "ecbplus"
    article: Article
    lines: tuple[tuple[int, int], ...]  # character span of each sentence (line) of the text
    actions: tuple[Mention, ...]

    @property
    def story(self) -> str:
        return f"{self.topic}{self.subtopic}"


def _joins(raw: str, prev: str, nxt: str, hyphens: bool) -> bool:
    """Whether a token was written without spaces on either side: "11/30/09", "$30,000", "U.S.",
    "can’t", and where the tokeniser split hyphenated words (``hyphens``) "37-year-old"."""
    digits = prev[-1:].isdigit() and nxt[:1].isdigit()
    if digits and (raw in ("-", "/", ":", ".") or (raw == "," and len(nxt) == 3 and nxt.isdigit())):
        return True
    if raw == "." and len(prev) == 1 and prev.isalpha() and len(nxt) == 1 and nxt.isalpha():
        return True
    if raw == "’":
        return nxt.lower() in _CLITICS
    return hyphens and raw == "-" and (prev[-1:].islower() or prev[-1:].isdigit()) and (
        nxt[:1].islower() or nxt[:1].isdigit())


def _detokenise(tokens: Sequence[str], hyphens: bool) -> tuple[str, list[tuple[int, int]]]:
    """One sentence of tokens as prose, with each token's span in it; ``hyphens``: the tokeniser
    split hyphenated words (ECB+ did, ECB did not)."""
    text, spans, quotes, glue = "", [], 0, False
    for i, raw in enumerate(tokens):
        quote = raw in ("``", "''", '"')
        opening = raw == "``" or (raw == '"' and quotes % 2 == 0)
        quotes += raw == '"'
        token = '"' if quote else raw
        joiner = _joins(raw, tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else "",
                        hyphens)
        if text and not (glue or joiner or raw in _TIGHT_BEFORE or (quote and not opening)):
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
        glue = joiner or raw in _TIGHT_AFTER or (quote and opening)
    return text, spans


def _published(lines: Sequence[str], url: str | None) -> str | None:
    """The first full date on a short line (a dateline) among the four under the title, else the date in
    the URL path. Only ``*ecbplus.xml`` pages have a title and dateline; an ``*ecb.xml`` text starts
    with its lead, whose dates are the event's, so those get none."""
    for line in lines[1:5]:
        if len(line.split()) > 12:
            continue
        for mention in find_day_mentions(line, None):
            if mention.explicit and mention.date is not None:
                return mention.date.isoformat()
    found = _URL_DATE.search(url or "")
    try:
        return date(*(int(g) for g in found.groups())).isoformat() if found else None
    except ValueError:
        return None


def read_document(path: Path) -> Document:
    """One CROMER XML file as a Document (see the module docstring for how the text is rebuilt)."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence") or 0)].append((token.get("t_id") or "", token.text or ""))
    plus = path.name.endswith("ecbplus.xml")
    url: str | None = None
    texts: list[str] = []
    lines: list[tuple[int, int]] = []
    where: dict[str, tuple[int, int, int]] = {}  # t_id -> start, end, line
    offset = 0
    for number in sorted(sentences):
        ids, words = zip(*sentences[number], strict=True)
        if plus and number == 0:
            url = "".join(words)
            continue
        text, spans = _detokenise(words, plus)
        for t_id, (start, end) in zip(ids, spans, strict=True):
            where[t_id] = (offset + start, offset + end, len(lines))
        lines.append((offset, offset + len(text)))
        texts.append(text)
        offset += len(text) + 1
    body = "\n".join(texts)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    topic = int(path.parent.name)
    article = Article(id=path.stem, source=f"ecbplus/{topic}/{path.name}", text=body, content_hash=digest,
                      url=url, title=texts[0] if plus and texts else None,
                      published=_published(texts, url) if plus else None)
    return Document(path.stem, topic, "ecbplus" if plus else "ecb", article, tuple(lines),
                    _actions(root, where))


def _actions(root: ET.Element, where: dict[str, tuple[int, int, int]]) -> tuple[Mention, ...]:
    """ACTION_OCCURRENCE mentions with their CROSS_DOC_COREF instance (None for singletons)."""
    instance: dict[str, str] = {}
    for relation in root.iter("CROSS_DOC_COREF"):
        for source in relation.iter("source"):
            instance[source.get("m_id") or ""] = relation.get("note") or ""
    found: list[Mention] = []
    for markable in root.iter("ACTION_OCCURRENCE"):
        tokens = (anchor.get("t_id") or "" for anchor in markable.iter("token_anchor"))
        anchors = [where[t] for t in tokens if t in where]
        if anchors:
            found.append(Mention(min(a[0] for a in anchors), max(a[1] for a in anchors), anchors[0][2],
                                 instance.get(markable.get("m_id") or "") or None))
    return tuple(sorted(found, key=lambda m: (m.start, m.end)))


def read_topics(data: Path, topics: Iterable[int]) -> list[Document]:
    """Every document of the topics, in topic order, then ecb before ecbplus, then by number."""
    def order(path: Path) -> tuple[bool, int]:
        return path.name.endswith("ecbplus.xml"), int(re.sub(r"\D", "", path.name.split("_")[1]) or 0)

    folders = [data / "ECB+" / str(t) for t in topics]
    return [read_document(p) for folder in folders for p in sorted(folder.glob("*.xml"), key=order)]
