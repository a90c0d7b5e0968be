"""Linking and story clustering time and peak memory on synthetic corpora of 1k, 10k and 100k articles.

Each size runs in its own child process, so peak memory (``ru_maxrss``) belongs to that size alone.
Time is reported as wall clock and as process CPU time; on a shared two-core machine the CPU time
is the steadier of the two, and the scaling ratios are printed for both. Each size is linked three
times (fresh processes) and the fastest run counts, the usual guard against a noisy neighbour.
The corpus is generated: origins (people and organisations, popularity Zipf-distributed so a few
voices carry thousands of claims and their blocks take the LSH path), each with statements
(quotations and figures) that articles reprint through wire agencies and think tanks, with words
swapped, surnames for full names, direct and indirect speech, rounded and re-categorised figures.

Embeddings: by default this benchmark injects ``hashed_embed`` (hashed word n-grams) into
``build_statements`` and ``cluster_stories``; the blocking, neighbour search and merging it measures
are the same code either way. With ``--vectors PATH`` it uses the real MiniLM model through the
vector store a ledger keeps (``PATH`` is that ledger): the first run of a size embeds and stores
every text linking compares (about 100 sentences/s on two cores), the later runs read them back,
which is what a user's re-run costs. The first run's time and the cached runs' are both printed.
Story clustering (articles into events) is timed on its own, after linking.

The in-run baseline is a bare pass over every claim (index by id, tokenize); its own size ratio
shows how much of the growth the machine's caches add before any algorithm runs.

    .venv/bin/python benchmarks/linking.py                   # 1k, 10k, 100k
    .venv/bin/python benchmarks/linking.py --sizes 1000 10000
    .venv/bin/python benchmarks/linking.py --sizes 1000 10000 --vectors /tmp/fogwatch-bench-vectors.db
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence

from fogwatch.ledger import Ledger
from fogwatch.ledger.vectors import VectorStore, text_hash
from fogwatch.link.clusters import words_of
from fogwatch.link.embeddings import MODEL_NAME, EmbedFn, hashed_embed
from fogwatch.link.embeddings import embed as model_embed
from fogwatch.link.matching import build_statements
from fogwatch.link.stories import cluster_stories
from fogwatch.link.vector_cache import CachedEmbedder
from fogwatch.model import Article, ArticleClaims, Attribution, Figure, Speaker, Window
from fogwatch.reconcile.conflicts import find_conflicts

SYLLABLES = [a + b for a in "klmnrtvsdpzbgf" for b in "aeiou"][:28]
FIRST = ["Anna", "Bohdan", "Irena", "Marek", "Olena", "Pavel", "Lidiya", "Tomas", "Vera", "Ivan", "Nadia",
         "Oleh", "Sofia", "Yuri", "Dana", "Petro"]
ORG_KINDS = ["Ministry of Defence", "Relief Network", "Centre for Conflict Studies", "Border Guard",
             "Red Cross"]
RELAYS = ["Castellan Press", "Reuters", "AP", "AFP", "Ostrel Centre", "Institute for the Study of War"]
PLACES = [f"{a.capitalize()}{b} Valley" for a in SYLLABLES[:10] for b in SYLLABLES[10:15]]
COUNTED = ["killed_or_wounded", "killed", "wounded", "captured", "deployed", "missing"]
COUNTED_WORDS = {"killed_or_wounded": "killed or wounded", "killed": "killed", "wounded": "wounded",
                 "captured": "captured", "deployed": "deployed", "missing": "missing"}


def _word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


class World:
    """Origins and the statements they make, drawn once per corpus."""

    def __init__(self, n_articles: int, rng: random.Random) -> None:
        self.rng = rng
        self.vocab = sorted({_word(rng, rng.randint(1, 3)) for _ in range(4000)})
        n_origins = max(40, int(12 * n_articles ** 0.5))
        self.origins = []
        for i in range(n_origins):
            if i % 4 == 3:
                name = f"{_word(rng).capitalize()} {rng.choice(ORG_KINDS)}"
                self.origins.append((name, "organization", name))
            else:
                surname = _word(rng, 4).capitalize()
                self.origins.append((f"{rng.choice(FIRST)} {surname}", "person", surname))
        weights = [1 / (rank + 1) ** 1.1 for rank in range(n_origins)]
        self.weights = weights
        self.statements: dict[int, list[dict]] = {}

    def statement(self, origin: int) -> dict:
        """A statement of this origin: new ones appear as the origin is reported more."""
        said = self.statements.setdefault(origin, [])
        if not said or self.rng.random() < 0.25:
            rng = self.rng
            quote = " ".join(rng.choice(self.vocab) for _ in range(rng.randint(8, 22)))
            figure = None
            if rng.random() < 0.6:
                figure = {"value": rng.choice([12, 17, 40, 300, 1000, 1200, 3000, 15000]) * rng.randint(1, 9),
                          "counted": rng.choice(COUNTED), "place": rng.choice(PLACES),
                          "subject": f"{rng.choice(self.vocab)} soldiers",
                          "window": rng.choice(["in the past week", "since the offensive began"])}
            said.append({"quote": quote, "figure": figure, "said_on": f"2026-03-{rng.randint(1, 28):02d}"})
        weights = [1 / (rank + 1) for rank in range(len(said))]
        return self.rng.choices(said, weights)[0]


def _paraphrase(words: list[str], rng: random.Random, vocab: Sequence[str]) -> list[str]:
    out = list(words)
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        out[rng.randrange(len(out))] = rng.choice(vocab)
    if rng.random() < 0.2 and len(out) > 3:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return out


def make_corpus(n: int, seed: int = 7) -> tuple[list[Article], list[ArticleClaims]]:
    """n articles with 2-4 claims each."""
    rng = random.Random(seed)
    world = World(n, rng)
    articles, claims = [], []
    for a in range(n):
        aid = f"art{a:06d}"
        sentences: list[str] = ["Fighting continued across the region on the day of this report."]
        atts: list[Attribution] = []
        figs: list[Figure] = []
        for k in range(rng.randint(1, 3)):
            origin = rng.choices(range(len(world.origins)), world.weights)[0]
            name, kind, short = world.origins[origin]
            st = world.statement(origin)
            via = tuple(rng.sample(RELAYS, rng.choice([0, 0, 1, 1, 2])))
            mention = name if rng.random() < 0.6 else short
            credit = f", according to {via[-1]}" if via else ""
            fig = st["figure"]
            if fig is None:
                words = " ".join(_paraphrase(st["quote"].split(), rng, world.vocab))
                sentence = f'"{words}," {mention} said{credit}.'
                direct = True
            else:
                value = fig["value"]
                counted = fig["counted"]
                if counted == "killed_or_wounded" and rng.random() < 0.1:
                    counted = "killed"
                number = f"{value:,}" if rng.random() < 0.8 else f"more than {value * 9 // 10:,}"
                words = (f"{number} {fig['subject']} were {COUNTED_WORDS[counted]} in {fig['place']} "
                         f"{fig['window']}")
                sentence = f"{mention} said {words}{credit}."
                direct = False
            offset = sum(len(s) + 1 for s in sentences)
            sentences.append(sentence)
            start = offset + sentence.index(words)
            att = Attribution(id=f"{aid}-a{k}", article=aid, kind="direct" if direct else "indirect",
                              text=words, start=start, end=start + len(words),
                              speaker=Speaker(mention, kind), via=via,  # type: ignore[arg-type]
                              said_on=st["said_on"] if rng.random() < 0.5 else None)
            atts.append(att)
            if fig is not None:
                open_ended = words.startswith("more than")
                shown = value * 9 // 10 if open_ended else value
                text = f"{number} {fig['subject']}"
                figs.append(Figure(id=f"{aid}-f{k}", article=aid, text=text, start=start,
                                   end=start + len(text), value=float(shown), low=float(shown),
                                   high=None if open_ended else float(shown),
                                   counted=counted, qualifier="more than" if open_ended else None,
                                   subject=fig["subject"], place=fig["place"], window=Window(fig["window"]),
                                   source=mention, source_type=kind, via=via, attribution=att.id))  # type: ignore[arg-type]
        text = " ".join(sentences)
        articles.append(Article(id=aid, source=f"{aid}.txt", text=text,
                                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                                published=f"2026-03-{1 + a % 28:02d}", outlet=f"Outlet {a % 97}"))
        claims.append(ArticleClaims(aid, tuple(atts), tuple(figs)))
    return articles, claims


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def baseline_cpu(claims: Sequence[ArticleClaims]) -> float:
    """The least any linker does: touch every claim once (index it by id, tokenize its words).

    Its own growth from one size to the next is what the machine's caches add, with no algorithm.
    Words are split without ``words_of``'s cache: its later passes would time cache hits at small
    sizes (where every text fits the cache) and real work at large ones.
    """
    split = words_of.__wrapped__
    best = float("inf")
    for _ in range(3):
        cpu = time.process_time()
        records = {r.id: r for c in claims for r in (*c.attributions, *c.figures)}
        _words = [split(r.text) for r in records.values()]
        best = min(best, time.process_time() - cpu)
    return best


def run_one(n: int, reconcile: bool = True, vectors: str | None = None) -> dict:
    """Generate, link and (optionally) reconcile one corpus; time and peak memory of each part."""
    embed: EmbedFn = hashed_embed
    cached = None
    if vectors:
        cached = CachedEmbedder(VectorStore(Ledger(vectors), MODEL_NAME), model_embed, text_hash)
        embed = cached
    started = time.perf_counter()
    articles, claims = make_corpus(n)
    generated, before = time.perf_counter() - started, _peak_mib()
    baseline = baseline_cpu(claims)
    started, cpu = time.perf_counter(), time.process_time()
    statements = build_statements(articles, claims, embed=embed)
    linking, linking_cpu, after = time.perf_counter() - started, time.process_time() - cpu, _peak_mib()
    started, cpu = time.perf_counter(), time.process_time()
    stories = cluster_stories(articles, embed=embed)
    clustering, clustering_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    conflicts = find_conflicts(articles, claims, statements) if reconcile else []
    reconciling, reconciling_cpu = time.perf_counter() - started, time.process_time() - cpu
    n_claims = sum(len(c.attributions) + len(c.figures) for c in claims)
    return {"articles": n, "claims": n_claims, "statements": len(statements), "conflicts": len(conflicts),
            "multi_article_statements": sum(1 for s in statements if len(s.articles) > 1),
            "generate_s": round(generated, 2), "link_s": round(linking, 2),
            "link_cpu_s": round(linking_cpu, 2),
            "stories": len(stories), "stories_s": round(clustering, 2),
            "stories_cpu_s": round(clustering_cpu, 2),
            "reconcile_s": round(reconciling, 2), "reconcile_cpu_s": round(reconciling_cpu, 2),
            "baseline_cpu_s": round(baseline, 4),
            "peak_rss_mib": round(after, 1), "link_peak_growth_mib": round(after - before, 1),
            "embedded": cached.embedded if cached else 0, "reused": cached.reused if cached else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--blas-threads", default="1",
                        help="OPENBLAS_NUM_THREADS for the runs (default 1: per-block products are small, "
                             "and OpenBLAS threads spin-waiting on two cores cost more than they gain)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="linking runs per size, each in a fresh process; the fastest counts "
                             "(conflicts are timed in the first run only)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--link-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--vectors", help="use the real model, its vectors kept in this ledger file")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, reconcile=not args.link_only, vectors=args.vectors)))
        return
    if args.vectors:
        print(f"embeddings: the MiniLM model through the vector store in {args.vectors}")
    else:
        print("embeddings: hashed_embed (hashed word n-grams) injected into build_statements; "
              "--vectors PATH uses the real model")
    print(f"OPENBLAS_NUM_THREADS={args.blas_threads}")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": args.blas_threads}
    results = []
    for n in args.sizes:
        runs = []
        for attempt in range(args.repeat):  # a fresh process each time: no warm caches
            extra = ["--link-only"] if attempt else []
            if args.vectors:
                extra += ["--vectors", args.vectors]
            done = subprocess.run([sys.executable, __file__, "--one", str(n), *extra], check=True,
                                  capture_output=True, text=True, env=env)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        r = dict(runs[0])
        first_s = runs[0]["link_s"] + runs[0]["stories_s"]
        r["link_s"] = min(run["link_s"] for run in runs)
        r["link_cpu_s"] = min(run["link_cpu_s"] for run in runs)
        r["baseline_cpu_s"] = min(run["baseline_cpu_s"] for run in runs)
        r["stories_s"] = min(run["stories_s"] for run in runs)
        r["stories_cpu_s"] = min(run["stories_cpu_s"] for run in runs)
        results.append(r)
        print(f"{r['articles']:>7} articles {r['claims']:>7} claims -> {r['statements']:>6} statements "
              f"({r['multi_article_statements']} multi-article), {r['conflicts']} conflicts | "
              f"link {r['link_s']:.2f} s wall, {r['link_cpu_s']:.2f} s CPU | "
              f"reconcile {r['reconcile_s']:.2f} s wall, {r['reconcile_cpu_s']:.2f} s CPU | "
              f"{r['stories']} stories in {r['stories_s']:.2f} s wall, {r['stories_cpu_s']:.2f} s CPU | "
              f"peak RSS {r['peak_rss_mib']:.1f} MiB (+{r['link_peak_growth_mib']} MiB while linking) | "
              f"baseline pass {r['baseline_cpu_s']:.3f} s CPU "
              f"(link = {r['link_cpu_s'] / r['baseline_cpu_s']:.1f}x it)",
              flush=True)
        if args.vectors:
            cached_s = r["link_s"] + r["stories_s"]
            print(f"        real model: first run {first_s:.1f} s (embedded {runs[0]['embedded']} texts, "
                  f"read {runs[0]['reused']} stored), cached runs {cached_s:.1f} s "
                  f"(embedded {runs[-1]['embedded']}): cached/first = {cached_s / first_s:.3f}", flush=True)
    for small, big in itertools.pairwise(results):
        factor = big["articles"] / small["articles"]
        for measure in ("link_s", "link_cpu_s", "stories_s", "stories_cpu_s", "baseline_cpu_s"):
            ratio = big[measure] / max(small[measure], 1e-9)
            verdict = "ok" if ratio <= 1.2 * factor else "SUPERLINEAR"
            if measure == "baseline_cpu_s":
                verdict = "machine"
            print(f"{measure}: time({big['articles']})/time({small['articles']}) = {ratio:.2f} "
                  f"for {factor:.0f}x the articles (limit {1.2 * factor:.0f}): {verdict}")


if __name__ == "__main__":
    main()
