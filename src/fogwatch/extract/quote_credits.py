"""Quotations credited by a name alone, the way local news prints a statement without a verb.

'“Our town will stand together” — Mayor Ann Roe' or '"The child is safe," Lt. Ann Roe.' closes a
paragraph with the source's name: no cue verb for the parse to find, yet the name is the speaker.
"""

from __future__ import annotations

import re

from fogwatch.extract.nlp import ParsedArticle
from fogwatch.extract.quotes import Quote
from fogwatch.extract.speakers import SourcePhrase, describe_source

_CREDIT = re.compile(
    r"(?P<dash>\s*(?:[—–]|--?))?\s*(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,5})"
    r"(?:,(?P<rest>[^\n,]{1,60}))?[\s.]*$"
)


def credit_after(parsed: ParsedArticle, q: Quote) -> tuple[SourcePhrase, int] | None:
    """A quotation credited by a name alone closing its paragraph: '“...” — Mayor Ann Roe',
    '"...," Lt. Ann Roe.', '“...” — Ann Roe, mayor': no verb, the name is the source. Gives the
    source words and where the credit's dash (or the closing mark) stands in for a cue."""
    text = parsed.article.text
    end = text.find("\n", q.outer_end)
    end = len(text) if end < 0 else end
    m = _CREDIT.match(text, q.outer_end, end)
    if m is None or not (m.group("dash") or text[q.start : q.end].rstrip().endswith(",")):
        return None
    if m.group("rest") and len(m.group("rest").split()) > 6:
        return None
    last = m.start("who") + len(m.group("who").rstrip(".")) - 1
    sentence = parsed.sentence_at(last)
    if sentence is None or sentence.doc is None:
        return None
    head = next((t for t in sentence.doc if sentence.start + t.idx <= last < sentence.start + t.idx + len(t)),
                None)
    if head is None or head.pos_ != "PROPN":
        return None
    while head.dep_ in ("compound", "flat") and m.start("who") <= sentence.start + head.head.idx <= last:
        head = head.head
    phrase = describe_source(sentence, head)
    cue_at = m.start("dash") + len(m.group("dash")) - 1 if m.group("dash") else q.outer_end - 1
    return phrase, cue_at
