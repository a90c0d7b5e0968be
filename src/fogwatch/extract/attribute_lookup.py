"""The model's attribute ruler and lemmatizer as dictionary lookups.

spaCy's ``attribute_ruler`` runs its 179 token patterns through the general Matcher, which tries
every pattern at every token and costs as much as the parser on short sentences. Every pattern
it holds is one or two tokens of exact TAG / LOWER / DEP values, value sets, a regular
expression on LOWER or IS_SPACE, so each pattern is looked up by its first token's tag or word
instead, and only those candidates are checked. Matches are applied as the ruler applies them
(sorted by pattern, later patterns overriding earlier ones, with the ruler's own attribute
setter), so every token ends with exactly the attributes the ruler would give it; patterns of
another shape leave the ruler in place (:func:`use_attribute_lookup`).

The rule lemmatizer walks the document token by token in Python and, for the many tokens already
in their base form, reads the morphology as a dictionary every time. Its answer depends only on the
token's text, part of speech and morphology, so :class:`LemmaMemo` asks it once per such triple and
remembers the answer. Even once per triple it was slow: it checks each candidate form against a word
list of up to 57,000 entries by scanning the list, so the memo gives it the same words as sets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# A token as the lookup sees it: (tag, lower, dep, is_space), string ids from ``Doc.to_array``.
TokenKey = tuple[int, int, int, int]
_COLUMNS = [TAG, LOWER, DEP, IS_SPACE]
_MAX_REMEMBERED = 500_000  # token keys whose matches are kept; a long run starts afresh past this
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2}
Check = Callable[[TokenKey], bool]


class UnsupportedPattern(ValueError):
    """A ruler pattern this lookup cannot reproduce exactly."""


class AttributeLookup:
    """A pipeline component equal in effect to an ``AttributeRuler``, found by lookup."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[Any, Any]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        self.by_tag: dict[int, list[tuple[int, list[Check]]]] = defaultdict(list)
        self.by_lower: dict[int, list[tuple[int, list[Check]]]] = defaultdict(list)
        self.everywhere: list[tuple[int, list[Check]]] = []
        # What a token's first-position matches are, by its key: a document repeats few keys.
        self._first: dict[TokenKey, list[tuple[int, list[Check]]]] = {}
        for number in range(len(self.attrs)):
            _, patterns = ruler.matcher.get(self.vocab.strings[str(number)])
            for pattern in patterns:
                self._index(number, pattern)

    def _index(self, number: int, pattern: list[dict[str, Any]]) -> None:
        checks = [self._token_check(spec) for spec in pattern]
        first = pattern[0]
        if isinstance(first.get("LOWER"), str):
            self.by_lower[get_string_id(first["LOWER"])].append((number, checks))
        elif isinstance(first.get("TAG"), str):
            self.by_tag[get_string_id(first["TAG"])].append((number, checks))
        elif isinstance(first.get("TAG"), dict) and set(first["TAG"]) == {"IN"}:
            for tag in first["TAG"]["IN"]:
                self.by_tag[get_string_id(tag)].append((number, checks))
        else:
            self.everywhere.append((number, checks))

    def _token_check(self, spec: dict[str, Any]) -> Check:
        """One token's conditions as one function of its key."""
        tests: list[Check] = []
        for attr, value in spec.items():
            if attr == "IS_SPACE" and isinstance(value, bool):
                tests.append(lambda key, want=value: bool(key[3]) is want)
            elif attr not in _FIELDS:
                raise UnsupportedPattern(f"attribute {attr}")
            elif isinstance(value, str):
                tests.append(_equals(_FIELDS[attr], get_string_id(value)))
            elif isinstance(value, dict) and len(value) == 1:
                tests.append(self._operator(_FIELDS[attr], *next(iter(value.items()))))
            else:
                raise UnsupportedPattern(f"{attr}: {value!r}")
        return lambda key: all(test(key) for test in tests)

    def _operator(self, field: int, operator: str, value: Any) -> Check:
        strings = self.vocab.strings
        if operator == "IN" and isinstance(value, list):
            allowed = frozenset(get_string_id(v) for v in value)
            return lambda key: key[field] in allowed
        if operator == "NOT_IN" and isinstance(value, list):
            refused = frozenset(get_string_id(v) for v in value)
            return lambda key: key[field] not in refused
        if operator == "REGEX" and isinstance(value, str):
            regex = re.compile(value)
            return lambda key: regex.search(strings[key[field]]) is not None
        raise UnsupportedPattern(f"{operator}: {value!r}")

    def _starting_at(self, key: TokenKey) -> list[tuple[int, list[Check]]]:
        """The patterns whose first token this key matches (with their other tokens' checks)."""
        found = self._first.get(key)
        if found is None:
            if len(self._first) >= _MAX_REMEMBERED:
                self._first.clear()
            candidates = [*self.by_tag.get(key[0], ()), *self.by_lower.get(key[1], ()), *self.everywhere]
            found = self._first[key] = [(number, checks[1:]) for number, checks in candidates
                                        if checks[0](key)]
        return found

    def __call__(self, doc: Doc) -> Doc:
        keys: list[TokenKey] = [tuple(row) for row in doc.to_array(_COLUMNS).tolist()]
        matches: set[tuple[int, int, int]] = set()
        for start, key in enumerate(keys):
            for number, rest in self._starting_at(key):
                end = start + 1 + len(rest)
                if not rest or (end <= len(keys) and all(
                        check(keys[start + 1 + i]) for i, check in enumerate(rest))):
                    matches.add((number, start, end))
        for number, start, end in sorted(matches):  # later patterns override earlier ones, as in the ruler
            index = self.indices[number]
            set_token_attrs(doc[start + index if index >= 0 else end + index], self.attrs[number])
        return doc


def _equals(field: int, want: int) -> Check:
    return lambda key: key[field] == want


class LemmaMemo:
    """A pipeline component equal in effect to a rule ``Lemmatizer``: each (text, POS, morphology)
    is lemmatized by the lemmatizer once, then looked up."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        _index_as_sets(lemmatizer)
        self.lemmatizer = lemmatizer
        self.overwrite = bool(lemmatizer.overwrite)
        self._known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            known = self._known.get(key)
            if known is None:
                if len(self._known) >= _MAX_REMEMBERED:
                    self._known.clear()
                known = self._known[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            rows[i, 3] = known
            changed = True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:4])
        return doc


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Hold each part of speech's known lemmas as a set: the lemmatizer only asks whether a form is
    among them, which a list answers by reading it through."""
    index = lemmatizer.lookups.get_table("lemma_index", None)
    if index is None:
        return
    for pos, known in list(index.items()):
        index[pos] = frozenset(known)


def use_attribute_lookup(nlp: Language) -> Language:
    """Put the lookups in place of the pipeline's attribute ruler and rule lemmatizer, under the
    same names; a ruler with a pattern of another shape, or a lemmatizer in another mode, is left
    as it is."""
    if "attribute_ruler" in nlp.pipe_names:
        with suppress(UnsupportedPattern):  # the ruler stays
            _replace(nlp, "attribute_ruler", AttributeLookup(nlp.get_pipe("attribute_ruler")))
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule":
        _replace(nlp, "lemmatizer", LemmaMemo(lemmatizer))
    return nlp


def _replace(nlp: Language, name: str, component: Callable[[Doc], Doc]) -> None:
    factory = f"fogwatch_{name}_lookup_{id(component)}"  # one per loaded model: each holds its own vocab
    Language.component(factory, func=component)
    nlp.replace_pipe(name, factory)
