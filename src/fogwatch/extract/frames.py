"""What a cue found in the parse yields (`Frame`), and the token runs the cue patterns cut content from."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from fogwatch.extract.cue_syntax import SUBJECT_DEPS, trim
from fogwatch.extract.nlp import ParsedSentence


@dataclass(frozen=True)
class Frame:
    """A cue in the parse with its source head and content span (article offsets)."""

    sentence: ParsedSentence
    cue: Token
    cue_start: int
    cue_end: int
    source: Token | None
    content_start: int
    content_end: int
    pattern: str  # clause | object | according | parenthetical | noun | hearsay
    carriers: tuple[Token, ...] = ()  # heads of those who passed the source's words on, nearest it first
    unnamed: bool = False  # reported without any source ("were reported shot", "reports that ...")


def offsets(sentence: ParsedSentence, tokens: list[Token]) -> tuple[int, int]:
    """Article offsets of a run of a sentence's tokens."""
    return sentence.start + tokens[0].idx, sentence.start + tokens[-1].idx + len(tokens[-1].text)


def runs(tokens: list[Token], removed: set[int]) -> list[list[Token]]:
    """The stretches of consecutive tokens not removed (punctuation does not break them)."""
    stretches: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.i in removed:
            if stretches[-1]:
                stretches.append([])
        else:
            stretches[-1].append(tok)
    return [r for r in stretches if r]


def longest_run(tokens: list[Token], removed: set[int]) -> list[Token]:
    """The longest stretch of consecutive tokens not removed (punctuation does not break it)."""
    stretches = runs(tokens, removed) or [[]]
    best = max(stretches, key=lambda r: sum(1 for t in r if not t.is_punct))
    return trim(best)


def is_clause(tokens: list[Token]) -> bool:
    """A run that holds a verb with its own subject: "and the network needed more volunteers"."""
    inside = {t.i for t in tokens}
    return any(t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS and c.i in inside for c in t.children)
               for t in tokens)
