"""Stories: articles about the same real-world event, grouped without comparing every pair.

Topic similarity is not enough: two school shootings a year apart read alike. What separates them is
who and where (rare names shared), which numbers, and when. Each article gets a profile: an embedding
of its title and lead, the capitalised names of its whole text weighted by rarity in the corpus, its
numbers, the years it names and the year it speaks from. Candidate pairs come only from embedding
neighbours (``neighbours.candidate_arrays``) and MinHash LSH over rare names, so the work grows with
the corpus, not its square. A small logistic model gives each candidate pair a probability of
reporting one event; average linkage over those edges (a pair never scored counts as 0) merges
clusters while their mean stays at least ``link``: average, not single, linkage, so one article that
names two similar events does not chain them. Dates are a soft signal, not a wall: ECB+ stories hold
follow-ups months later (a trial after a shooting). A syndicated copy always joins its original.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from fogwatch.extract.dates import MONTHS, WEEKDAYS, find_day_mentions
from fogwatch.link.embeddings import EmbedFn
from fogwatch.link.linkage import GroupMap, average_linkage
from fogwatch.link.neighbours import candidate_arrays
from fogwatch.model import Article, Story

__all__ = ["PAIR_FEATURES", "Profile", "StorySettings", "candidates", "cluster_stories", "names_in",
           "pair_features", "pair_scores", "profiles", "story_id"]


@dataclass(frozen=True)
class StorySettings:
    """Blocking sizes, the pair model and the linkage threshold.

    The pair weights are a logistic regression fitted on ECB+ train-topic document pairs (same
    sub-topic vs. the similar event of the same topic, plus a sample of other topics' pairs);
    ``train/story_pairs.py`` refits them (a little smaller, about as good on ECB+ dev and GVA) and
    prints the B-cubed F1 of each linkage threshold on the train topics, where blocking sizes were
    chosen too; dev topics were never used for tuning. ECB+ stories hold about a dozen articles, so
    its train topics favour merging (0.40 scores best), but where stories hold a few articles (GVA
    long tail) 0.40 merges similar events, so ``link`` stays higher. Shorter leads (40, 60 words),
    even refitted, lost GVA story B3 at each threshold tried.
    ECB+ also rewards "same year" and even "published weeks apart" (its similar events are years
    apart and only one side is dated), which would merge every same-year pair of a real news stream,
    so the model leaves those out and keeps only the penalties for different years.
    """

    lead_words: int = 80  # words of title + lead that are embedded
    neighbours: int = 20  # embedding neighbours proposed per article
    candidate_floor: float = 0.3  # cosine below which a neighbour is not proposed
    lsh_threshold: float = 0.2  # Jaccard of name sets at which MinHash LSH proposes a pair
    lsh_candidates: int = 10  # LSH proposals kept per article, best estimated Jaccard first
    rare_name: float = 3.0  # names enter LSH when log(articles / articles naming them) is at least this
    rare_limit: int = 100  # ... and are named by at most this many articles, so LSH buckets stay small
    max_names: int = 64  # rarest names kept per article: common ones barely move the overlap, and cost
    embedding: float = 7.1  # weight of the lead cosine
    names: float = 11.6  # weight of the rarity-weighted name overlap
    numbers: float = 3.0  # weight of shared numbers
    other_years: float = -1.0  # both name years and share none
    other_era: float = -0.6  # they speak from different years (published, else the latest year named)
    bias: float = -7.2
    link: float = 0.55  # average linkage merges while the mean same-event probability is at least this


@dataclass(frozen=True, eq=False)
class Profile:
    """What story clustering knows of one article."""

    article: Article
    vector: np.ndarray
    names: dict[str, float]  # name (lower case) -> rarity weight (inverse document frequency in the corpus)
    spelled: dict[str, str]  # name (lower case) -> as first written
    numbers: frozenset[str]
    years: frozenset[int]
    era: int | None  # the year the article speaks from: its date's, else the latest it names
    name_norm: float = 0.0  # length of the name-weight vector, kept for the overlap's denominator


_NAME = re.compile(r"\b[A-Z][A-Za-z'’.&-]*[A-Za-z]")
# Numbers of up to three digits (with thousands groups and decimals) not inside a longer number, and
# the years 1950-2049 as whole words. Each pattern opens with the digit it needs and looks back from
# there, so the scan jumps from digit to digit: four and three times faster than opening with the
# look-behind or word boundary, the same matches.
_NUMBER = re.compile(r"\d(?<![\d.,]\d)\d{0,2}(?:,\d{3})*(?:\.\d+)?(?!\d)")
_YEAR = re.compile(r"1(?<!\w1)9[5-9]\d\b|2(?<!\w2)0[0-4]\d\b")
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"am", "pm", "gmt", "et", "edt", "est", "updated",
                                                       "posted"}
_NOT_NAMES = frozenset(STOP_WORDS) | _CALENDAR | frozenset(
    ("mr", "mrs", "ms", "dr", "st", "jr", "sr", "ap", "afp", "reuters", "said", "says", "update", "updated",
     "breaking", "news", "photo", "video", "posted", "published")
)


def lead(article: Article, words: int) -> str:
    """The title and first words of the text: what the article says it is about."""
    body = " ".join(article.text.split()[:words])
    title = (article.title or "").strip()
    return body if not title or body.startswith(title) else f"{title}. {body}"


def names_in(text: str) -> dict[str, str]:
    """Capitalised words and adjacent pairs of them ("Nichols", "Brian Nichols"), keyed in lower case,
    function words, months and weekdays left out: a cheap stand-in for named entities that needs no
    parser, so it can read the whole text."""
    found: dict[str, str] = {}
    previous: tuple[str, str] | None = None
    end = 0
    for match in _NAME.finditer(text):
        word = match.group().removesuffix("'s").removesuffix("’s").rstrip(".")
        key = word.lower()
        adjacent = previous is not None and not text[end:match.start()].strip()
        end = match.end()
        if key in _NOT_NAMES or len(key) < 2:
            previous = None
            continue
        found.setdefault(key, word)
        if adjacent and previous is not None:
            found.setdefault(f"{previous[0]} {key}", f"{previous[1]} {word}")
        previous = (key, word)
    return found


def _era(article: Article, years: frozenset[int]) -> int | None:
    """Published year, else the latest year of a full date or a bare year in the text: articles name
    past years as background but rarely future ones, so the latest is when the article speaks."""
    if article.published:
        try:
            return date.fromisoformat(article.published[:10]).year
        except ValueError:
            pass
    dated = [d.date.year for d in find_day_mentions(article.text, None) if d.explicit and d.date]
    return max([*dated, *years], default=None)


def profiles(articles: Sequence[Article], embed: EmbedFn | None = None,
             settings: StorySettings | None = None) -> list[Profile]:
    """One profile per article; name weights are the corpus's own inverse document frequencies."""
    settings = settings or StorySettings()
    if embed is None:
        from fogwatch.link.embeddings import embed as default_embed
        embed = default_embed
    vectors = np.asarray(embed([lead(a, settings.lead_words) for a in articles]), dtype=np.float32)
    raw = [names_in(a.text) for a in articles]
    frequency = Counter(name for names in raw for name in names)
    total = len(articles) + 1
    out = []
    for article, vector, names in zip(articles, vectors, raw, strict=True):
        weights = {n: math.log(total / frequency[n]) for n in names if frequency[n] > 1}
        if len(weights) > settings.max_names:
            weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: settings.max_names])
        numbers = frozenset(n.replace(",", "") for n in _NUMBER.findall(article.text)) - {"1", "0"}
        years = frozenset(int(y) for y in _YEAR.findall(article.text))
        out.append(Profile(article, vector, weights, names, numbers - {str(y) for y in years}, years,
                           _era(article, years), math.sqrt(sum(w * w for w in weights.values()))))
    return out


PAIR_FEATURES = ("embedding", "names", "numbers", "other_years", "other_era")  # StorySettings weights


def pair_features(items: Sequence[Profile], pairs: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """One row per pair (rows of ``pairs``: two profile indices), one column per name of
    ``PAIR_FEATURES``: the features ``pair_scores`` weighs, for fitting the weights on labelled pairs."""
    rows = [features for _, features in _feature_chunks(items, pairs, chunk)]
    return np.concatenate(rows) if rows else np.zeros((0, len(PAIR_FEATURES)))


def pair_scores(items: Sequence[Profile], pairs: np.ndarray, settings: StorySettings,
                chunk: int = 65536) -> np.ndarray:
    """The probability that each pair of articles (rows of ``pairs``: two profile indices) reports one
    event: a logistic model over ``pair_features``."""
    weights = np.array([getattr(settings, name) for name in PAIR_FEATURES])
    out = np.zeros(len(pairs))
    for start, features in _feature_chunks(items, pairs, chunk):
        out[start:start + len(features)] = 1.0 / (1.0 + np.exp(-(settings.bias + features @ weights)))
    return out


def _feature_chunks(items: Sequence[Profile], pairs: np.ndarray,
                    chunk: int) -> Iterator[tuple[int, np.ndarray]]:
    """The lead cosine, the rarity-weighted cosine of the names (a shared rare name counts, a shared
    common one barely), the share of numbers in common, and whether both name years but none in
    common, or speak from different years. Vectors and names are compared as matrices, a chunk of
    pairs at a time; yields each chunk's first row and its features."""
    if not len(pairs):
        return
    vectors = np.stack([p.vector for p in items])
    names = _name_matrix(items)
    numbers, years = _set_matrix([p.numbers for p in items]), _set_matrix([p.years for p in items])
    number_count, year_count = np.diff(numbers.indptr), np.diff(years.indptr)
    era = np.array([-1 if p.era is None else p.era for p in items])
    for start in range(0, len(pairs), chunk):
        left, right = pairs[start:start + chunk, 0], pairs[start:start + chunk, 1]
        cosine = np.einsum("ij,ij->i", vectors[left], vectors[right])
        overlap = np.asarray(names[left].multiply(names[right]).sum(axis=1)).ravel()
        both = (number_count[left] > 0) & (number_count[right] > 0)
        shared = np.asarray(numbers[left].multiply(numbers[right]).sum(axis=1)).ravel()
        size = np.sqrt((number_count[left] * number_count[right]).astype(np.float64))
        dated = (year_count[left] > 0) & (year_count[right] > 0)
        same_year = np.asarray(years[left].multiply(years[right]).sum(axis=1)).ravel() > 0
        eras_differ = (era[left] >= 0) & (era[right] >= 0) & (era[left] != era[right])
        number_share = np.where(both, shared / np.where(both, size, 1.0), 0.0)
        yield start, np.column_stack([cosine, overlap, number_share, dated & ~same_year,
                                      eras_differ]).astype(np.float64)


def _set_matrix(sets: Sequence[frozenset[str] | frozenset[int]]) -> sparse.csr_matrix:
    """Articles x values, 1 where an article's set holds the value: set overlaps of many pairs at once."""
    columns: dict[object, int] = {}
    indptr, indices = [0], []
    for values in sets:
        indices.extend(columns.setdefault(v, len(columns)) for v in values)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(sets), max(1, len(columns))))


def _name_matrix(items: Sequence[Profile]) -> sparse.csr_matrix:
    """Articles x names, each row its rarity weights scaled to unit length."""
    columns: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, profile in enumerate(items):
        for name, weight in profile.names.items():
            rows.append(row)
            cols.append(columns.setdefault(name, len(columns)))
            values.append(weight / profile.name_norm)
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(items), max(1, len(columns))))


def candidates(items: Sequence[Profile], settings: StorySettings) -> np.ndarray:
    """Pairs worth scoring (rows of two profile indices, maybe repeated): embedding neighbours, and
    articles whose rare names MinHash LSH finds alike.

    Only names in under ``1 / exp(rare_name)`` of the articles, and in at most ``rare_limit`` of them, go
    into the LSH signatures: "Police" or "Monday" would put most of a corpus in one bucket and make the
    query quadratic; the embedding neighbours already find the articles of a large story.
    """
    if len(items) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    low, high, _ = candidate_arrays(np.stack([p.vector for p in items]), settings.neighbours,
                                    settings.candidate_floor)
    found_by_name: list[np.ndarray] = []
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=64)
    hashes = np.zeros((len(items), 64), dtype=np.uint64)
    template = MinHash(num_perm=64, seed=7)  # its permutations are drawn once, copies share them
    floor = max(settings.rare_name, math.log((len(items) + 1) / settings.rare_limit))
    for i, profile in enumerate(items):
        rare = sorted(n.encode("utf-8") for n, w in profile.names.items() if w >= floor)
        if not rare:
            continue
        signature = template.copy()
        signature.update_batch(rare)
        hashes[i] = signature.hashvalues
        found = np.array(sorted(lsh.query(signature)), dtype=np.int64)
        if len(found):
            similarity = (hashes[found] == hashes[i]).mean(axis=1)  # estimated Jaccard
            best = found[np.argsort(-similarity, kind="stable")[:settings.lsh_candidates]]
            found_by_name.append(np.stack([best, np.full(len(best), i)], axis=1))
        lsh.insert(i, signature)
    return np.concatenate([np.stack([low, high], axis=1), *found_by_name])


def _roots(articles: Sequence[Article]) -> list[int]:
    """For each article, the index of the original it is a syndicated copy of (itself if none)."""
    position = {a.id: i for i, a in enumerate(articles)}

    def root(i: int) -> int:
        seen = {i}
        while (j := position.get(articles[i].copy_of or "")) is not None and j not in seen:
            seen.add(j)
            i = j
        return i

    return [root(i) for i in range(len(articles))]


def _story(group: Sequence[int], items: Sequence[Profile]) -> Story:
    """A Story record: members by date (undated last, then input order), the title of the member
    nearest the story's mean vector, and the names most members share."""
    ordered = sorted(group, key=lambda i: (items[i].article.published is None,
                                           items[i].article.published or "", i))
    ids = tuple(items[i].article.id for i in ordered)
    vectors = np.stack([items[i].vector for i in ordered])
    central = items[ordered[int(np.argmax(vectors @ vectors.mean(axis=0)))]].article
    return Story(id=story_id(ids), articles=ids, label=headline(central),
                 entities=_shared_names(ordered, items))


def headline(article: Article, limit: int = 120) -> str:
    """The title, or the first line, that says something: a bare dateline ("Friday, June 7, 2013") is
    skipped for the next line."""
    lines = [article.title or "", *article.text.strip().split("\n", 3)[:3]]
    for line in lines:
        words = [w for w in re.findall(r"[A-Za-z]+", line) if w.lower() not in _CALENDAR]
        if len(words) >= 3:
            return line.strip()[:limit]
    return next((line.strip()[:limit] for line in lines if line.strip()), article.id)


def _shared_names(group: Sequence[int], items: Sequence[Profile], limit: int = 5) -> tuple[str, ...]:
    """The names in most members, rarest first among equals; "Lindsay Lohan" rather than "Lohan" when
    the pair is in at least half the members the word is in."""
    shared = Counter(name for i in group for name in items[i].names)
    weight = {name: w for i in group for name, w in items[i].names.items()}
    chosen: list[str] = []
    for name in sorted(shared, key=lambda n: (-shared[n], -weight[n], n)):
        if shared[name] < min(2, len(group)) or len(chosen) == limit:
            break
        pairs = [p for p in shared if " " in p and name in p.split() and 2 * shared[p] >= shared[name]]
        best = max(pairs, key=lambda p: (shared[p], p), default=name) if " " not in name else name
        if not any(set(best.split()) & set(other.split()) for other in chosen):
            chosen.append(best)
    spelled = {n: items[i].spelled[n] for i in reversed(group) for n in chosen if n in items[i].spelled}
    return tuple(spelled[n] for n in chosen)


def story_id(article_ids: Sequence[str]) -> str:
    """Deterministic from the member ids alone, whatever their order."""
    return "story-" + hashlib.sha1("\x1f".join(sorted(article_ids)).encode("utf-8")).hexdigest()[:12]


def cluster_stories(articles: Sequence[Article], embed: EmbedFn | None = None,
                    settings: StorySettings | None = None, map_groups: GroupMap | None = None) -> list[Story]:
    """Every article in exactly one story; stories in order of their first article in the input.

    ``embed`` maps texts to L2-normalised vectors (default: the offline MiniLM model; tests pass
    ``hashed_embed``). The result depends only on the articles and their order.
    """
    settings = settings or StorySettings()
    articles = list(articles)
    if not articles:
        return []
    items = profiles(articles, embed, settings)
    roots = np.array(_roots(articles), dtype=np.int64)
    found = roots[candidates(items, settings)]
    found = found[found[:, 0] != found[:, 1]]
    pairs = np.unique(np.sort(found, axis=1), axis=0)  # each pair once, in (low, high) order
    scores = pair_scores(items, pairs, settings)
    # an edge near 0 moves no mean more than an unscored pair would; leaving it out keeps linkage fast
    kept = scores >= 0.01
    groups = average_linkage(np.unique(roots), pairs[kept], scores[kept], settings.link, map_groups)
    copies: defaultdict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(roots.tolist()):
        copies[root].append(i)
    stories = [_story(sorted(i for root in group for i in copies[root]), items) for group in groups]
    first = {a.id: i for i, a in enumerate(articles)}
    return sorted(stories, key=lambda s: min(first[a] for a in s.articles))
