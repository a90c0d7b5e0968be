"""Denials: harm a source says did not happen ("no one was killed", "nobody was hurt").

"It's a miracle nobody's dead" gives no number, yet it contradicts "one victim died" as plainly as
"0 killed" would. Each denial becomes a figure of zero of the class it denies, attributed like any
figure, its words the negation itself, so reconciliation can set it against the figures of the same
quantity. A denial with a degree ("no one was seriously hurt") denies only that degree of harm:
its severity is read from its words (`harm.py`), and it does not deny the harm itself.

Denials that do not count the whole group are not read: "no one else was hurt" after a shooting
leaves its victim standing, and "no officers were injured" speaks of a group of its own (kept,
with that subject, so it only meets figures about officers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fogwatch.extract.figure_sources import attribution_for
from fogwatch.extract.figure_words import PEOPLE
from fogwatch.extract.figures import captions_and_headings
from fogwatch.extract.harm import DENIAL_EXTRACTOR
from fogwatch.extract.headlines import headline_end
from fogwatch.extract.nlp import ParsedArticle
from fogwatch.extract.victims import link_lines
from fogwatch.model import Attribution, Figure

_DEGREE = r"(?:(?:seriously|critically|severely|badly|gravely|fatally|mortally)\s+)?"
_HARM_VERB = (r"(?:killed(?:\s+or\s+(?:\w+\s+)?(?:injured|hurt|wounded))?|"
              r"(?:injured|hurt|wounded)(?:\s+or\s+killed)?|shot|struck|hit|dead|died|injured)")
# "no one was hurt", "nobody's dead", "none of the victims died", "no officers were injured"
_PEOPLE_DENIED = re.compile(
    r"\b(?P<who>no[- ]one|nobody|none\s+of\s+(?:them|the\s+(?P<of>[a-z]+))|no\s+(?P<group>[a-z]+))"
    r"(?:\s+(?P<more>else|other|others|more|further|additional)\b)?"
    r"(?:\s+(?:was|were|is|are|has|have|had|got)(?:\s+(?:been|reported|believed|thought))?|['’]s)?\s+"
    r"(?P<degree>" + _DEGREE + r")(?P<harm>" + _HARM_VERB + r")\b",
    re.I,
)
# "no injuries were reported", "there were no fatalities", "no serious injuries", "no reports of injuries"
_HARM_DENIED = re.compile(
    r"\bno\s+(?:reports?\s+of\s+(?:any\s+)?)?(?P<more>other\s+|further\s+|additional\s+|more\s+)?"
    r"(?P<degree>(?:serious|critical|severe|life[- ]threatening)\s+)?"
    r"(?P<harm>injuries|deaths|fatalities|casualties)\b",
    re.I,
)
# "the situation is not a homicide": the event itself is said to have killed no one
_NOT_A_KILLING = re.compile(
    r"\b(?:the|this)\s+(?:situation|incident|shooting|case)\s+(?:is|was)\s+not\s+"
    r"(?:being\s+(?:investigated|treated)\s+as\s+|considered\s+)?a\s+homicide\b",
    re.I,
)
# a denial under doubt or in a question is no claim: "it was not clear whether no one was hurt"
_DOUBT_BEFORE = re.compile(
    r"\b(?:if|whether|unclear|not\s+clear|not\s+known|unknown|hope[sd]?|pray\w*)\b[^.;]*$", re.I
)
_KILLED = {"killed", "dead", "died", "deaths", "fatalities"}
_BOTH = re.compile(r"\bor\b|casualties", re.I)
# groups a denial may speak of, beyond those figures count
_PEOPLE_WORDS = PEOPLE | {"one", "customer", "patron", "pedestrian", "neighbor", "neighbour"}


def _counted(harm: str, degree: str) -> str:
    """What a denial counts: "killed or injured" and "casualties" deny both."""
    harm = harm.lower()
    if _BOTH.search(harm):
        return "killed_or_wounded"
    if harm in _KILLED or degree.strip().lower() in ("fatally", "mortally"):
        return "killed"
    return "wounded"


def _subject(match: re.Match[str]) -> str | None:
    """The group the denial speaks of, "people" for "no one"; None when it names no people
    ("no shots hit": a thing, not a group)."""
    names = match.groupdict()
    group = (names.get("group") or names.get("of") or "").lower()
    if not group:
        return "people"
    singular = re.sub(r"ies$", "y", group) if group.endswith("ies") else re.sub(r"(?<!s)s$", "", group)
    return group if group in _PEOPLE_WORDS or singular in _PEOPLE_WORDS else None


def _denials_in(text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, counted, subject) for every denial of harm in one sentence."""
    found: list[tuple[int, int, str, str | None]] = []
    for pattern in (_PEOPLE_DENIED, _HARM_DENIED):
        for match in pattern.finditer(text):
            if match.group("more") or _DOUBT_BEFORE.search(text[:match.start()]):
                continue
            subject = _subject(match) if pattern is _PEOPLE_DENIED else "people"
            if subject is None:
                continue
            counted = _counted(match.group("harm"), match.group("degree") or "")
            found.append((match.start(), match.end(), counted, subject))
    for match in _NOT_A_KILLING.finditer(text):
        if not _DOUBT_BEFORE.search(text[:match.start()]):
            found.append((match.start(), match.end(), "killed", "people"))
    found.sort()
    return [d for i, d in enumerate(found) if not any(o[0] < d[1] and d[0] < o[1] for o in found[:i])]


def _skipped(parsed: ParsedArticle) -> list[tuple[int, int]]:
    """The headline atop the text and the captions, which repeat the story, and the headlines of
    other stories the page lists ("Market robbed late Thursday - No Injuries")."""
    article = parsed.article
    links = link_lines(parsed, headline_end(article))
    others = [(s.start, s.end) for i, s in enumerate(parsed.sentences) if i in links]
    return [(0, headline_end(article)), *captions_and_headings(article), *others]


def extract_denials(
    parsed: ParsedArticle, attributions: Sequence[Attribution], first: int = 1
) -> list[Figure]:
    """Every denial of harm in the article, as figures of zero with ids f"{article}-z{n}" from `first`."""
    article = parsed.article
    skipped = _skipped(parsed)
    out: list[Figure] = []
    for sentence in parsed.sentences:
        if any(start <= sentence.start < end for start, end in skipped):
            continue
        for begin, finish, counted, subject in _denials_in(sentence.text):
            start, end = sentence.start + begin, sentence.start + finish
            attribution = attribution_for(parsed, attributions, start, end)
            out.append(Figure(
                id=f"{article.id}-z{first + len(out)}", article=article.id, text=article.text[start:end],
                start=start, end=end, value=0.0, low=0.0, high=0.0, counted=counted, subject=subject,
                source=attribution.speaker.name if attribution else None,
                source_type=attribution.speaker.type if attribution else None,
                via=attribution.via if attribution else (),
                attribution=(attribution.id or None) if attribution else None,
                said_on=attribution.said_on if attribution else None, extractor=DENIAL_EXTRACTOR,
            ))
    return out

