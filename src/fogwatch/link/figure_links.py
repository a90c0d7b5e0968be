"""Linking by figures: the same number from the same voice, a vaguer rounding of it, and other voices
independently giving the same number.

Three passes, each inside blocks so nothing is compared with everything:

1. same voice, unit and value: leader clustering against the few statements already formed there;
2. same voice and unit: an open or approximate figure ("more than 1,000") joins the one statement
   whose figure it covers (1,200), and only when exactly one fits;
3. same unit, counted, value and subject wording from different named voices, with a place or
   window known on both sides: independent origins corroborating one figure, which
   ``independent_origins`` then counts. Unnamed sources never corroborate: nobody can tell whether
   they are independent.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from fogwatch.link.clusters import Clusters, Item
from fogwatch.link.quantities import (
    counted_relation,
    figure_range,
    place_key,
    places_compatible,
    subject_tokens,
    subjects_compatible,
    window_shape,
    windows_compatible,
)
from fogwatch.model import Figure, Window


@dataclass
class Profile:
    """What the figures of one statement-in-progress say, for compatibility checks."""

    leader: int
    counted: set[str] = field(default_factory=set)
    subjects: set[str | None] = field(default_factory=set)
    places: set[str | None] = field(default_factory=set)
    windows: list[Window] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    said: set[str] = field(default_factory=set)

    def add(self, fig: Figure) -> None:
        self.counted.add(fig.counted)
        self.subjects.add(fig.subject)
        self.places.add(fig.place)
        if fig.window is not None and len(self.windows) < 8 and fig.window not in self.windows:
            self.windows.append(fig.window)
        if len(self.figures) < 8:
            self.figures.append(fig)
        if fig.said_on:
            self.said.add(fig.said_on[:10])

    def accepts(self, fig: Figure, *, drift: bool = True) -> bool:
        """Same thing counted (or drift), subject, place and window all compatible with every member."""
        related = (lambda c: counted_relation(c, fig.counted) is not None) if drift else \
            (lambda c: c == fig.counted)
        return (all(related(c) for c in self.counted)
                and all(subjects_compatible(s, fig.subject) for s in self.subjects)
                and all(places_compatible(p, fig.place) for p in self.places)
                and all(windows_compatible(w, fig.window) for w in self.windows))


def _figure_items(items: Sequence[Item]) -> list[int]:
    return [i for i, it in enumerate(items) if isinstance(it.record, Figure) and it.record.part_of is None]


def link_same_figures(items: Sequence[Item], clusters: Clusters, order: Mapping[str, int]) -> None:
    """Pass 1: one voice, one unit, one value."""
    blocks: dict[tuple[str, str, float], list[int]] = defaultdict(list)
    for i in _figure_items(items):
        fig = items[i].record
        assert isinstance(fig, Figure)
        blocks[(items[i].block, fig.unit, float(fig.value))].append(i)
    for members in blocks.values():
        members.sort(key=lambda i: (order.get(items[i].record.article, 0), items[i].record.start))
        profiles: list[Profile] = []
        for i in members:
            fig = items[i].record
            assert isinstance(fig, Figure)
            for profile in profiles:
                if profile.accepts(fig) and clusters.merge(profile.leader, i, same_article_ok=True):
                    profile.add(fig)
                    break
            else:
                profile = Profile(i)
                profile.add(fig)
                profiles.append(profile)


def _profiles(items: Sequence[Item], clusters: Clusters, indices: Iterable[int]) -> dict[int, Profile]:
    """Current statements (by root) built from the given figure items."""
    out: dict[int, Profile] = {}
    for i in indices:
        fig = items[i].record
        assert isinstance(fig, Figure)
        root = clusters.find(i)
        out.setdefault(root, Profile(root)).add(fig)
    return out


def _is_open(fig: Figure) -> bool:
    low, high = figure_range(fig, tolerance=0.0)
    return high - low > 0


def attach_open_figures(items: Sequence[Item], clusters: Clusters) -> None:
    """Pass 2: "more than 1,000" from a voice joins that voice's single statement it covers (1,200).

    Blocks hold one voice, unit, family of things counted and subject wording, so a vague figure is
    held only against the few statements it could be rounding.
    """
    by_voice: dict[tuple[str, str, str, frozenset[str]], list[int]] = defaultdict(list)
    for i in _figure_items(items):
        fig = items[i].record
        assert isinstance(fig, Figure)
        if items[i].named:
            broad = counted_relation(fig.counted, "killed_or_wounded") is not None
            family = "killed_or_wounded" if broad else fig.counted
            by_voice[(items[i].block, fig.unit, family, subject_tokens(fig.subject))].append(i)
    for indices in by_voice.values():
        profiles = _profiles(items, clusters, indices)
        if len(profiles) < 2:
            continue
        points = sorted((p.figures[0].value, root) for root, p in profiles.items()
                        if not any(_is_open(f) for f in p.figures))
        values = [v for v, _root in points]
        for root, profile in sorted(profiles.items()):
            if not all(_is_open(f) for f in profile.figures):
                continue
            low = max(figure_range(f, tolerance=0.0)[0] for f in profile.figures)
            fits: list[int] = []
            for _value, other in points[bisect.bisect_left(values, low):]:
                if other != root and _covers(profile, profiles[other]):
                    fits.append(other)
                    if len(fits) > 1:
                        break
            if len(fits) == 1:
                clusters.merge(root, fits[0], same_article_ok=True)


def _covers(vague: Profile, target: Profile) -> bool:
    """Every figure of target lies inside the vague figures' ranges and describes the same quantity,
    said the same day where both are dated (a later, higher total is a new statement)."""
    if vague.said and target.said and not vague.said & target.said:
        return False
    for fig in target.figures:
        if not vague.accepts(fig):
            return False
        low, high = figure_range(fig, tolerance=0.0)
        for open_fig in vague.figures:
            open_low, open_high = figure_range(open_fig)
            inside = open_low <= low and high <= open_high
            if counted_relation(open_fig.counted, fig.counted) and not inside:
                return False
    return any(not _is_open(f) for f in target.figures)


def _known(profile: Profile) -> tuple[bool, bool, bool]:
    return (any(subject_tokens(s) for s in profile.subjects),
            any(place_key(p) for p in profile.places),
            any(window_shape(w).cumulative is not None or (w.start and w.end) for w in profile.windows))


def corroborate(items: Sequence[Item], clusters: Clusters) -> None:
    """Pass 3: different named voices giving the same figure for the same quantity join one statement."""
    blocks: dict[tuple[str, str, float, frozenset[str]], list[int]] = defaultdict(list)
    for i in _figure_items(items):
        fig = items[i].record
        assert isinstance(fig, Figure)
        if items[i].named and subject_tokens(fig.subject):
            blocks[(fig.unit, fig.counted, float(fig.value), subject_tokens(fig.subject))].append(i)
    for indices in blocks.values():
        if len({items[i].block for i in indices}) < 2:
            continue
        profiles = _profiles(items, clusters, indices)
        voices: dict[int, set[str]] = defaultdict(set)
        for i in indices:
            voices[clusters.find(i)].add(items[i].block)
        groups: list[tuple[int, Profile, set[str]]] = []  # leader clustering: few groups per block
        for root in sorted(profiles):
            for leader, profile, heard in groups:
                if not heard & voices[root] and _corroborates(profile, profiles[root]) \
                        and clusters.merge(leader, root, same_article_ok=True):
                    heard |= voices[root]
                    break
            else:
                groups.append((root, profiles[root], set(voices[root])))


def _corroborates(a: Profile, b: Profile) -> bool:
    subject_a, place_a, window_a = _known(a)
    subject_b, place_b, window_b = _known(b)
    if not (subject_a and subject_b) or not ((place_a and place_b) or (window_a and window_b)):
        return False
    return all(a.accepts(fig, drift=False) for fig in b.figures)
