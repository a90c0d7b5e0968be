"""Entity names on the pages: one name per speaker, source and relay however each article spells it.

As in the exports, a claim's speaker (or a figure's source) becomes the name of its entity and the
article's own spelling moves to a field ending in ``_in_article``, so "Tymofiy Halvanenko" reads the
same on every page while the article page can still say "(written: Timofei Galvanenko)". Relays are
renamed without a trace, as the exports do. Each function renames rows the caller owns, in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Name = Callable[[str | None], str | None]


def name_claim(claim: dict[str, Any], name: Name) -> None:
    """An attribution's speaker or a figure's source, and its relays, by entity name."""
    field = "source" if claim.get("type") == "figure" else "speaker_name"
    claim[f"{field}_in_article"] = claim[field]
    claim[field] = name(claim[field])
    claim["via"] = [name(v) for v in claim.get("via") or ()]


def name_conflicts(conflicts: Iterable[dict[str, Any]], name: Name) -> None:
    """The speakers of conflicts' claims (`speaker`, with `speaker_in_article`)."""
    for conflict in conflicts:
        for claim in conflict["claims"]:
            claim["speaker_in_article"] = claim["speaker"]
            claim["speaker"] = name(claim["speaker"])


def name_speakers(claims: Iterable[dict[str, Any]], name: Name) -> None:
    """Search results' claims (`speaker_name`, with `speaker_name_in_article`)."""
    for claim in claims:
        claim["speaker_name_in_article"] = claim["speaker_name"]
        claim["speaker_name"] = name(claim["speaker_name"])
