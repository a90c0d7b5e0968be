"""Names compared across spellings: folding, titles, transliteration and acronyms.

The ledger counts origins, so "Volodymyr Zelensky", "Zelenskiy" and "President Zelenskyy" must be
one entity, and "ISW" the "Institute for the Study of War". These functions know nothing of an
article; `speakers.EntityIndex` adds what one article teaches (its acronyms, its full names).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from fogwatch.extract.cues import ORG_WORDS, words

# Ranks written short before a name: "Lt. Col. Anna Petrova", "Det. Sam Roe", "Off. Lee Park".
RANK_ABBREVIATIONS = ("Lt", "Col", "Maj", "Capt", "Cpt", "Cpl", "Sgt", "Cmdr", "Cdr", "Det", "Off", "Ofc",
                      "Insp", "Supt", "Dep", "Tpr", "Pvt", "Pfc", "Spc", "Lieut", "Sgts", "Dets")
TITLES: frozenset[str] = frozenset(r.lower() for r in RANK_ABBREVIATIONS) | words(
    """
    mr mrs ms miss dr prof sir dame sen senator rep representative gov governor gen general lt
    col colonel maj major capt captain adm admiral sgt president vice prime minister secretary
    chancellor king queen prince princess pope rev ambassador mayor judge justice chief deputy
    spokesperson spokesman spokeswoman lieutenant sergeant cpl corporal cpt det detective off ofc officer
    trooper tpr insp inspector supt superintendent cmdr cdr commander sheriff constable
    """
)
CONNECTORS = frozenset({"of", "for", "the", "and", "on", "in", "de", "du", "des", "la", "le", "at", "to"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Surname particles: "De Blasio" is a surname alone, not a first name and a surname.
PARTICLES = frozenset(
    {
        "de",
        "van",
        "von",
        "der",
        "al",
        "el",
        "bin",
        "da",
        "di",
        "le",
        "la",
        "du",
        "del",
        "della",
        "dos",
        "das",
        "ter",
        "ten",
        "st",
        "mac",
    }
)
_POSSESSIVE_PREFIX = re.compile(r"^(?:[A-Z][\w.-]*\s+){0,2}([A-Z][\w.-]*)['’]s\s+(?=[A-Z])")
# Offices named after their holder: "Varna County Sheriff's Office" is one name, not Varna's office.
_OFFICE_HOLDERS = frozenset(
    {"sheriff", "attorney", "coroner", "examiner", "prosecutor", "marshal", "commissioner", "solicitor",
     "comptroller", "treasurer", "clerk", "constable", "auditor", "inspector"}
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents or typographic apostrophes, for comparing names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").lower().strip()


def clean_name(name: str) -> str:
    """A name without leading article, possessive country, titles, parenthesised acronym or 's."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip(" ,.;:")
    name = re.sub(r"['’]s$", "", name)
    name = re.sub(r"^(?:the|The)\s+", "", name)
    owner = _POSSESSIVE_PREFIX.match(name) if len(name.split()) > 2 else None
    if owner is not None and owner.group(1).lower() not in _OFFICE_HOLDERS | TITLES:
        name = name[owner.end():]
    words = name.split()
    if any(w.lower() in ORG_WORDS for w in words[1:]):
        return name  # "General Staff", "President's Office": the title word is part of the name
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


# Head words of place names: a valley, a province or a street never says anything.
PLACE_WORDS: frozenset[str] = words(
    """
    valley river mountain mountains hills sea lake ocean bay gulf coast strait peninsula island islands
    desert plain plains region province oblast district county city town village street square road
    avenue bridge border frontline front heights forest delta basin
    """
)


def looks_like_place(name: str) -> bool:
    """'Selka Valley', 'Kursk Oblast', 'Harbour Road': a name whose last word is a place word."""
    parts = fold(name).split()
    return len(parts) >= 2 and parts[-1] in PLACE_WORDS


def is_acronym(name: str) -> bool:
    """'ISW', 'NIS', 'U.N.': short all-capital names."""
    bare = name.replace(".", "").strip()
    return 2 <= len(bare) <= 7 and bare.isupper() and bare.isalpha()


def looks_like_org(name: str) -> bool:
    """Institution words, connectors ("Institute for the ...") or acronyms mark an organisation."""
    words = fold(name).split()
    return is_acronym(name) or any(w in ORG_WORDS for w in words) or any(
        w in ("of", "for") for w in words[1:-1]
    )


def translit(word: str) -> str:
    """Fold the usual transliteration variants of one name: Zelenskiy/Zelenskyy/Zelensky, Shoigu/Shoygu."""
    w = re.sub(r"[^a-z]", "", fold(word))
    w = w.replace("kh", "h").replace("w", "v").replace("y", "i").replace("j", "i")
    w = re.sub(r"(.)\1+", r"\1", w)
    return w


@lru_cache(maxsize=65536)
def canonical_key(name: str) -> str:
    """A stable key for an entity across articles, opaque to callers.

    People are keyed by their transliteration-folded surname ("Volodymyr Zelensky",
    "Zelenskiy", "President Zelenskyy" -> one key), so two people who share a surname share a
    key; the linking stage should combine the key with what was said. East Asian names written
    family name first ("Kim Jong-un") are keyed by the family name. Organisations with three or
    more content words are keyed by their initials, so a bare acronym meets its full name
    ("ISW" and "Institute for the Study of War"); shorter ones by their folded words. Acronyms
    defined only inside one article ("HUR") need that article's `EntityIndex`.
    """
    cleaned = clean_name(name)
    if not cleaned:
        return ""
    if is_acronym(cleaned):
        return fold(cleaned).replace(".", "")
    parts = [w for w in re.split(r"\s+", fold(cleaned)) if w]
    if looks_like_org(cleaned) or len(parts) >= 4:
        content = [re.sub(r"[^a-z0-9]", "", w) for w in parts if w not in CONNECTORS]
        content = [w for w in content if w]
        if len(content) >= 3:
            return "".join(w[0] for w in content)
        return " ".join(content)
    parts = [w for w in parts if w.rstrip(".") not in _SUFFIXES] or parts
    if len(parts) > 1 and re.search(r"-[a-z]", parts[-1]) and not re.search(r"-[a-z]", parts[0]):
        return translit(parts[0])
    return translit(parts[-1])


# One spelling per word for comparing institution names across articles and outlets.
SPELLING = {"defense": "defence", "organisation": "organization", "center": "centre"}


def org_words(name: str) -> frozenset[str]:
    """An organisation's content words in any order and spelling: "Ministry of Defence" and
    "defense ministry" give the same set."""
    words = re.findall(r"[a-z0-9]+", fold(clean_name(name)).replace("'s", ""))
    return frozenset(SPELLING.get(w, w) for w in words if w not in CONNECTORS)


def same_first_name(a: str, b: str) -> bool:
    """'Volodymyr'/'Volodimir', 'J.'/'John': the same first name in another spelling or abbreviated."""
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return fold(a)[:1] == fold(b)[:1]
    return fuzz.ratio(translit(a), translit(b)) >= 75


def initials_fit(acronym: str, full: str) -> bool:
    """'ISW' for 'Institute for the Study of War': the acronym spells the content words' initials."""
    initials = [w[0] for w in re.findall(r"[A-Za-z]+", full) if w.lower() not in CONNECTORS]
    return "".join(initials).upper() == acronym.upper()
