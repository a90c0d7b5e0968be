"""Typed conflicts between claims, each with its evidence (member ids), a rating and a one-line why.

Fogwatch does not decide who is right; it shows where the record disagrees with itself:

- ``quote_drift``: one statement printed inside quotation marks in different wordings. Differences
  of punctuation or letter case only, and clean excerpts (words cut at the ends), are not listed:
  they do not change what the speaker is shown to have said. Rated ``wording`` or ``meaning``.
- ``counted_drift``: the origin's figure printed as another category with the same value
  (killed or wounded -> killed). Rated ``narrowed`` or ``widened``.
- ``figure``: different figures for the same quantity and window. From different origins it is a
  ``disagreement``; from one origin through different relays (or on the same day) a ``misreport``.
  One origin giving a new figure on a later day is an update, not a conflict; figures said days
  apart measure other moments, except an event's death toll given lower later. Harm denied ("nobody
  was hurt", "only minor injuries") against harm counted is one too (``denials.py``).
- ``date``: one statement dated differently, or an article whose dates for an origin do not fit.
- ``attribution``: the same words credited to different speakers (``relay`` when one is a relay
  of the other's statement, else ``speaker``).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cached_property

from rapidfuzz.distance import Indel

from fogwatch.extract.harm import is_denial
from fogwatch.link.matching import bulk_allocation, words_of
from fogwatch.link.origins import OriginIndex
from fogwatch.link.quantities import (
    counted_relation,
    figure_range,
    ranges_agree,
    window_shape,
    windows_compatible,
)
from fogwatch.link.relays import (
    COUNTED_WORDS,
    Claim,
    article_labels,
    claim_records,
    origin_name,
    statement_origins,
)
from fogwatch.link.voices import origin_index_for
from fogwatch.model import Article, ArticleClaims, Attribution, Conflict, Figure, Statement, Story
from fogwatch.reconcile.dates import DateIssue, article_issues, statement_issues
from fogwatch.reconcile.denials import denial_conflicts
from fogwatch.reconcile.groups import connected_groups
from fogwatch.reconcile.quantity import FigureBasis, FigureClaim, by_key, figure_basis, placed_claims
from fogwatch.reconcile.quote_drift import compare_quotes, worse

_QUOTED = re.compile(r"[\"“”„«]([^\"“”„«»]{2,}?)[\"“”»]")
KIND_ORDER = ("quote_drift", "counted_drift", "figure", "date", "attribution")
CONTRACT_KINDS = {"counted_drift": "figure"}  # the scored export (shared/eval/README.md) knows four kinds
SAME_WINDOW_DAYS = 3  # cumulative figures given this close together count as the same moment
SAME_WORDS = 0.85  # word alignment at which two attributions carry "the same words"
MIN_WORDS = 6  # shorter texts coincide too easily to accuse anyone of misattribution
SHINGLE = 4
COMMON_SHINGLE = 50  # a 4-word run in more attributions than this is a stock phrase, not evidence


def contract_kind(kind: str) -> str:
    """The kind to write in the export contract: a counted drift is a kind of figure conflict there."""
    return CONTRACT_KINDS.get(kind, kind)


def conflict_id(kind: str, members: Sequence[str]) -> str:
    """Deterministic id from kind and sorted members."""
    digest = hashlib.sha1(("\x1f".join([kind, *sorted(members)])).encode()).hexdigest()[:12]
    return f"k-{digest}"


def _make(kind: str, members: Sequence[str], why: str, rating: str | None = None,
          statement: str | None = None, detail: Sequence[tuple[str, str]] = ()) -> Conflict:
    members = tuple(dict.fromkeys(members))
    return Conflict(id=conflict_id(kind, members), kind=kind, members=members, why=why, rating=rating,
                    statement=statement, detail=tuple(detail))


def quoted_words(att: Attribution) -> str:
    """The words an attribution prints inside quotation marks: all of a direct one, the quoted
    fragments of a mixed one (its paraphrase around them is the outlet's, not a quotation)."""
    if att.kind == "direct":
        return att.text
    return " … ".join(m.group(1) for m in _QUOTED.finditer(att.text))


def quote_drift(statement: Statement, records: Mapping[str, Claim]) -> Conflict | None:
    """Direct quotations of one statement that differ in words, compared with the most carried wording."""
    variants: dict[tuple[str, ...], list[Attribution]] = defaultdict(list)
    quoted: dict[str, str] = {}
    for member in statement.members:
        record = records.get(member)
        if isinstance(record, Attribution) and record.kind != "indirect":
            quoted[record.id] = quoted_words(record)
            if words_of(quoted[record.id]):
                variants[words_of(quoted[record.id])].append(record)
    if len(variants) < 2:
        return None
    ordered = sorted(variants.values(), key=lambda v: (-len({a.article for a in v}),
                                                       statement.members.index(v[0].id)))
    canonical = ordered[0][0]
    drifted: list[tuple[list[Attribution], object]] = []
    rating = "wording"
    changes: list[str] = []
    detail: list[tuple[str, str]] = [("canonical", " ".join(a.id for a in ordered[0]))]
    for variant in ordered[1:]:
        drift = compare_quotes(quoted[canonical.id], quoted[variant[0].id])
        if drift.rating in ("identical", "punctuation", "excerpt"):
            continue
        drifted.append((variant, drift))
        rating = worse(rating, drift.rating)
        changes.extend(c for c in drift.changes() if c not in changes)
        ids = " ".join(a.id for a in variant)
        reasons = f" [{'; '.join(drift.reasons)}]" if drift.reasons else ""
        summary = f"{drift.rating} ({drift.similarity:.2f}): " + ", ".join(drift.changes()) + reasons
        detail.append((f"variant {ids}", summary))
    if not drifted:
        return None
    members = [a.id for a in ordered[0]] + [a.id for variant, _ in drifted for a in variant]
    shown = ", ".join(changes[:8]) + (", ..." if len(changes) > 8 else "")
    why = (f"{statement.origin or 'an unnamed source'}'s words are printed inside quotation marks in "
           f"{len(drifted) + 1} different wordings ({shown})")
    return _make("quote_drift", members, why, rating, statement.id, detail)


def counted_drift(statement: Statement, records: Mapping[str, Claim],
                  labels: Mapping[str, str] | None = None) -> Conflict | None:
    """One origin's number printed under another category (killed or wounded -> killed)."""
    by_value: dict[float, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for member in statement.members:
        record = records.get(member)
        if isinstance(record, Figure) and not record.part_of and not is_denial(record):
            by_value[record.value][record.counted].append(record)
    labels = labels or {}
    for value, groups in sorted(by_value.items()):
        ranked = sorted(groups, key=lambda c: (-len({f.article for f in groups[c]}),
                                               c != "killed_or_wounded", c))
        main, others = ranked[0], [c for c in ranked[1:] if counted_relation(ranked[0], c) == "drift"]
        if not others:
            continue
        rating = "narrowed" if main == "killed_or_wounded" else "widened"
        carriers = {c: ", ".join(sorted({labels.get(f.article, f.article) for f in groups[c]}))
                    for c in others}
        where = "; ".join(f"as {COUNTED_WORDS.get(c, c)} in {carriers[c]}" for c in others)
        why = (f"{statement.origin or 'an unnamed source'}'s {value:,.0f} {COUNTED_WORDS.get(main, main)} "
               f"is printed {where}")
        members = [f.id for c in (main, *others) for f in groups[c]]
        detail = [(c, " ".join(f.id for f in groups[c])) for c in (main, *others)]
        return _make("counted_drift", members, why, rating, statement.id, detail)
    return None


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) if a and b else None
    except ValueError:
        return None


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _describe(claim: FigureClaim) -> str:
    fig = claim.figure
    if fig.low is not None and fig.high is not None and fig.low != fig.high:
        number = f"{_number(fig.low)}-{_number(fig.high)}"
    else:
        number = " ".join(p for p in (fig.qualifier, _number(fig.value)) if p)
    return f"{claim.party or 'an unnamed source'} {number}" + (f" ({claim.as_of})" if claim.as_of else "")


def _party(claim: FigureClaim) -> str:
    return claim.origin if claim.origin is not None else f"unnamed:{claim.statement.id}"


# Subjects too general to make two uncategorised counts one quantity.
GENERIC_SUBJECTS = frozenset({None, "people", "person", "men", "women", "others", "children"})


def figure_conflicts(claims: Sequence[FigureClaim],
                     story_of: Mapping[str, str] | None = None) -> list[Conflict]:
    """Claims on one quantity and window whose ranges do not overlap, reported in one story (when
    ``story_of`` maps articles to stories). Every claim drawn into the same disagreement makes one
    conflict, its parties grouped into the sides that agree among themselves ("Halvanenko about 1,200;
    an unnamed official 1,100-1,300 vs Voskova no more than 340")."""
    story_of = story_of or {}

    def stories(claim: FigureClaim) -> set[str]:
        return {story_of.get(f.article, f.article) for f in claim.figures}

    pairs: dict[tuple[str, str], list[tuple[FigureClaim, FigureClaim]]] = defaultdict(list)
    for key, group in by_key(claims).items():
        if all(c.counted == "other" and c.figure.subject in GENERIC_SUBJECTS for c in group):
            continue  # "50,000 people marched" and "three people suffocated" are not one quantity
        group = sorted(group, key=lambda c: (c.as_of or "", c.statement.id))
        told_in = [stories(c) for c in group]  # once per claim: the pairs are many
        for i, a in enumerate(group):
            for j in range(i + 1, len(group)):
                b = group[j]
                if story_of and not told_in[i] & told_in[j]:
                    continue  # different events: their figures differ without contradicting
                rating = _figure_rating(a, b, bool(story_of))
                if rating is not None:
                    pairs[(key, rating)].append((a, b))
    out = []
    for (key, rating), found in pairs.items():
        for component in _components(found):
            out.append(_figure_conflict(key, rating, component))
    return out


def _toll_fell(earlier: FigureClaim, later: FigureClaim) -> bool:
    """A death toll given lower later than another's: the dead do not come back, so however far
    apart they were said, one of the two is wrong (periods aside: "this week" is another week)."""
    if earlier.counted != "killed" or later.counted != "killed":
        return False
    if any(window_shape(c.window).days is not None for c in (earlier, later)):
        return False
    return figure_range(later.figure)[1] < figure_range(earlier.figure)[0]


def _figure_rating(a: FigureClaim, b: FigureClaim, one_story: bool = False) -> str | None:
    """disagreement | misreport for two claims that contradict each other, None when they do not.
    ``a`` was said first; ``one_story`` says both report one event (stories were given)."""
    gap = _days_apart(a.as_of, b.as_of)
    dated = all(c.window is not None and c.window.start and c.window.end for c in (a, b))
    if not dated and gap is not None and gap > SAME_WINDOW_DAYS and not (one_story and _toll_fell(a, b)):
        return None  # a running total or "past week" given days apart measures another moment
    if not windows_compatible(a.window, b.window) or ranges_agree(a.figure, b.figure):
        return None
    if a.origin is not None and a.origin == b.origin:
        if gap is not None and gap > 0 and not a.chains ^ b.chains:
            return None  # the origin revised its own figure later: an update
        return "misreport"
    return "disagreement"


def _components(pairs: Sequence[tuple[FigureClaim, FigureClaim]]) -> list[list[FigureClaim]]:
    """Claims joined by disagreeing with one another, each group in first-seen order."""
    claims = list({id(c): c for pair in pairs for c in pair}.values())
    return connected_groups(claims, [(id(a), id(b)) for a, b in pairs], key=id)


def _figure_conflict(key: str, rating: str, claims: Sequence[FigureClaim]) -> Conflict:
    sides: list[list[FigureClaim]] = []
    for claim in sorted(claims, key=lambda c: (-c.figure.value, c.as_of or "")):
        side = next((s for s in sides if all(ranges_agree(claim.figure, o.figure) for o in s)), None)
        if side is None:
            sides.append([claim])
        else:
            side.append(claim)
    why = (" vs ".join("; ".join(_describe(c) for c in side) for side in sides) + f" for {key}"
           + (" - the same origin through different relays" if rating == "misreport" else ""))
    members = [f.id for claim in claims for f in claim.figures]
    detail = [("quantity", key), *((c.statement.id, _describe(c)) for c in claims)]
    return _make("figure", members, why, rating, None, detail)


def _date_conflict(issue: DateIssue) -> Conflict:
    detail = list(issue.detail)
    if issue.article:
        detail.insert(0, ("article", issue.article))
    return _make("date", issue.members, issue.why, issue.scope, issue.statement, detail)


def relay_credited(statement: Statement, records: Mapping[str, Claim], index: OriginIndex,
                   labels: Mapping[str, str] | None = None) -> Conflict | None:
    """A statement credited to a voice that other members show only relaying it ("the centre wrote")."""
    members = [records[m] for m in statement.members if m in records]
    if not any(m.via for m in members):
        return None  # no member names a relay: none of its voices can be one
    origins = statement_origins(members, records, index)
    if not origins.relay_credited:
        return None
    credited = set(origins.relay_credited)
    named = [m for m in members if index.key(origin_name(m, records)) in credited]
    relaying = [m for m in members if any(index.key(v) in credited for v in m.via)]
    who = ", ".join(index.display(k) or k for k in origins.relay_credited)
    labels = labels or {}
    crediting = ", ".join(sorted({labels.get(m.article, m.article) for m in named}))
    showing = ", ".join(sorted({labels.get(m.article, m.article) for m in relaying}))
    why = (f"{crediting} credit(s) {who} with {statement.origin}'s claim, "
           f"but {showing} show(s) {who} only relaying it")
    detail = [("credited", " ".join(m.id for m in named)), ("relaying", " ".join(m.id for m in relaying))]
    return _make("attribution", [m.id for m in (*named, *relaying)], why, "relay", statement.id, detail)


def attribution_conflicts(claims: Sequence[ArticleClaims], statements: Sequence[Statement],
                          index: OriginIndex, records: Mapping[str, Claim],
                          labels: Mapping[str, str] | None = None) -> list[Conflict]:
    """The same words credited to different speakers, found through shared runs of four words."""
    statement_of = {m: s for s in statements for m in s.members}
    shingles: dict[tuple[str, ...], list[Attribution]] = defaultdict(list)
    words: dict[str, tuple[str, ...]] = {}
    voice: dict[str, str | None] = {}
    for article in claims:
        for att in article.attributions:
            w = words_of(att.text)
            if att.speaker.type == "unnamed" or len(w) < MIN_WORDS:
                continue
            words[att.id] = w
            voice[att.id] = index.key(origin_name(att, records))
            for gram in {w[i:i + SHINGLE] for i in range(len(w) - SHINGLE + 1)}:
                shingles[gram].append(att)
    seen: set[tuple[str, str]] = set()
    labels = labels or {}
    out = []
    shared = [gram for gram, holders in shingles.items() if 2 <= len(holders) <= COMMON_SHINGLE
              and len({voice[h.id] for h in holders}) > 1]  # only these are sorted: most runs are one voice's
    for gram in sorted(shared):
        holders = shingles[gram]
        for i, a in enumerate(holders):
            for b in holders[i + 1:]:
                ka, kb = voice[a.id], voice[b.id]
                sa, sb = statement_of.get(a.id), statement_of.get(b.id)
                if ka == kb or sa is None or sb is None or sa.id == sb.id:
                    continue
                pair = (min(sa.id, sb.id), max(sa.id, sb.id))
                if pair in seen or Indel.normalized_similarity(words[a.id], words[b.id]) < SAME_WORDS:
                    continue
                seen.add(pair)
                relay = {index.key(v) for v in (*a.via, *b.via)} & {ka, kb}
                where_a, where_b = labels.get(a.article, a.article), labels.get(b.article, b.article)
                why = (f"the same words are credited to {index.display(ka)} ({where_a}) "
                       f"and to {index.display(kb)} ({where_b})")
                detail = [(a.id, a.text[:200]), (b.id, b.text[:200])]
                rating = "relay" if relay else "speaker"
                out.append(_make("attribution", [a.id, b.id], why, rating, None, detail))
    return out


def find_conflicts(articles: Sequence[Article], claims: Sequence[ArticleClaims],
                   statements: Sequence[Statement], index: OriginIndex | None = None,
                   stories: Sequence[Story] = ()) -> list[Conflict]:
    """Every conflict in the corpus, in a stable order (kind, then id). With ``stories``, figures
    only conflict inside one story: two shootings' death tolls differ without contradicting."""
    finder = ConflictFinder(articles, claims, statements, index, stories)
    with bulk_allocation():
        return finder.merged(finder.per_statement(), finder.per_article())


class ConflictFinder:
    """The corpus's conflicts in two halves that need nothing from each other, so they can be found
    in two processes: what each statement and story shows, and what each article shows."""

    def __init__(self, articles: Sequence[Article], claims: Sequence[ArticleClaims],
                 statements: Sequence[Statement], index: OriginIndex | None = None,
                 stories: Sequence[Story] = ()) -> None:
        self.articles, self.claims, self.statements, self.stories = articles, claims, statements, stories
        self.records = claim_records(claims)
        self.index = index or origin_index_for(claims, articles)
        self.labels = article_labels(articles)

    def per_statement(self) -> list[Conflict]:
        """Quote drift, counted drift, relays and dates of each statement, and the figures of each story."""
        records, index, labels = self.records, self.index, self.labels
        found: list[Conflict] = []
        for statement in self.statements:
            for conflict in (quote_drift(statement, records), counted_drift(statement, records, labels),
                             relay_credited(statement, records, index, labels)):
                if conflict is not None:
                    found.append(conflict)
        issues = statement_issues(self.statements, records, index, labels)
        found.extend(_date_conflict(issue) for issue in issues)
        story_of = {a: s.id for s in self.stories for a in s.articles}
        figures = placed_claims(self.figure_basis, story_of)
        found.extend(figure_conflicts(figures, story_of))
        found.extend(_make("figure", d.members, d.why, d.rating, None, d.detail)
                     for d in denial_conflicts(self.articles, self.claims, records, index, story_of))
        return found

    @cached_property
    def figure_basis(self) -> FigureBasis:
        """The statements' figure claims before places are lent within stories; the timeline reads it too."""
        return figure_basis(self.articles, self.claims, self.statements, self.index)

    def per_article(self) -> list[Conflict]:
        """Dates that do not fit inside each article, and the same words credited to different speakers."""
        records, index, labels = self.records, self.index, self.labels
        found: list[Conflict] = []
        by_article = {a.id: a for a in self.articles}
        for article_claims in self.claims:
            article = by_article.get(article_claims.article)
            if article is not None:
                issues = article_issues(article, article_claims, index, records, labels[article.id])
                found.extend(_date_conflict(i) for i in issues)
        found.extend(attribution_conflicts(self.claims, self.statements, index, records, labels))
        return found

    @staticmethod
    def merged(per_statement: list[Conflict], per_article: list[Conflict]) -> list[Conflict]:
        """Both halves, each conflict once (the later finding of an id wins), by kind then id."""
        unique = {c.id: c for c in (*per_statement, *per_article)}
        return sorted(unique.values(), key=lambda c: (KIND_ORDER.index(c.kind), c.id))
