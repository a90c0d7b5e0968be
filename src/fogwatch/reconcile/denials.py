"""Figure conflicts between harm reported and harm denied.

"One victim died" against "nobody's dead", "1 critical" against "only minor injuries" or "no one
was seriously hurt": a zero against a count. The zeros are denials (figures of zero read from words,
`extract/denials.py`) and figures whose words grade every one of their people as lightly hurt,
which say that none of them was severely hurt. Each meets the counts of the same class in its
story: killed, wounded (any degree) or severely wounded, for the same people (a denial about "no
one" covers every group but the shooters; "no officers were injured" only officers), place and
moment. A denial's evidence is also the statement it was said in, so that is a member too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fogwatch.extract.figure_words import PERPETRATORS
from fogwatch.extract.harm import MINOR, SEVERE, described, grade, is_denial
from fogwatch.link.origins import OriginIndex
from fogwatch.link.quantities import (
    figure_range,
    places_compatible,
    subject_tokens,
    subjects_compatible,
    window_shape,
)
from fogwatch.link.relays import COUNTED_WORDS, Claim, origin_name
from fogwatch.model import Article, ArticleClaims, Figure
from fogwatch.reconcile.groups import connected_groups

SAME_MOMENT_DAYS = 3  # a count and a denial said this close together speak of the same moment
UNIVERSAL = frozenset({"people"})  # "no one", "nobody": every group
_SEVERELY = "severely wounded"
# what a zero of each class denies, and which classes a count of each counted asserts
_DENIES = {"killed": ("killed",), "wounded": ("wounded", _SEVERELY),
           "killed_or_wounded": ("killed", "wounded", _SEVERELY, "killed_or_wounded")}
_ASSERTS = {"killed": ("killed", "killed_or_wounded"), "wounded": ("wounded", "killed_or_wounded"),
            "killed_or_wounded": ("killed_or_wounded",)}


@dataclass(frozen=True)
class DenialConflict:
    """What a figure conflict between counts and zeros rests on, for `conflicts.py` to make one of."""

    members: tuple[str, ...]
    why: str
    rating: str
    detail: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Side:
    """One figure on one side of a denial conflict: who gave it and when."""

    figure: Figure
    origin: str | None
    party: str
    as_of: str | None
    story: str
    words: str  # what it says, for the why: a denial's own words, a count's and its grade's


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) if a and b else None
    except ValueError:
        return None


def _classes(figure: Figure, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(classes it asserts a positive count of, classes it says are zero)."""
    if figure.unit != "people":
        return (), ()
    degree, every = grade(figure, text)
    if is_denial(figure):
        return (), ((_SEVERELY,) if degree == SEVERE else _DENIES.get(figure.counted, ()))
    if figure_range(figure, 0.0)[0] <= 0:
        return (), ()
    asserted = _ASSERTS.get(figure.counted, ())
    if degree == SEVERE:
        asserted = (*asserted, _SEVERELY)
    zero = (_SEVERELY,) if degree == MINOR and every else ()
    return asserted, zero


def _same_people(count: Figure, zero: Figure) -> bool:
    """A denial about "no one" covers every group but the shooters; one about a group, that group."""
    if is_denial(zero) and subject_tokens(zero.subject) <= UNIVERSAL:
        words = (count.subject or "").lower().split()
        return not (words and words[-1].rstrip("s") in {p.rstrip("s") for p in PERPETRATORS})
    return subjects_compatible(count.subject, zero.subject)


def _moment(side: _Side) -> str | None:
    """When the figure's harm happened, as far as known: its window's last day, else when it was said."""
    window = side.figure.window
    return window.end if window is not None and window.end else side.as_of


def _opposed(count: _Side, zero: _Side) -> str | None:
    """disagreement | misreport when the count and the zero contradict each other, else None."""
    if count.figure.id == zero.figure.id or count.story != zero.story:
        return None
    if not _same_people(count.figure, zero.figure):
        return None
    if not places_compatible(count.figure.place, zero.figure.place):
        return None
    if any(window_shape(s.figure.window).cumulative for s in (count, zero)):
        return None  # a running total is not the moment a denial speaks of
    if (moments := _days_apart(_moment(count), _moment(zero))) is not None and moments > SAME_MOMENT_DAYS:
        return None  # "three were killed there last year" is not the night nobody died
    gap = _days_apart(count.as_of, zero.as_of)
    if gap is not None and gap > SAME_MOMENT_DAYS:
        return None
    if count.origin is not None and count.origin == zero.origin:
        return None if gap else "misreport"  # the origin's later word is an update
    return "disagreement"


def _describe(side: _Side, zero: bool, label: str) -> str:
    fig = side.figure
    said = f'"{side.words}"' if zero else f"{fig.value:,.0f}"
    return f"{side.party} {said}" + (f" ({side.as_of})" if side.as_of else "") + ("" if zero else f" {label}")


def _conflict(label: str, rating: str, counts: list[_Side], zeros: list[_Side],
              records: Mapping[str, Claim]) -> DenialConflict:
    members = [s.figure.id for s in (*counts, *zeros)]
    said_in = [s.figure.attribution for s in zeros if is_denial(s.figure)]
    members += [a for a in said_in if a in records]
    members = list(dict.fromkeys(members))
    counted = dict.fromkeys(_describe(s, False, label) for s in counts)  # "1 critical", "1 serious": one line
    denied = dict.fromkeys(_describe(s, True, label) for s in zeros)
    why = "; ".join(counted) + " vs " + "; ".join(denied) + f" - none {label}, say the latter"
    detail = (("quantity", label), *((s.figure.id, s.figure.text) for s in (*counts, *zeros)))
    return DenialConflict(tuple(members), why, rating, detail)


def denial_conflicts(
    articles: Sequence[Article], claims: Sequence[ArticleClaims], records: Mapping[str, Claim],
    index: OriginIndex, story_of: Mapping[str, str],
) -> list[DenialConflict]:
    """Counts of harm set against the zeros of the same class in their story, one conflict per class
    and group of figures that contradict one another."""
    texts = {a.id: a.text for a in articles}
    published = {a.id: a.published for a in articles}
    counts: dict[str, list[_Side]] = defaultdict(list)
    zeros: dict[str, list[_Side]] = defaultdict(list)
    for article in claims:
        for fig in article.figures:
            asserted, denied = _classes(fig, texts.get(fig.article, ""))
            if not asserted and not denied:
                continue
            parent = records.get(fig.attribution or "")
            said = fig.said_on or (parent.said_on if parent is not None else None) \
                or published.get(fig.article)
            origin = index.key(origin_name(fig, records))
            party = (index.display(origin) or origin) if origin else "an unnamed source"
            story = story_of.get(fig.article, fig.article) if story_of else ""
            words = fig.text if is_denial(fig) else described(fig, texts.get(fig.article, ""))
            side = _Side(fig, origin, party, said[:10] if said else None, story, words.strip())
            for label in asserted:
                counts[label].append(side)
            for label in denied:
                zeros[label].append(side)
    out = []
    for label in sorted(zeros):
        pairs = [(c, z, r) for c in counts.get(label, []) for z in zeros[label] if (r := _opposed(c, z))]
        for component in _components(pairs):
            rating = "disagreement" if any(r == "disagreement" for _c, _z, r in component) else "misreport"
            side_counts = list(dict.fromkeys(c for c, _z, _r in component))
            side_zeros = list(dict.fromkeys(z for _c, z, _r in component))
            out.append(_conflict(COUNTED_WORDS.get(label, label), rating, side_counts, side_zeros, records))
    return out


def _components(pairs: Sequence[tuple[_Side, _Side, str]]) -> list[list[tuple[_Side, _Side, str]]]:
    """Pairs joined by sharing a figure, in first-seen order."""
    links = [(count.figure.id, zero.figure.id) for count, zero, _rating in pairs]
    return connected_groups(pairs, links, key=lambda pair: pair[1].figure.id)
