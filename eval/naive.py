#!/usr/bin/env python3
"""A naive baseline in the export contract, so a gold file can score it beside Fogwatch's export.

Every sentence with "said", "says", "told" or "according to" is an attribution of the sentence
without its cue clause, credited to the capitalised words (or the noun before the cue); every
"N killed/dead/wounded/injured/hurt" is a figure credited to that sentence's speaker. No relays,
no statements across articles. It answers "how far do ten regular expressions get?".

Usage:
    python eval/naive.py DOCS_DIR OUT.jsonl
    python ../shared/eval/score.py GOLD.json OUT.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_CUE = r"(?:said|says|told \w+)"
_TRAILING = re.compile(rf",?\s*(?:according to ([^,.]+)|([\w.' -]{{1,60}}?)\s+{_CUE})\s*[.!?]?$")
_LEADING = re.compile(rf"^\s*(?:According to ([^,]+),|([\w.' -]{{1,60}}?)\s+{_CUE}(?: that)?)\s+")
_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10}
_FIGURE = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+){0,3}?"
                     r"(?:were\s+|was\s+)?(killed|dead|died|wounded|injured|hurt)\b", re.I)
_COUNTED = {"killed": "killed", "dead": "killed", "died": "killed", "wounded": "wounded",
            "injured": "wounded", "hurt": "wounded"}


def _speaker(name: str | None) -> dict[str, str | None]:
    name = (name or "").strip()
    capitals = re.findall(r"\b[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*", name)
    chosen = capitals[-1] if capitals else name.split()[-1] if name.split() else None
    return {"name": chosen, "type": "person" if chosen else "unnamed"}


def rows_for(path: Path) -> list[dict]:
    """The naive export rows of one article file."""
    text = path.read_text(encoding="utf-8").strip()
    article = path.stem
    rows: list[dict] = [{"type": "article", "id": article, "source": str(path)}]
    for n, m in enumerate(_SENTENCE.finditer(text)):
        sentence, start = m.group(0), m.start()
        speaker = None
        for pattern in (_TRAILING, _LEADING):
            if (cue := pattern.search(sentence)) is not None:
                speaker = _speaker(cue.group(1) or cue.group(2))
                span = (0, cue.start()) if pattern is _TRAILING else (cue.end(), len(sentence.rstrip(".!? ")))
                rows.append({"type": "attribution", "id": f"{article}-a{n}", "article": article,
                             "speaker": speaker, "kind": "indirect", "text": sentence[span[0]:span[1]],
                             "start": start + span[0], "end": start + span[1], "via": []})
                break
        for k, f in enumerate(_FIGURE.finditer(sentence)):
            word = f.group(1).lower()
            value = float(_NUMBER.get(word, word) if not word.isdigit() else word)
            rows.append({"type": "figure", "id": f"{article}-f{n}-{k}", "article": article,
                         "text": f.group(0), "start": start + f.start(), "end": start + f.end(),
                         "value": value, "low": value, "high": value, "qualifier": None,
                         "counted": _COUNTED[f.group(2).lower()], "subject": None, "place": None,
                         "window": None, "source": speaker["name"] if speaker else None, "via": [],
                         "attribution": None})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for path in sorted(args.docs.glob("*.txt")):
            for row in rows_for(path):
                out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
