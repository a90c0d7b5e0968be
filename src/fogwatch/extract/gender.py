"""Grammatical gender of the people an article names, so "she said" skips the colonel.

English news marks gender in few places a parser can read: honorifics ("Mrs", "Mr"), gendered
role nouns ("spokeswoman", "chairman"), nouns in apposition ("a woman from Kalyn ... Vesna") and,
for the Slavic names that fill war reporting, the surname's ending (Voskova, Zelenska are women;
Peskov, Zelensky are men). Where none of these speaks, the gender stays unknown and a pronoun
may take the person either way.
"""

from __future__ import annotations

import re
from typing import Literal

from spacy.tokens import Span

from fogwatch.extract.cues import words

Gender = Literal["female", "male"]

FEMALE_WORDS: frozenset[str] = words(
    """
    mrs ms miss madam madame lady dame queen princess duchess countess baroness empress
    spokeswoman chairwoman congresswoman councilwoman businesswoman stateswoman policewoman
    servicewoman sportswoman anchorwoman woman women girl mother wife daughter sister grandmother
    widow aunt niece actress waitress hostess headmistress she her hers herself
    """
)
MALE_WORDS: frozenset[str] = words(
    """
    mr sir lord king prince duke count baron emperor
    spokesman chairman congressman councilman businessman statesman policeman serviceman
    sportsman anchorman man men boy father husband son brother grandfather widower uncle
    nephew actor waiter host headmaster he him his himself
    """
)
PRONOUN_GENDER: dict[str, Gender] = {"she": "female", "her": "female", "he": "male", "him": "male"}

# Slavic surnames agree with their bearer: -ova/-eva/-skaya/-ska for women, -ov/-ev/-sky/-vich for men.
_FEMALE_SURNAME = re.compile(r"(?:[oe]va|yova|skaya|tskaya|ska|cka|ská|ová)$")
_MALE_SURNAME = re.compile(r"(?:[oe]v|yov|sky|skiy|skyi|skyy|ski|tsky|vich)$")


def gender_of_words(text: str) -> Gender | None:
    """The gender the words of a mention or role mark ("a spokeswoman for ...", "Mr Smith")."""
    tokens = set(re.findall(r"[a-z]+", text.lower()))
    female, male = bool(tokens & FEMALE_WORDS), bool(tokens & MALE_WORDS)
    if female != male:
        return "female" if female else "male"
    return None


def gender_of_surname(name: str) -> Gender | None:
    """The gender a Slavic surname's ending marks; None for every other name."""
    parts = re.findall(r"[^\W\d_]+", name)
    if len(parts) < 1 or not parts[-1][:1].isupper():
        return None
    surname = parts[-1].lower()
    if len(surname) < 5:
        return None
    if _FEMALE_SURNAME.search(surname):
        return "female"
    if _MALE_SURNAME.search(surname):
        return "male"
    return None


def gender_near(ent: Span) -> Gender | None:
    """The gender marked around a PERSON entity in its sentence: a title just before it ("Mrs"), a
    noun in apposition ("Irena Voskova, a spokeswoman"; "a woman ... her first name, Vesna")."""
    doc = ent.doc
    tokens = [doc[i] for i in range(max(ent.sent.start, ent.start - 2), ent.start)]
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos":
            tokens.extend(child.subtree)
    if root.dep_ == "appos" and root.head.i < root.i:
        tokens.extend(t for t in root.head.subtree if t.i < ent.start and ent.start - t.i <= 12)
    return gender_of_words(" ".join(t.text for t in tokens))
