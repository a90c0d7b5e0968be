"""`fogwatch run` end to end beside bare spaCy over the same texts.

Fogwatch runs as users run it: the `fogwatch run` command in a fresh process, every stage, the real
embedding model, a fresh ledger, `--workers` as given (default: every core). The baseline, measured
in the same run, is spaCy's full pipeline (`nlp.pipe`) over the same texts in this process with the
model already loaded, so the baseline pays neither start-up nor storage. A ratio above 1 means the
whole of Fogwatch costs less than parsing the texts would.

Corpora come from ../shared: PolNeAR dev texts (`polnear`), GVA long-tail dev articles (`gva`,
written with their title, outlet and date as sidecars), or every real article there (`mixed`: GVA,
PolNeAR train and dev, ECB+, GVDB; about 5,300). The machine may be shared: run it twice and
read the ratio, not the seconds.

    python benchmarks/end_to_end.py --corpus polnear            # all 84 PolNeAR dev texts
    python benchmarks/end_to_end.py --corpus gva --limit 200 --workers 2
    python benchmarks/end_to_end.py --corpus gva --limit 200 --floor

``--floor`` also times the least work any run with these models must do, each on one core: the
full spaCy pipeline over only the sentences that hold a reporting cue (`is_attribution_candidate`;
attributions cannot be found without parsing them) and the sentence model over each article's lead
(stories are found through them). Spread perfectly over every core, that work alone bounds the
ratio a run can reach on this machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def write_corpus(name: str, limit: int | None, folder: Path, skip: int = 0) -> list[Path]:
    """Write the chosen texts (from ``skip``, at most ``limit``) as input files; returns the text files."""
    documents = _documents(name)
    if not documents:
        raise SystemExit(f"no texts found for {name!r} under {SHARED}")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for doc_name, text, meta in documents[skip:skip + limit if limit else None]:
        target = folder / f"{doc_name}.txt"
        target.write_text(text, encoding="utf-8")
        if meta is not None:
            target.with_suffix(".meta.json").write_text(json.dumps(meta), encoding="utf-8")
        written.append(target)
    return written


Document = tuple[str, str, dict[str, str | None] | None]  # file name, text, sidecar fields


def _documents(name: str) -> list[Document]:
    """The corpus's texts in a fixed order. ``mixed`` is every real article here (GVA dev, PolNeAR
    train and dev, ECB+, GVDB dev) in an order set by a hash of each name, so any slice of it,
    the last 1% included, holds every kind of reporting, as a ledger fed from many feeds would."""
    if name == "polnear":
        return _polnear(("dev",))
    if name == "gva":
        return _gva()
    if name == "mixed":
        documents = [*_gva(), *_polnear(("train", "dev")), *_ecbplus(), *_gvdb()]
        return sorted(documents, key=lambda doc: hashlib.sha1(doc[0].encode()).hexdigest())
    raise SystemExit(f"unknown corpus {name!r}: polnear, gva or mixed")


def _polnear(splits: tuple[str, ...]) -> list[Document]:
    folders = [SHARED / "datasets" / "polnear" / "data" / split / "text" for split in splits]
    return [(path.stem, path.read_text(encoding="utf-8"), None)
            for folder in folders for path in sorted(folder.glob("*.txt"))]


def _json_lines(path: Path) -> list[dict]:
    """One object per line; none where the file is absent (a clone without ../shared)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _gva() -> list[Document]:
    docs = _json_lines(SHARED / "datasets" / "gva_longtail" / "dev.docs.jsonl")
    return [(f"gva_{doc['doc_id']}", doc["content"],
             {"title": doc.get("title"), "published": doc.get("dct"), "url": doc.get("uri")}) for doc in docs]


def _gvdb() -> list[Document]:
    """GVDB articles come as tokenised sentences; spaced tokens, a sentence a line, read well enough."""
    docs = _json_lines(SHARED / "datasets" / "gvdb" / "dev.json")
    return [(f"gvdb_{doc['doc_key']}", "\n".join(" ".join(tokens) for tokens in doc["full_text"]),
             {"published": doc.get("date")}) for doc in docs]


def _ecbplus() -> list[Document]:
    data = SHARED / "datasets" / "ecbplus"
    if not data.is_dir():
        return []
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
    from ecbplus import SPLITS
    from ecbplus_reader import read_topics

    return [(f"ecb_{doc.name}", doc.article.text,
             {"title": doc.article.title or "", "published": doc.article.published, "url": doc.article.url})
            for doc in read_topics(data, SPLITS["all"])]


def fogwatch_run(inputs: list[str], db: Path, workers: int | None = None) -> float:
    """Wall seconds of one `fogwatch run` in a fresh process (start-up and model loads included)."""
    command = [sys.executable, "-m", "fogwatch.cli", "run", *inputs, "--db", str(db), "--no-report"]
    if workers is not None:
        command += ["--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"fogwatch run failed:\n{done.stderr[-2000:]}")
    return seconds


def bare_spacy(texts: list[str]) -> float:
    """Seconds for spaCy's full pipeline, as the model ships, over the texts, model loaded beforehand."""
    import spacy

    from fogwatch.extract.nlp import MODEL_NAME

    nlp = spacy.load(MODEL_NAME)
    nlp("warm up")
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started


def least_work(files: list[Path]) -> tuple[float, float]:
    """Seconds on one core to parse the sentences holding a reporting cue, and to embed the leads
    (title and first words, as story clustering embeds them)."""
    import spacy

    from fogwatch.extract.nlp import MODEL_NAME, is_attribution_candidate, split_sentences
    from fogwatch.extract.wrapping import unwrapped
    from fogwatch.ingest.files import read_sidecar
    from fogwatch.link.embeddings import Embedder
    from fogwatch.link.stories import StorySettings, lead
    from fogwatch.model import Article

    texts = [unwrapped(p.read_text(encoding="utf-8")) for p in files]
    titles = [(read_sidecar(p) or {}).get("title") for p in files]
    cued = [t[start:end] for t in texts for start, end in split_sentences(t)
            if is_attribution_candidate(t[start:end])]
    nlp = spacy.load(MODEL_NAME)
    nlp("warm up")
    started = time.perf_counter()
    for _ in nlp.pipe(cued, batch_size=256):
        pass
    parse_s = time.perf_counter() - started
    embedder = Embedder(threads=1)
    words = StorySettings().lead_words
    leads = [lead(Article(id=str(n), source="", text=t, content_hash="", title=title), words)
             for n, (t, title) in enumerate(zip(texts, titles, strict=True))]
    embedder.encode(leads[:4])
    started = time.perf_counter()
    embedder.encode(leads)
    return parse_s, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="polnear", choices=("polnear", "gva", "mixed"))
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--workers", type=int, help="extraction processes (default: every core)")
    parser.add_argument("--floor", action="store_true", help="also time the least work any run must do")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fogwatch-e2e-") as tmp:
        files = write_corpus(args.corpus, args.limit, Path(tmp) / "in")
        texts = [p.read_text(encoding="utf-8") for p in files]
        words = sum(len(t.split()) for t in texts)
        run_s = fogwatch_run([str(Path(tmp) / "in")], Path(tmp) / "ledger.db", args.workers)
        bare_s = bare_spacy(texts)
        floor = least_work(files) if args.floor else None
    print(f"{args.corpus}: {len(texts)} articles, {words:,} words, {os.cpu_count()} cores")
    print(f"bare spaCy nlp.pipe (model loaded)      {bare_s:7.1f} s  {words / bare_s:8,.0f} words/s")
    print(f"fogwatch run, fresh ledger, real model  {run_s:7.1f} s  {words / run_s:8,.0f} words/s")
    print(f"ratio (bare spaCy time / fogwatch run time): {bare_s / run_s:.2f}")
    if floor is not None:
        parse_s, lead_s = floor
        cores = os.cpu_count() or 1
        print(f"least work, one core: parse the cued sentences {parse_s:.1f} s, embed leads {lead_s:.1f} s")
        print(f"best ratio it allows on {cores} cores: {bare_s / ((parse_s + lead_s) / cores):.2f}")


if __name__ == "__main__":
    main()
