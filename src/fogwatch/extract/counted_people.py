"""Who a figure counts: the people named beside its number ("1,000 North Korean soldiers",
"casualties among civilians", "the brigade suffered 40"), and whether a noun counts people at all.
"""

from __future__ import annotations

from spacy.tokens import Token

from fogwatch.extract.figure_words import CAPTURED, CATEGORY_NOUNS, PEOPLE, SUFFER_VERBS


def lemma_of(token: Token) -> str:
    """The lower-cased lemma: the word lists hold lemmas."""
    return token.lemma_.lower()


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


def counted_subject(noun: Token | None, governor: Token | None, root: Token) -> str | None:
    """Who is counted, where the sentence says: "1,000 soldiers", "casualties among X", "X suffered N"."""
    if noun is not None and lemma_of(noun) not in CATEGORY_NOUNS and (
        lemma_of(noun) in PEOPLE or noun.lower_ in PEOPLE or noun.ent_type_ == "NORP"
    ):
        return noun_phrase(noun, {t.i for t in root.subtree})
    if noun is not None and lemma_of(noun) in CAPTURED:
        return noun_phrase(noun, {t.i for t in root.subtree})  # "250 hostages": the captives themselves
    anchor = noun or root
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in ("among", "of", "from", "in"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (lemma_of(obj) in PEOPLE or obj.ent_type_ == "NORP"):
                    return noun_phrase(obj)
    if governor is not None and lemma_of(governor) in SUFFER_VERBS:
        for child in governor.children:
            group = lemma_of(child) in PEOPLE or child.ent_type_ in ("NORP", "GPE", "ORG")
            if child.dep_ == "nsubj" and group:
                return noun_phrase(child)
    return None


def counts_people(token: Token) -> bool:
    """Whether a noun counts people (or casualties of people), so a number on it can be a figure."""
    lemma = lemma_of(token)
    if token.lower_ in ("wound", "wounds", "injury", "injuries"):
        return False
    return lemma in PEOPLE or token.lower_ in PEOPLE or token.ent_type_ == "NORP" or lemma in CATEGORY_NOUNS \
        or token.lower_ in CATEGORY_NOUNS
