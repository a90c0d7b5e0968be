"""Direct speech tied to its speaker: quotations, their continuations, headlines (block quotations
and posts: `block_quotes`).

`attribution` turns parse frames into drafts; this module handles the statements a frame does
not reach: a quotation whose cue the parser left unattached ("“…,” said X"), the second half
of a split quotation, a quoted paragraph that carries on the previous speaker, a quotation
introduced by "X said:" in the paragraph above, "Name: statement" lines, and
the statements a quoted speaker reports inside the quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Token

from fogwatch.extract import cues
from fogwatch.extract.cue_syntax import cue_tokens, source_of
from fogwatch.extract.cues import ORG_WORDS, UNNAMED_NOUNS, words
from fogwatch.extract.entities import PERSON_ROLES, EntityIndex
from fogwatch.extract.excerpts import announced_author
from fogwatch.extract.frames import Frame
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence
from fogwatch.extract.quote_credits import credit_after
from fogwatch.extract.quotes import Quote, paragraphs
from fogwatch.extract.speakers import SourcePhrase, describe_source
from fogwatch.model import AttributionKind, Speaker

_HEADLINE = re.compile(
    r"^(?P<who>(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*)\s*:\s+(?P<what>\S.{8,})$"
)
NOT_SPEAKERS = words(
    """
    update updated note editor watch video photos photo related read breaking exclusive analysis
    opinion live correction source sources transcript warning q a full text abstract
    """
)


@dataclass
class Draft:
    """An attribution being assembled: spans, source words, and what resolves it later."""

    kind: AttributionKind
    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    phrase: SourcePhrase | None = None
    speaker: Speaker | None = None
    frame: Frame | None = None
    cue_token: Token | None = None
    parent: Draft | None = None
    outer: list[SourcePhrase] = field(default_factory=list)
    fixed_date: date | None = None
    quoted: bool = False  # reported inside another speaker's quotation
    speech_act: bool = False  # a speech act mentioned without content: start, end are its mention
    extractor: str | None = None  # set where a draft does not come from the rules (the tagger)

    @property
    def at(self) -> int:
        """Where the attribution is made: its cue, else its content."""
        return self.cue_start if self.cue_start is not None else self.start

    @property
    def root(self) -> Draft:
        """The draft this one continues, or itself."""
        node = self
        while node.parent is not None:
            node = node.parent
        return node


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether two half-open spans share a character."""
    return a0 < b1 and b0 < a1


def _cue_in(
    parsed: ParsedArticle, lo: int, hi: int, frames: list[Frame]
) -> tuple[Token, ParsedSentence] | None:
    """A cue verb between two offsets: from a frame, else any cue verb with a subject there."""
    for frame in frames:
        if lo <= frame.cue_start < hi and frame.source is not None and frame.pattern != "according":
            return frame.cue, frame.sentence
    sentence = parsed.sentence_at(lo) or parsed.sentence_at(max(lo, hi - 1))
    if sentence is None or sentence.doc is None:
        return None
    for tok in sentence.doc:
        at = sentence.start + tok.idx
        is_cue = tok.pos_ in ("VERB", "AUX") and cues.is_cue_lemma(tok.lemma_)
        if lo <= at < hi and is_cue and source_of(tok) is not None:
            return tok, sentence
    return None


def _quote_draft(q: Quote, cue: Token, sentence: ParsedSentence) -> Draft:
    toks = cue_tokens(cue)
    cs = sentence.start + toks[0].idx
    ce = sentence.start + toks[-1].idx + len(toks[-1].text)
    head = source_of(cue)
    phrase = describe_source(sentence, head) if head is not None else None
    return Draft("direct", q.start, q.end, cs, ce, phrase, cue_token=cue)


def _colon_speaker(parsed: ParsedArticle, colon: int) -> tuple[SourcePhrase, int] | None:
    """The named source right before a colon ("... doesn't surprise pollster Daron Shaw:")."""
    sentence = parsed.sentence_at(colon)
    if sentence is None or sentence.doc is None:
        return None
    tok = next((t for t in sentence.doc if sentence.start + t.idx == colon), None)
    if tok is None or tok.i == 0:
        return None
    head = sentence.doc[tok.i - 1]
    while head.dep_ in ("compound", "flat") and head.head.i < tok.i:
        head = head.head
    if head.pos_ == "PROPN" and (
        head.ent_type_ in ("PERSON", "ORG") or head.dep_ in ("pobj", "nsubj", "appos")
    ):
        return describe_source(sentence, head), colon
    # "Trump leaned in and boomed:", "Cruz continued:": the subject of the verb ending the lead
    verb = next((t for t in reversed(sentence.doc[: tok.i]) if t.pos_ == "VERB"), None)
    subject = source_of(verb) if verb is not None and verb.i >= tok.i - 3 else None
    if subject is None or subject.lower_ in cues.FIRST_PERSON or subject.lower_ in ("it", "this", "that"):
        return None
    if subject.pos_ != "PRON" and subject.ent_type_ not in ("PERSON", "ORG"):
        return None
    return describe_source(sentence, subject), colon


def frame_quote(parsed: ParsedArticle, q: Quote, quotes: list[Quote], frames: list[Frame]) -> Draft | None:
    """The cue beside a quotation: after it in its last sentence, before it ending in ':' or ',',
    or ending the paragraph above with ':'."""
    text = parsed.article.text
    if q.is_scare(text):
        return None
    after = parsed.sentence_at(max(q.end - 1, q.start))
    if after is not None and q.close_at is not None:
        nxt = next((o.outer_start for o in quotes if o.outer_start >= q.outer_end), len(text))
        hit = _cue_in(parsed, q.outer_end, min(after.end, nxt), frames)
        if hit is not None:
            return _quote_draft(q, *hit)
    if (credit := credit_after(parsed, q)) is not None:
        phrase, cue_at = credit
        return Draft("direct", q.start, q.end, cue_at, cue_at + 1, phrase)
    before = parsed.sentence_at(q.outer_start)
    if before is None or q.open_at is None:
        return None
    lead_start = before.start
    lead = text[before.start : q.open_at].rstrip()
    if not lead.strip():
        above = [p for p in paragraphs(text) if p[1] <= before.start]
        if above and (announced := announced_author(parsed, above[-1])) is not None:
            phrase, following, at = announced  # "The following is an excerpt from an article by X."
            return Draft("direct", q.start, q.end, at, at + len(following.text), phrase, cue_token=following)
        if not above or not text[above[-1][0] : above[-1][1]].rstrip().endswith(":"):
            return None
        last = parsed.sentence_at(above[-1][1] - 1)
        if last is None:
            return None
        lead_start, lead = last.start, text[last.start : above[-1][1]].rstrip()
    if lead.endswith((":", ",")):
        prev_end = max((o.outer_end for o in quotes if o.outer_end <= q.open_at and o.outer_end > lead_start),
                       default=lead_start)
        hit = _cue_in(parsed, prev_end, lead_start + len(lead), frames)
        if hit is not None:
            return _quote_draft(q, *hit)
        if lead.endswith(":") and (named := _colon_speaker(parsed, lead_start + len(lead) - 1)):
            phrase, colon = named
            return Draft("direct", q.start, q.end, colon, colon + 1, phrase)
    return None


def continue_quotes(
    parsed: ParsedArticle, quotes: list[Quote], drafts: list[Draft], used: set[Quote]
) -> None:
    """Quotations no cue reached: the rest of a split or carried-over quotation, or a quoted
    sentence opening its paragraph right after the same speaker's attribution."""
    text = parsed.article.text
    paras = paragraphs(text)

    def para_index(offset: int) -> int:
        return next((i for i, (s, e) in enumerate(paras) if s <= offset < e), -1)

    by_group: dict[int, Draft] = {}
    for d in drafts:
        for q in quotes:
            if d.kind == "direct" and q.start == d.start:
                by_group.setdefault(q.group, d)
    for q in quotes:
        if q in used or q.is_scare(text):
            continue
        parent = by_group.get(q.group)
        if parent is None:
            sentence = parsed.sentence_at(q.outer_start)
            if sentence is None or text[sentence.start : q.outer_start].strip():
                continue
            here = para_index(q.start)
            earlier = [d for d in drafts if d.end <= q.outer_start and d.kind == "direct"
                       and para_index(max(d.end - 1, d.start)) == here]
            at_para_start = not text[paras[here][0] : q.outer_start].strip()
            last = parsed.sentence_at(paras[here - 1][1] - 1) if here > 0 else None
            if not earlier and at_para_start and last is not None:
                # the attribution that ends the paragraph above
                earlier = [
                    d
                    for d in drafts
                    if d.end <= q.outer_start
                    and d.parent is None
                    and (overlaps(d.start, d.end, last.start, last.end) or last.start <= d.at < last.end)
                ]
            if not earlier and not at_para_start:
                earlier = _reported_just_before(parsed, drafts, sentence)
            if not earlier:
                continue
            parent = max(earlier, key=lambda d: d.end).root
        used.add(q)
        drafts.append(Draft("direct", q.start, q.end, parent.cue_start, parent.cue_end, parent=parent))
        by_group.setdefault(q.group, parent)


def _reported_just_before(
    parsed: ParsedArticle, drafts: list[Draft], sentence: ParsedSentence
) -> list[Draft]:
    """"Chief Ann Roe called the fire a tragedy. “We are heartbroken.”": a quotation opening a
    sentence carries on the statement reported in the sentence before it."""
    before = [s for s in parsed.sentences if s.end <= sentence.start]
    if not before or "\n" in parsed.article.text[before[-1].end : sentence.start]:
        return []
    last = before[-1]
    return [d for d in drafts if d.parent is None and d.cue_start is not None and d.phrase is not None
            and last.start <= d.at < last.end]


def headline_drafts(parsed: ParsedArticle, index: EntityIndex, drafts: list[Draft]) -> list[Draft]:
    """'Trump: I'm the worst thing that happened to the establishment' lines: a known source,
    a colon, and what it said."""
    text = parsed.article.text
    out: list[Draft] = []
    for start, end in paragraphs(text):
        line = text[start:end].rstrip()
        m = _HEADLINE.match(line)
        if m is None or len(line.split()) > 40 or any(overlaps(d.start, d.end, start, end) for d in drafts):
            continue
        who = m.group("who")
        lowered = who.lower()
        if lowered.split()[0] in NOT_SPEAKERS or any(ch in m.group("what")[:1] for ch in "0123456789"):
            continue
        if lowered in cues.UNNAMED_NOUNS:
            phrase = SourcePhrase(start, start + len(who), who, "unnamed", name=who)
        elif index.label(who) in ("PERSON", "ORG"):
            phrase = SourcePhrase(start, start + len(who), who, "name", name=who, label=index.label(who))
        else:
            continue
        what_start = start + m.start("what")
        what_end = start + len(line.rstrip(" ."))
        colon = start + line.index(":", len(who))
        out.append(Draft("direct", what_start, what_end, colon, colon + 1, phrase))
    return out


def quoted_reports(frames: list[Frame], drafts: list[Draft]) -> list[Draft]:
    """Statements a quoted speaker reports inside the quotation ("“The minister told us the border
    would close,” Vos said"): the minister's, carried by Vos. Only a source named or described in
    the words ("the minister", "Ambassadors"); a pronoun inside a quotation points into the
    speaker's own story, which the article does not show."""
    out: list[Draft] = []
    for frame in frames:
        if not _reported_speech_act(frame):
            continue
        holder = next((d for d in drafts if d.kind != "indirect" and d.start <= frame.cue_start < d.end),
                      None)
        carrier = holder.root.phrase if holder is not None else None
        if carrier is None:
            continue
        phrase = describe_source(frame.sentence, frame.source) if frame.source is not None else None
        out.append(Draft("indirect", frame.content_start, frame.content_end, frame.cue_start, frame.cue_end,
                         phrase, frame=frame, cue_token=frame.cue, outer=[carrier], quoted=True))
    return out


_TOLD = frozenset({"say", "tell", "ask", "state", "announce", "report", "write", "warn", "claim", "confirm",
                   "inform", "declare", "insist", "promise", "reply", "note", "add", "stress"})


def _reported_speech_act(frame: Frame) -> bool:
    """A speech act told as past fact ("the minister told us", "ambassadors asked me") by a source
    that is named or is a source word, or in the present by a named source ("the NGOs note"); not a
    belief, a habit or a hypothesis ("people say", "to say", "Millennials believe"), not a pronoun."""
    source, cue = frame.source, frame.cue
    if source is None or frame.content_end <= frame.content_start or cue.lemma_.lower() not in _TOLD:
        return False
    past = cue.tag_ == "VBD" or (cue.tag_ == "VBN" and any(c.lemma_ == "have" for c in cue.children))
    lemma = source.lemma_.lower()
    named = source.pos_ == "PROPN" or source.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
    if cue.tag_ in ("VBZ", "VBP"):
        return named  # "The NGOs note that ...": a named source's standing statement
    return past and (named or lemma in UNNAMED_NOUNS or lemma in ORG_WORDS or lemma in PERSON_ROLES)
