"""One key per speaker across a corpus, so "Kirby", "John Kirby", "Zelenskiy" and "Zelensky" block together.

Extraction already gives canonical names, but outlets spell and shorten them differently. The index is
built from every name in the corpus at once: a bare surname joins the one full name that carries it
(and stays alone when two people share it), transliterated surnames merge by edit similarity, and an
organisation merges with its acronym and with longer names that end in it ("South Korea's National
Intelligence Service").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from fogwatch.extract.names import SPELLING
from fogwatch.model import ArticleClaims, Entity

ORG_WORDS = frozenset({
    "agency", "army", "association", "bureau", "center", "centre", "command", "commission", "committee",
    "council", "department", "directorate", "force", "forces", "government", "group", "institute",
    "intelligence", "media", "military", "ministry", "network", "news", "office", "organization",
    "organisation", "police", "press", "service", "staff", "times", "post", "union", "university",
    "war", "watch", "tass", "reuters", "associated", "bbc", "cnn", "nato",
})
CONNECTORS = frozenset({"of", "for", "the", "and", "in", "on", "to"})
SURNAME_SIMILARITY = 85.0  # rapidfuzz ratio: Zelensky/Zelenskiy 94, Halvanenko/Galvanenko 90, Kerby 80
FIRST_NAME_SIMILARITY = 75.0  # after transliteration folding: Tymofiy/Timofei 86, Irena/Irina 80, Jane 50


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Lowercase, strip accents, straighten apostrophes and drop a leading article, for comparison only."""
    text = name
    if not name.isascii():
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"[^a-z0-9' ()&-]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass(frozen=True)
class EntityNames:
    """Maps a name as an article gives it to the name of its entity ("Timofei Galvanenko" ->
    "Tymofiy Halvanenko"), for every reader of the ledger: exports, the report, the web UI.
    Unknown names are returned as they are."""

    by_spelling: dict[str, str] = field(default_factory=dict)  # folded spelling -> entity name
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # entity name -> folded spellings

    @classmethod
    def of(cls, entities: Iterable[tuple[str, Iterable[str]]]) -> EntityNames:
        """From (entity name, folded spellings) pairs, as `Entity` records and the ledger keep them."""
        by_spelling: dict[str, str] = {}
        spellings: dict[str, tuple[str, ...]] = {}
        for name, folded in entities:
            folded = tuple(folded)
            spellings[name] = (*spellings.get(name, ()), *folded)
            by_spelling.update(dict.fromkeys(folded, name))
        return cls(by_spelling, spellings)

    def __call__(self, name: str | None) -> str | None:
        """The entity's name for a name as extracted."""
        if not name:
            return name
        return self.by_spelling.get(fold(name), name)


def acronym(name: str) -> str:
    """Initials of the significant words: "Institute for the Study of War" -> "ISW"."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in CONNECTORS]
    return "".join(w[0] for w in words).upper()


def _looks_like_org(folded: str, kind: str | None) -> bool:
    if kind == "organization":
        return True
    if kind == "person":
        return False
    words = folded.replace("'s", "").split()
    return any(w in ORG_WORDS for w in words) or len(words) > 4


def _bare_acronym(name: str) -> str | None:
    stripped = name.strip().replace(".", "")
    return stripped if 2 <= len(stripped) <= 6 and stripped.isalpha() and stripped.isupper() else None


@dataclass
class _Union:
    parent: dict[str, str] = field(default_factory=dict)

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(frozen=True)
class OriginIndex:
    """Maps any spelling seen in the corpus to one entity, and an entity to the voice it speaks for.

    An entity is a person or organisation however spelled; a voice groups a spokesperson with the
    organisation they speak for, because a ministry's figure given by its spokesperson is one origin.
    """

    keys: dict[str, str]
    names: dict[str, str]
    kinds: dict[str, str] = field(default_factory=dict)
    voices: dict[str, str] = field(default_factory=dict)
    briefers: frozenset[str] = frozenset()  # officers who brief for their department, not spokespeople
    _memo: dict[str | None, tuple[str | None, str | None]] = field(
        default_factory=dict, compare=False, repr=False)  # name -> (entity, voice), filled on use

    def _resolve(self, name: str | None) -> tuple[str | None, str | None]:
        found = self._memo.get(name)
        if found is None:
            entity = None
            if name and name.strip():
                folded = fold(name)
                entity = self.keys.get(folded, folded)
            found = (entity, self.voices.get(entity, entity) if entity is not None else None)
            self._memo[name] = found
        return found

    def entity(self, name: str | None) -> str | None:
        """The entity key for a name; names never seen at build time get their folded form."""
        return self._resolve(name)[0]

    def key(self, name: str | None) -> str | None:
        """The voice key for a name: the organisation a spokesperson speaks for, else the entity."""
        return self._resolve(name)[1]

    def display(self, key: str | None) -> str | None:
        """The name to show for a key: the most used of its longest spellings."""
        if key is None:
            return None
        return self.names.get(key, key)

    def kind(self, key: str | None) -> str | None:
        """person | organization for an entity key, where the corpus says."""
        return self.kinds.get(key or "")

    @functools.cached_property
    def speakers_for(self) -> dict[str, frozenset[str]]:
        """Per organisation key, the people who speak for it (computed once per index)."""
        out: dict[str, set[str]] = defaultdict(set)
        for person, organisation in self.voices.items():
            out[organisation].add(person)
        return {organisation: frozenset(people) for organisation, people in out.items()}

    @functools.cached_property
    def spellings(self) -> dict[str, list[str]]:
        """Every folded spelling per entity key (computed once per index)."""
        out: dict[str, list[str]] = defaultdict(list)
        for folded, key in self.keys.items():
            out[key].append(folded)
        return dict(out)

    def entities(self) -> list[Entity]:
        """Every entity of the corpus with the spellings that resolve to it, in key order."""
        return [
            Entity(key=key, name=self.display(key) or key, kind=self.kind(key) or "person",
                   spellings=tuple(sorted(spellings)), voice=self.voices.get(key))
            for key, spellings in sorted(self.spellings.items())
        ]

    def with_voices(self, voices: dict[str, str], briefers: Iterable[str] = ()) -> OriginIndex:
        """A copy in which each person key in ``voices`` speaks for the organisation key it maps to;
        ``briefers`` are the ones known only as officers briefing for it, shown as the organisation."""
        return replace(self, voices={p: o for p, o in voices.items() if p != o},
                       briefers=frozenset(briefers) & set(voices), _memo={})


def build_origin_index(names: Iterable[tuple[str | None, str | None]]) -> OriginIndex:
    """Cluster (name, speaker type) pairs from the whole corpus into entities."""
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for name, kind in names:
        if not name or not name.strip():
            continue
        folded = fold(name)
        if not folded:
            continue
        counts[folded] += 1
        spelling[folded][name.strip()] += 1
        if kind in ("person", "organization"):
            kinds[folded][kind] += 1
    union = _Union()
    for folded in counts:
        union.find(folded)
    main_kind = {f: (kinds[f].most_common(1)[0][0] if kinds[f] else None) for f in counts}
    orgs = [f for f in counts if _looks_like_org(f, main_kind[f])]
    org_set = set(orgs)
    people = [f for f in counts if f not in org_set]
    _merge_people(people, union)
    _merge_orgs(orgs, spelling, union)
    clusters: dict[str, list[str]] = defaultdict(list)
    for folded in counts:
        clusters[union.find(folded)].append(folded)
    keys: dict[str, str] = {}
    display: dict[str, str] = {}
    entity_kinds: dict[str, str] = {}
    for members in clusters.values():
        best = max(members, key=lambda f: (len(f.split()), counts[f], f))
        for folded in members:
            keys[folded] = best
        display[best] = spelling[best].most_common(1)[0][0]
        entity_kinds[best] = "organization" if best in org_set else "person"
    return OriginIndex(keys=keys, names=display, kinds=entity_kinds)


def _surname(folded: str) -> str:
    words = [w for w in folded.replace("'s", "").split() if w not in {"jr", "sr", "ii", "iii"}]
    return words[-1] if words else folded


def _phonetic(word: str) -> str:
    """Undo common transliteration choices: Tymofiy/Timofei, Volodymyr/Vladimir."""
    for a, b in (("kh", "h"), ("ph", "f"), ("y", "i"), ("w", "v"), ("j", "i")):
        word = word.replace(a, b)
    return word


def _merge_people(people: list[str], union: _Union) -> None:
    """Full names merge when surnames are near-equal and first names agree; bare surnames join if unique.

    Surnames are compared only within blocks sharing two letters after the first, so
    Halvanenko/Galvanenko and Zelensky/Zelenskiy meet without comparing every pair.
    """
    surnames = sorted({_surname(f) for f in people})
    blocks: dict[str, list[str]] = defaultdict(list)
    for name in surnames:
        blocks[name[1:3]].append(name)
        blocks["^" + name[:2]].append(name)
    families = _Union()
    sound = {name: _phonetic(name) for name in surnames}
    for block in blocks.values():
        for i, a in enumerate(block):
            families.find(a)
            for b in block[i + 1:]:
                if min(len(a), len(b)) >= 5 and fuzz.ratio(sound[a], sound[b]) >= SURNAME_SIMILARITY:
                    families.union(a, b)
    family_members: dict[str, list[str]] = defaultdict(list)
    for folded in people:
        family_members[families.find(_surname(folded))].append(folded)
    for members in family_members.values():
        _merge_family(sorted(members), union)


def _same_first_name(a: str, b: str) -> bool:
    if a[:1] != b[:1] and _phonetic(a)[:1] != _phonetic(b)[:1]:
        return False
    return len(a) == 1 or len(b) == 1 or fuzz.ratio(_phonetic(a), _phonetic(b)) >= FIRST_NAME_SIMILARITY


def _merge_family(members: list[str], union: _Union) -> None:
    full = [m for m in members if len(m.split()) > 1]
    bare = [m for m in members if len(m.split()) == 1]
    heads: list[str] = []
    for name in full:
        match = next((h for h in heads if _same_first_name(h.split()[0], name.split()[0])), None)
        if match:  # "J. Kirby", "John Kirby"; "Tymofiy Halvanenko", "Timofei Galvanenko"
            union.union(match, name)
        else:
            heads.append(name)
    if len(heads) <= 1:
        anchor = heads[0] if heads else (bare[0] if bare else None)
        for name in bare:
            if anchor is not None:
                union.union(anchor, name)


def _merge_orgs(orgs: list[str], spelling: dict[str, Counter[str]], union: _Union) -> None:
    """Acronyms, parenthesised acronyms, the same words in another order, and longer names ending in a
    known organisation's name when only one longer name does."""
    by_acronym: dict[str, list[str]] = defaultdict(list)
    for folded in orgs:
        original = spelling[folded].most_common(1)[0][0]
        words = [w for w in folded.split() if w not in CONNECTORS]
        if len(words) >= 2:
            by_acronym[acronym(re.sub(r"\(.*?\)", " ", original))].append(folded)
        if len(words) >= 4:  # "DPS" for "Texas Department of Public Safety": the place word left out
            by_acronym[acronym(" ".join(original.split()[1:]))].append(folded)
        inner = re.search(r"\(([A-Za-z.]{2,8})\)", original)
        if inner:
            by_acronym[inner.group(1).replace(".", "").upper()].append(folded)
    for folded in orgs:
        short = _bare_acronym(spelling[folded].most_common(1)[0][0])
        targets = by_acronym.get(short or "", [])
        if short and len({union.find(t) for t in targets}) == 1:
            union.union(folded, targets[0])
    for names in by_acronym.values():
        bases = {re.sub(r"\s*\(.*?\)\s*", " ", n).strip() for n in names}
        if len(bases) == 1:
            for other in names[1:]:
                union.union(names[0], other)
    by_words: dict[frozenset[str], list[str]] = defaultdict(list)  # "defence ministry", "ministry of defence"
    for folded in orgs:
        words = frozenset(SPELLING.get(w, w) for w in re.findall(r"[a-z0-9]+", folded.replace("'s", ""))
                          if w not in CONNECTORS)
        if len(words) >= 2:
            by_words[words].append(folded)
    for names in by_words.values():
        for other in names[1:]:
            union.union(names[0], other)
    suffixes = {f.replace("'s", ""): f for f in orgs if len(f.split()) >= 2}
    longer: dict[str, list[str]] = defaultdict(list)
    for folded in orgs:
        words = folded.replace("'s", "").split()
        for cut in range(1, len(words) - 1):
            tail = " ".join(words[cut:])
            if tail in suffixes and suffixes[tail] != folded:
                longer[suffixes[tail]].append(folded)
                break
    for short, names in longer.items():
        # "Police Department" beside "Dayton Police Department" and "Akron Police Department" names
        # neither: a shorter name joins the longer one only when the corpus gives it just one owner
        if len({union.find(n) for n in names}) == 1:
            for name in names:
                union.union(name, short)


def corpus_names(claims: Iterable[ArticleClaims]) -> list[tuple[str | None, str | None]]:
    """Every speaker, figure source and relay named in a corpus, with its type where known."""
    names: list[tuple[str | None, str | None]] = []
    for article in claims:
        for att in article.attributions:
            names.append((att.speaker.name, att.speaker.type))
            names.extend((relay, "organization") for relay in att.via)
        for fig in article.figures:
            names.append((fig.source, fig.source_type))
            names.extend((relay, "organization") for relay in fig.via)
    return names
