"""Who gave a figure: the attribution around it, beside it, or one that refers back to it.

Most figures sit inside an attribution's content ("police said two people were wounded") and
take its speaker and relays. Three other shapes are common in news and are read here:
- the figure shares a sentence with a cue but stands outside its content: it is sourced unless it
  stands in the speaker's own words or in a clause before the cue ("a host of the party where five
  people were shot said ...");
- the source owns the count in the figure's sentence ("by the army's estimate", "according to a
  statement from the army"): it names an unnamed source and keeps that attribution's relays;
- one of the next two sentences refers back to it and adds nothing countable ("This was confirmed
  by X.", "The figure came from X.", "X confirmed the toll.", "According to X."); "this" reaches
  only the sentence before, "the toll" one further.
A figure the writer states with no such cue stays the article's own (None): news leaves many
plain facts unattributed, and a wrong source costs more than a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from fogwatch.extract.coref import SpeakerResolver
from fogwatch.extract.credits import article_credits
from fogwatch.extract.dates import find_day_mentions
from fogwatch.extract.entities import EntityIndex
from fogwatch.extract.names import TITLES
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence, full_pipeline
from fogwatch.extract.numbers import find_numbers
from fogwatch.extract.relays import dedupe, relays_around
from fogwatch.extract.speakers import describe_source
from fogwatch.model import Attribution

# What a later sentence calls a figure it sources: "this", "the toll", "the figures".
_BACK_WORDS = frozenset(
    {"this", "that", "these", "those", "it", "figure", "toll", "count", "number", "tally",
     "estimate", "total", "casualty", "death", "data", "statistic", "numbers"}
)
# Nouns whose owner is the source of the numbers they hold: "by the army's estimate", "according to
# a statement from the army".
_COUNT_NOUNS = frozenset(
    {"estimate", "count", "tally", "figure", "data", "statistic", "calculation", "assessment",
     "statement", "report", "bulletin", "update", "briefing"}
)
# Words without which a sentence cannot name an owner or refer back: no parse is spent on it.
_OWNER_WORDS = re.compile(r"\b(?:" + "|".join(sorted(_COUNT_NOUNS)) + r")", re.I)
_BACK_CUES = re.compile(
    r"\b(?:according|confirm|gave|give|provid|releas|report|announc|publish|issu|compil|verif|suppl|cit|put"
    r"|shar|disclos|corroborat|came|come|originat)|" + _OWNER_WORDS.pattern,
    re.I,
)
# Abbreviated ranks that end a sentence too early: "said Det.", "according to Ofc."
# Verbs by which a source stands behind a figure given before.
_CONFIRM_VERBS = frozenset(
    {"confirm", "give", "provide", "release", "report", "announce", "publish", "issue", "compile",
     "verify", "supply", "cite", "put", "share", "disclose", "corroborate"}
)


def _outside_speaker_words(attribution: Attribution, start: int, end: int) -> bool:
    """Whether a figure outside an attribution's content may still be what the speaker said: not
    before a cue whose content follows it ("Three people were shot, and police said the suspect
    fled", "a host of the party where five were shot said"), nor between the content and a cue
    that trails it (", the mother of two victims said"); a clause after the cue continues it
    ("..., the governor said, and 30 were wounded")."""
    if attribution.cue_start is None or attribution.cue_end is None:
        return True
    if attribution.start >= attribution.cue_end:
        return start >= attribution.cue_end
    if attribution.end <= attribution.cue_start:
        return not (attribution.end <= start and end <= attribution.cue_start)
    return True


def _doc_of(sentence: ParsedSentence) -> Doc:
    """The sentence's parse, parsed here when the selector skipped it."""
    return sentence.doc if sentence.doc is not None else full_pipeline()(sentence.text)


def _cut_at_a_title(sentence: ParsedSentence) -> bool:
    """A sentence the splitter ended at an abbreviated title ("According to Lt."): its source is
    in the next one, and it is no sentence of its own."""
    last = re.search(r"\b([A-Z][a-z]{0,4})\.\s*$", sentence.text)
    return last is not None and (last.group(1).lower() in TITLES)


def _is_title(token: Token) -> bool:
    return token.lower_.rstrip(".") in TITLES and token.text[:1].isupper()


def _counts_nothing(sentence: ParsedSentence) -> bool:
    """No number in the sentence but those of dates: it adds nothing countable of its own."""
    days = find_day_mentions(sentence.text, None)
    return all(any(d.start < n.end and n.start < d.end for d in days) for n in find_numbers(sentence.text))


def _refers_back(token: Token) -> bool:
    """"this", "the toll", or anything pointed back at: "this information", "these numbers"."""
    if token.lemma_.lower() in _BACK_WORDS or token.lower_ in _BACK_WORDS:
        return True
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those") for c in token.children)


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _owner_of_count(tokens: Iterable[Token]) -> tuple[Token, Token] | None:
    """(owner, count noun) of "the army's estimate", "a statement from the army", "data by Kyiv"."""
    for token in tokens:
        if token.lemma_.lower() not in _COUNT_NOUNS or token.pos_ != "NOUN":
            continue
        for child in token.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                return child, token
            if child.dep_ == "prep" and child.lower_ in ("from", "by") and (obj := _pobj(child)) is not None:
                return obj, token
    return None


def _back_reference(doc: Doc) -> tuple[Token, Token, bool] | None:
    """(source head, verb, whether the figure is named by a noun) of a sentence that only says who
    gave the figure before it; "the toll" may reach past a sentence, "this" only the one before."""
    root = next((t for t in doc if t.head.i == t.i), None)
    if root is None:
        return None
    fragment = doc.text.rstrip().endswith(".") and all(
        t.is_punct or t.i == root.i or root in t.ancestors for t in doc)
    if root.lower_ == "according" and fragment:  # a bare "According to the governor."
        to = next((c for c in root.children if c.lower_ == "to"), None)
        obj = _pobj(to) if to is not None else None
        return (obj, root, False) if obj is not None else None
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in verb.children):
            continue  # "Police have not released the figures" stands behind nothing
        lemma = verb.lemma_.lower()
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        back = [s for s in subjects if _refers_back(s)]
        by_noun = any(s.pos_ == "NOUN" for s in back)
        if back and lemma in _CONFIRM_VERBS:
            for agent in (c for c in verb.children if c.dep_ == "agent"):  # "This was confirmed by X"
                if (obj := _pobj(agent)) is not None:
                    return obj, verb, by_noun
        if back and lemma in ("come", "originate"):  # "The figure came from X"
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"):
                if (obj := _pobj(prep)) is not None:
                    return obj, verb, by_noun
        if back and lemma == "be":  # "That is the army's estimate", "That was by X's count"
            owned = _owner_of_count(t for t in verb.subtree if t.i > verb.i)
            if owned is not None:
                return owned[0], verb, by_noun
        objects = [c for c in verb.children if c.dep_ == "dobj" and _refers_back(c)]
        if lemma in _CONFIRM_VERBS and subjects and objects:
            return subjects[0], verb, any(o.pos_ == "NOUN" for o in objects)  # "X confirmed the toll"
    return None


def _resolved(
    parsed: ParsedArticle, attributions: Sequence[Attribution], sentence: ParsedSentence, head: Token,
    verb: Token,
) -> Attribution | None:
    """An attribution for a source the attribution extractor did not see, named by `head`."""
    if _is_title(head):  # "Sgt. Ryan Hoxmeier" parsed with the rank as head: the name follows it
        names = [t for t in head.doc[head.i + 1 : head.i + 5] if t.pos_ == "PROPN" or t.is_punct]
        while names and names[-1].is_punct:
            names.pop()
        if not names:
            return None
        head = names[-1]
    parsed_sentence = ParsedSentence(sentence.start, sentence.end, sentence.text, head.doc)
    phrase = describe_source(parsed_sentence, head)
    resolver = SpeakerResolver(EntityIndex(parsed))
    for known in sorted(attributions, key=lambda a: a.start):
        resolver.remember(known.start, known.speaker)
    speaker = resolver.resolve(phrase, phrase.start)
    if speaker is None:
        return None
    article = parsed.article
    via = relays_around(verb, article, speaker_head=head)
    credits = article_credits(article)  # the article's wire credit is the last relay, as for attributions
    if sentence.start >= credits.starts:
        via.extend(credits.story)
    if not via:
        via.extend(credits.contributors)
    return Attribution(
        id="", article=article.id, kind="indirect", text=sentence.text, start=sentence.start,
        end=sentence.end, speaker=speaker, cue=verb.text, cue_start=sentence.start + verb.idx,
        cue_end=sentence.start + verb.idx + len(verb), via=tuple(dedupe(via)),
    )


def _following(parsed: ParsedArticle, sentence: ParsedSentence, count: int) -> list[ParsedSentence]:
    index = next((i for i, s in enumerate(parsed.sentences) if s.start == sentence.start), None)
    return [] if index is None else parsed.sentences[index + 1 : index + 1 + count]


def _confirmed_later(
    parsed: ParsedArticle, attributions: Sequence[Attribution], sentence: ParsedSentence
) -> Attribution | None:
    """The source that one of the next two sentences credits with the figures before it, where the
    sentences between add nothing countable."""
    for distance, following in enumerate(_following(parsed, sentence, 2)):
        if not _counts_nothing(following) or _cut_at_a_title(following):
            return None
        found = _back_reference(_doc_of(following)) if _BACK_CUES.search(following.text) else None
        if found is None:
            continue
        head, verb, by_noun = found
        if distance and not by_noun:
            return None
        at = following.start + head.idx
        for attribution in attributions:
            outside = not attribution.start <= at < attribution.end  # the source named, not in the content
            if following.start <= attribution.start < following.end and attribution.speaker.name and outside:
                return attribution  # the attribution extractor read the same cue
        return _resolved(parsed, attributions, following, head, verb)
    return None


def _owner_source(
    parsed: ParsedArticle, attributions: Sequence[Attribution], sentence: ParsedSentence, start: int, end: int
) -> Attribution | None:
    """"By the army's estimate, 60 soldiers were killed": the owner of the count gave it."""
    if not _OWNER_WORDS.search(sentence.text):
        return None
    doc = _doc_of(sentence)
    figure = range(start - sentence.start, end - sentence.start)
    owned = _owner_of_count(t for t in doc if t.idx not in figure)
    if owned is None:
        return None
    owner, noun = owned
    return _resolved(parsed, attributions, sentence, owner, noun)


def attribution_for(
    parsed: ParsedArticle, attributions: Sequence[Attribution], start: int, end: int
) -> Attribution | None:
    """The attribution that sources the figure at article offsets [start, end), or None when the
    article states it on its own. Synthesised attributions (a back-reference the attribution
    extractor did not read) have an empty id."""
    containing = [a for a in attributions if a.start <= start and end <= a.end]
    if containing:
        found = min(containing, key=lambda a: a.end - a.start)
    else:
        overlap = [a for a in attributions if a.start < end and start < a.end]
        found = max(overlap, key=lambda a: min(a.end, end) - max(a.start, start)) if overlap else None
    sentence = parsed.sentence_at(start)
    if sentence is None:
        return found
    if found is None:
        shared = [a for a in attributions if a.start < sentence.end and sentence.start < a.end
                  and _outside_speaker_words(a, start, end)]
        found = min(shared, key=lambda a: abs(a.start - start)) if shared else None
    if found is not None and found.speaker.name:
        return found
    better = _owner_source(parsed, attributions, sentence, start, end) \
        or _confirmed_later(parsed, attributions, sentence)
    if better is None or not (better.speaker.name or found is None):
        return found
    if found is not None and not better.id:
        # the unnamed attribution keeps its words, date and relays; only its source gets a name
        return replace(found, speaker=better.speaker, via=tuple(dedupe([*better.via, *found.via])))
    return better
