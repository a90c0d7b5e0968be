"""Local agencies: "police said" means the police of the place the article reports on.

Local news credits most of what it reports to "police", "detectives" or "a police spokesperson"
and names the department once, if at all ("Lt. Ann Roe of the Dayton Police Department",
"DPD", or only the dateline "DAYTON, Ohio -"). Police of two cities are two origins, so a bare
"police" must become the department of its place: the department the article names, else the
one its acronym spells, else the police of the dateline's town or of the town it names most.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from fogwatch.extract.aliases import aliases
from fogwatch.extract.cues import words
from fogwatch.extract.names import clean_name, fold, initials_fit

# What each kind of agency is called in full, and the words that name one.
FULL_NAMES: dict[str, str] = {
    "police": "Police Department",
    "sheriff": "Sheriff's Office",
    "fire": "Fire Department",
    "public safety": "Department of Public Safety",
    "state police": "State Police",
    "highway patrol": "Highway Patrol",
    "state patrol": "State Patrol",
}
_SUFFIX = (
    r"(?P<suffix>(?i:police\s+(?:department|dept\b\.?)|sheriff['’]s\s+(?:office|department|dept\b\.?)"
    r"|fire\s+(?:department|dept\b\.?|rescue)|department\s+of\s+public\s+safety|state\s+police"
    r"|highway\s+patrol|state\s+patrol|police)|Fire(?!\s+(?:Station|Chief|Marshal|Captain|Lt)\b))"
)
_NAMED = re.compile(r"\b(?P<place>(?:[A-Z][\w'’-]*[ \t]+){0,3}[A-Z][\w'’-]*)[ \t]+" + _SUFFIX)
_IN_PLACE = re.compile(r"\b(?P<suffix>(?i:police|sheriff|fire\s+(?:crews|officials)))[ \t]+(?:in|of)[ \t]+"
                       r"(?P<place>(?:[A-Z][\w'’-]*[ \t]+){0,3}[A-Z][\w'’-]*)")
# "in Harlow", "in North Delling": what follows "in" is a place even when NER does not know the town.
_AFTER_IN = re.compile(r"\b(?:in|near|of)[ \t]+((?:[A-Z][a-z’'-]+[ \t]+){0,2}[A-Z][a-z’'-]+)\b")
_PD_ACRONYM = re.compile(r"\b([A-Z]{1,4})PD\b")
# Dateline of a local story: "DAYTON, Ohio -", "NORTH LAS VEGAS (KTNV) —", "SAN ANTONIO -".
_DATELINE = re.compile(r"\A\s*(?P<place>[A-Z][A-Z.'’]+(?:\s[A-Z][A-Z.'’]+){0,3})\s*(?:,|\(|--?\s|—|–)")
# Words before a place that are not part of its name ("The Dayton police", "Said Dayton Police").
_NOT_PLACE = words("the a an said says according with of by for from in at and to when while after as told")
# Members of an agency who speak for it ("detectives said", "deputies say").
MEMBERS: dict[str, str] = {
    "police": "police", "detective": "police", "detectives": "police", "investigator": "police",
    "investigators": "police", "officer": "police", "officers": "police", "pd": "police",
    "deputy": "sheriff", "deputies": "sheriff", "sheriff": "sheriff", "firefighters": "fire",
}
_PREPOSITIONS = words("at on in with from for near outside inside")
# Unnamed sources that are a department speaking ("a police spokesperson", "the police report").
_SPOKES = words("spokesperson spokesman spokeswoman report statement release officials sources")
# States and countries name no police department; a town does.
_NOT_TOWNS = frozenset(fold(s) for s in """
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
    Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
    Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
    Vermont Virginia Washington Wisconsin Wyoming U.S. US America United_States
    """.replace("_", " ").split()) | {"new hampshire", "new jersey", "new mexico", "new york state",
                                      "north carolina", "north dakota", "rhode island", "south carolina",
                                      "south dakota", "west virginia", "united states"}


def _place_name(words: str) -> str:
    """The place in the words before an agency word, without leading function words, in title case
    when the article shouts it ("SAN ANTONIO")."""
    parts = words.split()
    while parts and fold(parts[0]).rstrip(".") in _NOT_PLACE:
        parts = parts[1:]
    place = " ".join(parts)
    return place.title() if place.isupper() and len(place) > 3 else place


@dataclass(frozen=True)
class Agency:
    """One department: its kind (police, sheriff, fire), its place and its full name."""

    kind: str
    place: str
    name: str


def _kind_of(suffix: str) -> str:
    folded = " ".join(fold(suffix).split())
    for kind in ("sheriff", "fire", "public safety", "state police", "highway patrol", "state patrol"):
        if kind in folded:
            return kind
    return "police"


class LocalAgencies:
    """The departments one article names or implies, and the place it reports on. Bare "officials" are
    the one agency a story names, if it names only one."""

    def __init__(self, text: str, places: Counter[str]) -> None:
        dateline = _DATELINE.match(text)
        towns = [p for p, _ in places.most_common() if fold(p) not in _NOT_TOWNS]
        self.place = _place_name(dateline.group("place")) if dateline else (towns[0] if towns else None)
        self._known = {fold(p) for p in places} | ({fold(self.place)} if self.place else set()) | {
            fold(m.group(1)) for m in _AFTER_IN.finditer(text)}
        self.named: list[Agency] = []
        for m in _NAMED.finditer(text):
            if (agency := self._agency(m)) is not None:
                self.named.append(agency)
        self._places = [a.place for a in self.named] + ([self.place] if self.place else []) + towns
        self.acronyms = {m.group(0) for m in _PD_ACRONYM.finditer(text)}

    @staticmethod
    def _full_name(kind: str, place: str) -> str:
        return f"{place} {FULL_NAMES[kind]}"

    def _agency(self, m: re.Match[str]) -> Agency | None:
        """A department named in full ("Dayton Police Department") or after a known town ("Dayton
        police"); "Ukrainian police" names no town, and stays as written."""
        place = _place_name(m.group("place"))
        if not place or fold(place).startswith(("police", "sheriff", "fire")):
            return None
        spelled_out = " " in m.group("suffix").strip()
        if not (spelled_out or fold(place) in self._known or fold(place.split()[-1]) == "county"):
            return None
        kind = _kind_of(m.group("suffix"))
        return Agency(kind, place, self._full_name(kind, place))

    def by_acronym(self, acronym: str) -> Agency | None:
        """'SAPD' -> San Antonio Police Department, when the article names San Antonio."""
        letters = acronym.replace(".", "")
        if not letters.endswith("PD") or len(letters) < 3:
            return None
        for place in self._places:
            if initials_fit(letters[:-2], place):
                return Agency("police", place, self._full_name("police", place))
        return None

    def of_kind(self, kind: str, place: str | None = None) -> Agency | None:
        """The department of a kind for a place (given, else the article's): the one the article
        names, else one named after the place."""
        named = [a for a in self.named if a.kind == kind]
        if place is not None and aliases().owner(place) is not None:
            return None  # "police in Greece" are a national force, not a town's department
        if place is not None:
            same = [a for a in named if fold(a.place) == fold(place)]
            return same[0] if same else Agency(kind, place, self._full_name(kind, place))
        if named:
            counts = Counter(a.name for a in named)
            at_home = [a for a in named if self.place and fold(a.place) == fold(self.place)]
            return at_home[0] if at_home else next(a for a in named if a.name == counts.most_common(1)[0][0])
        if kind == "police" and self.acronyms:
            for acronym in sorted(self.acronyms):
                if (found := self.by_acronym(acronym)) is not None:
                    return found
        if not self.place or aliases().owner(self.place) is not None:
            return None
        return Agency(kind, self.place, self._full_name(kind, self.place))

    def agency_meant(self, phrase: str) -> Agency | None:
        """The department a source phrase stands for ("police", "Police in Dayton", "Dayton police",
        "an SPD spokesperson", "detectives", "the police report"), or None when it names none."""
        if (m := _IN_PLACE.search(phrase)) is not None:
            return self.of_kind(_kind_of(m.group("suffix")), _place_name(m.group("place")))
        if (m := _NAMED.search(phrase)) is not None and _place_name(m.group("place")):
            agency = self._agency(m)
            return None if agency is None else self.of_kind(agency.kind, agency.place)
        for token in (t.strip(".,'’s") for t in phrase.split()):
            if _PD_ACRONYM.fullmatch(token) and (found := self.by_acronym(token)) is not None:
                return found
        words = [w.strip(".,'’") for w in fold(phrase).split()]
        ends = [i for i, w in enumerate(words) if w in _PREPOSITIONS]  # "police at the scene"
        words = [w for w in words[: ends[0] if ends else None] if w and w not in ("the", "a", "an", "s")]
        if not words:
            return None
        head = words[-1]
        if words == ["officials"]:
            bodies = {a.name for a in self.named}
            return next(a for a in self.named) if len(bodies) == 1 else None
        if head in MEMBERS and all(w in MEMBERS or w in ("local", "city", "county") for w in words):
            return self.of_kind(MEMBERS[head])
        if head in _SPOKES and any(w in MEMBERS for w in words[:-1]):
            return self.of_kind(MEMBERS[next(w for w in words if w in MEMBERS)])
        return None


def names_only_agency(phrase: str) -> bool:
    """Whether a phrase is an agency's name and nothing else ("Seattle Fire", not "Seattle Fire
    Chief Ann Roe"): a name a tagger may take for a person's."""
    return _NAMED.fullmatch(phrase.strip()) is not None


def clean_agency_name(name: str) -> str:
    """'Seattle Fire Dept.' and 'Seattle Fire Department' are one name."""
    return re.sub(r"\bDept\b\.?", "Department", clean_name(name))
