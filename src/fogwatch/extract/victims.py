"""Victims: the people an article says were killed and wounded, counted even where it gives no number.

Local news says "a man was shot and killed" far more often than "1 killed", so a count read only
from numbers misses most incidents. We add victims described one at a time: a person who is the
patient of a shooting, killing or wounding verb ("was shot", "killed his wife", "died", "was
found dead", "the shooting death of X"), see ``victim_roles.py``. The article gets a Tally: the
killed and injured its incident implies, with each victim described without a number as its
evidence, a Figure of one (two for "both victims") with its words and source. Coreference is
approximated: a named victim counts once by surname, unnamed victims count as the most that one
sentence describes, so "A man was shot. The victim died." is one victim, not two. The headline
("Man shot, killed in …") is a floor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from fogwatch.extract.cues import words
from fogwatch.extract.dates import reference_date
from fogwatch.extract.figure_sources import attribution_for
from fogwatch.extract.figure_words import PERPETRATORS
from fogwatch.extract.figures import extract_figures
from fogwatch.extract.headlines import headline, headline_end, readable_title
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence, full_pipeline
from fogwatch.extract.number_words import words_to_number
from fogwatch.extract.victim_roles import Victim, person_names, victims_in
from fogwatch.model import Article, Attribution, Figure, Tally

EXTRACTOR = "fogwatch.victims.v1"
HARM_COUNTS = frozenset({"killed", "wounded", "killed_or_wounded", "suicide"})
TITLE = -1  # the sentence index given to a headline read from the metadata, not the text
GENERIC_PEOPLE = frozenset(["victim", "victims", "person", "individual", "someone"])
_DEAD_AFTER = re.compile(r"\s*(?:dead|to death|fatally)\b", re.I)
_AGE = re.compile(r"\b(\w+) - (?:year|month)s? - old\b")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_CLOSED = re.compile(r"[.!?][\"'”’)]*\s*$")
_MULTIPLE = re.compile(r"\b(double|triple|quadruple)\s+(?:fatal\s+)?(?:shooting|homicide|murder)", re.I)
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10}
_OTHER = re.compile(r"\b(?:another|other|both|" + "|".join(ORDINALS) + r")\b")
_ORDINAL = re.compile(r"\b(?:a|the)\s+(?:\w+\s+)?(" + "|".join(ORDINALS) + r")\b")
KIN = words(
    """
    father mother son daughter brother sister husband wife girlfriend boyfriend friend cousin uncle aunt
    grandmother grandfather nephew niece relative parent
    """
)
# "his father", "her mother": a relative of the person just named is someone else
_RELATIVE = re.compile(r"\b(?:his|her|their)\s+(?:[\w-]+\s+){0,6}?(?:" + "|".join(KIN) + r")\b")
_ADDED = re.compile(r"\b(?:another|other|others|more)\b", re.I)
_SHOT_ONLY = re.compile(r"\bshot\b", re.I)
_EXPLICIT = re.compile(r"\b(?:wound|injur|hurt|hospital|critical|condition)", re.I)
_FATAL_INCIDENT = re.compile(
    r"\b(?:a|the)\s+(?:deadly|fatal)\s+(?:[\w-]+\s+){0,3}?(?:shooting|incident)\b", re.I
)
_MURDER_SUICIDE = re.compile(r"\bmurder[- ]suicide\b", re.I)
_TITLE_KILLED = re.compile(
    r"(?<![\w-])(?:kill(?:ed|s|ing)?|dies|died|dead|slain|fatal(?:ly)?|(?<!attempted\s)murder(?:ed)?|homicide|death)\b",
    re.I,
)
_TITLE_HURT = re.compile(
    r"(?<!shots )\b(?:shot|shoots|wounded|wounds|injured|injures|hurt|critical)\b"
    r"(?!\s+(?:at|from|fired|into)\b)",
    re.I,
)


@dataclass(frozen=True)
class _Reading:
    """What one article says about its victims: the people it describes and the figures it gives."""

    victims: list[Victim]
    figures: list[tuple[int, Figure]]  # the body's figures and the headline's, with their sentence index
    title: str


def _drop_coreferent_pronouns(victims: list[Victim]) -> list[Victim]:
    """A pronoun in a sentence that also names its victim is that victim ("A man died after he was shot"),
    unless it is the shooter ("… before turning the gun on himself")."""
    described = {v.sentence for v in victims if not v.pronoun}
    return [v for v in victims if not (v.pronoun and not v.perpetrator and v.sentence in described)]


def _distinct(victim: Victim, victims: Sequence[Victim], named_killed: set[str]) -> bool:
    """Whether a wounded person in an article with a death is someone other than the dead."""
    dead = [v for v in victims if v.killed]
    beside = {v.sentence for v in dead} | {v.sentence for v in victims if v.key and v.key in named_killed}
    if _OTHER.search(victim.text) or _RELATIVE.search(victim.text) or victim.sentence in beside:
        return True  # "another man was wounded", "his father", "a man killed and a woman hurt"
    genders = {v.gender for v in dead}
    if victim.gender and genders and None not in genders and victim.gender not in genders:
        return True  # "a man was killed … a woman was wounded"
    kin = {v.subject for v in dead}
    if victim.subject in KIN and kin and kin <= KIN and victim.subject not in kin:
        return True  # "her mother was killed … the daughter was taken to a hospital"
    ages, own = {a for v in dead for a in _ages(v)}, _ages(victim)
    if own and ages and not own & ages:
        return True  # "the 17-year-old died … the 16-year-old was hospitalized"
    return victim.key is not None and bool(named_killed)


def _ages(victim: Victim) -> set[int]:
    """The ages a mention gives ("the 16 - year - old", "seventeen - year - old damani aitch")."""
    found = (words_to_number(w) if not w.isdigit() else int(w) for w in _AGE.findall(victim.text))
    return {int(a) for a in found if a}


def _per_sentence(victims: Sequence[Victim], figures_by_sentence: dict[int, tuple[int, bool]]) -> int:
    """The most people any one sentence describes (pronouns only when nothing else is there)."""
    counts: dict[int, int] = defaultdict(int)
    pronouns: dict[int, int] = defaultdict(int)
    generic: dict[int, int] = defaultdict(int)
    seen: set[tuple[int, str]] = set()
    for v in victims:
        same = v.text if _OTHER.search(v.text) else v.text.split()[-1]  # "mother" … "a young mother"
        if v.key is None and (v.sentence, same) not in seen:
            seen.add((v.sentence, same))
            kind = pronouns if v.pronoun else generic if same in GENERIC_PEOPLE and v.weight == 1 else counts
            kind[v.sentence] += v.weight
    for s, (n, others) in figures_by_sentence.items():  # "his wife and five children", "two others"
        counts[s] = counts[s] + n if others or counts[s] else n
    for s, n in [*generic.items(), *pronouns.items()]:  # "the victim" in a sentence naming "a man" is him
        if not counts.get(s):
            counts[s] = min(n, 1)
    return max(counts.values(), default=0)


def _earlier_event(figure: Figure, sentence: str, day: date | None) -> bool:
    """A figure dated before the article's year ("the 2009 shooting that killed 13", "in 2019 a shooting at
    the same bar killed 12") counts another event, not the one reported."""
    if day is None:
        return False
    end = figure.window.end if figure.window is not None else None
    if end and end[:4].isdigit():
        return int(end[:4]) < day.year
    years = [int(y) for y in _YEAR.findall(sentence)]
    return bool(years) and max(years) < day.year


def _perpetrators(figure: Figure) -> bool:
    """ "Two suspects died": a figure about the shooters, not their victims."""
    words = (figure.subject or "").lower().split()
    return bool(words) and words[-1].rstrip("s") in {p.rstrip("s") for p in PERPETRATORS}


def _figures_by_sentence(
    figures: Sequence[tuple[int, Figure]], kinds: set[str], sentences: dict[int, str], day: date | None,
    dead: int = 0,
) -> dict[int, tuple[int, bool]]:
    """The count of each kind per sentence, and whether it adds to people named beside it ("two others"):
    the largest figure, or the sum of figures for groups named apart ("2 adults, 2 children killed");
    "three shot" counts the dead too, so they come off."""
    found: dict[int, list[tuple[int, Figure]]] = defaultdict(list)
    for index, f in figures:
        if f.counted not in kinds or f.unit != "people" or f.part_of is not None or _perpetrators(f):
            continue  # the shooters are counted from the victims read one by one, not from figures
        if (f.window is not None and f.window.cumulative) or _earlier_event(f, sentences.get(index, ""), day):
            continue
        value = int(f.value)
        if f.counted == "wounded":
            value -= sum(int(p.value) for _, p in figures if p.part_of == f.id and p.counted == "killed")
            if _SHOT_ONLY.search(f.text) and not _EXPLICIT.search(f.text) and not _OTHER.search(f.text):
                value = max(0, value - dead)
        found[index].append((value, f))
    out: dict[int, tuple[int, bool]] = {}
    for index, counted in found.items():
        value, largest = max(counted, key=lambda pair: pair[0])
        groups = {f.subject.lower(): n for n, f in counted
                  if f.subject and f.subject.lower() in f.text.lower()}
        if len(groups) > 1 and sum(groups.values()) > value:
            value = sum(groups.values())
        out[index] = (value, bool(_ADDED.search(largest.text)))
    return out


def _shot_dead(figure: Figure, text: str) -> Figure:
    """ "four people were found shot dead", "one victim fatally wounded": the figure stops before the words
    that say the people were killed."""
    fatal = re.search(r"\bfatally\b", figure.text, re.I) or _DEAD_AFTER.match(text, figure.end)
    if figure.counted in ("wounded", "killed_or_wounded") and fatal:
        return replace(figure, counted="killed")
    return figure


def _title_reading(parsed: ParsedArticle) -> tuple[str, list[Victim], list[Figure]]:
    """The victims and figures of a headline that is not printed atop the text (a sidecar's title)."""
    article = parsed.article
    sentence = parsed.title if parsed.title is not None else _parsed_title(article)
    title, doc = sentence.text, sentence.doc
    if not title or doc is None:
        return title, [], []
    parsed = ParsedArticle(replace(article, text=title, title=None), [sentence])
    return title, victims_in(doc, TITLE, True, len(title)), extract_figures(parsed, (), include_headline=True)


def _parsed_title(article: Article) -> ParsedSentence:
    """The metadata title parsed on its own, for an article parsed without its title."""
    title = readable_title(article.title)
    return ParsedSentence(0, len(title), title, full_pipeline()(title) if title else None)


def _read(parsed: ParsedArticle, attributions: Sequence[Attribution], figures: Sequence[Figure]) -> _Reading:
    """The victims every parsed sentence describes, and the figures of the body and the headline
    (which the figures stage skips, and a count must not), each with the index of its sentence."""
    article = parsed.article
    title_end = headline_end(article)
    victims: list[Victim] = []
    links = link_lines(parsed, title_end)
    known: dict[str, str] = {}
    for sentence in parsed.sentences:
        if sentence.doc is not None:
            known = {**person_names(sentence.doc), **known}
    visible = title_end - len(article.title or "") + len(headline(article.title or ""))  # without the outlet
    for index, sentence in enumerate(parsed.sentences):
        if sentence.doc is not None and index not in links:
            is_title = sentence.start < title_end
            limit = max(0, visible - sentence.start) if is_title else len(sentence.text)
            victims.extend(victims_in(sentence.doc, index, is_title, limit, known))
    text = article.text
    placed = [(i, _shot_dead(f, text)) for i, f in ((_sentence_index(parsed, f.start), f) for f in figures)
              if i not in links]
    printed = [s for s in parsed.sentences if s.start < title_end]
    if printed:
        printed_figures = extract_figures(ParsedArticle(article, printed), attributions,
                                          include_headline=True)
        placed += [(_sentence_index(parsed, f.start), _title_figure(_shot_dead(f, text)))
                   for f in printed_figures]
    else:
        title, title_victims, title_figures = _title_reading(parsed)
        victims += title_victims
        placed += [(TITLE, _title_figure(_shot_dead(f, title))) for f in title_figures]
    victims = [v for v in victims if not _figure_covers(v, parsed, placed)]
    return _Reading(_drop_coreferent_pronouns(victims), placed, headline(article.title or ""))


def _figure_covers(victim: Victim, parsed: ParsedArticle, placed: Sequence[tuple[int, Figure]]) -> bool:
    """Whether people described with their number ("four victims") are a figure the tally already has."""
    if victim.weight < 2 and not re.match(r"(?:a |an |the )?(?:one|1)\b", victim.text):
        return False
    offset = 0 if victim.sentence == TITLE else parsed.sentences[victim.sentence].start
    start, end = offset + victim.start, offset + victim.end
    return any(i == victim.sentence and f.start < end and start < f.end and f.counted in HARM_COUNTS
               for i, f in placed)  # "three victims" read as a count of people only is not a harm count


def link_lines(parsed: ParsedArticle, title_end: int) -> set[int]:
    """Sentences that are a whole line with no closing stop, below the headline: the headlines of other
    stories a page lists ("Officer cleared in crash that killed cyclist"), captions, menus."""
    text = parsed.article.text
    out = set()
    for index, sentence in enumerate(parsed.sentences):
        line_start = text.rfind("\n", 0, sentence.start) + 1
        line_end = text.find("\n", sentence.end) % (len(text) + 1)
        whole_line = not text[line_start:sentence.start].strip() and not text[sentence.end:line_end].strip()
        if whole_line and sentence.start >= title_end and not _CLOSED.search(sentence.text):
            out.add(index)
    return out


def _sentence_index(parsed: ParsedArticle, offset: int) -> int:
    """The index of the sentence holding an article offset (-1 if none), which figures are grouped by."""
    return next((i for i, s in enumerate(parsed.sentences) if s.start <= offset < s.end), -1)


def _title_figure(figure: Figure) -> Figure:
    """A headline's figure with ids of its own, apart from the body's."""
    return replace(figure, id=f"title:{figure.id}", part_of=figure.part_of and f"title:{figure.part_of}")


def _hurt(reading: _Reading, killed: int, named_killed: set[str]) -> list[Victim]:
    """The victims who were hurt and lived: "shot" alone is a wound only where nobody died."""
    return [
        v for v in reading.victims
        if not v.killed and v.key not in named_killed
        and (v.explicit_injury or not killed)
        and (not killed or _distinct(v, reading.victims, named_killed))
    ]


def _tally(parsed: ParsedArticle, reading: _Reading) -> tuple[Tally, list[Victim]]:
    """Killed and injured for the article's incident, and the wounded victims it counted."""
    text = parsed.article.text
    dead = [v for v in reading.victims if v.killed and not v.perpetrator]
    named_killed = {v.key for v in dead if v.key}
    day = reference_date(parsed.article)
    sentences = {i: s.text for i, s in enumerate(parsed.sentences)}
    killed_figures = _figures_by_sentence(reading.figures, {"killed", "suicide"}, sentences, day)
    described = max(len(named_killed), _per_sentence(dead, {}))
    killed = max(described, _per_sentence(dead, killed_figures))
    dead_shooters = [v for v in reading.victims if v.killed and v.perpetrator and v.key not in named_killed]
    if _MURDER_SUICIDE.search(text):
        # the victims and the one who then killed himself; a figure ("three dead") already counts both
        killed = max(killed, 2) if killed > described else max(killed, 1) + 1
    else:  # a shooter who dies ("the gunman then took his own life") counts among the dead
        killed += min(1, len(dead_shooters))
    if _TITLE_KILLED.search(reading.title) or _FATAL_INCIDENT.search(text):
        killed = max(killed, 1)
    hurt = _hurt(reading, killed, named_killed)
    named_hurt = {v.key for v in hurt if v.key}
    wounded_figures = _figures_by_sentence(reading.figures, {"wounded"}, sentences, day, killed)
    injured = max(len(named_hurt), _per_sentence(hurt, wounded_figures))
    if _TITLE_HURT.search(reading.title) and not killed:
        injured = max(injured, 1)
    for victim in sorted([*dead, *hurt], key=lambda v: (v.sentence, v.start)):
        ordinal = _ORDINAL.search(victim.text)  # "a third man died": at least three people were shot
        if ordinal is None:
            continue
        rank = ORDINALS[ordinal.group(1)]
        if victim.killed:
            killed = max(killed, rank - sum(v.weight for v in hurt if v.sentence < victim.sentence))
        else:
            injured = max(injured, rank - killed)
    multiple = _MULTIPLE.search(text)
    if multiple:
        total = {"double": 2, "triple": 3, "quadruple": 4}[multiple.group(1).lower()]
        injured = max(injured, total - killed)
    return Tally(parsed.article.id, killed, injured, extractor=EXTRACTOR), hurt


def _identity(victim: Victim) -> str:
    """Who a mention is, as far as words tell: a surname, else "another man", else the noun."""
    if victim.key:
        return victim.key
    return victim.text if _OTHER.search(victim.text) else victim.subject


def _victim_figures(
    parsed: ParsedArticle, attributions: Sequence[Attribution], figures: Sequence[Figure],
    counted: Sequence[tuple[Victim, str]],
) -> list[Figure]:
    """One figure per victim first described without a number, where no figure already covers the words."""
    body = headline_end(parsed.article)
    out: list[Figure] = []
    seen: set[tuple[str, str]] = set()
    for victim, category in counted:
        if victim.sentence == TITLE:
            continue
        sentence = parsed.sentences[victim.sentence]
        start, end = sentence.start + victim.start, sentence.start + victim.end
        identity = (_identity(victim), category)
        generic = victim.key is None and victim.subject in GENERIC_PEOPLE
        if victim.pronoun or start < body or identity in seen or end <= start:
            continue
        if generic and any(c == category for (_who, c) in seen):
            continue  # "the victim" after "a man was killed" is that man
        if any(f.start < end and start < f.end for f in [*figures, *out]):
            continue
        seen.add(identity)
        attribution = attribution_for(parsed, attributions, start, end)
        value = float(victim.weight)
        out.append(Figure(
            id=f"{parsed.article.id}-v{len(out) + 1}", article=parsed.article.id,
            text=parsed.article.text[start:end], start=start, end=end,
            value=value, low=value, high=value, counted=category, subject=victim.subject,
            source=attribution.speaker.name if attribution else None,
            source_type=attribution.speaker.type if attribution else None,
            via=attribution.via if attribution else (),
            attribution=(attribution.id or None) if attribution else None,
            said_on=attribution.said_on if attribution else None, extractor=EXTRACTOR,
        ))
    return out


def extract_tally(
    parsed: ParsedArticle, attributions: Sequence[Attribution], figures: Sequence[Figure]
) -> Tally:
    """The article's tally of killed and injured, with the victims it describes one by one as figures."""
    reading = _read(parsed, attributions, figures)
    tally, hurt = _tally(parsed, reading)
    counted = sorted(
        [(v, "killed") for v in reading.victims if v.killed] + [(v, "wounded") for v in hurt],
        key=lambda pair: (pair[0].sentence, pair[0].start),
    )
    return replace(tally, victims=tuple(_victim_figures(parsed, attributions, figures, counted)))
