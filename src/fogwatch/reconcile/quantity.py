"""Figure statements reduced to comparable claims about one quantity (counted + subject + place).

Conflicts and the timeline must agree on which claims measure the same thing, so both read this.
Articles often leave part of a quantity unsaid ("North Koreans", no place); such a claim is filed
under the one fuller quantity it fits when that is unambiguous, the same way a bare surname joins
the one full name that carries it. Denials ("nobody was hurt") are no quantity's value: they meet
counts in ``denials.py``; a count of one grade of injury ("1 critical") is a quantity of its own.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from fogwatch.extract.harm import is_denial, severity
from fogwatch.link.origins import OriginIndex
from fogwatch.link.quantities import (
    figure_range,
    place_key,
    quantity_key,
    subject_label,
    subject_tokens,
    window_shape,
)
from fogwatch.link.relays import Claim, claim_records, origin_name, statement_origins, voice_name
from fogwatch.link.voices import origin_index_for
from fogwatch.model import Article, ArticleClaims, Figure, Statement, Window


@dataclass(frozen=True)
class FigureClaim:
    """One origin's figure in one statement, placed on a quantity key."""

    statement: Statement
    figure: Figure  # the representative printing
    figures: tuple[Figure, ...]  # every printing in the statement
    counted: str
    subject: str
    place: str | None
    key: str
    window: Window | None
    cumulative: bool | None
    origin: str | None  # origin key; None for unnamed sources
    party: str | None  # display name
    as_of: str | None  # when it was said, else first published
    chains: frozenset[tuple[str, ...]]  # relay chains (keys) it travelled through
    derived: bool = False  # killed + wounded added up to compare with a killed-or-wounded figure


def _canonical(figures: Sequence[Figure]) -> Figure:
    """The printing most articles carry; on a tie the earliest."""
    carried: Counter[float] = Counter()
    seen: set[tuple[str, float]] = set()
    for fig in figures:
        if (fig.article, fig.value) not in seen:
            seen.add((fig.article, fig.value))
            carried[fig.value] += 1
    best = max(carried, key=lambda v: (carried[v], -figures.index(next(f for f in figures if f.value == v))))
    return next(f for f in figures if f.value == best)


def categories(figures: Sequence[Figure]) -> dict[str, list[Figure]]:
    """Figures by what they count, with a relay's narrowing (the same number printed as "killed"
    where others print "killed or wounded") folded back into the broader category."""
    groups: dict[str, list[Figure]] = defaultdict(list)
    for fig in figures:
        groups[fig.counted].append(fig)
    broad = {f.value for f in groups.get("killed_or_wounded", [])}
    for narrow in ("killed", "wounded"):
        if narrow in groups and broad and {f.value for f in groups[narrow]} <= broad:
            groups["killed_or_wounded"].extend(groups.pop(narrow))
    return dict(groups)


def _sum(killed: Figure, wounded: Figure) -> Figure:
    """Killed plus wounded as one killed-or-wounded figure, so it can meet a rival total."""
    (kl, kh), (wl, wh) = figure_range(killed, 0.0), figure_range(wounded, 0.0)
    low = kl + wl if killed.low is not None or wounded.low is not None or (kl == kh and wl == wh) else None
    high = kh + wh if math.isfinite(kh + wh) else None
    qualifier = killed.qualifier if killed.qualifier == wounded.qualifier else None
    return replace(killed, id=f"{killed.id}+{wounded.id}", counted="killed_or_wounded",
                   value=killed.value + wounded.value, low=low, high=high, qualifier=qualifier,
                   text=f"{killed.text} + {wounded.text}", part_of=None)


def _grade(fig: Figure) -> str | None:
    """The grade of a count of one grade of injury ("1 critical", "2 minor"): part of the wounded,
    not their number, so a quantity of its own ("wounded (severe)")."""
    return severity(fig.text) if fig.counted == "wounded" else None


def _said_on(fig: Figure, records: Mapping[str, Claim]) -> str | None:
    parent = records.get(fig.attribution or "")
    return fig.said_on or (parent.said_on if parent is not None else None)


def _best_window(figures: Sequence[Figure]) -> Window | None:
    windows = [f.window for f in figures if f.window is not None]
    dated = [w for w in windows if w.start and w.end]
    shaped = [w for w in windows if window_shape(w).cumulative is not None]
    return (dated or shaped or windows or [None])[0]


def _fill_subjects(tokens: dict[int, frozenset[str]]) -> dict[int, frozenset[str]]:
    """Map a subject to the single chain of fuller subjects that contains it, if unambiguous."""
    distinct = set(tokens.values())
    out = {}
    for i, words in tokens.items():
        bigger = sorted((t for t in distinct if words < t), key=len)
        chain = all(a < b for a, b in itertools.pairwise(bigger))
        out[i] = bigger[-1] if bigger and chain else words
    return out


@dataclass(frozen=True)
class FigureBasis:
    """The figure claims before a place is lent to those that name none: all of ``placed_claims``
    that does not depend on the stories, so conflicts and the timeline compute it once."""

    claims: list[FigureClaim]  # each placed only where its own figures name a place
    subjects: list[frozenset[str]]  # each claim's subject words, filled in as its quantity's


def figure_basis(articles: Sequence[Article], claims: Sequence[ArticleClaims],
                 statements: Sequence[Statement], index: OriginIndex | None = None) -> FigureBasis:
    """One FigureClaim per statement, origin and thing counted, plus killed + wounded totals.

    A voice credited with a figure it only relayed is filed under the statement's real origin.
    """
    records = claim_records(claims)
    index = index or origin_index_for(claims, articles)
    published = {a.id: a.published for a in articles}
    raw: list[tuple[Statement, str | None, list[Figure], Figure | None]] = []
    for st in statements:
        members = [records[m] for m in st.members if m in records]
        figures = [r for r in members if isinstance(r, Figure) and r.part_of is None and not is_denial(r)]
        if not figures:
            continue
        origins = statement_origins(members, records, index)
        by_origin: dict[tuple[str | None, str | None], list[Figure]] = defaultdict(list)
        for record in figures:
            key = index.key(origin_name(record, records))
            origin = origins.primary if key in origins.relay_credited else key
            by_origin[(origin, _grade(record))].append(record)
        for (origin, _graded), figs in by_origin.items():
            groups = categories(figs)
            raw.extend((st, origin, group, None) for _counted, group in sorted(groups.items()))
            if "killed" in groups and "wounded" in groups and "killed_or_wounded" not in groups:
                total = _sum(_canonical(groups["killed"]), _canonical(groups["wounded"]))
                raw.append((st, origin, groups["killed"] + groups["wounded"], total))
    canon = [total or _canonical(figs) for _st, _o, figs, total in raw]
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, fig in enumerate(canon):
        groups[(fig.unit, fig.counted)].append(i)
    subjects: dict[int, frozenset[str]] = {}
    for members in groups.values():
        subjects.update(_fill_subjects({i: frozenset().union(*(subject_tokens(f.subject) for f in raw[i][2]))
                                        for i in members}))
    labels: dict[frozenset[str], str] = {}
    for _st, _o, figs, _total in raw:
        for f in figs:
            labels.setdefault(subject_tokens(f.subject), subject_label([f.subject]))
    out = []
    for i, (st, origin, figs, total) in enumerate(raw):
        fig = canon[i]
        found = sorted({k for k in (place_key(f.place) for f in figs) if k}, key=lambda p: (len(p), p))
        place = found[0] if found else None
        subject = labels.get(subjects[i]) or subject_label(f.subject for f in figs)
        window = _best_window(figs)
        dates = sorted(d for d in (published.get(a) for a in st.articles) if d)
        said = sorted(d[:10] for d in (_said_on(f, records) for f in figs) if d)
        chains = frozenset(tuple(k for k in (index.key(v) for v in f.via) if k) for f in figs)
        out.append(FigureClaim(
            statement=st, figure=fig, figures=tuple(figs), counted=fig.counted, subject=subject, place=place,
            key=quantity_key(fig.counted, subject, place, _grade(fig)), window=window,
            cumulative=window_shape(window).cumulative, origin=origin,
            party=voice_name(origin, figs, records, index) if origin else None,
            as_of=said[0] if said else (dates[0][:10] if dates else None), chains=chains,
            derived=total is not None,
        ))
    return FigureBasis(out, [subjects[i] for i in range(len(raw))])


def placed_claims(basis: FigureBasis, story_of: Mapping[str, str] | None = None) -> list[FigureClaim]:
    """The basis's figure claims, those that name no place given the one place their story's
    figures of that quantity name (with ``story_of``, articles to stories; without, the corpus's)."""
    story_of = story_of or {}

    def quantity(claim: FigureClaim, subject: frozenset[str]) -> tuple[str | None, str, str, frozenset[str]]:
        return story_of.get(claim.figures[0].article), claim.figure.unit, claim.figure.counted, subject

    named: dict[tuple[str | None, str, str, frozenset[str]], set[str]] = defaultdict(set)
    for claim, subject in zip(basis.claims, basis.subjects, strict=True):
        if claim.place:
            named[quantity(claim, subject)].add(claim.place)
    out = []
    for claim, subject in zip(basis.claims, basis.subjects, strict=True):
        known = set() if claim.place else named.get(quantity(claim, subject), set())
        if len(known) == 1:
            place = next(iter(known))
            claim = replace(claim, place=place,
                            key=quantity_key(claim.counted, claim.subject, place, _grade(claim.figure)))
        out.append(claim)
    return out


def by_key(claims: Sequence[FigureClaim]) -> Mapping[str, list[FigureClaim]]:
    """Claims grouped by quantity key, keys sorted."""
    grouped: dict[str, list[FigureClaim]] = defaultdict(list)
    for claim in claims:
        grouped[claim.key].append(claim)
    return dict(sorted(grouped.items()))
