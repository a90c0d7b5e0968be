"""How an extracted record is matched to a gold one: token overlap for spans, lenient names.

Spans match on the F1 of their word-token multisets (a quotation with or without its closing
period is the same quotation); names match on any shared key: the full name, the surname, a
known spelling variant, an acronym, or most of an organisation's content words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_ORG_TAIL_WORDS = frozenset(
    [
        "service", "ministry", "agency", "office", "staff", "department", "council", "forces", "army",
        "intelligence", "government", "committee", "command", "officials", "military", "news", "times",
        "post",
    ]
)
_ROLE_WORDS = frozenset(
    [
        "the", "of", "in", "for", "and", "s", "chief", "head", "spokesman", "spokesperson", "spokeswoman",
        "official", "officials", "director", "press", "secretary", "office",
    ]
)
_ACRONYM_STOP = frozenset({"of", "for", "the", "and", "in"})


def fold(text: str | None) -> str:
    """Lower-case, accents and typographic quotes removed."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_TYPOGRAPHIC).lower().strip()


def tokens(text: str | None) -> list[str]:
    """Word tokens of folded text."""
    return re.findall(r"[a-z0-9]+", fold(text))


def overlap_f1(a: str | None, b: str | None) -> float:
    """F1 of the two texts' token multisets."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ta.values()), common / sum(tb.values())
    return 2 * precision * recall / (precision + recall)


def _slavic_key(word: str) -> str:
    """One spelling for transliteration variants: Zelensky, Zelenskiy, Zelenskyy, Zelenski, Selenskyj."""
    word = re.sub(r"(skyy|skiy|skyi|skyj|skij|sky|ski)$", "sky", word)
    return "z" + word[1:] if word.startswith("s") and word.endswith("sky") else word


def name_keys(name: str) -> set[str]:
    """Keys under which a name can match another: itself, its surname, their spelling-variant forms."""
    cleaned = re.sub(r"\s+", " ", re.sub(r"[^a-z0-9' ()]", " ", fold(name))).strip()
    parts = cleaned.split()
    keys = {cleaned}
    if parts and parts[-1] not in _ORG_TAIL_WORDS:
        keys.add(parts[-1])
    keys |= {_slavic_key(k) for k in list(keys)}
    return keys


def _content_words(name: str) -> set[str]:
    folded = fold(name).replace("u.s.", "us").replace("defense", "defence").replace("'s", "")
    return {t for t in re.findall(r"[a-z0-9]+", folded) if t not in _ROLE_WORDS}


def _similar_organisation(a: str, b: str) -> bool:
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return False
    small, big = sorted((wa, wb), key=len)
    return wa == wb or (len(small) >= 2 and small <= big) or len(wa & wb) / len(wa | wb) >= 0.67


def is_acronym_of(short: str, long: str) -> bool:
    """Whether `short` (ISW) is the initials of `long` (Institute for the Study of War)."""
    short = short.strip().replace(".", "")
    if not (2 <= len(short) <= 6 and short.isupper()):
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", long) if w.lower() not in _ACRONYM_STOP]
    return "".join(w[0] for w in words).upper() == short


def _alias_key(name: str) -> str | None:
    """A parenthesised acronym or the part after it: "Institute for the Study of War (ISW)" → both forms."""
    match = re.search(r"\(([A-Z]{2,6})\)", name)
    return match.group(1) if match else None


def same_name(a: str, b: str) -> bool:
    """Whether two names can denote the same person or organisation."""
    if name_keys(a) & name_keys(b) or _similar_organisation(a, b):
        return True
    if is_acronym_of(a, b) or is_acronym_of(b, a):
        return True
    alias_a, alias_b = _alias_key(a), _alias_key(b)
    return bool((alias_a and is_acronym_of(alias_a, b)) or (alias_b and is_acronym_of(alias_b, a)))


def speaker_matches(gold_name: str | None, predicted: Any) -> bool:
    """Gold speaker vs an exported speaker ({name, type} or a plain name); None means unnamed."""
    name = predicted.get("name") if isinstance(predicted, dict) else predicted
    kind = predicted.get("type") if isinstance(predicted, dict) else None
    if gold_name is None:
        return not name or kind == "unnamed"
    return bool(name) and same_name(gold_name, name)


def greedy_match(
    golds: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]],
    similarity: Callable[[dict[str, Any], dict[str, Any]], float], threshold: float,
) -> dict[str, str]:
    """One-to-one gold→prediction pairs, most similar first, each at or above the threshold."""
    scored = sorted(
        ((similarity(g, p), g["id"], p["id"]) for g in golds for p in preds),
        reverse=True,
    )
    used_gold: set[str] = set()
    used_pred: set[str] = set()
    pairs: dict[str, str] = {}
    for score, gold_id, pred_id in scored:
        if score < threshold:
            break
        if gold_id in used_gold or pred_id in used_pred:
            continue
        used_gold.add(gold_id)
        used_pred.add(pred_id)
        pairs[gold_id] = pred_id
    return pairs
