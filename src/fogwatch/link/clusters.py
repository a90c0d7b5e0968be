"""The growing statements during linking: union-find over claims with two cannot-link rules.

A statement holds at most one attribution per article (two different things one person said in one
article are two statements; only near-identical repeats may share an article), and never figures
that disagree about the same thing counted (1,000 killed and 1,200 killed are two statements), unless
one side's report fits inside the other's: a breakdown printed again beside its total.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from fogwatch.link.quantities import DRIFT_FAMILY, counted_relation, figure_range, subject_tokens
from fogwatch.model import Attribution, Figure

Claim = Attribution | Figure
FigureSig = tuple[str, str, float, float, frozenset[str]]  # unit, counted, low, high (widened), subject
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Item:
    """One claim as linking sees it: who said it (its block) and its words."""

    record: Claim
    block: str  # voice key, or "unnamed ..." for sources nobody can name
    named: bool
    words: tuple[str, ...]
    direct: bool


@functools.lru_cache(maxsize=1 << 16)
def words_of(text: str) -> tuple[str, ...]:
    """Lowercased word tokens with apostrophes kept inside words ("they're"), accents stripped.
    Cached: linking, embedding ahead and reconciliation each ask for every claim's words."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = text.replace("’", "'").replace("‘", "'")
    return tuple(map(sys.intern, _WORD.findall(text.lower())))  # interned: a corpus repeats its words


def signature(fig: Figure) -> FigureSig:
    """What a figure says, in the form the cannot-link rule compares."""
    low, high = figure_range(fig)
    return fig.unit, fig.counted, low, high, subject_tokens(fig.subject)


def figures_agree(a: set[FigureSig], b: set[FigureSig]) -> bool:
    """True when at least one pair of figures agrees (or either side has none) and no figure
    contradicts the other side, unless one side's report fits inside the other's (``_fits_in``)."""
    if not a or not b:
        return True
    kinds_a, kinds_b = _by_kind(a), _by_kind(b)
    return _agreement(a, kinds_b) and (_fits_in(a, b, kinds_a, kinds_b) or _fits_in(b, a, kinds_b, kinds_a))


Kinds = dict[tuple[str, str], list[FigureSig]]


def _by_kind(sigs: set[FigureSig]) -> Kinds:
    """Figures by unit and thing counted: only figures of one unit and related things are ever
    compared, so each is compared with its own kinds, not with every figure of a large statement."""
    out: Kinds = defaultdict(list)
    for sig in sigs:
        out[sig[0], sig[1]].append(sig)
    return out


@functools.lru_cache(maxsize=256)
def _related(counted: str) -> tuple[str, ...]:
    """The things counted that ``counted_relation`` relates to this one (itself included)."""
    return tuple(dict.fromkeys(
        other for other in (counted, *DRIFT_FAMILY.values(), *DRIFT_FAMILY)
        if counted_relation(counted, other) is not None))


def _of_kind(x: FigureSig, kinds: Kinds) -> list[FigureSig]:
    """The figures of ``kinds`` with x's unit and a thing counted related to x's."""
    return [y for counted in _related(x[1]) for y in kinds.get((x[0], counted), ())]


def _fits_in(part: set[FigureSig], whole: set[FigureSig], part_kinds: Kinds, whole_kinds: Kinds) -> bool:
    """Several figures all found in another report are a breakdown printed again beside its total
    ("four shot, one hurt by glass" in "five hurt: four shot, one by glass"); a single figure fits
    where the other report's different numbers count other people ("three children" beside "two
    adults"). A single person counted ("one injured woman") names her, and proves no such fit."""
    if len(part) > 1:
        return _all_found(part, whole_kinds, by_subject=False)
    one_person = all(low == high == 1 for *_, low, high, _subject in part)
    return (_all_found(part, whole_kinds, by_subject=True)
            and _all_found(whole, part_kinds, by_subject=not one_person))


def _same_people(x: FigureSig, y: FigureSig) -> bool:
    """The same people counted, or unknown on either side."""
    return not x[4] or not y[4] or x[4] <= y[4] or y[4] <= x[4]


def _overlap(x: FigureSig, y: FigureSig) -> bool:
    return x[2] <= y[3] and y[2] <= x[3]


def _agreement(a: set[FigureSig], b_kinds: Kinds) -> bool:
    return any(_overlap(x, y) for x in a for y in _of_kind(x, b_kinds))


def _all_found(a: set[FigureSig], b_kinds: Kinds, *, by_subject: bool) -> bool:
    """Every figure of a that b speaks to at all is one that b also gives (so none contradicts)."""
    for x in a:
        comparable = [y for y in _of_kind(x, b_kinds) if not by_subject or _same_people(x, y)]
        if comparable and not any(_overlap(x, y) for y in comparable):
            return False
    return True


_NONE: frozenset = frozenset()


def _union(keep: frozenset | set, other: frozenset | set) -> frozenset | set:
    """Grow the surviving root's set in place once it is a real set; singletons stay shared frozensets."""
    if not other:
        return keep
    grown = keep if isinstance(keep, set) else set(keep)
    grown |= other
    return grown


class Clusters:
    """Union-find whose roots remember their attributions' articles and their figures."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.parent = list(range(len(items)))
        self.articles: list[frozenset[str] | set[str]] = [
            frozenset((it.record.article,)) if isinstance(it.record, Attribution) else _NONE for it in items]
        self.figures: list[frozenset[FigureSig] | set[FigureSig]] = [
            frozenset((signature(it.record),)) if isinstance(it.record, Figure) else _NONE for it in items]

    def find(self, i: int) -> int:
        """The root of i's statement."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_merge(self, a: int, b: int, *, same_article_ok: bool = False) -> bool:
        """Whether joining the statements of a and b breaks neither cannot-link rule."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not same_article_ok and not self.articles[ra].isdisjoint(self.articles[rb]):
            return False
        return figures_agree(self.figures[ra], self.figures[rb])

    def merge(self, a: int, b: int, *, same_article_ok: bool = False, force: bool = False) -> bool:
        """Join two statements unless a rule forbids it; ``force`` is for a figure and its own attribution."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and not self.can_merge(ra, rb, same_article_ok=same_article_ok):
            return False
        if len(self.articles[ra]) + len(self.figures[ra]) < len(self.articles[rb]) + len(self.figures[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.articles[ra] = _union(self.articles[ra], self.articles[rb])
        self.figures[ra] = _union(self.figures[ra], self.figures[rb])
        self.articles[rb], self.figures[rb] = _NONE, _NONE
        return True

    def adopt(self, groups: Sequence[Sequence[int]]) -> None:
        """Take statements linked elsewhere (each group's root first) over singleton items, as if
        their merges had been made here: the same roots, the same articles and figures at each root."""
        for root, *members in groups:
            for i in members:
                self.parent[i] = root
                self.articles[root] = _union(self.articles[root], self.articles[i])
                self.figures[root] = _union(self.figures[root], self.figures[i])
                self.articles[i], self.figures[i] = _NONE, _NONE

    def groups(self) -> list[list[int]]:
        """Member indices per statement, each in item order."""
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return list(out.values())
