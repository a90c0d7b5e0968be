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

from spacy.tokens import Doc, Token

from fogwatch.extract.nlp import ParsedArticle
from fogwatch.model import Figure

KILL = frozenset(
    ["kill", "murder", "slay", "execute", "die", "dead", "death", "fatally", "fatal", "homicide"]
)
EXPLICIT_HARM = frozenset(
    ["wound", "injure", "hurt", "hospitalize", "injury", "condition", "hospital", "graze", "treat"]
)
HARM = EXPLICIT_HARM | {"shoot", "strike", "hit"}
PERSON_NOUNS = frozenset(
    [
        "man", "woman", "boy", "girl", "teen", "teenager", "person", "victim", "child", "kid", "baby",
        "infant", "toddler", "student", "officer", "deputy", "trooper", "suspect", "gunman", "shooter",
        "driver", "passenger", "resident", "father", "mother", "son", "daughter", "husband", "wife",
        "brother", "sister", "friend", "girlfriend", "boyfriend", "owner", "clerk", "employee", "worker",
        "customer", "neighbor", "bystander", "youth", "juvenile", "male", "female", "adult", "individual",
        "someone", "guard", "agent", "cousin", "uncle", "aunt", "homeowner", "robber", "grandmother",
        "grandfather", "nephew", "niece", "relative", "patron", "cop", "attacker", "assailant", "intruder",
        "burglar"
    ]
)
PERPETRATORS = frozenset(
    ["suspect", "gunman", "shooter", "robber", "attacker", "assailant", "intruder", "burglar"]
)
# "was shot" with no outcome counts as injured only in an article where nobody died; where someone
# died, it is most often the same person, shot and then killed.
SHOT_IS_INJURY = True
# A shooter who dies ("the gunman then took his own life") is a victim too in GVDB's counts.
PERPETRATORS_ADD = True
MALE = frozenset(
    ["man", "boy", "he", "him", "himself", "husband", "father", "son", "brother", "male", "boyfriend",
     "uncle"]
)
FEMALE = frozenset(
    ["woman", "girl", "she", "her", "herself", "wife", "mother", "daughter", "sister", "female",
     "girlfriend"]
)
PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
NOT_PEOPLE_ENTS = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "PRODUCT"})
LEGAL_VERBS = frozenset(
    [
        "charge", "arrest", "accuse", "convict", "sentence", "indict", "book", "jail", "hold", "want", "seek",
        "question", "detain", "suspect", "identify", "release", "arraign", "plead", "find_guilty"
    ]
)
STATE_WORDS = frozenset(["dead", "condition", "critical", "stable", "serious", "hospital", "hospitalized"])
DEATH_NOUNS = frozenset(["death", "murder", "killing", "slaying", "homicide", "body"])
_MULTIPLE = re.compile(r"\b(double|triple|quadruple)\s+(?:fatal\s+)?(?:shooting|homicide|murder)", re.I)
_OTHER = re.compile(r"\b(?:another|second|other|both|third)\b")
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


@dataclass(frozen=True)
class Victim:
    """One person the text describes as shot, wounded or killed."""

    sentence: int
    key: str | None  # surname of a named victim; None when unnamed
    pronoun: bool
    killed: bool
    explicit_injury: bool  # "wounded", "injured", "critical condition", not just "shot"
    weight: int = 1  # "both victims" describes two
    text: str = ""
    perpetrator: bool = False  # the shooter: "the gunman killed himself", "a suspect was shot by police"
    gender: str | None = None  # from the words ("woman", "he"), to tell two unnamed people apart


def headline(title: str) -> str:
    """The title without the outlet's name ("Man shot in York | WPMT FOX43")."""
    return re.split(r"\s+[|«]\s+|\s+-\s+(?=[A-Z][\w.]*(?:\s[A-Z][\w.]*)*\s*$)", title)[0]


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _family(verb: Token, depth: int = 0) -> list[Token]:
    """A verb with what completes it: "shot and killed", "found shot to death", "in critical condition"."""
    out = [verb]
    if depth > 3:
        return out
    for child in verb.children:
        if child.dep_ in ("conj", "xcomp", "oprd", "acomp", "advcl") and child.pos_ in ("VERB", "ADJ"):
            out.extend(_family(child, depth + 1))
        elif child.dep_ in ("advmod", "prep", "dobj", "npadvmod", "agent", "acomp", "oprd"):
            out.append(child)
            out.extend(c for c in child.children if c.dep_ in ("pobj", "amod", "compound"))
    return out


def _negated(tokens: Sequence[Token]) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("no", "never") for t in tokens for c in t.children)


def _is_person(t: Token) -> bool:
    if t.tag_ in ("NNS", "NNPS") or _lemma(t) in ("police", "department", "office", "sheriff"):
        return False
    if t.pos_ == "PROPN":
        if not t.is_alpha:
            return False
        if t.ent_type_ == "PERSON":
            return True
        named = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children)
        return named and t.ent_type_ not in NOT_PEOPLE_ENTS and not t.text.isupper()
    return _lemma(t) in PERSON_NOUNS or t.lower_ in PRONOUNS


def _plural_people(t: Token) -> int:
    """ "both victims", "both men": a plural without a number that still counts."""
    plural = t.tag_ == "NNS" and _lemma(t) in PERSON_NOUNS | {"victim", "person", "people"}
    if plural and any(c.lower_ == "both" for c in t.children):
        return 2
    return 0


def _key(t: Token) -> str | None:
    """A named person's surname: the last name-like word of the name ("Hawkins Sr." → "hawkins")."""
    if t.pos_ != "PROPN":
        return None
    parts = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t]
    names = [p for p in parts if p.is_alpha and p.lower_ not in ("jr", "sr", "ii", "iii", "iv")]
    return names[-1].lower_ if names else t.lower_


def _role(t: Token, title: bool) -> list[Token] | None:
    """The words that say what happened to person `t`, or None when `t` is not a patient."""
    verb = t.head
    lemma = _lemma(verb)
    if t.dep_ == "conj":
        return _role(t.head, title) if t.head.i != t.i else None
    if t.dep_ == "nsubjpass":
        return None if lemma in LEGAL_VERBS else _family(verb)
    if t.dep_ == "dobj" and verb.pos_ == "VERB" and lemma in KILL | HARM:
        return _family(verb)
    if t.dep_ == "dobj" and lemma == "leave":
        return _family(verb)  # "left a man dead", "left one person with minor injuries"
    active = title and lemma in KILL | HARM and not any(c.dep_ == "dobj" for c in verb.children)
    if t.dep_ == "nsubj" and (lemma in ("die", "succumb", "suffer", "recover") or active):
        return _family(verb)
    if t.dep_ == "nsubj" and lemma in ("be", "remain", "stay"):
        family = _family(verb)
        return family if {w.lower_ for w in family} & STATE_WORDS else None
    if t.dep_ == "nsubj" and lemma == "take" and any(_lemma(c) == "life" for c in verb.children):
        return [verb, *verb.children]
    if t.dep_ == "pobj" and verb.lower_ == "with" and verb.head.lower_ == "along":
        return _family(verb.head.head)  # "was killed along with X"
    if t.dep_ == "pobj" and verb.lower_ == "of" and _lemma(verb.head) in DEATH_NOUNS | {"shooting"}:
        return [verb.head]
    if t.dep_ == "poss" and _lemma(verb) in DEATH_NOUNS:
        return [verb]
    return None


def _gender(t: Token) -> str | None:
    words = {_lemma(t), t.lower_}
    if words & MALE:
        return "m"
    return "f" if words & FEMALE else None


def _attempted(t: Token) -> bool:
    return any(c.lower_ == "attempted" for c in t.children)


def _mention(t: Token) -> str:
    """The words of a mention, to tell apart two unnamed people in one sentence."""
    return " ".join(w.lower_ for w in t.subtree if w.i <= t.i)[-60:]


def _victims_in(doc: Doc, index: int, title: bool, limit: int) -> list[Victim]:
    found: list[Victim] = []
    for t in doc:
        if t.idx >= limit:
            break
        weight = _plural_people(t) or (1 if _is_person(t) else 0)
        if not weight or any(c.dep_ == "nummod" for c in t.children):
            continue
        family = _role(t, title)
        if family is None:
            continue
        person = t
        if t.lower_ in ("himself", "herself"):
            subjects = [c for c in t.head.children if c.dep_ == "nsubj"]
            person = subjects[0] if subjects else t
        kept = [w for w in family if not _attempted(w)]
        words = {_lemma(w) for w in kept} | {w.lower_ for w in kept}
        if {"take", "life"} <= words:
            words.add("die")
        killed = bool(words & KILL)
        if not (killed or words & HARM) or _negated(family):
            continue
        perpetrator = _lemma(person) in PERPETRATORS
        found.append(Victim(index, _key(person), person.lower_ in PRONOUNS, killed,
                            bool(words & EXPLICIT_HARM), weight, _mention(person), perpetrator,
                            _gender(person)))
    return found


def _drop_coreferent_pronouns(victims: list[Victim]) -> list[Victim]:
    """A pronoun in a sentence that also names its victim is that victim ("A man died after he was shot")."""
    described = {v.sentence for v in victims if not v.pronoun}
    return [v for v in victims if not (v.pronoun and v.sentence in described)]


def _distinct(victim: Victim, dead: Sequence[Victim], named_killed: set[str]) -> bool:
    """Whether a wounded person in an article with a death is someone other than the dead."""
    if _OTHER.search(victim.text) or victim.sentence in {v.sentence for v in dead}:
        return True  # "another man was wounded", "a man was killed and a woman hurt"
    genders = {v.gender for v in dead}
    if victim.gender and None not in genders and victim.gender not in genders:
        return True  # "a man was killed … a woman was wounded"
    return victim.key is not None and bool(named_killed)


def _per_sentence(victims: Sequence[Victim], figures_by_sentence: dict[int, int]) -> int:
    """The most people any one sentence describes (pronouns only when nothing else is there)."""
    counts: dict[int, int] = defaultdict(int)
    pronouns: dict[int, int] = defaultdict(int)
    seen: set[tuple[int, str]] = set()
    for v in victims:
        same = v.text if _OTHER.search(v.text) else v.text.split()[-1]  # "mother" … "a young mother"
        if v.key is None and (v.sentence, same) not in seen:
            seen.add((v.sentence, same))
            (pronouns if v.pronoun else counts)[v.sentence] += v.weight
    for s, n in pronouns.items():
        if not counts.get(s):
            counts[s] = min(n, 1)
    for s, n in figures_by_sentence.items():
        counts[s] += n
    return max(counts.values(), default=0)


def _figures_by_sentence(parsed: ParsedArticle, figures: Sequence[Figure], kinds: set[str]) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for f in figures:
        if f.counted not in kinds or f.unit != "people" or f.part_of is not None:
            continue
        if f.window is not None and f.window.cumulative:
            continue
        index = next((i for i, s in enumerate(parsed.sentences) if s.start <= f.start < s.end), -1)
        value = int(f.value)
        if f.counted == "wounded":
            value -= sum(int(p.value) for p in figures if p.part_of == f.id and p.counted == "killed")
        out[index] = max(out[index], value)
    return out


def count_victims(parsed: ParsedArticle, figures: Sequence[Figure]) -> Counts:
    """Killed and injured for the article's incident."""
    title_end = len(headline(parsed.article.title or ""))
    victims: list[Victim] = []
    for index, sentence in enumerate(parsed.sentences):
        if sentence.doc is not None:
            is_title = sentence.start < title_end
            limit = title_end - sentence.start if is_title else len(sentence.text)
            victims.extend(_victims_in(sentence.doc, index, is_title, limit))
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
    if title and _TITLE_KILLED.search(title):
        killed = max(killed, 1)
    hurt = [
        v for v in victims
        if not v.killed and v.key not in named_killed
        and (v.explicit_injury or (SHOT_IS_INJURY and not killed))
        and (not killed or _distinct(v, [d for d in victims if d.killed], named_killed))
    ]
    named_hurt = {v.key for v in hurt if v.key}
    injured = max(len(named_hurt), _per_sentence(hurt, _figures_by_sentence(parsed, figures, {"wounded"})))
    if title and _TITLE_HURT.search(title) and not killed:
        injured = max(injured, 1)
    multiple = _MULTIPLE.search(parsed.article.text)
    if multiple:
        total = {"double": 2, "triple": 3, "quadruple": 4}[multiple.group(1).lower()]
        injured = max(injured, total - killed)
    why = "; ".join(f"{v.text}@{v.sentence}:{'K' if v.killed else ('I' if v.explicit_injury else 'S')}"
                    for v in victims)
    return Counts(killed, injured, why)
