"""A learned tagger for the attributions the hand rules miss: stances, beliefs and plans.

The rules (`indirect`, `quotes`, ...) read reporting verbs and quotations precisely, but news also
attributes content through words no lexicon lists ("X endorses Y", "X believes ...", "X's plan to
..."). Two small linear models, trained on the PolNeAR corpus by `train/polnear_tagger.py`, read
the spaCy parse the rules already made (no second model runs over the text):

1. the cue model scores each verb, noun and adjective as the head of an attribution cue;
2. the argument model labels the cue's dependents (and, for a verb without a subject of its own,
   the subject it shares; for a cue set inside a clause, that clause) as its source, its content
   or neither.

A tagged cue becomes a draft like the rules' own: its source words go through the same speaker
resolution. It is kept only where the rules found nothing: a cue or content inside any rule
attribution is dropped, since an attribution's words play one role only. Tagged attributions
carry their own `extractor` name so users can audit or filter them.

It runs only with the `learned_cues` setting: PolNeAR counts stances as attributions, while a
ledger of who said what about an event does not ("police investigate a shooting" is no
statement), so on local news it would cost more precision than it adds recall.

Features are hashed strings (CRC-32, stable across processes) into one weight table per model,
shipped in `tagger_weights.npz` beside this module.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from fogwatch.extract.counted_people import lemma_of
from fogwatch.extract.direct import Draft, overlaps
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence
from fogwatch.extract.speakers import describe_source

EXTRACTOR = "fogwatch.attribution.tagger.v1"
WEIGHTS = Path(__file__).with_name("tagger_weights.npz")
HASH_BITS = 18
DENSE = 96  # width of en_core_web_sm's tok2vec output
ROLES = ("none", "source", "content")
_SOURCE, _CONTENT = ROLES.index("source"), ROLES.index("content")
CUE_POS = frozenset({"VERB", "NOUN", "ADJ"})
# Dependents that are never a source or a content of their head.
_NOT_ARGUMENTS = frozenset({"punct", "cc", "aux", "auxpass", "neg", "det", "case", "prt", "expl", "mark"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "poss", "agent"})
_SHARES_SUBJECT = frozenset({"conj", "xcomp", "advcl", "ccomp", "acl", "relcl"})
_TRIM = " ,;:—–-\n"


def hashed(features: Iterable[str]) -> list[int]:
    """Feature strings as column indices, the same in every process (unlike `hash`)."""
    mask = (1 << HASH_BITS) - 1
    return sorted({zlib.crc32(f.encode("utf-8")) & mask for f in features})


def _entity(token: Token) -> str:
    return token.ent_type_ or ("PRON" if token.pos_ == "PRON" else "-")


def cue_candidates(doc: Doc) -> list[Token]:
    """The tokens that may head a cue: verbs, nouns and adjectives."""
    return [t for t in doc if t.pos_ in CUE_POS]


def cue_features(token: Token) -> list[str]:
    """What the cue model sees of a token: its word, its place in the parse and its dependents."""
    lemma, head = lemma_of(token), token.head
    feats = [
        "bias", f"l={lemma}", f"w={token.lower_}", f"p={token.pos_}", f"t={token.tag_}", f"d={token.dep_}",
        f"l|d={lemma}|{token.dep_}", f"l|t={lemma}|{token.tag_}", f"suf={token.lower_[-3:]}",
        f"hl={lemma_of(head)}", f"d|hp={token.dep_}|{head.pos_}", f"l|hl={lemma}|{lemma_of(head)}",
        f"prev={token.nbor(-1).lower_ if token.i > 0 else '<s>'}",
        f"next={token.nbor(1).lower_ if token.i + 1 < len(token.doc) else '</s>'}",
    ]
    if token.i + 1 < len(token.doc):
        feats.append(f"l|next={lemma}|{token.nbor(1).lower_}")
    deps = set()
    for child in token.children:
        dep = child.dep_
        deps.add(dep)
        feats.append(f"c={dep}")
        feats.append(f"l|c={lemma}|{dep}")
        feats.append(f"c|cp={dep}|{child.pos_}")
        if dep in _SUBJECTS:
            feats.append(f"subj={dep}|{_entity(child)}")
            feats.append(f"l|subj={lemma}|{_entity(child)}")
        if dep in ("ccomp", "xcomp") or dep == "prep":
            first = next(iter(child.subtree))
            feats.append(f"c|first={dep}|{first.lower_}")
            feats.append(f"l|c|first={lemma}|{dep}|{first.lower_}")
    feats.append("deps=" + "+".join(sorted(deps & {"nsubj", "ccomp", "xcomp", "dobj", "poss", "prep"})))
    return feats


@dataclass(frozen=True)
class Argument:
    """A dependent of a cue that may be its source or content, and how it hangs on the cue."""

    token: Token
    how: str  # the dependency label, or "shared:<label>" for a subject borrowed from the head


def argument_candidates(cue: Token) -> list[Argument]:
    """The cue's dependents, and where it has no subject, the subject of the verb it hangs on
    ("X said Y and believes Z": X believes)."""
    found = [Argument(c, c.dep_) for c in cue.children if c.dep_ not in _NOT_ARGUMENTS and not c.is_punct]
    if any(a.how in _SUBJECTS for a in found):
        return found
    node = cue
    for _ in range(3):
        if node.dep_ not in _SHARES_SUBJECT or node.head is node:
            break
        node = node.head
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            found.append(Argument(subject, f"shared:{node.dep_ if node is not cue.head else cue.dep_}"))
            break
    if cue.dep_ in ("acl", "relcl") and cue.head.pos_ in ("NOUN", "PROPN", "PRON"):
        found.append(Argument(cue.head, f"head:{cue.dep_}"))
    elif cue.head is not cue:  # "The plan, she said, is dead": the clause the cue interrupts
        found.append(Argument(cue.head, f"up:{cue.dep_}"))
    return found


def argument_span(argument: Argument) -> tuple[int, int]:
    """Token indices [start, end) of a candidate's words: its subtree, or the head word alone
    for a noun the cue modifies."""
    token = argument.token
    if argument.how.startswith("head:"):
        modifiers = (t.i for t in token.lefts if t.dep_ in ("compound", "amod", "det", "poss"))
        left = min(modifiers, default=token.i)
        return left, token.i + 1
    return token.left_edge.i, token.right_edge.i + 1


def argument_features(cue: Token, argument: Argument) -> list[str]:
    """What the argument model sees: how the candidate hangs on the cue, what it is and where."""
    token, how = argument.token, argument.how
    start, end = argument_span(argument)
    lemma = lemma_of(cue)
    first = token.doc[start]
    size = end - start
    bucket = "1" if size == 1 else "2-3" if size <= 3 else "4-8" if size <= 8 else "9+"
    side = "L" if token.i < cue.i else "R"
    return [
        "bias", f"how={how}", f"cl|how={lemma}|{how}", f"cp|how={cue.pos_}|{how}", f"ap={token.pos_}",
        f"at={token.tag_}", f"ae={_entity(token)}", f"how|ap={how}|{token.pos_}",
        f"how|ae={how}|{_entity(token)}",
        f"side={side}", f"how|side={how}|{side}", f"len={bucket}", f"how|len={how}|{bucket}",
        f"first={first.lower_}", f"how|first={how}|{first.lower_}", f"al={lemma_of(token)}",
        f"cd={cue.dep_}", f"cd|how={cue.dep_}|{how}",
    ]


def vector(token: Token) -> np.ndarray:
    """The token's context vector from the parser's own tok2vec layer (`doc.tensor`): it lets the
    models generalise to cue words the training data never showed."""
    tensor = token.doc.tensor
    if tensor is None or tensor.shape[0] != len(token.doc) or tensor.shape[1] != DENSE:
        return np.zeros(DENSE, dtype=np.float32)
    return tensor[token.i]


@dataclass(frozen=True)
class TaggerModel:
    """The two models: cue (columns: not a cue, cue) and argument (columns: ROLES), each a table
    of hashed-feature weights and a table of weights for the token's context vector."""

    cue: np.ndarray
    cue_dense: np.ndarray
    argument: np.ndarray
    argument_dense: np.ndarray
    cue_threshold: float
    argument_threshold: float  # a content's least probability
    source_threshold: float  # a source's least probability

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> TaggerModel:
        with np.load(path) as data:
            return cls(*(data[name].astype(np.float32) for name in ("cue", "cue_dense", "argument",
                                                                    "argument_dense")),
                       *(float(data[name]) for name in ("cue_threshold", "argument_threshold",
                                                         "source_threshold")))

    def cue_probability(self, features: Sequence[str], context: np.ndarray) -> float:
        scores = self.cue[hashed(features)].sum(axis=0) + context @ self.cue_dense
        return float(_softmax(scores)[1])

    def roles(self, features: Sequence[str], context: np.ndarray) -> np.ndarray:
        return _softmax(self.argument[hashed(features)].sum(axis=0) + context @ self.argument_dense)


def _softmax(scores: np.ndarray) -> np.ndarray:
    exp = np.exp(scores - scores.max())
    return exp / exp.sum()


@lru_cache(maxsize=1)
def shipped_model() -> TaggerModel:
    """The model shipped with the package, loaded once per process."""
    return TaggerModel.load()


@dataclass(frozen=True)
class Tagged:
    """One tagged attribution in a sentence: token spans of cue, source head and content."""

    cue: Token
    content: tuple[int, int]
    source: Token | None
    confidence: float


def tag_sentence(doc: Doc, model: TaggerModel) -> list[Tagged]:
    """The attributions the model reads in one parsed sentence, most confident first, no two
    sharing a word."""
    found: list[Tagged] = []
    for cue in cue_candidates(doc):
        p = model.cue_probability(cue_features(cue), vector(cue))
        if p < model.cue_threshold:
            continue
        scored = [(model.roles(argument_features(cue, a), vector(a.token)), a)
                  for a in argument_candidates(cue)]
        content = max(scored, key=lambda s: s[0][_CONTENT], default=None)
        if content is None or content[0][_CONTENT] < model.argument_threshold:
            continue
        sources = [s for s in scored if s[1].token is not content[1].token]
        source = max(sources, key=lambda s: s[0][_SOURCE], default=None)
        if source is not None and source[0][_SOURCE] < model.source_threshold:
            source = None
        found.append(Tagged(cue, argument_span(content[1]), source[1].token if source else None, p))
    kept: list[Tagged] = []
    for t in sorted(found, key=lambda t: -t.confidence):
        if not any(_shares_words(t, k) for k in kept):
            kept.append(t)
    return kept


def _shares_words(a: Tagged, b: Tagged) -> bool:
    def words(t: Tagged) -> set[int]:
        out = set(range(*t.content)) | {t.cue.i}
        if t.source is not None:
            out.add(t.source.i)
        return out
    return bool(words(a) & words(b))


def tagged_drafts(parsed: ParsedArticle, drafts: list[Draft],
                  model: TaggerModel | None = None) -> list[Draft]:
    """Drafts for the attributions the tagger reads where the rules' drafts hold no word of them."""
    model = model or shipped_model()
    taken = [(d.start, d.end) for d in drafts]
    taken += [(d.cue_start, d.cue_end) for d in drafts if d.cue_start is not None and d.cue_end is not None]
    taken += [(d.phrase.start, d.phrase.end) for d in drafts if d.phrase is not None]
    out: list[Draft] = []
    for sentence in parsed.sentences:
        if sentence.doc is None:
            continue
        for tagged in tag_sentence(sentence.doc, model):
            draft = _draft(sentence, tagged)
            if draft is None or any(overlaps(draft.start, draft.end, a, b)
                                    or overlaps(draft.at, draft.cue_end or draft.at, a, b) for a, b in taken):
                continue
            out.append(draft)
    return out


def _draft(sentence: ParsedSentence, tagged: Tagged) -> Draft | None:
    """A tagged attribution as an indirect draft in article offsets; None when its content is empty."""
    doc = tagged.cue.doc
    first, last = doc[tagged.content[0]], doc[tagged.content[1] - 1]
    start = sentence.char(first.idx)
    end = sentence.char(last.idx + len(last.text))
    text = sentence.text
    while end > start and text[end - sentence.start - 1] in _TRIM:
        end -= 1
    while start < end and text[start - sentence.start] in _TRIM:
        start += 1
    if end <= start:
        return None
    cue = tagged.cue
    phrase = describe_source(sentence, tagged.source) if tagged.source is not None else None
    cue_start = sentence.char(cue.idx)
    return Draft("indirect", start, end, cue_start, cue_start + len(cue.text), phrase, cue_token=cue,
                 extractor=EXTRACTOR)
