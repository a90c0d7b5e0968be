"""Hard-wrapped text: plain-text wires and e-mailed stories break every line near one width
("NASA said the rail car, as it is officially \\nknown, was ready"), so a line break there is not a
paragraph break. Read as one, a sentence falls apart into pieces that hold no cue and no speaker.

`unwrapped` gives a view of the text of the same length with those soft breaks turned into spaces, so
the sentence splitter, the parser and the quotation finder read whole sentences while every offset
still points into the stored text. Texts not wrapped come back unchanged.
"""

from __future__ import annotations

MIN_WRAPPED_LINES = 4  # lines running on into the next one, below which no width can be told
MAX_WIDTH = 100  # wider lines are paragraphs, whatever their rhythm
FULL_LINE = 0.6  # a wrapped line fills at least this share of the width
WRAPPED_SHARE = 0.75  # share of running-on lines that must be full for the text to be wrapped


def _running_on(lines: list[str]) -> list[int]:
    """Indexes of the non-blank lines followed by a non-blank line."""
    return [i for i in range(len(lines) - 1) if lines[i].strip() and lines[i + 1].strip()]


def is_wrapped(text: str) -> bool:
    """Whether the text breaks its lines at one width: most lines that run on into the next one are
    nearly as long as the longest of them, and none is longer than a wrapped line ever is."""
    lines = text.split("\n")
    running = [len(lines[i].rstrip()) for i in _running_on(lines)]
    if len(running) < MIN_WRAPPED_LINES:
        return False
    width = max(running)
    if width > MAX_WIDTH:
        return False
    full = sum(length >= FULL_LINE * width for length in running)
    return full >= WRAPPED_SHARE * len(running)


def unwrapped(text: str) -> str:
    """The text with each soft line break (a full line running on into a non-blank one) read as a
    space, when the text is hard-wrapped; the text itself otherwise. Same length, same offsets."""
    if "\n" not in text or not is_wrapped(text):
        return text
    lines = text.split("\n")
    width = max(len(lines[i].rstrip()) for i in _running_on(lines))
    chars = list(text)
    at = 0
    for i, line in enumerate(lines[:-1]):
        at += len(line)
        if line.strip() and lines[i + 1].strip() and len(line.rstrip()) >= FULL_LINE * width:
            chars[at] = " "
        at += 1
    return "".join(chars)
