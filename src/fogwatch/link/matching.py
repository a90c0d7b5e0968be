"""Group attributions and figures that report the same thing said by the same origin into Statements.

Claims are only ever compared inside a block: the same voice (a bare surname, an alias, an acronym,
or a spokesperson and their ministry resolve to one key), and for figures the same value. Within a
block, links are proposed in order of confidence (a figure inside its own attribution, identical
words, the same figure, a vaguer rounding of it, paraphrases found by embedding neighbours) and
merged greedily under the cannot-link rules of ``clusters``. Last, statements from different voices
giving the same figure are joined as independent corroboration. Paraphrase candidates come from a
top-k neighbour search, never from all pairs, so linking grows about linearly with the corpus.
"""

from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel
from scipy import sparse
from scipy.sparse import csgraph

from fogwatch.link.clusters import Clusters, FigureSig, Item, words_of
from fogwatch.link.embeddings import EmbedFn, known_vectors
from fogwatch.link.figure_links import attach_open_figures, corroborate, link_same_figures
from fogwatch.link.linkage import GroupMap, Start
from fogwatch.link.neighbours import candidate_arrays
from fogwatch.link.origins import OriginIndex
from fogwatch.link.relays import article_order, claim_records, origin_name, root_article, summarise
from fogwatch.link.voices import origin_index_for
from fogwatch.model import Article, ArticleClaims, Attribution, Figure, Statement

__all__ = ["LinkSettings", "StatementInputs", "build_statements", "link_voices", "pair_score", "voice_parts",
           "words_of"]


@dataclass(frozen=True)
class LinkSettings:
    """Thresholds for linking; the defaults were set on MSRP news paraphrases and the seed gold with
    the float model (0.64, 0.95, 0.85), then carried to its int8 build, whose cosines run a little
    lower, so that as many MSRP train pairs pass each as before (`train/paraphrase_thresholds.py`)."""

    paraphrase: float = 0.637  # cosine (or quote alignment) that links two claims of one voice
    same_article: float = 0.943  # two claims in one article merge only when nearly identical
    figure_gap: float = 0.844  # a statement built on a figure takes text without one only when this close
    candidate_floor: float = 0.5  # neighbours below this are not even scored
    neighbours: int = 6  # top-k neighbours per claim inside its block
    exact_limit: int = 512  # blocks up to this size get an exact top-k, larger ones LSH buckets
    embed_batch: int = 4096  # texts embedded per call, so a large corpus never holds all its vectors
    small_block: int = 64  # blocks up to this size share one neighbour search with other small blocks
    parts: int = 64  # parts of independent voices linked apart when the caller spreads them out


def _items(claims: Sequence[ArticleClaims], articles: dict[str, Article], index: OriginIndex,
           records: dict[str, Attribution | Figure]) -> list[Item]:
    """One item per claim with its block: the voice, or for unnamed sources their relay or article."""
    items: list[Item] = []
    for article in claims:
        for record in (*article.attributions, *article.figures):
            key = index.key(origin_name(record, records))
            named = key is not None
            if key is None:
                home = articles.get(record.article)
                if home is not None and home.copy_of:
                    key = f"unnamed in {root_article(record.article, articles)}"
                elif record.via:
                    key = f"unnamed via {index.key(record.via[0])}"
                else:
                    key = f"unnamed in {record.article}"
            direct = isinstance(record, Attribution) and record.kind != "indirect"
            items.append(Item(record, key, named, words_of(record.text), direct))
    return items


def _link_containment(items: Sequence[Item], clusters: Clusters) -> None:
    """A figure and the attribution that carries it are one statement."""
    position = {it.record.id: i for i, it in enumerate(items)}
    for i, it in enumerate(items):
        if isinstance(it.record, Figure) and it.record.attribution in position:
            clusters.merge(i, position[it.record.attribution], force=True)


def _representatives(items: Sequence[Item]) -> dict[tuple[str, tuple[str, ...]], int]:
    """The first attribution of each voice's distinct words: the one that stands for the repeats."""
    reps: dict[tuple[str, tuple[str, ...]], int] = {}
    for i, it in enumerate(items):
        if isinstance(it.record, Attribution) and it.words:
            reps.setdefault((it.block, it.words), i)
    return reps


def _link_identical(items: Sequence[Item], clusters: Clusters) -> dict[tuple[str, tuple[str, ...]], int]:
    """The same words from the same voice are the same statement; returns one representative per text."""
    reps = _representatives(items)
    for i, it in enumerate(items):
        if isinstance(it.record, Attribution) and it.words and reps[it.block, it.words] != i:
            clusters.merge(reps[it.block, it.words], i, same_article_ok=True)
    return reps


def pair_score(a_words: Sequence[str], b_words: Sequence[str], cosine: float, both_direct: bool) -> float:
    """Paraphrase similarity, raised to the word alignment of two direct quotations where that is higher."""
    if both_direct and a_words and b_words:
        return max(cosine, Indel.normalized_similarity(a_words, b_words))
    return cosine


def _embedded(blocks: Sequence[list[int]], items: Sequence[Item], embed: EmbedFn,
              batch: int) -> Iterator[tuple[list[int], np.ndarray]]:
    """Blocks with their vectors, embedding a few thousand texts at a time so memory stays flat."""
    pending: list[list[int]] = []
    size = 0
    for position, rows in enumerate(blocks):
        pending.append(rows)
        size += len(rows)
        if size >= batch or position == len(blocks) - 1:
            texts = [items[i].record.text for group in pending for i in group]
            vectors = np.asarray(embed(texts), dtype=np.float32)
            offset = 0
            for group in pending:
                yield group, vectors[offset:offset + len(group)]
                offset += len(group)
            pending, size = [], 0


def _batched(blocks: Iterator[tuple[list[int], np.ndarray]], small: int,
             limit: int) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
    """Small blocks stacked into one search (labelled so rows pair only inside their block); large
    blocks alone. Thousands of two-to-twenty-claim blocks then cost a few matrix products."""
    rows: list[np.ndarray] = []
    vectors: list[np.ndarray] = []
    size = 0
    for block_rows, block_vectors in blocks:
        if len(block_rows) > small:
            yield np.asarray(block_rows), block_vectors, None
            continue
        if size + len(block_rows) > limit:
            yield _stack(rows, vectors)
            rows, vectors, size = [], [], 0
        rows.append(np.asarray(block_rows))
        vectors.append(block_vectors)
        size += len(block_rows)
    if rows:
        yield _stack(rows, vectors)


def _stack(rows: list[np.ndarray], vectors: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    labels = np.concatenate([np.full(len(r), n) for n, r in enumerate(rows)])
    return np.concatenate(rows), np.concatenate(vectors), labels


def _paraphrase_blocks(items: Sequence[Item],
                       reps: dict[tuple[str, tuple[str, ...]], int]) -> list[list[int]]:
    """Blocks worth a neighbour search: more than one distinct text, from more than one article."""
    by_block: dict[str, list[int]] = defaultdict(list)
    for (block, _words), i in sorted(reps.items(), key=lambda kv: kv[1]):
        by_block[block].append(i)
    return [rows for rows in by_block.values() if len(rows) > 1
            and len({items[i].record.article for i in rows}) > 1]


@dataclass(frozen=True)
class StatementInputs:
    """The claims prepared for statement linking, once: each an item in its voice's block. The
    pipeline asks which texts to embed ahead, then links with the same inputs."""

    articles: dict[str, Article]
    records: dict[str, Attribution | Figure]
    index: OriginIndex
    items: list[Item]

    @classmethod
    def of(cls, articles: Sequence[Article], claims: Sequence[ArticleClaims],
           index: OriginIndex | None = None) -> StatementInputs:
        """The inputs of these articles and claims (``index`` defaults to ``origin_index_for``)."""
        with bulk_allocation():
            by_id = {a.id: a for a in articles}
            records = claim_records(claims)
            index = index or origin_index_for(claims, articles)
            return cls(by_id, records, index, _items(claims, by_id, index, records))

    def paraphrase_texts(self) -> list[str]:
        """The claim texts linking will embed, so a caller can embed (and store) them ahead, with
        progress: only those with another candidate in their block."""
        items = self.items
        blocks = _paraphrase_blocks(items, _representatives(items))
        return [items[i].record.text for rows in blocks for i in rows]


def _link_paraphrases(items: Sequence[Item], reps: dict[tuple[str, tuple[str, ...]], int],
                      clusters: Clusters, embed: EmbedFn, settings: LinkSettings) -> None:
    """Embedding neighbours inside each voice's block, merged from the most similar pair down.

    Blocks are independent, so each block's pairs are ranked and merged on their own: no global
    sort over every candidate pair of the corpus.
    """
    wanted = _paraphrase_blocks(items, reps)
    if not wanted:
        return
    article_ids: dict[str, int] = {}
    article = np.array([article_ids.setdefault(it.record.article, len(article_ids)) for it in items])
    direct = np.array([it.direct for it in items], dtype=bool)
    rank = np.empty(len(items), dtype=np.int64)  # tie-break by record id, whatever the input order
    rank[sorted(range(len(items)), key=lambda i: items[i].record.id)] = np.arange(len(items))
    for rows, vectors, groups in _batched(_embedded(wanted, items, embed, settings.embed_batch),
                                          settings.small_block, settings.exact_limit):
        low, high, cosine = candidate_arrays(vectors, settings.neighbours, settings.candidate_floor,
                                             exact_limit=settings.exact_limit, groups=groups)
        first, second = rows[low], rows[high]
        needed = np.where(article[first] == article[second], settings.same_article, settings.paraphrase)
        score = cosine.copy()
        for p in np.flatnonzero(direct[first] & direct[second] & (cosine < needed)).tolist():
            score[p] = pair_score(items[first[p]].words, items[second[p]].words, cosine[p], True)
        keep = np.flatnonzero(score >= needed)
        order = keep[np.lexsort((rank[second[keep]], rank[first[keep]], -score[keep]))]
        for ia, ib, value in zip(first[order].tolist(), second[order].tolist(), score[order].tolist(),
                                 strict=True):
            figures_a, figures_b = clusters.figures[clusters.find(ia)], clusters.figures[clusters.find(ib)]
            if bool(figures_a) != bool(figures_b) and value < settings.figure_gap \
                    and not _only_one_person(figures_a or figures_b):
                continue  # the number is what one of them reports; words without it say something else
            clusters.merge(ia, ib, same_article_ok=bool(article[ia] == article[ib]))


def _only_one_person(figures: Collection[FigureSig]) -> bool:
    """"One injured woman tried to drive" names a person, not a toll: such a figure is no reason to
    keep the words apart from a report that does not count her."""
    return all(low == high == 1 for _unit, _counted, low, high, _subject in figures)


@contextlib.contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic records.

    Each collection walks every live object, so with a corpus in memory the collections that
    hundreds of thousands of new sets and tuples trigger make linking grow faster than the corpus.
    Nothing built here forms cycles; the collector resumes (if it was on) when the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_statements(articles: Sequence[Article], claims: Sequence[ArticleClaims],
                     embed: EmbedFn | None = None, settings: LinkSettings | None = None,
                     index: OriginIndex | None = None, map_groups: GroupMap | None = None,
                     inputs: StatementInputs | None = None,
                     start: Start[list[Statement]] | None = None) -> list[Statement]:
    """Every claim lands in exactly one Statement (most in one of their own); ids are deterministic.

    ``embed`` maps texts to L2-normalised vectors; it defaults to the offline MiniLM model, and a
    benchmark or test may pass a cheaper function. ``index`` defaults to ``origin_index_for``.
    With ``map_groups`` the voices are linked in independent parts through it (on other processes
    or machines); with ``start`` half the statements are summarised elsewhere (a forked process);
    the statements are the same either way. ``inputs``, when given, are these articles' and
    claims' ``StatementInputs`` already prepared.
    """
    inputs = inputs or StatementInputs.of(articles, claims, index)
    with bulk_allocation():
        return _build(articles, inputs, embed, settings or LinkSettings(), map_groups, start)


def _build(articles: Sequence[Article], inputs: StatementInputs, embed: EmbedFn | None,
           settings: LinkSettings, map_groups: GroupMap | None,
           start: Start[list[Statement]] | None) -> list[Statement]:
    if embed is None:
        from fogwatch.link.embeddings import embed as default_embed
        embed = default_embed
    by_id, records, index, items = inputs.articles, inputs.records, inputs.index, inputs.items
    order = article_order(articles)
    if map_groups is None:
        clusters = link_voices(items, order, embed, settings)
    else:
        clusters = Clusters(items)
        for part, groups in _linked_in_parts(items, order, embed, settings, map_groups):
            clusters.adopt([[part[i] for i in group] for group in groups])
    corroborate(items, clusters)
    groups = clusters.groups()

    def summarised(part: Sequence[list[int]]) -> list[Statement]:
        return [summarise([items[i].record for i in group], by_id, index, records, order) for group in part]

    if start is None:
        statements = summarised(groups)
    else:
        half = len(groups) // 2

        def second_half() -> list[Statement]:  # summarised elsewhere meanwhile
            return summarised(groups[half:])

        later = start(second_half)
        statements = summarised(groups[:half]) + later()
    first = {s.id: (order.get(s.first_seen or "", len(order)), records[s.members[0]].start)
             for s in statements}
    return sorted(statements, key=lambda s: (*first[s.id], s.id))


def link_voices(items: Sequence[Item], order: Mapping[str, int], embed: EmbedFn,
                settings: LinkSettings) -> Clusters:
    """Every pass that links claims of one voice: all but corroboration, which joins voices."""
    clusters = Clusters(items)
    _link_containment(items, clusters)
    reps = _link_identical(items, clusters)
    link_same_figures(items, clusters, order)
    attach_open_figures(items, clusters)
    _link_paraphrases(items, reps, clusters, embed, settings)
    return clusters


def voice_parts(items: Sequence[Item], parts: int) -> list[list[int]]:
    """Item indices in at most ``parts`` parts of about equal size that share no voice, each in
    item order. A figure stays with the attribution that carries it, even when its source is
    another voice (``_link_containment`` joins the two), so no pass but corroboration links across
    parts, and each part's passes see its claims in the order one pass over all would."""
    voice = {block: n for n, block in enumerate(dict.fromkeys(it.block for it in items))}
    position = {it.record.id: i for i, it in enumerate(items)}
    carried = [(voice[it.block], voice[items[position[it.record.attribution]].block]) for it in items
               if isinstance(it.record, Figure) and it.record.attribution in position]
    ends = np.array(carried, dtype=np.int64).reshape(-1, 2)
    graph = sparse.coo_matrix((np.ones(len(ends)), (ends[:, 0], ends[:, 1])), shape=(len(voice), len(voice)))
    _, component = csgraph.connected_components(graph, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        members[int(component[voice[it.block]])].append(i)
    shares: list[list[int]] = [[] for _ in range(min(parts, len(members)))]
    for group in sorted(members.values(), key=len, reverse=True):  # largest first, to the smallest share
        min(shares, key=len).extend(group)
    return [sorted(share) for share in shares if share]


def _linked_in_parts(items: Sequence[Item], order: Mapping[str, int], embed: EmbedFn, settings: LinkSettings,
                     map_groups: GroupMap) -> Iterator[tuple[list[int], list[list[int]]]]:
    """Each part of ``voice_parts`` and its statements (part positions, root first), linked through
    ``map_groups`` with the vectors its paraphrase search needs looked up here and shipped along,
    one array per part."""
    parts = voice_parts(items, settings.parts)
    wanted = list(dict.fromkeys(items[i].record.text for rows in
                                _paraphrase_blocks(items, _representatives(items)) for i in rows))
    vectors = np.asarray(embed(wanted), dtype=np.float32)
    row = {text: n for n, text in enumerate(wanted)}
    jobs = []
    for part in parts:
        sub = [items[i] for i in part]
        texts = sorted({it.record.text for it in sub} & row.keys())
        jobs.append((sub, {it.record.article: order.get(it.record.article, 0) for it in sub}, texts,
                     vectors[[row[t] for t in texts]], settings))
    yield from zip(parts, map_groups(_link_part, jobs, [len(part) for part in parts]), strict=True)


def _link_part(items: Sequence[Item], order: Mapping[str, int], texts: Sequence[str], vectors: np.ndarray,
               settings: LinkSettings) -> list[list[int]]:
    """One part's voices linked (a job of ``map_groups``): its statements as positions, root first.
    ``vectors`` holds a row for each of ``texts``, the part's texts its paraphrase search embeds."""
    clusters = link_voices(items, order, known_vectors(texts, vectors), settings)
    return [sorted(group, key=lambda i: i != clusters.find(i)) for group in clusters.groups()]
