"""Headlines: where one is printed atop the text, and how the parser should read one that is not
(without the outlet's name, in sentence case)."""

from __future__ import annotations

import re

from fogwatch.model import Article


def headline(title: str) -> str:
    """The title without the outlet's name: "Man shot in York | WPMT FOX43", "… - WXYZ 9 News Springfield,
    State News, Weather, Sports" (a tail after a dash in which no word starts in lower case)."""
    head = re.split(r"\s+[|«]\s+", title)[0]
    for dash in reversed(list(re.finditer(r"\s+[-–—]\s+", head))):
        tail = head[dash.end():]
        if tail and not re.search(r"(?:^|\s)[a-z]", tail):
            return head[:dash.start()]
    return head


def sentence_case(title: str) -> str:
    """ "4 Wounded In South LA Shooting" → "4 wounded in south LA shooting": the parser reads capitalised
    words as names, so a headline in title case is lowered, all-capital words kept."""
    words = title.split()
    capitalised = [w for w in words if w[:1].isupper()]
    if not words or len(capitalised) < 0.6 * len(words):
        return title
    return " ".join([words[0], *(w if w.isupper() else w.lower() for w in words[1:])])


def readable_title(title: str | None) -> str:
    """What of a metadata title the parser reads: its headline, in sentence case ("" for none)."""
    return sentence_case(headline(title or "").strip())


def headline_end(article: Article) -> int:
    """Where the headline printed atop the text ends (0 if none): it restates the body's figures."""
    title = re.sub(r"\s+", " ", article.title or "").strip().lower()[:40]
    offset = 0
    for line in article.text.split("\n")[:3]:
        folded = re.sub(r"\s+", " ", line).strip().lower()
        printed = folded.startswith(title) or (title.startswith(folded) and len(folded) >= 20)
        if title and folded and printed:
            return offset + len(line)
        offset += len(line) + 1
    return 0
