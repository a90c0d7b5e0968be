"""Who speaks for whom: a spokesperson and the organisation they speak for are one origin.

"The defence ministry said 1,200" and "ministry spokesperson Colonel Halvanenko said 1,200" report
one voice, not two independent sources. The affiliation comes from extraction where it filled
``Speaker.role`` and ``Speaker.organization``, and from the corpus text itself: a sentence that names
a known person next to a spokesperson word and a known organisation ("Colonel X, spokesperson for
the Kestrian Ministry of Defence", "Tarvanian defence ministry spokeswoman Major Y") is a vote.
Only spokesperson roles merge, and the ranks a police or sheriff's department sends to brief the press
("Lt. X with the Dayton Police", "Off. Y of the Dayton Police Department"); a governor, a chief or an
analyst speaks for themselves.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

from fogwatch.extract.names import RANK_ABBREVIATIONS, SPELLING
from fogwatch.link.origins import CONNECTORS, OriginIndex, build_origin_index, corpus_names, fold
from fogwatch.model import Article, ArticleClaims


def _starting(*words: str) -> str:
    """A lookahead for the letters the words start with: a scan tries the alternation after it only
    where one stands, which halves the time over a corpus."""
    return f"(?=[{''.join(sorted({w[0] for w in words}))}])"


SPOKES = re.compile(rf"{_starting('spokes', 'press', 'mouthpiece')}"
                    r"\b(spokes(?:person|man|woman|people)|press (?:secretary|officer)|mouthpiece)\b", re.I)
# Ranks of officers who brief for their department; the department must be named beside them.
_BRIEFING_RANKS = ("Lt", "Sgt", "Det", "Off", "Ofc", "Cpl", "Tpr", "Dep")
_BRIEFING_TITLES = ("Lieutenant", "Sergeant", "Detective", "Officer", "Deputy", "Corporal", "Trooper")
RANKS = re.compile(rf"{_starting(*_BRIEFING_RANKS, *_BRIEFING_TITLES)}"
                   rf"(?:\b(?:{'|'.join(_BRIEFING_RANKS)})\.|\b(?:{'|'.join(_BRIEFING_TITLES)})\s+[A-Z])")
_RANK_WORDS = frozenset(w.lower() for w in (*_BRIEFING_RANKS, *_BRIEFING_TITLES))
_AGENCY_WORDS = frozenset({"police", "sheriff", "patrol", "safety", "trooper", "troopers"})
_SENTENCE = re.compile(  # a rank's or title's full stop ends no sentence: "Lt. Ann Roe"
    rf"(?:\b(?:{'|'.join(RANK_ABBREVIATIONS)}|Gen|Mr|Mrs|Ms|Dr|St)\.|[^.!?\n])+[.!?]*")
_NEWLINE = re.compile(r"\n")
# Words without which neither pattern can match: a substring test skips the regex scan of most texts.
_SPOKES_WORDS = ("spokes", "press secretary", "press officer", "mouthpiece")  # looked for case-folded
_RANK_NEEDS = (*(f"{rank}." for rank in _BRIEFING_RANKS), *_BRIEFING_TITLES)
NEAR = 8  # tokens between the spokesperson word and the names it ties together


def name_words(text: str) -> list[str]:
    """Folded word tokens with "'s" dropped and spelling variants unified, for matching names in text."""
    return [SPELLING.get(w, w) for w in re.findall(r"[a-z0-9]+", fold(text)) if w != "s"]


def content_words(name: str) -> tuple[str, ...]:
    """The words of a name that must appear for a mention: "Ministry of Defence" -> (ministry, defence);
    "Dayton Police Department" -> (dayton, police), since news writes "the Dayton Police" as often."""
    words = tuple(w for w in name_words(name) if w not in CONNECTORS)
    if len(words) >= 3 and words[-1] in ("department", "office") and words[-2] in ("police", "sheriff"):
        return words[:-1]
    return words


def org_span(tokens: list[str], content: tuple[str, ...]) -> tuple[int, int] | None:
    """The shortest run of tokens holding every content word of an organisation's name."""
    if not content or not set(content) <= set(tokens):
        return None
    best: tuple[int, int] | None = None
    for start, token in enumerate(tokens):
        if token not in content:
            continue
        needed = set(content)
        for end in range(start, min(len(tokens), start + len(content) + 4)):
            needed.discard(tokens[end])
            if not needed:
                if best is None or end - start < best[1] - best[0]:
                    best = (start, end)
                break
    return best


def _distance(span: tuple[int, int], at: int) -> int:
    return 0 if span[0] <= at <= span[1] else min(abs(at - span[0]), abs(at - span[1]))


def _text_votes(articles: Iterable[Article], index: OriginIndex) -> tuple[Counter[tuple[str, str]], set[str]]:
    """Votes (person, organisation) from sentences tying them together, and the people a spokesperson
    word (not only a rank) ties to theirs."""
    people: dict[str, str] = {}
    orgs: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)  # first content word -> names
    for key, spellings in index.spellings.items():
        for spelling in spellings:
            if index.kind(key) == "person":
                words = name_words(spelling)
                if words and len(words[-1]) >= 3:
                    people[words[-1]] = key
            elif len(content := content_words(spelling)) >= 2:
                orgs[content[0]].append((key, content))
    votes: Counter[tuple[str, str]] = Counter()
    spokespeople: set[str] = set()
    for article in articles:
        for sentence in _cued_sentences(article.text):
            spokes, ranked = SPOKES.search(sentence), RANKS.search(sentence)
            if not (spokes or ranked):
                continue
            tokens = name_words(sentence)
            anchors = [i for i, t in enumerate(tokens) if t.startswith("spokes")
                       or (t in ("secretary", "officer") and i > 0 and tokens[i - 1] == "press")]
            candidates = {c for t in set(tokens) for c in orgs.get(t, ())}
            if ranked:
                anchors += [i for i, t in enumerate(tokens) if t in _RANK_WORDS]
                if not spokes:
                    candidates = {c for c in candidates if set(c[1]) & _AGENCY_WORDS}
            for at in anchors:
                person = _nearest_person(tokens, at, people)
                org = _nearest_org(tokens, at, candidates)
                if person and org:
                    votes[(person, org)] += 1
                    if tokens[at] not in _RANK_WORDS:
                        spokespeople.add(person)
    return votes, spokespeople


def _cued_sentences(text: str) -> Iterator[str]:
    """The sentences of the lines a spokesperson or rank word touches, in text order: no sentence
    crosses a line, so the others need no splitting."""
    folded = text.casefold()
    searched = ((SPOKES, _SPOKES_WORDS, folded), (RANKS, _RANK_NEEDS, text))
    patterns = [pattern for pattern, needs, where in searched if any(need in where for need in needs)]
    cues = [match.span() for pattern in patterns for match in pattern.finditer(text)]
    if not cues:
        return
    line_starts = [0, *(newline.end() for newline in _NEWLINE.finditer(text))]
    touched: set[int] = set()
    for start, end in cues:  # a title and its name may sit on two lines
        first = bisect.bisect_right(line_starts, start) - 1
        touched.update(range(first, bisect.bisect_right(line_starts, max(start, end - 1))))
    for line in sorted(touched):
        end = line_starts[line + 1] - 1 if line + 1 < len(line_starts) else len(text)
        yield from (match.group(0) for match in _SENTENCE.finditer(text, line_starts[line], end))


def _nearest_person(tokens: list[str], at: int, people: dict[str, str]) -> str | None:
    found = [(abs(i - at), people[t]) for i, t in enumerate(tokens) if t in people and abs(i - at) <= NEAR]
    return min(found)[1] if found else None


def _nearest_org(tokens: list[str], at: int, candidates: Iterable[tuple[str, tuple[str, ...]]]) -> str | None:
    found = []
    for key, content in candidates:
        span = org_span(tokens, content)
        if span is not None and _distance(span, at) <= NEAR:
            found.append((_distance(span, at), -len(content), key))
    return min(found)[2] if found else None


def find_voices(articles: Sequence[Article], claims: Sequence[ArticleClaims],
                index: OriginIndex) -> tuple[dict[str, str], set[str]]:
    """Person key -> organisation key for spokespeople, by majority of the evidence, and the people
    known as spokespeople (the others are officers briefing for their department)."""
    votes, spokespeople = _text_votes(articles, index)
    for article in claims:
        for att in article.attributions:
            speaker = att.speaker
            if speaker.type == "person" and speaker.organization and SPOKES.search(speaker.role or ""):
                person, org = index.entity(speaker.name), index.entity(speaker.organization)
                if person and org and index.kind(org) == "organization":
                    votes[(person, org)] += 1
                    spokespeople.add(person)
    by_person: dict[str, Counter[str]] = defaultdict(Counter)
    for (person, org), n in votes.items():
        by_person[person][org] += n
    voices = {}
    for person, orgs in by_person.items():
        ranked = orgs.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            voices[person] = ranked[0][0]
    return voices, spokespeople


def origin_index_for(claims: Sequence[ArticleClaims], articles: Sequence[Article] = ()) -> OriginIndex:
    """The corpus's origin index, spokespeople joined to their organisations when articles are given.

    Deterministic, so every stage that rebuilds it from the same records gets the same keys.
    """
    index = build_origin_index(corpus_names(claims))
    if not articles:
        return index
    voices, spokespeople = find_voices(articles, claims, index)
    return index.with_voices(voices, briefers=set(voices) - spokespeople)
