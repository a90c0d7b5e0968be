#!/usr/bin/env python3
"""Relay chains on MPQA 3.0: who reports whom in world-press news, scored from what `fogwatch export` writes.

Usage:
    python eval/mpqa.py [--limit N] [--json OUT] [--data DIR]

Each raw document is written as a .txt input to a temporary folder, run through `fogwatch run`
and `fogwatch export --text` (the path a user takes), and the exported `attribution` and
`speech_act` rows are scored. Both are speech events in MPQA's sense: MPQA annotates a speech act
whether or not the text gives what was said ("the unions' criticism", "her proposals"), and
Fogwatch exports the acts without content as `speech_act` rows (speaker, relays, cue, span) rather
than as attributions, so counting both scores the same extraction MPQA annotates. A `speech_act`
row has no content of its own: its `start`, `end` are the words that mention the act.

Gold. Every `YObjSpeechEvent` whose `nested_source` chain names an agent beyond the writer. The
chain is read without the writer `w` and with repeats of one agent in a row collapsed ("w, craner,
craner" is Craner speaking); its last agent is the speaker, the agents before it are the relays
(nearest the writer first in MPQA; order is not scored). Events whose speaker is `implicit` (no
agent in the text) are left out, and so are `implicit` relays, and the documents whose spans do not fit
their raw text (more than 10% of their annotation and agent spans start or end inside a word: two
documents of dev, whose agents read "in the me", "as Lorne Cra"). An agent is named by its mentions
in `agent_mentions_flat.jsonl`: the nearest non-pronoun mention before the event (else the first
after it) is shown; any non-pronoun mention of that agent in the document may match.

Matching an event to an exported row, first rule that gives a candidate wins:
1. cue: the row's cue span overlaps the event span (MPQA spans mark the speech event,
   usually the cue word: "said", "told", "according to");
2. text: the row's content span, or a character either side of it, overlaps the event
   span (MPQA marks some direct quotations by their first word or by their opening or closing
   quotation mark, which the exported content of a quotation leaves out);
3. sentence: the row's cue (its content start when it has no cue) lies in the event's
   MPQA sentence.
Among candidates the one whose cue starts nearest the event is taken. One row may
answer several events (MPQA nests a speaker's report of another's statement inside it).

Scores.
- found: share of gold events matched (and by which rule);
- speaker accuracy: share of found events whose exported speaker (`name`, `name_in_article` or
  `mention`) names the speaker agent: case-insensitive, the words of one name all in the other
  ("the United States" = "United States"), or a shared word that is not a stop word, title or
  generic institution word ("President Bush" = "George W. Bush");
- relay recall: over events whose chain has relays, the share of relay agents named (same rule)
  by an entry of the matched row's `via` (events not found count as missed); also given
  over found events only;
- precision (rough): share of exported rows whose cue or content (a speech act's words) overlaps a gold speech
  event or direct-subjective annotation with an agent beyond the writer.

The naive baseline, measured in the same run: every sentence (split at . ! ? before a capital)
holding "said", "says", "say", "told", "tells" or "according to" is a speech event with that word
as cue and the sentence as content; the speaker is the nearest capitalised word run before the cue
in the sentence (after it for "according to", or when none is before); via is empty.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # eval/ holds scripts, not a package
from exported import run_and_export, write_article

from fogwatch.extract.cues import words

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "mpqa3" / "dev"
WRITER, IMPLICIT = "w", "implicit"
SPEECH_ROWS = ("attribution", "speech_act")  # the export's record types that are speech events
MISALIGNED = 0.1  # share of a document's spans cutting words beyond which its offsets are off
_WORD = re.compile(r"[a-z0-9]+")
PRONOUNS = words("i me we us you he him she her it they them my our your his its their who this that one")
ARTICLES = words("the a an")
# Words that never make two names the same source on their own.
GENERIC = words(
    """
    the a an of and for in on to at by s mr mrs ms dr president prime minister ministry government
    official officials spokesman spokeswoman spokesperson secretary state states united national
    people country party leader leaders foreign affairs general news agency department office us
    new chief head republic council union international administration public
    """
)


@dataclass(frozen=True)
class Agent:
    """An agent of a chain with the names the document gives it."""

    id: str
    shown: str  # nearest non-pronoun mention before the event (else after it)
    names: tuple[str, ...]  # every non-pronoun mention of the agent in the document


@dataclass(frozen=True)
class Event:
    """One gold speech event: its span, sentence, speaker and relays."""

    doc: str
    start: int
    end: int
    text: str
    sentence: tuple[int, int]
    speaker: Agent
    relays: tuple[Agent, ...]


@dataclass
class Document:
    """One MPQA document: its text, gold events and the spans any prediction may hit."""

    id: str
    text: str
    events: list[Event] = field(default_factory=list)
    annotated: list[tuple[int, int]] = field(default_factory=list)  # events and direct-subjective, beyond w
    sentences: list[tuple[int, int]] = field(default_factory=list)


def chain(nested: list[str]) -> list[str]:
    """The agents beyond the writer, each run of one agent collapsed."""
    out: list[str] = []
    for agent in nested:
        if agent != WRITER and (not out or out[-1] != agent):
            out.append(agent)
    return out


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _agent(agent_id: str, at: int, mentions: list[dict[str, Any]]) -> Agent | None:
    """An agent named by its mentions, or None when it has no named mention."""
    named = [m for m in mentions if m["agent_id"] == agent_id and m["text"].strip()
             and m["text"].strip().lower() not in PRONOUNS]
    if not named:
        return None
    before = [m for m in named if m["start"] <= at]
    shown = max(before, key=lambda m: m["start"]) if before else min(named, key=lambda m: m["start"])
    return Agent(agent_id, shown["text"], tuple(dict.fromkeys(m["text"] for m in named)))


def _sentences(path: Path) -> list[tuple[int, int]]:
    """MPQA's own sentence spans for a document."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for sentence in data.get("sentences", []):
        spans = sentence.get("span") or []
        if spans:
            out.append((min(s["startPos"] for s in spans), max(s["endPos"] for s in spans)))
    return sorted(out)


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether a span starts or ends inside a word (its offsets do not fit the raw text)."""
    if end - start < 2:
        return False
    inside_left = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    inside_right = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return inside_left or inside_right


def read_documents(data: Path, limit: int | None = None) -> tuple[list[Document], Counter[str]]:
    """The documents with their scored events, and counts of the events left out and why."""
    annotations = _jsonl(data / "annotations_flat.jsonl")
    mentions = _jsonl(data / "agent_mentions_flat.jsonl")
    doc_ids = sorted({a["doc_id"] for a in annotations})[: limit or None]
    skipped: Counter[str] = Counter()
    docs = []
    for doc_id in doc_ids:
        doc = Document(doc_id, (data / "raw" / doc_id).read_text(encoding="utf-8", errors="replace"))
        doc.sentences = _sentences(data / "json" / doc_id)
        own = [m for m in mentions if m["doc_id"] == doc_id]
        spans = [(a["start"], a["end"]) for a in annotations if a["doc_id"] == doc_id] + [
            (m["start"], m["end"]) for m in own if m["text"]]
        if sum(_cuts_a_word(doc.text, s, e) for s, e in spans) > MISALIGNED * len(spans):
            skipped["documents with misaligned spans"] += 1
            continue
        for a in (a for a in annotations if a["doc_id"] == doc_id):
            agents = chain(a["nested_source"])
            if not agents:
                continue
            if a["class"] in ("YObjSpeechEvent", "YDirectSubj"):
                doc.annotated.append((a["start"], a["end"]))
            if a["class"] != "YObjSpeechEvent":
                continue
            if agents[-1] == IMPLICIT:
                skipped["implicit speaker"] += 1
                continue
            speaker = _agent(agents[-1], a["start"], own)
            if speaker is None:
                skipped["speaker without a named mention"] += 1
                continue
            relays = tuple(r for x in agents[:-1] if x != IMPLICIT and (r := _agent(x, a["start"], own)))
            sentence = next(((s, e) for s, e in doc.sentences if s <= a["start"] < e), (a["start"], a["end"]))
            doc.events.append(Event(doc_id, a["start"], a["end"], a["text"], sentence, speaker, relays))
        docs.append(doc)
    return docs, skipped


def same_source(predicted: str | None, agent: Agent) -> bool:
    """Lenient name match: one name's words all in the other's ("United States" = "the United
    States", "officials" = "officials at the base"), or a shared word beyond stop words, titles and
    generic institution words ("President Bush" = "George W. Bush")."""
    if not predicted:
        return False
    words = set(_WORD.findall(predicted.lower())) - ARTICLES
    for name in agent.names:
        gold = set(_WORD.findall(name.lower())) - ARTICLES
        if words and gold and (words <= gold or gold <= words or (words & gold) - GENERIC):
            return True
    return False


def _overlaps(a0: int | None, a1: int | None, b0: int, b1: int) -> bool:
    return a0 is not None and a1 is not None and a0 < b1 and b0 < max(a1, a0 + 1)


def _anchor(row: dict[str, Any]) -> int:
    return row["cue_start"] if row.get("cue_start") is not None else row["start"]


def match(event: Event, rows: list[dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    """The exported row that answers an event and the rule that found it (see the module doc)."""
    rules = (
        ("cue", lambda r: _overlaps(r.get("cue_start"), r.get("cue_end"), event.start, event.end)),
        ("text", lambda r: _overlaps(r["start"] - 1, r["end"] + 1, event.start, event.end)),
        ("sentence", lambda r: event.sentence[0] <= _anchor(r) < event.sentence[1]),
    )
    for rule, hits in rules:
        candidates = [r for r in rows if hits(r)]
        if candidates:
            return rule, min(candidates, key=lambda r: abs(_anchor(r) - event.start))
    return None


def speaker_names(row: dict[str, Any]) -> list[str]:
    speaker = row.get("speaker") or {}
    return [n for n in (speaker.get("name"), speaker.get("name_in_article"), speaker.get("mention")) if n]


def score(docs: list[Document], rows_by_doc: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Found, speaker accuracy, relay recall and rough precision over all documents."""
    events = [e for d in docs for e in d.events]
    rules: Counter[str] = Counter()
    good_speaker = relays_total = relays_found = relays_total_found = relay_events = 0
    details = []
    for event in events:
        hit = match(event, rows_by_doc.get(event.doc, []))
        row = hit[1] if hit else None
        if hit:
            rules[hit[0]] += 1
        speaker_ok = row is not None and any(same_source(n, event.speaker) for n in speaker_names(row))
        good_speaker += speaker_ok
        via = list(row.get("via") or []) if row else []
        relay_hits = [any(same_source(v, r) for v in via) for r in event.relays]
        if event.relays:
            relay_events += 1
            relays_total += len(event.relays)
            relays_found += sum(relay_hits)
            relays_total_found += len(event.relays) if row else 0
        details.append({
            "doc": event.doc, "span": [event.start, event.end], "text": event.text,
            "speaker": event.speaker.shown, "relays": [r.shown for r in event.relays],
            "rule": hit[0] if hit else None, "predicted_speaker": speaker_names(row)[:1] if row else None,
            "predicted_cue": row.get("cue") if row else None, "via": via, "speaker_ok": speaker_ok,
            "relays_ok": relay_hits,
        })
    found = sum(rules.values())
    predictions = [(d, r) for d in docs for r in rows_by_doc.get(d.id, [])]
    plausible = sum(
        1 for d, r in predictions
        if any(_overlaps(r.get("cue_start"), r.get("cue_end"), s, e) or _overlaps(r["start"], r["end"], s, e)
               for s, e in d.annotated)
    )
    return {
        "events": len(events),
        "found": found,
        "found_rate": _ratio(found, len(events)),
        "found_by_rule": dict(rules),
        "speaker_accuracy": _ratio(good_speaker, found),
        "relay_events": relay_events,
        "relays": relays_total,
        "relays_found": relays_found,
        "relay_recall": _ratio(relays_found, relays_total),
        "relay_recall_on_found": _ratio(relays_found, relays_total_found),
        "attributions": len(predictions),
        "precision_rough": _ratio(plausible, len(predictions)),
        "details": details,
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def run_fogwatch(docs: list[Document], work: Path) -> dict[str, list[dict[str, Any]]]:
    """Run Fogwatch on the documents and return the exported attribution and speech act rows per
    document, their offsets moved onto the raw text."""
    inputs = work / "inputs"
    for doc in docs:
        write_article(inputs, doc.id.replace("/", "__"), doc.text, {})
    rows, _stages = run_and_export(inputs, work / "mpqa.db")
    by_name = {d.id.replace("/", "__") + ".txt": d for d in docs}
    article_doc: dict[str, tuple[Document, int]] = {}
    for row in rows:
        if row["type"] == "article":
            doc = by_name.get(Path(row["source"]).name)
            if doc is not None:
                shift = doc.text.find(row.get("text") or "\0")  # ingest strips the edges' whitespace
                if shift < 0:
                    raise SystemExit(f"stored text of {doc.id} is not in its raw file")
                article_doc[row["id"]] = (doc, shift)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["type"] in SPEECH_ROWS and row["article"] in article_doc:
            doc, shift = article_doc[row["article"]]
            for key in ("start", "end", "cue_start", "cue_end"):
                if row.get(key) is not None:
                    row[key] += shift
            by_doc.setdefault(doc.id, []).append(row)
    return by_doc


_SPLIT = re.compile(r"(?<=[.!?])[\"']?\s+(?=[\"']?[A-Z])")
_BASELINE_CUE = re.compile(r"\b(?:said|says|say|told|tells|according to)\b", re.I)
_CAPITALISED = re.compile(r"\b(?:[A-Z][\w.'-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'-]*)*")


def naive_baseline(docs: list[Document]) -> dict[str, list[dict[str, Any]]]:
    """Rows in the export's shape from the naive rule in the module doc."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        rows = by_doc.setdefault(doc.id, [])
        at = 0
        for piece in _SPLIT.split(doc.text):
            start = doc.text.index(piece, at)
            end = at = start + len(piece)
            cue = _BASELINE_CUE.search(doc.text, start, end)
            if cue is None:
                continue
            before = [m for m in _CAPITALISED.finditer(doc.text, start, cue.start())
                      if m.group().lower() not in ("the", "a", "an", "but", "and", "in")]
            after = list(_CAPITALISED.finditer(doc.text, cue.end(), end))
            according = cue.group().lower().startswith("according")
            pick = (after or before) if according else (before[-1:] or after)
            name = (pick[0] if according or not before else pick[-1]).group() if pick else None
            rows.append({"start": start, "end": end, "cue": cue.group(), "cue_start": cue.start(),
                         "cue_end": cue.end(), "speaker": {"name": name}, "via": []})
    return by_doc


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Fogwatch and the naive baseline on the same documents."""
    docs, skipped = read_documents(data, limit)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fogwatch-mpqa-") as work:
        predicted = run_fogwatch(docs, Path(work))
    seconds = time.perf_counter() - started
    return {
        "documents": len(docs),
        "skipped_events": dict(skipped),
        "seconds": round(seconds, 1),
        "fogwatch": score(docs, predicted),
        "baseline": score(docs, naive_baseline(docs)),
    }


ROWS = (
    ("speech events found", "found_rate", "found", "events"),
    ("speaker accuracy on found", "speaker_accuracy", None, "found"),
    ("relay recall", "relay_recall", "relays_found", "relays"),
    ("relay recall on found events", "relay_recall_on_found", None, None),
    ("precision (rough)", "precision_rough", None, "attributions"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, help="score only the first N documents")
    parser.add_argument("--json", type=Path, help="write the scores and every event's outcome here")
    args = parser.parse_args(argv)
    if not (args.data / "annotations_flat.jsonl").exists():
        print(f"no MPQA data at {args.data}", file=sys.stderr)
        return 2
    result = evaluate(args.data, args.limit)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    fog, base = result["fogwatch"], result["baseline"]
    print(f"MPQA 3.0 {args.data.name}: {result['documents']} documents, {fog['events']} speech events beyond "
          f"the writer ({fog['relay_events']} with relays), {result['seconds']} s; left out: "
          f"{result['skipped_events']}")
    print(f"{'':32} {'fogwatch':>10} {'baseline':>10}")
    for label, key, numerator, denominator in ROWS:
        cells = []
        for scores in (fog, base):
            extra = f" ({scores[numerator]}/{scores[denominator]})" if numerator else ""
            extra = extra or (f" (n={scores[denominator]})" if denominator else "")
            cells.append(f"{scores[key]:.3f}{extra}")
        print(f"{label:32} {cells[0]:>22} {cells[1]:>22}")
    print(f"found by rule: fogwatch {fog['found_by_rule']}, baseline {base['found_by_rule']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
