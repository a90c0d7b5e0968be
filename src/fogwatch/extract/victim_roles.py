"""Who a sentence says was shot, wounded or killed: the person-by-person half of a victim count.

A victim is a person who is the patient of a harm: the subject of a passive ("was shot"), the
object of a killing verb ("killed his wife"), the subject of "died" or "remains in critical
condition", or the person a clause describes ("the man found dead", "a teen who was shot").
Charges ("attempted murder", "Intent to Kill"), threats and near misses are not harms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from fogwatch.extract.number_words import words_to_number

KILL = frozenset(
    ["kill", "murder", "slay", "execute", "die", "dead", "death", "fatally", "fatal", "homicide", "succumb"]
)
EXPLICIT_HARM = frozenset(
    [
        "wound", "injure", "hurt", "hospitalize", "hospitalized", "injury", "condition", "hospital", "graze",
        "treat"
    ]
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
MALE = frozenset(
    ["man", "boy", "he", "him", "himself", "husband", "father", "son", "brother", "male", "boyfriend",
     "uncle"]
)
FEMALE = frozenset(
    ["woman", "girl", "she", "her", "herself", "wife", "mother", "daughter", "sister", "female",
     "girlfriend"]
)
PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
REFLEXIVE = frozenset({"himself", "herself"})
NOT_PEOPLE_ENTS = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "PRODUCT"})
LEGAL_VERBS = frozenset(
    [
        "charge", "arrest", "accuse", "convict", "sentence", "indict", "book", "jail", "hold", "want", "seek",
        "question", "detain", "suspect", "identify", "release", "arraign", "plead", "find_guilty"
    ]
)
STATE_WORDS = frozenset(["dead", "condition", "critical", "stable", "serious", "hospital", "hospitalized"])
SUFFER_VERBS = frozenset(["die", "succumb", "suffer", "sustain", "receive", "recover", "survive"])
UNREAL_WORDS = frozenset(["attempted", "possibly", "nearly", "almost", "narrowly", "could", "would", "might"])
INTENT_VERBS = frozenset(["threaten", "try", "attempt", "want", "plan", "vow", "intend", "mean"])
DEATH_NOUNS = frozenset(["death", "murder", "killing", "slaying", "homicide", "body"])


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
    start: int = 0  # sentence offsets of the words that say it: "a man was shot and killed"
    end: int = 0
    subject: str = ""  # the person as written: "man", "Jane Roe", "victims"


def _lemma(t: Token) -> str:
    """The lower-cased lemma: the word lists hold lemmas."""
    return t.lemma_.lower()


def _family(verb: Token, depth: int = 0) -> list[Token]:
    """A verb with what completes it: "shot and killed", "found shot to death", "in critical condition"."""
    out = [verb]
    if depth > 3:
        return out
    own_object = any(c.dep_ == "dobj" for c in verb.children)
    for child in verb.children:
        if child.dep_ == "conj" and own_object and any(c.dep_ == "dobj" for c in child.children):
            continue  # "shot his daughter and killed her mother": the second verb has a patient of its own
        if child.dep_ in ("conj", "xcomp", "oprd", "acomp", "advcl") and child.pos_ in ("VERB", "ADJ"):
            out.extend(_family(child, depth + 1))
        elif child.dep_ in ("advmod", "prep", "dobj", "npadvmod", "agent", "acomp", "oprd"):
            out.append(child)
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "amod", "compound"):
                    out.append(grandchild)
                    out.extend(c for c in grandchild.children if c.dep_ == "compound")  # "Hospital Center"
                    for clause in _where_they_died(grandchild):
                        out.extend(_family(clause, depth + 1))
    return out


def _where_they_died(place: Token) -> list[Token]:
    """ "taken to a hospital, where he died": the clause on the place tells what became of the person."""
    return [
        c for c in place.children
        if c.dep_ == "relcl" and any(w.lower_ == "where" for w in c.children)
        and any(w.dep_ in ("nsubj", "nsubjpass") and w.lower_ in PRONOUNS | {"they", "both"}
                for w in c.children)
    ]


def _negated(tokens: Sequence[Token]) -> bool:
    """ "was not hurt", "no one was injured": a harm denied."""
    return any(c.dep_ == "neg" or c.lower_ in ("no", "never") for t in tokens for c in t.children)


def _is_person(t: Token, known: Mapping[str, str]) -> bool:
    """Whether a token names one person: a person noun, a pronoun, a personal name (or the surname of one
    the article names elsewhere: `known`), "the 19-year-old"."""
    if t.tag_ in ("NNS", "NNPS") or _lemma(t) in ("police", "department", "office", "sheriff"):
        return False
    if t.pos_ == "PROPN":
        if not t.is_alpha:
            return False
        if t.ent_type_ == "PERSON" or t.lower_ in known:
            return True
        parts = [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        charge = any(_lemma(p) in KILL | HARM for p in [t, *parts])  # "Intent to Kill Inflicting … Injury"
        return bool(parts) and not charge and t.ent_type_ not in NOT_PEOPLE_ENTS and not t.text.isupper()
    aged = t.lower_ == "old" and t.i >= 2 and t.doc[t.i - 2].lower_ in ("year", "years") and t.dep_ != "amod"
    return _lemma(t) in PERSON_NOUNS or t.lower_ in PRONOUNS or aged  # "the 19-year-old was treated"


def _plural_people(t: Token) -> int:
    """ "both victims", "both men": a plural without a number that still counts."""
    plural = t.tag_ == "NNS" and _lemma(t) in PERSON_NOUNS | {"victim", "person", "people"}
    if plural and any(c.lower_ == "both" for c in t.children):
        return 2
    return 0


def _counted(t: Token) -> int:
    """ "three others with serious injuries", "one victim fatally wounded": people with their number, which
    the tally keeps where the figures stage found no figure on these words."""
    numbers = [c for c in t.children if c.dep_ == "nummod"]
    people = PERSON_NOUNS - PERPETRATORS | {"victim", "person", "people", "other"}
    if len(numbers) != 1 or _lemma(t) not in people:
        return 0
    word = numbers[0].lower_
    value = int(word) if word.isdigit() else words_to_number(word)
    return int(value) if value and value < 1000 and value == int(value) else 0


def _key(t: Token) -> str | None:
    """A named person's surname: the last name-like word of the name ("Hawkins Sr." → "hawkins")."""
    if t.pos_ != "PROPN":
        return None
    parts = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t]
    names = [p for p in parts if p.is_alpha and p.lower_ not in ("jr", "sr", "ii", "iii", "iv")]
    return names[-1].lower_ if names else t.lower_


def _role(t: Token, title: bool) -> list[Token] | None:
    """The words that say what happened to person `t`, from its clause and its own modifiers."""
    found = _clause_role(t, title)
    for clause in _patient_clauses(t):
        found = [*(found or []), *_family(clause)]
    return found


def _patient_clauses(t: Token) -> list[Token]:
    """Clauses on a person that tell what befell them: "the man found dead", "a teen who was shot"."""
    out = []
    for child in t.children:
        if _lemma(child) not in KILL | HARM | {"find", "leave"}:
            continue
        relative = any(c.dep_ == "nsubjpass" and c.tag_ in ("WP", "WDT") for c in child.children)
        if (child.dep_ == "acl" and child.tag_ == "VBN") or (child.dep_ == "relcl" and relative):
            out.append(child)
    return out


def _clause_role(t: Token, title: bool) -> list[Token] | None:
    """The words of the clause that has person `t` as its patient, or None when `t` is not one."""
    verb = t.head.head if t.head.dep_ in ("aux", "auxpass") else t.head  # "victim … remains hospitalized"
    lemma = _lemma(verb)
    if t.dep_ == "conj":  # "a bystander instead of the suspect": not him
        instead = any(w.lower_ == "instead" for w in t.doc[min(t.i, t.head.i):max(t.i, t.head.i)])
        return _clause_role(t.head, title) if t.head.i != t.i and not instead else None
    if t.dep_ == "nsubjpass":
        return None if lemma in LEGAL_VERBS else _family(verb)
    if t.dep_ == "dobj" and verb.pos_ == "VERB" and lemma in KILL | HARM:
        return _family(verb)
    if t.dep_ == "dobj" and lemma == "leave":
        return _family(verb)  # "left a man dead", "left one person with minor injuries"
    no_object = not any(c.dep_ == "dobj" for c in verb.children)
    active = title and lemma in KILL | HARM and no_object
    passive = verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)  # "remains hospitalized"
    if t.dep_ == "nsubj" and (lemma in SUFFER_VERBS or active or (passive and lemma in KILL | HARM)):
        return _family(verb)
    if t.dep_ == "nsubj" and lemma == "find" and no_object:
        family = _family(verb)  # "the man found dead" parsed as the man finding
        return family if {w.lower_ for w in family} & STATE_WORDS else None
    if t.dep_ == "nsubj" and lemma in ("be", "remain", "stay"):
        family = _family(verb)
        return family if {w.lower_ for w in family} & STATE_WORDS else None
    if t.dep_ == "nsubj" and lemma == "take" and any(_lemma(c) == "life" for c in verb.children):
        return [verb, *verb.children]
    if t.lower_ in REFLEXIVE and t.dep_ == "pobj" and verb.lower_ == "on" and _lemma(verb.head) == "turn":
        return [verb.head, verb, *verb.head.children]  # "turned the gun on himself"
    if t.dep_ == "pobj" and verb.lower_ == "with" and verb.head.lower_ == "along":
        return _family(verb.head.head)  # "was killed along with X"
    if t.dep_ == "pobj" and verb.lower_ == "of" and _lemma(verb.head) in DEATH_NOUNS | {"shooting"}:
        return [verb.head]
    if t.dep_ == "poss" and _lemma(verb) in DEATH_NOUNS:
        return [verb]
    return None


def _gender(t: Token) -> str | None:
    """The gender the words give, to tell two unnamed victims apart."""
    words = {_lemma(t), t.lower_}
    if words & MALE:
        return "m"
    return "f" if words & FEMALE else None


def _attempted(t: Token) -> bool:
    """A harm that did not happen: "attempted murder", "possibly killing", "tried to kill"."""
    if any(c.lower_ in UNREAL_WORDS for c in t.children):
        return True
    return t.dep_ == "xcomp" and _lemma(t.head) in INTENT_VERBS


def _mention(t: Token) -> str:
    """The words of a mention, to tell apart two unnamed people in one sentence."""
    return " ".join(w.lower_ for w in t.subtree if w.i <= t.i)[-60:]


def _evidence(person: Token, harm: Sequence[Token]) -> tuple[int, int]:
    """The sentence offsets from the person's first word to the last word that says what befell them."""
    words = [person, *(w for w in person.lefts if w.dep_ in ("det", "amod", "compound", "nummod", "poss"))]
    said = [w for w in harm if {_lemma(w), w.lower_} & (KILL | HARM | STATE_WORDS)] or list(harm)
    first = min(w.idx for w in [*words, *said])
    last = max(w.idx + len(w) for w in [*words, *said])
    return first, last


def _subject(person: Token) -> str:
    """The person as written: a name with its parts, else the noun ("man", "victims")."""
    if person.pos_ == "PROPN":
        parts = [c for c in person.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return " ".join(w.text for w in [*parts, person])
    return person.lower_


def person_names(doc: Doc) -> dict[str, str]:
    """Each word of the full names a sentence gives, to its surname: a later "Sproaps" is a person, and a
    later "Jacara" is Sproaps."""
    out: dict[str, str] = {}
    for ent in doc.ents:
        surname = _key(ent.root) if ent.label_ == "PERSON" and len(ent) > 1 else None
        if surname:
            out.update({w.lower_: surname for w in ent if w.is_alpha and w.lower_ not in out})
    return out


def victims_in(
    doc: Doc, index: int, title: bool, limit: int, known: Mapping[str, str] | None = None
) -> list[Victim]:
    """The people one sentence describes as shot, wounded or killed; a headline's verbs read as passives."""
    found: list[Victim] = []
    known = known or {}
    for t in doc:
        if t.idx >= limit:
            break
        if any(c.dep_ == "nummod" for c in t.children):
            weight = _counted(t)
        else:
            weight = _plural_people(t) or (1 if _is_person(t, known) else 0)
        if not weight:
            continue
        family = _role(t, title)
        if family is None:
            continue
        person = t
        if t.lower_ in REFLEXIVE:
            subjects = [c for c in t.head.children if c.dep_ == "nsubj"]
            person = subjects[0] if subjects else t
        kept = [w for w in family if not _attempted(w)]
        words = {_lemma(w) for w in kept} | {w.lower_ for w in kept}
        if {"take", "life"} <= words or ({"turn", "on"} <= words and words & {"gun", "weapon"}):
            words.add("die")  # "took his own life", "turned the gun on himself"
        killed = bool(words & KILL)
        if not (killed or words & HARM) or _negated(family):
            continue
        # the shooter: "the gunman", or whoever "turned the gun on himself" beside the victims he shot
        perpetrator = _lemma(person) in PERPETRATORS or (t.lower_ in REFLEXIVE and "turn" in words)
        start, end = _evidence(t, kept)
        key = _key(person)
        found.append(Victim(index, known.get(key, key) if key else None, person.lower_ in PRONOUNS, killed,
                            bool(words & EXPLICIT_HARM), weight, _mention(person), perpetrator,
                            _gender(person), start, end, _subject(person)))
    return found
