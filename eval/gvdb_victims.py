"""Victim counts for an incident article, from its figures and from the victims it names.

Local news says "a man was shot and killed" far more often than "1 killed", so a count read only
from numbers misses most incidents. We add victims described one at a time: a person who is the
patient of a shooting, killing or wounding verb ("was shot", "killed his wife", "died", "was
found dead", "the shooting death of X"). Coreference is approximated: a named victim counts once
by surname, unnamed victims count as the most that one sentence describes, so "A man was shot.
The victim died." is one victim, not two. A headline ("Man shot, killed in …") is a floor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from gvdb_roles import Victim, victims_in  # eval/ holds scripts: gvdb.py puts it on sys.path

from fogwatch.extract.nlp import ParsedArticle
from fogwatch.model import Figure

GENERIC_PEOPLE = frozenset(["victim", "person", "individual", "someone"])
# "was shot" with no outcome counts as injured only in an article where nobody died; where someone
# died, it is most often the same person, shot and then killed.
SHOT_IS_INJURY = True
# A shooter who dies ("the gunman then took his own life") is a victim too in GVDB's counts.
PERPETRATORS_ADD = True
_MULTIPLE = re.compile(r"\b(double|triple|quadruple)\s+(?:fatal\s+)?(?:shooting|homicide|murder)", re.I)
_OTHER = re.compile(r"\b(?:another|second|other|both|third)\b")
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
class Counts:
    """Predicted killed and injured for one article, with a short trace of why."""

    killed: int
    injured: int
    why: str = ""


def headline(title: str) -> str:
    """The title without the outlet's name ("Man shot in York | WPMT FOX43")."""
    return re.split(r"\s+[|«]\s+|\s+-\s+(?=[A-Z][\w.]*(?:\s[A-Z][\w.]*)*\s*$)", title)[0]


def _drop_coreferent_pronouns(victims: list[Victim]) -> list[Victim]:
    """A pronoun in a sentence that also names its victim is that victim ("A man died after he was shot")."""
    described = {v.sentence for v in victims if not v.pronoun}
    return [v for v in victims if not (v.pronoun and v.sentence in described)]


def _distinct(victim: Victim, victims: Sequence[Victim], named_killed: set[str]) -> bool:
    """Whether a wounded person in an article with a death is someone other than the dead."""
    dead = [v for v in victims if v.killed]
    beside = {v.sentence for v in dead} | {v.sentence for v in victims if v.key and v.key in named_killed}
    if _OTHER.search(victim.text) or victim.sentence in beside:
        return True  # "another man was wounded", "a man killed and a woman hurt", "Harris and the teen"
    genders = {v.gender for v in dead}
    if victim.gender and genders and None not in genders and victim.gender not in genders:
        return True  # "a man was killed … a woman was wounded"
    return victim.key is not None and bool(named_killed)


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


def _figures_by_sentence(
    parsed: ParsedArticle, figures: Sequence[Figure], kinds: set[str], dead: int = 0
) -> dict[int, tuple[int, bool]]:
    """The largest count of each kind per sentence, and whether it adds to people named beside it
    ("two others"); "three shot" counts the dead too, so they come off."""
    out: dict[int, tuple[int, bool]] = {}
    for f in figures:
        if f.counted not in kinds or f.unit != "people" or f.part_of is not None:
            continue
        if f.window is not None and f.window.cumulative:
            continue
        index = next((i for i, s in enumerate(parsed.sentences) if s.start <= f.start < s.end), -1)
        value = int(f.value)
        if f.counted == "wounded":
            value -= sum(int(p.value) for p in figures if p.part_of == f.id and p.counted == "killed")
            if _SHOT_ONLY.search(f.text) and not _EXPLICIT.search(f.text) and not _OTHER.search(f.text):
                value = max(0, value - dead)
        if value >= out.get(index, (0, False))[0]:
            out[index] = (value, bool(_ADDED.search(f.text)))
    return out


def count_victims(parsed: ParsedArticle, figures: Sequence[Figure]) -> Counts:
    """Killed and injured for the article's incident."""
    title_end = len(headline(parsed.article.title or ""))
    victims: list[Victim] = []
    for index, sentence in enumerate(parsed.sentences):
        if sentence.doc is not None:
            is_title = sentence.start < title_end
            limit = title_end - sentence.start if is_title else len(sentence.text)
            victims.extend(victims_in(sentence.doc, index, is_title, limit))
    victims = _drop_coreferent_pronouns(victims)
    dead = [v for v in victims if v.killed and not v.perpetrator]
    named_killed = {v.key for v in dead if v.key}
    killed_figures = _figures_by_sentence(parsed, figures, {"killed", "suicide"})
    described = max(len(named_killed), _per_sentence(dead, {}))
    killed = max(described, _per_sentence(dead, killed_figures))
    dead_shooters = [v for v in victims if v.killed and v.perpetrator and v.key not in named_killed]
    if _MURDER_SUICIDE.search(parsed.article.text):
        # the victims and the one who then killed himself; a figure ("three dead") already counts both
        killed = max(killed, 2) if killed > described else max(killed, 1) + 1
    elif PERPETRATORS_ADD:
        killed += min(1, len(dead_shooters))
    title = headline(parsed.article.title or "")
    if (title and _TITLE_KILLED.search(title)) or _FATAL_INCIDENT.search(parsed.article.text):
        killed = max(killed, 1)
    hurt = [
        v for v in victims
        if not v.killed and v.key not in named_killed
        and (v.explicit_injury or (SHOT_IS_INJURY and not killed))
        and (not killed or _distinct(v, victims, named_killed))
    ]
    named_hurt = {v.key for v in hurt if v.key}
    wounded_figures = _figures_by_sentence(parsed, figures, {"wounded"}, killed)
    injured = max(len(named_hurt), _per_sentence(hurt, wounded_figures))
    if title and _TITLE_HURT.search(title) and not killed:
        injured = max(injured, 1)
    multiple = _MULTIPLE.search(parsed.article.text)
    if multiple:
        total = {"double": 2, "triple": 3, "quadruple": 4}[multiple.group(1).lower()]
        injured = max(injured, total - killed)
    why = "; ".join(f"{v.text}@{v.sentence}:{'K' if v.killed else ('I' if v.explicit_injury else 'S')}"
                    for v in victims)
    return Counts(killed, injured, why)
