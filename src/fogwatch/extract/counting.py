"""What a number counts, read from the dependency parse around it.

"1,000 soldiers have been killed or injured", "killing 12 people", "4,000 casualties, including
1,000 killed", "the death toll rose to 15": the counted category sits on the number's noun, on
a participle beside it, or on the verb that governs it. We look in that order, nearest first,
so a breakdown keeps its own word ("killed") rather than its total's ("casualties"). Nouns for
troops only say "deployed" when nothing nearer says they were hurt.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

KILLED = frozenset(
    [
        "kill", "die", "dead", "death", "fatality", "fatal", "fatally", "slay", "slain", "murder", "execute",
        "perish", "behead", "massacre", "body", "corpse", "dying", "deadly"
    ]
)
WOUNDED = frozenset(
    [
        "wound", "wounded", "injure", "injured", "injury", "hurt", "incapacitate", "maim", "hospitalize",
        "hospitalise", "hospital", "burn"
    ]
)
SHOT = frozenset({"shoot", "shot", "gun", "stab"})  # hit, outcome unsaid: wounded unless a death is named
CASUALTY = frozenset({"casualty", "loss", "losses", "toll"})
CAPTURED = frozenset(
    [
        "capture", "prisoner", "pow", "captive", "detain", "detainee", "surrender", "abduct", "kidnap",
        "hostage", "imprison"
    ]
)
MISSING = frozenset({"missing", "disappear", "unaccounted"})
SUICIDE = frozenset({"suicide"})
DISPLACED = frozenset(
    ["displace", "displaced", "refugee", "evacuate", "evacuee", "flee", "homeless", "uproot"]
)
DEPLOY_VERBS = frozenset(
    [
        "deploy", "send", "station", "dispatch", "mobilize", "mobilise", "amass", "transfer", "contribute",
        "commit", "field"
    ]
)
MILITARY = frozenset(
    [
        "troop", "soldier", "force", "fighter", "personnel", "serviceman", "servicemen", "servicemember",
        "marine", "paratrooper", "infantry", "conscript", "recruit", "mercenary", "reservist", "contingent",
        "combatant", "militant", "guardsman", "sailor", "airman"
    ]
)
PEOPLE = MILITARY | frozenset(
    [
        "people", "person", "civilian", "child", "children", "kid", "woman", "women", "man", "men",
        "resident", "victim", "student", "officer", "police", "policeman", "teen", "teenager", "boy", "girl",
        "baby", "infant", "adult", "member", "worker", "employee", "journalist", "prisoner", "hostage",
        "captive", "pow", "refugee", "migrant", "patient", "passenger", "citizen", "national", "family",
        "bystander", "individual", "other", "staff", "doctor", "nurse", "medic", "volunteer", "detainee",
        "evacuee", "fatality", "casualty", "dead", "wounded", "injured", "inhabitant",
        "villager", "protester", "demonstrator", "pilgrim", "worshipper", "shopper", "driver", "occupant",
        "crew", "crewman", "sibling", "son", "daughter", "brother", "sister", "father", "mother", "parent",
        "relative", "friend", "youth", "minor", "toddler", "newborn", "guard", "deputy", "trooper", "agent",
        "firefighter"
    ]
)
CATEGORY_NOUNS = CASUALTY | frozenset(
    [
        "death", "fatality", "dead", "wounded", "injured", "injury", "body", "corpse", "prisoner", "pow",
        "captive", "detainee", "hostage", "refugee", "evacuee"
    ]
)
TOLL_VERBS = frozenset(
    [
        "rise", "reach", "stand", "climb", "increase", "hit", "jump", "surpass", "exceed", "top", "be",
        "total", "include", "grow", "mount", "pass", "put", "estimate", "place", "number", "soar", "double"
    ]
)
CARE_WORDS = frozenset({"injury", "wound", "hospital", "burn"})  # "taken to hospital with injuries"
SUFFER_VERBS = frozenset({"suffer", "sustain", "lose", "incur", "take", "report", "record"})
NON_COUNT_PREPS = frozenset(
    [
        "in", "on", "since", "during", "by", "for", "from", "after", "before", "until", "till", "within",
        "around", "near", "over", "under"
    ]
)


@dataclass(frozen=True)
class Counting:
    """What one number counts and the words that say so."""

    counted: str
    noun: Token | None  # the noun the number modifies, if any
    last: Token  # the last token of the figure phrase (noun, or a counting verb after it)
    subject: str | None  # the counted people as written, None when only a category word is there
    negated: bool


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def phrase_root(doc: Doc, start: int, end: int) -> Token | None:
    """The token of a number phrase (sentence char offsets) whose head lies outside the phrase."""
    inside = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not inside:
        return None
    ids = {t.i for t in inside}
    outer = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    return outer[-1] if outer else inside[-1]


def _agent_clause(verb: Token) -> bool:
    """A clause in which the modified noun acts rather than suffers."""
    if verb.tag_ == "VBG" and _lemma(verb) not in ("die",):
        return True
    return any(c.dep_ == "nsubj" for c in verb.children) and any(c.dep_ == "dobj" for c in verb.children)


def _has_own_count(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children)


def _verb_family(verb: Token) -> list[Token]:
    """A counting verb with what completes it: "killed or injured", "found dead", "shot fatally"."""
    out = [verb]
    for child in verb.children:
        if child.dep_ == "conj" and not _has_own_count(child):
            out.extend(_verb_family(child))
        elif (
            child.dep_ in ("acomp", "oprd") or (child.dep_ == "xcomp" and child.tag_ != "VBG")
            or (child.dep_ == "advmod" and _lemma(child) == "fatally")
            or (child.dep_ == "dobj" and _lemma(child) == "life" and _lemma(verb) in ("lose", "take"))
        ):
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("with", "to", "from"):
            out.extend(c for c in child.children if c.dep_ == "pobj" and _lemma(c) in CARE_WORDS)
    return out


def _nominal(root: Token) -> tuple[Token | None, Token]:
    """The noun a number modifies ("1,000 soldiers", "thousands of troops"), and the nominal in the clause."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0], objects[0]
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "advmod") and root.head.i != root.i:
        head = root.head
        if head.lower_ in ("%", "percent", "cent"):  # "40% of the soldiers were killed"
            share, _ = _nominal(head)
            return (share, head) if share is not None else (None, head)
        if head.pos_ in ("NOUN", "PROPN", "ADJ", "PRON") or head.tag_ in ("NNS", "NNPS"):
            return head, head
    return None, root


def _governor(nominal: Token) -> tuple[Token | None, bool]:
    """The verb or noun that governs a nominal, and whether the link is one a count can stand in."""
    first = nominal
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    dep = first.dep_
    head = first.head
    if dep == "pobj":
        prep = head
        if prep.lower_ in NON_COUNT_PREPS:
            return None, False
        return prep.head, True  # "rose to 15", "casualties, including 1,000 killed"
    if dep in ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "appos", "dative", "ROOT"):
        return (head if head.i != first.i else None), True
    return None, True


def _classes(words: set[str]) -> str | None:
    """The counted category the words name; a death and a wound together mean casualties."""
    killed = bool(words & KILLED)
    wounded = bool(words & WOUNDED)
    if words & SUICIDE or {"take", "life"} <= words:
        return "suicide"
    if words & CASUALTY - {"toll"} or (killed and wounded):
        return "killed_or_wounded"
    if killed or "toll" in words or {"lose", "life"} <= words:
        return "killed"
    if wounded:
        return "wounded"
    if words & CAPTURED:
        return "captured"
    if words & MISSING:
        return "missing"
    if words & DISPLACED:
        return "other"
    if "lose" in words:
        return "killed_or_wounded"
    if words & SHOT:
        return "wounded"
    return None


def _classes_of(tokens: list[Token]) -> tuple[str, ...]:
    found = _classes(_words(tokens))
    return (found,) if found else ()


def _words(tokens: list[Token]) -> set[str]:
    """Lemmas and forms; "narrowly missing the driver" is the verb "miss", not "missing" people."""
    return {_lemma(t) for t in tokens} | {t.lower_ for t in tokens if _lemma(t) != "miss"}


def noun_phrase(noun: Token, skip: set[int] | None = None) -> str:
    """The words naming a group ("North Korean soldiers"), without numbers, hedges or determiners."""
    skip = skip or set()
    keep = [noun]
    for child in noun.lefts:
        if child.i in skip or child.dep_ not in ("amod", "compound", "nmod"):
            continue
        if child.like_num or child.pos_ == "NUM":
            continue
        keep.extend(t for t in child.subtree if not t.like_num and t.pos_ not in ("DET", "NUM", "PUNCT"))
    keep = sorted(set(keep), key=lambda t: t.i)
    start, end = keep[0], keep[-1]
    return noun.doc[start.i:end.i + 1].text


def _subject_of(noun: Token | None, governor: Token | None, root: Token) -> str | None:
    """Who is counted, where the sentence says: "1,000 soldiers", "casualties among X", "X suffered N"."""
    if noun is not None and _lemma(noun) not in CATEGORY_NOUNS and (
        _lemma(noun) in PEOPLE or noun.lower_ in PEOPLE or noun.ent_type_ == "NORP"
    ):
        return noun_phrase(noun, {t.i for t in root.subtree})
    if noun is not None and _lemma(noun) in CAPTURED:
        return noun_phrase(noun, {t.i for t in root.subtree})  # "250 hostages": the captives themselves
    anchor = noun or root
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in ("among", "of", "from", "in"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (_lemma(obj) in PEOPLE or obj.ent_type_ == "NORP"):
                    return noun_phrase(obj)
    if governor is not None and _lemma(governor) in SUFFER_VERBS:
        for child in governor.children:
            group = _lemma(child) in PEOPLE or child.ent_type_ in ("NORP", "GPE", "ORG")
            if child.dep_ == "nsubj" and group:
                return noun_phrase(child)
    return None


def _people_word(token: Token) -> bool:
    """Whether a noun counts people (or casualties of people), so a number on it can be a figure."""
    lemma = _lemma(token)
    if token.lower_ in ("wound", "wounds", "injury", "injuries"):
        return False
    return lemma in PEOPLE or token.lower_ in PEOPLE or token.ent_type_ == "NORP" or lemma in CATEGORY_NOUNS \
        or token.lower_ in CATEGORY_NOUNS


def read_counting(doc: Doc, start: int, end: int) -> Counting | None:
    """What the number at sentence chars [start, end) counts, or None when it counts no people."""
    root = phrase_root(doc, start, end)
    if root is None:
        return None
    noun, nominal = _nominal(root)
    if noun is not None and not _people_word(noun):
        return None  # "3 days", "12 rounds", "20 gunshot wounds"
    own: list[Token] = [root, *([noun] if noun is not None else [])]
    verbs: list[Token] = []
    for token in (noun, root):
        if token is None:
            continue
        for child in token.children:
            if child.dep_ in ("acl", "relcl") and _agent_clause(child):
                continue  # "two officers who fatally shot a man", "gunmen firing at …"
            inside = start <= child.idx < end
            if child.dep_ in ("acl", "relcl", "amod", "compound") and not inside:
                family = _verb_family(child) if child.pos_ in ("VERB", "AUX") else [child]
                own.extend(family)
                verbs.extend(family)
    governor, can_count = _governor(nominal)
    if not can_count:
        return None
    if governor is not None and nominal.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in governor.children):
        governor = None  # the number is the agent: "2 gunmen killed 5 people"
    nominal_governor = governor is not None and governor.pos_ in ("NOUN", "PROPN")
    if noun is None and nominal_governor and governor is not None and not _people_word(governor):
        return None  # "20 wounds, including 6 in the back"
    outer: list[Token] = []
    if governor is not None:
        family = _verb_family(governor) if governor.pos_ in ("VERB", "AUX", "ADJ") else [governor]
        outer.extend(family)
        if _lemma(governor) in TOLL_VERBS:
            for child in governor.children:
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.i != nominal.i:
                    outer.extend(t for t in child.subtree if t.pos_ in ("NOUN", "ADJ", "VERB", "PROPN"))
    counted = _classes(_words(own))
    if counted is None:
        counted = _classes(_words(own + outer))
    if counted is None:
        military = noun is not None and _lemma(noun) in MILITARY
        deploying = governor is not None and _lemma(governor) in DEPLOY_VERBS
        if not (military or (deploying and noun is not None and _lemma(noun) in PEOPLE)):
            return None
        counted = "deployed"
    negated = any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
        for t in [*own, *outer, nominal] for c in t.children
    )
    base = noun or root
    extend = [t for t in verbs if t.i > base.i]
    if governor is not None and governor.i > base.i and counted in _classes_of(outer):
        extend.extend(t for t in outer if t.pos_ in ("VERB", "ADJ", "ADV") and t.i > base.i)
    last = max([base, *(t for t in extend if t.i - base.i <= 12)], key=lambda t: t.i)
    return Counting(counted, noun, last, _subject_of(noun, governor, root), negated)
