"""What a number counts, read from the dependency parse around it.

"1,000 soldiers have been killed or injured", "killing 12 people", "4,000 casualties, including
1,000 killed", "the death toll rose to 15": the counted category sits on the number's noun, on
a participle beside it, or on the verb that governs it. We look in that order, nearest first,
so a breakdown keeps its own word ("killed") rather than its total's ("casualties"). Nouns for
troops only say "deployed" when nothing nearer says they were hurt. Counted incidents ("40
assaults") are figures in unit "events"; "the estimate ranged between 1,100 and 1,300" restates
an earlier figure, so the figures stage gives it that figure's category.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from fogwatch.extract.counted_people import counted_subject, counts_people, lemma_of, noun_phrase
from fogwatch.extract.figure_words import (
    BEAR_VERBS,
    CAPTURED,
    CARE_WORDS,
    CARRIED_VERBS,
    CASUALTY,
    CONDITIONS,
    DEPLOY_VERBS,
    DISPLACED,
    ESTIMATE_NOUNS,
    EVENT_NOUNS,
    HEADLINE_PARTICIPLES,
    KILLED,
    MILITARY,
    MISSING,
    NON_COUNT_PREPS,
    NOT_COUNTED_OF,
    PEOPLE,
    PERPETRATORS,
    SHOT,
    SUICIDE,
    TOLL_VERBS,
    WOUNDED,
)
from fogwatch.extract.numbers import find_numbers


@dataclass(frozen=True)
class Counting:
    """What one number counts and the words that say so."""

    counted: str
    noun: Token | None  # the noun the number modifies, if any
    last: Token  # the last token of the figure phrase (noun, or a counting verb after it)
    subject: str | None  # the counted people as written, None when only a category word is there
    negated: bool
    unit: str = "people"  # "events" for counted incidents ("40 assaults")
    refers_back: bool = False  # "the estimate ranged between …": counts what an earlier figure counted


def phrase_root(doc: Doc, start: int, end: int) -> Token | None:
    """The token of a number phrase (sentence char offsets) whose head lies outside the phrase."""
    inside = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not inside:
        return None
    ids = {t.i for t in inside}
    outer = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    return outer[-1] if outer else inside[-1]


def _agent_clause(verb: Token) -> bool:
    """A clause in which the modified noun acts rather than suffers; fleeing is suffered ("who fled X")."""
    if lemma_of(verb) in DISPLACED:
        return False
    bears = lemma_of(verb) in BEAR_VERBS
    if bears and any(c.dep_ == "dobj" and lemma_of(c) in CARE_WORDS for c in verb.children):
        return False  # "four people suffering gunshot wounds"
    if verb.tag_ == "VBG" and lemma_of(verb) not in ("die",):
        return True
    return any(c.dep_ == "nsubj" for c in verb.children) and any(c.dep_ == "dobj" for c in verb.children)


def _own_subject(clause: Token) -> bool:
    """A relative clause about someone else: its subject is a noun, not "who" or "that"."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WP", "WDT") for c in clause.children)


def _has_own_count(verb: Token) -> bool:
    """A conjunct with its own subject, object or number ("1 dead, 2 hurt") counts apart."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "nummod") for c in verb.children)


def _verb_family(verb: Token) -> list[Token]:
    """A counting verb with what completes it: "killed or injured", "found dead", "shot fatally"."""
    out = [verb]
    for child in verb.children:
        if child.dep_ == "conj" and not _has_own_count(child):
            out.extend(_verb_family(child))
        elif (
            child.dep_ in ("acomp", "oprd") or (child.dep_ == "xcomp" and child.tag_ != "VBG")
            or (child.dep_ == "advcl" and child.tag_ == "VBN" and lemma_of(verb) in ("leave", "find"))
            or (child.dep_ == "advmod" and lemma_of(child) == "fatally")
            or (child.dep_ == "dobj" and lemma_of(child) == "life" and lemma_of(verb) in ("lose", "take"))
            or (child.dep_ == "dobj" and lemma_of(child) in CARE_WORDS and lemma_of(verb) in BEAR_VERBS)
        ):
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("with", "to", "from"):
            out.extend(c for c in child.children if c.dep_ == "pobj" and lemma_of(c) in CARE_WORDS)
        elif child.dep_ == "prep" and child.lower_ == "as":  # "listed as missing", "confirmed as dead"
            out.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp", "acomp", "amod"))
    return out


def _nominal(root: Token) -> tuple[Token | None, Token]:
    """The noun a number modifies ("1,000 soldiers", "thousands of troops"), and the nominal in the clause."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0], root  # "dozens of civilians were killed": the number stands in the clause
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
    if dep == "pobj" and head.lower_ == "of" and lemma_of(head.head) in ("total", "tally", "sum"):
        return _governor(head.head)  # "a total of 12 people were hurt": the total stands in the clause
    if dep == "pobj":
        prep = head
        if prep.lower_ in NON_COUNT_PREPS and not (prep.lower_ == "in" and lemma_of(prep.head) == "result"):
            return None, False  # "in 2014", "for 3 days"; but "resulted in four deaths" counts
        return prep.head, True  # "rose to 15", "casualties, including 1,000 killed"
    if dep in ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "appos", "dative", "meta", "ROOT"):
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
    """The category the tokens name, as a tuple so a caller can test membership."""
    found = _classes(_words(tokens))
    return (found,) if found else ()


def _words(tokens: list[Token]) -> set[str]:
    """Lemmas and forms; "narrowly missing the driver" is the verb "miss", not "missing" people."""
    return {lemma_of(t) for t in tokens} | {t.lower_ for t in tokens if not _misses_something(t)}


def _misses_something(token: Token) -> bool:
    """ "missing the driver" (a verb with an object), as against "were missing", "listed as missing"."""
    return lemma_of(token) == "miss" and (
        token.lower_ != "missing" or any(c.dep_ in ("dobj", "pobj") for c in token.children)
    )


def _qualifier_word(token: Token) -> bool:
    """ "no" and "not" in "no more than 300", "not fewer than 40": a hedge, not a negation."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ in ("more", "fewer", "less", "greater", "over", "under")


def _ranking(noun: Token) -> bool:
    """ "one of the heaviest tolls", "one of the worst attacks": a rank among things, not a count;
    "two of the youngest victims" still counts people."""
    if lemma_of(noun) in NOT_COUNTED_OF:
        return True
    superlative = any(c.tag_ in ("JJS", "RBS") or c.lower_ in ("most", "worst") for c in noun.subtree)
    return superlative and lemma_of(noun) not in PEOPLE


def _clipped_participle(noun: Token) -> bool:
    """ "Three shot" in a headline, but not "fired one shot" or "one shot passed through his arm"."""
    if noun.lower_ not in HEADLINE_PARTICIPLES:
        return False
    if noun.lower_ != "shot":
        return True
    clauses = ("amod", "det", "advcl", "ccomp", "relcl", "acl", "nsubj", "dobj")
    return not any(c.dep_ in clauses or c.pos_ == "VERB" for c in noun.children) and (
        noun.dep_ == "ROOT" or (noun.dep_ in ("conj", "appos") and noun.head.dep_ == "ROOT")
    )


def _breakdown_of_things(root: Token) -> bool:
    """ "including 6" after "20 times" or "20 wounds": a part counts what its total counts."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("including", "includes"):
        return False
    totals = [t for t in root.doc[max(0, prep.i - 6):prep.i] if t.dep_ == "nummod"]
    return bool(totals) and not counts_people(totals[-1].head)


def _restates_estimate(governor: Token | None) -> bool:
    """ "the estimate ranged between 1,100 and 1,300", "the figure was 300": a count named earlier."""
    if governor is None or lemma_of(governor) not in TOLL_VERBS | {"range", "vary", "stay", "remain"}:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and lemma_of(c) in ESTIMATE_NOUNS for c in governor.children)


def _care_with(noun: Token) -> list[Token]:
    """ "three men with gunshot wounds": the injury words of a "with" phrase on the counted noun,
    however the parser attached it, short of a clause of its own."""
    out: list[Token] = []
    for prep in noun.subtree:
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        path = [t for t in prep.ancestors if t.i != noun.i and noun in t.ancestors]
        if any(t.pos_ in ("VERB", "AUX") for t in path):
            continue
        out.extend(c for c in prep.children if c.dep_ == "pobj" and lemma_of(c) in CARE_WORDS)
    return out


def _condition_after(doc: Doc, end: int) -> Token | None:
    """The condition word of a medics' tally ("1 critical 1 serious 2 minor injuries"), if the
    number at `end` is followed by one that closes the item."""
    after = [t for t in doc if t.idx >= end]
    if not after or lemma_of(after[0]) not in CONDITIONS or after[0].pos_ != "ADJ":
        return None
    closer = after[1] if len(after) > 1 else None
    if closer is None or closer.is_punct or closer.like_num or lemma_of(closer) in CARE_WORDS | {"condition"}:
        return after[0]
    return None


def _elliptical_total(root: Token) -> Token | None:
    """The number of the group a bare number breaks down ("five people were hurt — four from
    gunshots and one from glass"): the group's own number, or None."""
    while root.dep_ == "conj":  # "four from gunshots and one from glass": back to "four"
        root = root.head
        if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ == "NUM":
            root = root.head.head
    if root.dep_ != "appos" or root.pos_ != "NUM" or root.head.pos_ != "NOUN" or not counts_people(root.head):
        return None
    if any(c.dep_ in ("acl", "relcl", "amod") for c in root.children):
        return None  # "1 dead, 4 injured": a count with its own words, not a part of the one before
    numbers = [c for c in root.head.children if c.dep_ == "nummod" and c.i < root.i]
    whole, part = (_value(numbers[0]), _value(root)) if numbers else (None, None)
    if whole is None or part is None or part >= whole:
        return None  # "four men — one 29 years old, another 52": ages, not parts of the four
    return numbers[0]


def _value(token: Token) -> float | None:
    """A numeral token's value ("4", "four", "1,200"), read as every number in the text is."""
    found = find_numbers(token.text)
    return found[0].value if found else None


def read_counting(doc: Doc, start: int, end: int) -> Counting | None:
    """What the number at sentence chars [start, end) counts, or None when it counts no people."""
    root = phrase_root(doc, start, end)
    if root is None:
        return None
    condition = _condition_after(doc, end)
    if condition is not None:
        return Counting("wounded", None, condition, None, False)  # "1 critical, 2 stable"
    total = _elliptical_total(root)
    if total is not None:  # "five people were hurt — four from gunshots": a part of the group before it
        whole = read_counting(doc, total.idx, total.idx + len(total))
        return Counting(whole.counted, None, root, whole.subject, whole.negated) if whole else None
    if root.dep_ == "nummod" and root.head.i < root.i and root.head.tag_ == "NNS":
        return None  # "two others 44": a number after the people it would count is an age or a label
    noun, nominal = _nominal(root)
    if noun is not None and noun.head.dep_ == "prep" and noun.head.lower_ == "of" and _ranking(noun):
        return None  # "one of the heaviest tolls"
    clipped = noun if noun is not None else root.head if root.dep_ == "nummod" else None
    if clipped is not None and _clipped_participle(clipped):  # "Three shot, one dead": a headline's verbs
        counted = _classes({clipped.lower_, lemma_of(clipped)})
        return Counting(counted, None, clipped, None, False) if counted else None
    if noun is not None and lemma_of(noun) in EVENT_NOUNS:
        return Counting("other", noun, noun, noun_phrase(noun), False, unit="events")  # "40 assaults"
    if noun is not None and not counts_people(noun):
        return None  # "3 days", "12 rounds", "20 gunshot wounds"
    if noun is None and _breakdown_of_things(root):
        return None  # "shot 20 times, including 6 in the back"
    own: list[Token] = [root, *([noun] if noun is not None else [])]
    verbs: list[Token] = []
    for token in (noun, root):
        if token is None:
            continue
        for child in token.children:
            if child.dep_ in ("acl", "relcl") and (_agent_clause(child) or _own_subject(child)):
                continue  # "two officers who fatally shot a man", "two men …, at which the clerk was shot"
            inside = start <= child.idx < end
            if token is noun and lemma_of(noun) in PERPETRATORS and child.dep_ in ("amod", "compound"):
                continue  # "two shooting suspects": the shooting is what they did
            if child.dep_ in ("acl", "relcl", "amod", "compound") and not inside:
                family = _verb_family(child) if child.pos_ in ("VERB", "AUX") else [child]
                own.extend(family)
                verbs.extend(family)
    if noun is not None:
        own.extend(_care_with(noun))
    governor, can_count = _governor(nominal)
    if not can_count:
        return None
    verbs_of = [governor, *(c for c in governor.children if c.dep_ == "conj")] if governor is not None else []
    if governor is not None and nominal.dep_ == "nsubj" and any(
        c.dep_ == "dobj" and not (lemma_of(c) in CARE_WORDS and lemma_of(v) in BEAR_VERBS)
        for v in verbs_of for c in v.children
    ):
        governor = None  # the number is the agent: "2 gunmen killed 5 people", not "2 people suffered wounds"
    nominal_governor = governor is not None and governor.pos_ in ("NOUN", "PROPN")
    if noun is None and nominal_governor and governor is not None and not counts_people(governor) \
            and governor.lower_ not in HEADLINE_PARTICIPLES:
        return None  # "20 wounds, including 6 in the back"
    outer: list[Token] = []
    if governor is not None:
        family = _verb_family(governor) if governor.pos_ in ("VERB", "AUX", "ADJ") else [governor]
        outer.extend(family)
        if lemma_of(governor) in TOLL_VERBS:
            for child in governor.children:
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.i != nominal.i:
                    outer.extend(t for t in child.subtree if t.pos_ in ("NOUN", "ADJ", "VERB", "PROPN"))
    counted = _classes(_words(own))
    if counted is None:
        counted = _classes(_words(own + outer))
    negated = any(
        (c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")) and not _qualifier_word(c)
        for t in [*own, *outer, nominal] for c in t.children
    )
    if counted is None and noun is None and _restates_estimate(governor):
        return Counting("other", None, root, None, negated, refers_back=True)
    if counted is None:
        military = noun is not None and lemma_of(noun) in MILITARY
        deploying = governor is not None and lemma_of(governor) in DEPLOY_VERBS
        if military or (deploying and noun is not None and lemma_of(noun) in PEOPLE):
            counted = "deployed"
        elif noun is not None and lemma_of(noun) == "victim":  # victims are casualties; carried away, hurt
            carried = governor is not None and lemma_of(governor) in CARRIED_VERBS
            counted = "wounded" if carried else "killed_or_wounded"
        elif noun is not None and counts_people(noun):
            counted = "other"  # "two suspects", "35 people in attendance": people counted, no harm named
        else:
            return None
    base = noun or root
    extend = [t for t in verbs if t.i > base.i]
    if governor is not None and governor.i > base.i and counted in _classes_of(outer):
        extend.extend(
            t for t in outer
            if (t.pos_ in ("VERB", "ADJ", "ADV") or lemma_of(t) in CARE_WORDS) and t.i > base.i
        )
    last = max([base, *(t for t in extend if t.i - base.i <= 12)], key=lambda t: t.i)
    return Counting(counted, noun, last, counted_subject(noun, governor, root), negated)
