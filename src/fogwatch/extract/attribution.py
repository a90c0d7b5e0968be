"""Attributions: every statement an article gives to a source, with who, how, via whom and when.

Quotations are found first at character level (`quotes`), cues in the parse (`indirect`).
A cue whose content lies inside a quotation makes that quotation direct; one whose content
holds quoted words beside reported ones is mixed; the rest is indirect. Quotations no cue
reached inherit the speaker of the quotation they continue. Embedded posts and block quotations
come from their signature or introducing sentence. Speakers are resolved in text order
(`coref`), relays read around the cue (`relays`), dates beside it (`said_on`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from fogwatch.extract.agencies import clean_agency_name
from fogwatch.extract.block_quotes import block_drafts
from fogwatch.extract.coref import SpeakerResolver
from fogwatch.extract.credits import Credits, article_credits
from fogwatch.extract.dates import DayMention
from fogwatch.extract.direct import (
    Draft,
    continue_quotes,
    frame_quote,
    headline_drafts,
    overlaps,
    quoted_reports,
)
from fogwatch.extract.entities import EntityIndex
from fogwatch.extract.frames import Frame
from fogwatch.extract.hearsay import hearsay_frames
from fogwatch.extract.indirect import find_frames
from fogwatch.extract.merging import drop_duplicates, fold_outer_reports, fold_trailing_relays, sourceless
from fogwatch.extract.names import canonical_key, clean_name, looks_like_org, org_words
from fogwatch.extract.nested import nested_drafts
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence
from fogwatch.extract.quotes import Quote, find_blocks, find_posts, find_quotes
from fogwatch.extract.relays import dedupe, is_own_outlet, relays_around
from fogwatch.extract.said_on import Dater
from fogwatch.extract.speakers import SourcePhrase, describe_source
from fogwatch.extract.tagger import tagged_drafts
from fogwatch.model import Article, Attribution, AttributionKind, Speaker, SpeechAct

EXTRACTOR = "fogwatch.attribution.v1"


@dataclass(frozen=True)
class Relation:
    """An attribution with every span an evaluation needs, the source words included."""

    kind: AttributionKind
    start: int
    end: int
    speaker: Speaker | None
    cue_start: int | None = None
    cue_end: int | None = None
    source_start: int | None = None
    source_end: int | None = None
    via: tuple[str, ...] = ()
    said_on: str | None = None
    said_on_text: str | None = None
    date_flags: tuple[str, ...] = ()
    speech_act: bool = False  # a speech act without content (`nested`): start, end are its mention
    extractor: str = EXTRACTOR


def _phrase(sentence: ParsedSentence, head: Token | None) -> SourcePhrase | None:
    """The source words headed by a token, if there is one."""
    return describe_source(sentence, head) if head is not None else None


def _draft_from_frame(frame: Frame, quotes: list[Quote], used: set[Quote], text: str) -> Draft:
    """A frame's draft: direct when its content lies in one quotation, mixed when it holds quoted
    words beside its own, indirect otherwise; the quotations it covers are used up."""
    start, end = frame.content_start, frame.content_end
    phrase = _phrase(frame.sentence, frame.source)
    if frame.unnamed:
        phrase, unnamed = None, Speaker(None, "unnamed")
    else:
        unnamed = None
    hits = [q for q in quotes if overlaps(q.outer_start, q.outer_end, start, end)]
    holder = next((q for q in hits if q.outer_start <= start and end <= q.outer_end + 1), None)
    if holder is not None:
        used.add(holder)
        return Draft("direct", holder.start, holder.end, frame.cue_start, frame.cue_end, phrase,
                     speaker=unnamed, frame=frame, cue_token=frame.cue)
    kind: AttributionKind = "indirect"
    for q in hits:
        used.add(q)
        start, end = min(start, q.outer_start), max(end, q.outer_end)
        if not q.is_scare(text):
            kind = "mixed"
    return Draft(kind, start, end, frame.cue_start, frame.cue_end, phrase, speaker=unnamed, frame=frame,
                 cue_token=frame.cue)


def extract_relations(parsed: ParsedArticle, learned_cues: bool = False) -> list[Relation]:
    """Every attribution of an article with its source, cue and content spans, in text order;
    relations whose source could not be named carry speaker None. With `learned_cues`, the
    tagger adds what the rules missed."""
    text = parsed.article.text
    quotes = find_quotes(text)
    posts = find_posts(text)
    every = [f for s in parsed.sentences for f in (*find_frames(s), *hearsay_frames(s))
             if not any(p.start <= f.cue_start < max(p.end, p.signature_end) for p in posts)]
    quoted = [f for f in every
              if any(q.start <= f.cue_start < q.end and not q.is_scare(text) for q in quotes)]
    frames = [f for f in every if f not in quoted]
    used: set[Quote] = {q for q in quotes for p in posts if p.start <= q.start < p.end}
    drafts = fold_trailing_relays([_draft_from_frame(f, quotes, used, text) for f in frames], text)
    for q in quotes:
        if q not in used and q.close_at is not None and (d := frame_quote(parsed, q, quotes, frames)):
            used.add(q)
            drafts.append(d)
    drafts = drop_duplicates(drafts)
    continue_quotes(parsed, quotes, drafts, used)
    drafts.extend(quoted_reports(quoted, drafts))
    for p in posts:
        kind = "organization" if looks_like_org(p.author) else "person"
        author = clean_agency_name(p.author) if kind == "organization" else clean_name(p.author)
        drafts.append(
            Draft(
                "direct",
                p.start,
                p.end,
                p.signature_start,
                p.signature_end,
                speaker=Speaker(author, kind, mention=p.author),
                fixed_date=p.posted,
            )
        )
    blocks = find_blocks(text, [(s.start, s.end) for s in parsed.sentences])
    drafts.extend(block_drafts(parsed, blocks, drafts))
    index = EntityIndex(parsed)
    drafts.extend(headline_drafts(parsed, index, drafts))
    if learned_cues:
        drafts.extend(tagged_drafts(parsed, drafts))  # after every rule: it takes only what they left
    drafts = fold_outer_reports(drafts)
    return _finish(parsed, [*drafts, *nested_drafts(parsed, drafts)], index)


def _speech_events(parsed: ParsedArticle, drafts: list[Draft], resolver: SpeakerResolver, dater: Dater,
                   spelled: dict[frozenset[str], str]) -> None:
    """Sentences that date an appearance without reporting content ("X gave a briefing on Saturday");
    a spokesperson's appearance ("X, the ministry's spokesperson, gave the figure on Friday") also
    dates the ministry, through the voice it records."""
    for sentence in parsed.sentences:
        if sentence.doc is None or any(
            overlaps(d.start, d.end, sentence.start, sentence.end) for d in drafts
        ):
            continue
        root = next((t for t in sentence.doc if t.dep_ == "ROOT"), None)
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
        if subject is None:
            continue
        at = sentence.start + subject.idx
        speaker = resolver.resolve(describe_source(sentence, subject), at)
        if speaker is None or not speaker.name:
            continue
        dater.add_event(canonical_key(speaker.name), (sentence.start, sentence.end), parsed.article.text)
        _record_voice(subject, sentence, speaker, at, resolver, dater, spelled)


def _spokespeople(drafts: list[Draft], speakers: dict[int, Speaker | None], resolver: SpeakerResolver,
                  dater: Dater, spelled: dict[frozenset[str], str]) -> None:
    """Speakers introduced as an organisation's spokesperson ("X, spokesperson for the Ministry of
    Defence, told a briefing"), so the ministry's dated statement dates theirs and the other way."""
    for d in drafts:
        speaker = speakers.get(id(d))
        if d.frame is not None and d.frame.source is not None and speaker is not None and speaker.name:
            _record_voice(d.frame.source, d.frame.sentence, speaker, d.at, resolver, dater, spelled)


def _record_voice(subject: Token, sentence: ParsedSentence, speaker: Speaker, at: int,
                  resolver: SpeakerResolver, dater: Dater, spelled: dict[frozenset[str], str]) -> None:
    """Tell the dater which organisation a speaker is the spokesperson of, under the name the article's
    own statements give that organisation ("Ministry of Defence" = "defence ministry")."""
    for org in _spoken_for(subject):
        body = resolver.resolve(describe_source(sentence, org), at)
        if body is not None and body.name and body.type == "organization":
            name = spelled.get(org_words(body.name), body.name)
            dater.speaks_for(canonical_key(speaker.name or ""), canonical_key(name))


def _spoken_for(subject: Token) -> list[Token]:
    """The organisations a subject is the spokesperson of, from its apposition ("the ministry's
    spokesperson", "a spokeswoman for the ministry")."""
    found = []
    for appos in (c for c in subject.children if c.dep_ == "appos"):
        if not appos.lemma_.lower().startswith("spokes"):
            continue
        for child in appos.children:
            if child.dep_ == "poss":
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ == "for":
                found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def _dates_cue(sentence: ParsedSentence | None, cue: Token | None, day: DayMention) -> bool:
    """Whether a day in the cue's sentence dates this cue and not another verb of the sentence ("The
    ministry on Friday rejected a claim by Kestria that ...": Friday is the rejection's day, not the
    claim's). The day's words climb the parse to the first verb; it must be the cue."""
    if sentence is None or sentence.doc is None or cue is None:
        return True
    token = next((t for t in sentence.doc if sentence.start + t.idx >= day.start), None)
    for _ in range(12):
        if token is None or token.i == cue.i:
            return True
        if token.pos_ in ("VERB", "AUX") and token.i != token.head.i:
            return False
        if token.head.i == token.i:
            return token.i == cue.i or cue.pos_ in ("VERB", "AUX")
        token = token.head
    return True


def _finish(parsed: ParsedArticle, drafts: list[Draft], index: EntityIndex) -> list[Relation]:
    """Speakers in text order, then relays and dates, into relations."""
    article = parsed.article
    resolver = SpeakerResolver(index)
    dater = Dater(article)
    speakers: dict[int, Speaker | None] = {}
    for d in sorted((d for d in drafts if d.parent is None), key=lambda d: d.at):
        speaker = d.speaker or resolver.resolve(d.phrase, d.at)
        speakers[id(d)] = speaker
        if not sourceless(speaker) and not d.quoted:  # one reported inside a quotation is not in focus
            resolver.remember(d.at, speaker)
    spelled = {org_words(s.name): s.name for s in speakers.values() if s is not None and s.name}
    _speech_events(parsed, drafts, resolver, dater, spelled)
    _spokespeople(drafts, speakers, resolver, dater, spelled)
    ordered = sorted(drafts, key=lambda d: (d.start, d.end))
    keys: list[str | None] = []
    owns: list[DayMention | None] = []
    for d in ordered:
        speaker = speakers.get(id(d.root))
        keys.append(canonical_key(speaker.name) if speaker is not None and speaker.name else None)
        sentence = parsed.sentence_at(d.at)
        span = (sentence.start, sentence.end) if sentence is not None else (d.start, d.end)
        own = None
        if d.cue_start is not None and d.parent is None and not d.speech_act:  # an act dates nothing
            own = dater.own_mention(span, (d.start, d.end), d.cue_start)
            if own is not None and not _dates_cue(sentence, d.cue_token, own):
                own = None
        owns.append(own)
        dater.note_own(keys[-1], own)
    relations: list[Relation] = []
    credits = article_credits(article)  # once per article: the agencies its credit lines name
    last: tuple[str | None, list[str], int] = (None, [], 0)  # speaker, relays named, where
    for d, key, own in zip(ordered, keys, owns, strict=True):
        root = d.root
        speaker = speakers.get(id(root))
        named = _named_relays(root, resolver, article, speaker)
        if not named and key is not None and key == last[0] and "\n" not in article.text[last[2]:d.start]:
            named = last[1]  # "..., X said, according to R. X put ...": R named a sentence before
        if (named or key != last[0]) and not d.speech_act:
            last = (key, named, d.end)
        via = _with_credits(named, d, credits, speaker)
        dated = dater.date(key, own, root.fixed_date, d.at)
        source = _source_span(article.text, root.phrase, d)
        relations.append(Relation(
            d.kind, d.start, d.end, speaker, d.cue_start, d.cue_end,
            source[0] if source else None, source[1] if source else None, tuple(via),
            dated.said_on, dated.said_on_text, dated.flags, d.speech_act, root.extractor or EXTRACTOR,
        ))
    return relations


def _source_span(text: str, phrase: SourcePhrase | None, d: Draft) -> tuple[int, int] | None:
    """The source words' offsets, cut where the cue or the content begins: a misparse can hang the
    clause on the subject ("A union representing pilots endorsed her, a union spokesperson said")."""
    if phrase is None:
        return None
    start, end = phrase.start, phrase.end
    for stop in (d.cue_start, d.start):
        if stop is not None and start < stop < end:
            end = stop
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return (start, end) if end > start else None


def _named_relays(d: Draft, resolver: SpeakerResolver, article: Article,
                  speaker: Speaker | None) -> list[str]:
    """Relays named around the cue, then the carriers it names and the reports and block quotations
    it sits in; never the speaker itself ("Trump said he believes ...")."""
    names: list[str] = []
    if d.cue_token is not None:
        head = d.frame.source if d.frame is not None else None
        names.extend(relays_around(d.cue_token, article, speaker_head=head))
    carried = [describe_source(d.frame.sentence, c) for c in d.frame.carriers] if d.frame is not None else []
    for phrase in [*carried, *d.outer]:
        carrier = resolver.resolve(phrase, phrase.start)
        name = carrier.name or carrier.mention if carrier is not None else None
        if name and not is_own_outlet(name, article):
            names.append(name)
    own = canonical_key(speaker.name) if speaker is not None and speaker.name else None
    return dedupe(n for n in names if canonical_key(n) != own)


def _with_credits(named: list[str], d: Draft, credits: Credits, speaker: Speaker | None) -> list[str]:
    """The relays named in the text, then the agencies the article credits (see `credits`)."""
    names = list(named)
    if d.start >= credits.starts:
        names.extend(credits.story)  # another outlet running the agency's story: the agency is the last relay
    if not names:
        names.extend(credits.contributors)
    own = canonical_key(speaker.name) if speaker is not None and speaker.name else None
    return dedupe(n for n in names if canonical_key(n) != own)


def extract_attributions(parsed: ParsedArticle, learned_cues: bool = False) -> list[Attribution]:
    """The attributions of one parsed article, ids f"{article}-a{n}" in text order."""
    return extract_speech(parsed, learned_cues)[0]


def extract_speech(parsed: ParsedArticle,
                   learned_cues: bool = False) -> tuple[list[Attribution], list[SpeechAct]]:
    """The attributions of one parsed article (ids f"{article}-a{n}") and the speech acts it
    mentions without content (ids f"{article}-s{n}"), each in text order."""
    article = parsed.article
    out: list[Attribution] = []
    acts: list[SpeechAct] = []
    for rel in extract_relations(parsed, learned_cues):
        if rel.speaker is None or rel.end <= rel.start:
            continue
        cue = article.text[rel.cue_start : rel.cue_end] if rel.cue_start is not None else None
        if rel.speech_act and cue is not None and rel.cue_start is not None and rel.cue_end is not None:
            own = rel.speaker.name or rel.speaker.mention  # an unnamed speaker's words are no relay either
            acts.append(SpeechAct(
                id=f"{article.id}-s{len(acts) + 1}", article=article.id,
                text=article.text[rel.start : rel.end], start=rel.start, end=rel.end, speaker=rel.speaker,
                cue=cue, cue_start=rel.cue_start, cue_end=rel.cue_end, extractor=EXTRACTOR,
                via=tuple(v for v in rel.via if v != own), source_start=rel.source_start,
                source_end=rel.source_end,
            ))
            continue
        out.append(Attribution(
            id=f"{article.id}-a{len(out) + 1}", article=article.id, kind=rel.kind,
            text=article.text[rel.start : rel.end], start=rel.start, end=rel.end, speaker=rel.speaker,
            cue=cue, cue_start=rel.cue_start, cue_end=rel.cue_end, via=rel.via, said_on=rel.said_on,
            said_on_text=rel.said_on_text, date_flags=rel.date_flags, extractor=rel.extractor,
            source_start=rel.source_start, source_end=rel.source_end,
        ))
    return out, acts
