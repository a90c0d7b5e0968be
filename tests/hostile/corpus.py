"""The hostile corpus, built at test time in a temporary folder: nothing hostile is checked in.

Each item is what a careless or malicious source could hand Fogwatch: a decompression bomb, a
run-on paragraph and sentence, NUL characters, markup nested a hundred thousand deep, XML entity
tricks, a symlink loop, a file name with terminal escapes, beside ordinary articles. ``EXPECTED``
says, per item, whether it must be stored or rejected.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

GOOD_ARTICLES = {
    "good-1.txt": "Mayor Lena Ostrova said on Tuesday that the Harlow bridge would reopen next month.\n\n"
                  "Crews found 14 cracked beams during the inspection, the city engineer said.",
    "good-2.txt": "Fire chief Tomas Brell said 3 people were hurt in the warehouse fire on Friday.\n\n"
                  "\u201cWe were lucky the night shift had gone home,\u201d Brell told reporters.",
}
LONG_SENTENCE_CHARS = 150_000
LONG_PARAGRAPH_CHARS = 1_250_000
NESTED_DEPTH = 100_000
SECRET = "fogwatch-secret-token-5b1e"


def gzip_of_zeros(path: Path, megabytes: int) -> None:
    """A gzip stream of zeros: a few hundred bytes per megabyte it inflates to."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    with path.open("wb") as out:
        for _ in range(megabytes):
            out.write(compressor.compress(block))
        out.write(compressor.flush())


def build(root: Path, *, bomb_megabytes: int = 200) -> dict[str, str]:
    """Write the corpus under ``root``; returns each item's name and whether it is "stored" or
    "rejected" (an item may also be "either": stored or rejected, but never lost or crashing)."""
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    for name, text in GOOD_ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
        expected[name] = "stored"

    gzip_of_zeros(root / "bomb.warc.gz", bomb_megabytes)
    expected["bomb.warc.gz"] = "rejected"

    words = "gravel lantern orchard meadow copper "
    paragraph = (words * (LONG_PARAGRAPH_CHARS // len(words))).strip() + "."
    (root / "long-paragraph.txt").write_text(paragraph, encoding="utf-8")
    expected["long-paragraph.txt"] = "rejected"  # over max_text_chars

    sentence = "The survey said that " + words * (LONG_SENTENCE_CHARS // len(words)) + "were counted."
    (root / "long-sentence.txt").write_text(sentence, encoding="utf-8")
    expected["long-sentence.txt"] = "stored"

    lines = [
        {"text": "The port authority said\u0000 on Monday that 40 ships were delayed.",
         "outlet": "Dock\u0000 News"},
        {"text": "Harbour master Ida Voss said the fog had lifted by noon on Monday."},
    ]
    (root / "nul.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    expected["nul.jsonl#line 1"] = "stored"
    expected["nul.jsonl#line 2"] = "stored"

    sentence_html = "<p>The council said on Wednesday that the old mill would be turned into a library.</p>"
    (root / "nested.html").write_text(
        "<html><body>" + "<div>" * NESTED_DEPTH + sentence_html + "</div>" * NESTED_DEPTH + "</body></html>",
        encoding="utf-8",
    )
    expected["nested.html"] = "stored"

    secret = root.parent / f"{root.name}-secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (root / "xxe.xml").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>Leaky</title><item><title>Item</title>'
        "<description>The spokesman said the audit found &leak; problems in the accounts.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    expected["xxe.xml"] = "either"

    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    (root / "laughs.xml").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{entities}]>\n'
        '<rss version="2.0"><channel><title>Laughs</title><item><title>Item</title>'
        "<description>&lol9;</description></item></channel></rss>",
        encoding="utf-8",
    )
    expected["laughs.xml"] = "either"

    nested = root / "folder"
    nested.mkdir()
    (nested / "inside.txt").write_text(
        "Inspector Mara Quill said the tunnel inspection had found no damage on Thursday.", encoding="utf-8"
    )
    os.symlink(root, nested / "loop")
    expected["folder/inside.txt"] = "stored"
    expected["folder/loop"] = "rejected"

    escaped_name = "evil\x1b[31mred\x07.txt"
    (root / escaped_name).write_text(
        "The ferry company said 200 passengers were stranded by the strike on Saturday.", encoding="utf-8"
    )
    expected[escaped_name] = "stored"
    return expected
