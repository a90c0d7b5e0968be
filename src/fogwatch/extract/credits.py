"""Credit lines: the agencies an article says its story came from, which relay everything in it.

An outlet running a wire story says so once, not beside each quotation: in the dateline
("PORTVILLE, May 3 (Meridian Wire) -", "(Reuters) -", "PORTVILLE -- (AP) --"), a source line
("[Source: Xinhua]"), a sign-off ("— AFP" closing the text) or the agency's copyright line.
Those make the agency the carrier of every statement after the dateline: the last relay of each.
Contributions ("with reporting by Reuters", "Some information for this report came from AP and
Reuters", "AP contributed to this report") cover only part of the story, so they relay only the
statements that name no closer relay. Names of the article's own outlet are never relays, and a
contribution by people ("Reporting by Jane Doe") names no outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogwatch.extract.cues import words
from fogwatch.extract.names import CONNECTORS, canonical_key, clean_name, fold, initials_fit
from fogwatch.extract.relays import is_outlet, is_own_outlet
from fogwatch.model import Article

_DASH = r"(?:--?|—|–)"
# "MIRHAVA, March 12 (Castellan Press) - " or "PORTVILLE -- (AP) -- ": the place is optional only
# when the parenthesis opens a line and names an outlet ("(Reuters) - ").
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’ -]{{2,40}}(?:,[^\n(]{{0,40}})?\s*(?:{_DASH}\s*)?)?"
    rf"\((?P<agency>[A-Z][^)\n]{{1,40}})\)\s*{_DASH}\s",
    re.M,
)
_SOURCE_LINE = re.compile(r"\[\s*Source\s*:\s*(?P<agency>[^\]\n]{2,80})\]", re.I)
_NAME_WORD = r"[A-Z][\w.&'’-]*"
_SIGN_OFF = re.compile(
    rf"(?:^|\s){_DASH}\s*(?P<agencies>{_NAME_WORD}(?:\s*(?:[ /]|\band\b)\s*{_NAME_WORD}){{0,4}})\s*\.?\s*\Z"
)
_MONTHS = words(
    """
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august
    september october november december
    """
)
_COPYRIGHT = re.compile(
    r"(?:Copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}\s*)?(?:by\s+)?"
    r"(?P<agency>(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})"
)
_CONTRIBUTIONS = (
    re.compile(r"\breporting\s+(?:by|from)\s+(?P<agencies>[^.;\n]{2,120})", re.I),
    re.compile(
        r"\b(?:information|material|details)\s+(?:for|in)\s+this\s+(?:report|story|article)\s+"
        r"(?:came|was\s+provided|were\s+provided|is)\s+(?:from|by)\s+(?P<agencies>[^.;\n]{2,120})",
        re.I,
    ),
    re.compile(r"(?P<agencies>[A-Z][^.;\n]{1,120}?)\s+contributed\s+to\s+this\s+(?:report|story|article)"),
)
_LIST = re.compile(r"\s*(?:,|;|/|&|\band\b)\s*")
# Wire agencies: a copyright line names the story's author only when it is one of them (a
# publisher's own copyright is on every page of its site).
WIRE_AGENCIES = words(
    """
    ap reuters afp dpa efe ansa xinhua tass interfax kyodo yonhap bloomberg upi anadolu aap bernama
    antara pti ians
    """
) | {"associated press", "agence france-presse", "agence france presse", "ria novosti",
     "united press international", "press association", "pa media"}


@dataclass(frozen=True)
class Credits:
    """The relays an article names for its whole story."""

    story: tuple[str, ...] = ()  # relay every statement from `starts` on
    starts: int = 0
    contributors: tuple[str, ...] = ()  # relay the statements without a closer relay


def _agency_name(raw: str) -> str:
    """"Xinhua in English 0812 GMT" -> "Xinhua": the name before any edition or time."""
    name = re.split(r",|\(|\.\s|\s+(?:in|on|at)\s+|\s+\d", raw.strip(), maxsplit=1)[0]
    return clean_name(name.strip(" .-—–"))


def _names(raw: str) -> list[str]:
    """The names in a credit's list ("KDKA/AP", "AP and Reuters"), none of them a date."""
    names = [_agency_name(part) for part in _LIST.split(raw) if part.strip()]
    return [n for n in names
            if n and not re.search(r"\d", n) and fold(n).split()[0].rstrip(".") not in _MONTHS]


def _outlets(raw: str) -> list[str]:
    """The outlets in a credit's list of names; people and descriptions ("Telegraph writer Amy
    Leigh Womack") are left out."""
    return [n for n in _names(raw) if is_outlet(n)
            and all(w[:1].isupper() or w in CONNECTORS for w in n.split())]


def is_wire_agency(name: str) -> bool:
    """Whether a name is one of the wire agencies whose stories other outlets run."""
    return re.sub(r"^the\s+", "", fold(name)).replace(".", "").strip() in WIRE_AGENCIES


def _same_agency(a: str, b: str) -> bool:
    return canonical_key(a) == canonical_key(b) or initials_fit(a, b) or initials_fit(b, a)


def _distinct(names: list[str], article: Article, taken: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Names in order without the article's own outlet and without a second name for one agency."""
    out: list[str] = []
    for name in names:
        if is_own_outlet(name, article) or any(_same_agency(name, n) for n in (*taken, *out)):
            continue
        out.append(name)
    return tuple(out)


def article_credits(article: Article) -> Credits:
    """The agencies an article's credit lines name, read once per article."""
    text = article.text
    story: list[str] = []
    starts = 0
    dateline = _DATELINE.search(text)
    if dateline is not None and not re.search(r"\d", dateline.group("agency")):
        agency = dateline.group("agency")
        names = _names(agency) if dateline.group("place") else _outlets(agency)
        if names:
            story.extend(names)  # "(KDKA/AP)": the station's story with the agency's reporting
            starts = dateline.end()
    for m in _SOURCE_LINE.finditer(text):
        story.extend(_outlets(m.group("agency")))
    sign_off = _SIGN_OFF.search(text[-200:])
    if sign_off is not None:
        story.extend(_outlets(sign_off.group("agencies")))
    for m in _COPYRIGHT.finditer(text):
        name = _agency_name(m.group("agency"))
        if is_wire_agency(name):
            story.append(name)
    contributors = [n for pattern in _CONTRIBUTIONS for m in pattern.finditer(text)
                    for n in _outlets(m.group("agencies"))]
    kept = _distinct(story, article)
    return Credits(kept, starts if kept else 0, _distinct(contributors, article, kept))
