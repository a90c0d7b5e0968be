"""Relays: the outlets and documents that carried a statement between its origin and this article.

The ledger counts independent origins, so "Kirby said, as cited by Reuters" must count Kirby
once and Reuters as a carrier. Relays are read from the sentence around the cue ("as cited by",
"quoted by", "according to" beside a named speaker, "told the BBC", "in an interview with"),
from an outer report ("Reuters reported that X said") and from a block quotation the statement
sits in. An outlet the speaker spoke to is no relay when it is the outlet of this article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from fogwatch.extract.cues import ORG_WORDS, UNNAMED_NOUNS, words
from fogwatch.extract.names import canonical_key, clean_name, fold, initials_fit, is_acronym
from fogwatch.model import Article

KNOWN_OUTLETS: frozenset[str] = words(
    """
    reuters ap afp bloomberg bbc cnn pbs npr nbc cbs abc msnbc fox politico axios tass ria
    interfax ukrinform yonhap kyodo xinhua dpa ansa efe aljazeera guardian telegraph independent
    economist newsweek time wsj nyt barron's barrons cnbc sky itv euronews meduza
    kyiv-independent unian rbc izvestia kommersant dw voa rferl rfe/rl semafor vox vice insider
    """
)
OUTLET_WORDS: frozenset[str] = words(
    """
    news times post journal tribune herald gazette telegraph guardian press agency radio tv
    television channel network broadcaster magazine newspaper daily wire review observer
    chronicle bulletin report independent insider
    """
)
_RELAY_VERBS = frozenset({"cite", "quote", "report", "carry", "publish", "relay", "tell", "broadcast", "air",
                          "televise"})
_MEDIUM_NOUNS = frozenset(
    {"interview", "conversation", "broadcast", "podcast", "program", "programme", "show"}
)


def is_outlet(name: str) -> bool:
    """Whether a name reads as a news outlet or agency (the things that relay statements)."""
    words = re.sub(r"^the\s+", "", fold(name)).replace(".", "").split()
    if not words:
        return False
    joined = "".join(words)
    if joined in KNOWN_OUTLETS or words[0] in KNOWN_OUTLETS or " ".join(words) in KNOWN_OUTLETS:
        return True
    return len(words) >= 2 and words[-1] in OUTLET_WORDS


def is_own_outlet(name: str, article: Article) -> bool:
    """Whether an outlet is the one that published this article (then it relays nothing)."""
    key = canonical_key(name)
    bare = re.sub(r"[^a-z0-9]", "", fold(clean_name(name)))
    if not bare:
        return False
    host = _host(article.url)
    for own, is_host in ((article.outlet, False), (host, True)):
        if not own:
            continue
        if canonical_key(own) == key or (not is_host and is_acronym(name) and initials_fit(name, own)):
            return True
        labels = [re.sub(r"[^a-z0-9]", "", label) for label in re.split(r"[\s.]+", fold(own)) if label]
        if len(bare) < 4:  # "AP" is apnews.com, not the "ap" inside "abc7amarillo.com"
            if any(label.startswith(bare) for label in labels):
                return True
        elif bare in "".join(labels):
            return True
        elif is_host and any(len(label) >= 5 and label in bare for label in labels[:-1]):
            return True  # "WPLG Local10.com" runs local10.com
    return False


def _host(url: str | None) -> str | None:
    """A URL's host without "www.", the part of a URL that names its outlet."""
    if not url:
        return None
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0]
    return host.removeprefix("www.")


def _phrase(token: Token) -> str:
    """An outlet's name as written, possessive kept ("Barron's" is a name, not Barron's something)."""
    asides = [c for c in token.children if c.dep_ in ("appos", "relcl", "acl") and c.i > token.i]
    aside = {x.i for c in asides for x in c.subtree}
    words = [t for t in token.subtree
             if t.i not in aside and (not t.is_punct or t.text in ("'s", "’s", "-", "&"))]
    while words and words[0].dep_ == "det":
        words.pop(0)
    name = token.doc[words[0].i : words[-1].i + 1].text if words else ""
    return re.sub(r"\s*\([^)]*\)", "", name).strip(" ,.;:")


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def relays_around(cue: Token, article: Article, *, speaker_head: Token | None = None) -> list[str]:
    """Relays named in the cue's sentence, nearest the origin first."""
    found: list[tuple[int, str]] = []
    doc = cue.doc
    sent = cue.sent
    for tok in sent:
        lemma = tok.lemma_.lower()
        # "as cited by Reuters", "quoted by the BBC", "reported by AP"
        if lemma in _RELAY_VERBS and tok.tag_ == "VBN" and tok.i != cue.i:
            for agent in (c for c in tok.children if c.dep_ == "agent"):
                obj = _pobj(agent)
                if obj is not None:
                    found.append((tok.i, _phrase(_named_after(obj))))
        # "..., according to Barron's" beside a named speaker
        if tok.lower_ == "according" and speaker_head is not None and not _within(tok, speaker_head):
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = _pobj(to) if to is not None else None
            if obj is not None and (obj.pos_ == "PROPN" or _is_outlet_token(obj)):
                found.append((tok.i + 100, _phrase(obj)))
    # "told the BBC", "said in an interview with CNN", "speaking to Reuters", "said on state television"
    if cue.lemma_.lower() in ("tell",):
        for child in cue.children:
            if child.dep_ in ("dative", "dobj") and _is_outlet_token(child):
                found.append((child.i - 100, _phrase(child)))
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "to", "with"):
            obj = _pobj(child)
            if obj is None:
                continue
            if obj.lemma_.lower() in _MEDIUM_NOUNS:
                for sub in obj.subtree:
                    named = _is_outlet_token(sub) or sub.ent_type_ == "ORG"
                    if sub.dep_ == "pobj" and sub is not obj and named:
                        found.append((sub.i - 100, _phrase(sub)))
                    if sub.dep_ == "poss" and _is_outlet_token(sub):
                        found.append((sub.i - 100, _phrase(sub)))
            elif child.lower_ in ("to", "with", "on") and _is_outlet_token(obj):
                found.append((obj.i - 100, _phrase(obj)))
    del doc
    names = [name for _, name in sorted(found) if name and not is_own_outlet(name, article)]
    return dedupe(names)


# Verbs that pass another's words on: "Y quoted X as saying", "Y, citing X, reported".
_PASSING_VERBS = frozenset({"cite", "quote"})
# Documents that speak for whoever wrote them: "a report by X said".
DOCUMENT_NOUNS = frozenset({"report", "article", "dispatch", "story", "study", "survey", "statement", "memo",
                            "document", "analysis", "assessment", "editorial", "commentary", "broadcast"})
# Addressees who hear a statement without carrying it further: "told reporters", "told the court".
AUDIENCES: frozenset[str] = words(
    """
    reporter journalist press media audience crowd supporter lawmaker legislator parliament congress
    senate court jury committee hearing conference student people resident viewer listener reader
    member delegate gathering rally meeting assembly group class
    """
)


@dataclass(frozen=True)
class Passing:
    """Who a cue's words come from when its subject only passes them on."""

    origin: Token | None
    carriers: tuple[Token, ...] = ()  # heads of the carriers' names, nearest the origin first
    link: Token | None = None  # the verb that passes them ("quoted", "citing"): no statement itself


def passed_on(cue: Token, source: Token | None, *, according: bool = False) -> Passing:
    """"Y quoted X as saying ...", "Y, citing X, reported ...", "according to Y, which cited X":
    X is the origin and Y carries X's words. An institution told the words ("X told police that
    ...") carries them too."""
    if source is None:
        return Passing(None)
    source = _author(source)
    # "Y quoted X as saying": the cue hangs on "as" under the passing verb, whose object speaks
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as" and cue.head.head.lemma_.lower() in _PASSING_VERBS:
        obj = _object(cue.head.head)
        if obj is not None and obj.i != source.i:
            return Passing(obj, (source,), cue.head.head)
    # "Y, citing X, reported", "Citing X, Y reported", "according to Y, which cited X"
    links = [c for c in cue.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG"]
    links += [c for c in source.children if c.dep_ == "acl" and c.tag_ == "VBG"]
    if according:
        links += [c for c in source.children if c.dep_ == "relcl"]
    for link in links:
        obj = _object(link) if link.lemma_.lower() in _PASSING_VERBS else None
        if obj is not None and obj.i != source.i and _names_a_source(obj):
            return Passing(obj, (source,), link)
    return Passing(source, tuple(_institutions_told(cue)))


def _author(source: Token) -> Token:
    """"A report by the Harbour Times said ...": the outlet whose report speaks ("by", "from", "in"
    or a possessive name it), so that what it reports is relayed by it; else the document itself
    (a study by a professor stays the study: its author is no relay)."""
    if source.lemma_.lower() not in DOCUMENT_NOUNS:
        return source
    for child in source.children:
        named = child if child.dep_ == "poss" else _pobj(child) if (
            child.dep_ == "prep" and child.lower_ in ("by", "from", "in")) else None
        if named is not None and _is_outlet_token(named):
            return named
    return source


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _names_a_source(tok: Token) -> bool:
    """A name or a word for a source ("officials", "a police report"), not a reason ("citing concerns")."""
    return (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or tok.lemma_.lower() in UNNAMED_NOUNS or tok.lemma_.lower() in ORG_WORDS)


def _institutions_told(cue: Token) -> list[Token]:
    """"Barroso told police that ...": an institution that heard the words and passed them to the
    reporter; an outlet told is read by `relays_around`, an audience carries nothing."""
    if cue.lemma_.lower() != "tell":
        return []
    return [c for c in cue.children if c.dep_ in ("dative", "dobj") and c.pos_ != "PRON"
            and c.lemma_.lower() not in AUDIENCES and c.lower_ not in AUDIENCES
            and (c.ent_type_ == "ORG" or c.lemma_.lower() in ORG_WORDS) and not _is_outlet_token(c)]


def _named_after(obj: Token) -> Token:
    """"state news agency TASS": the name right after a description, where the parser left it."""
    nxt = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
    if obj.pos_ != "PROPN" and nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ == "ORG":
        return nxt
    return obj


def _within(head: Token, tok: Token) -> bool:
    return head.left_edge.i <= tok.i <= head.right_edge.i


def _is_outlet_token(tok: Token) -> bool:
    return is_outlet(_phrase(tok)) or (tok.ent_type_ == "ORG" and is_outlet(tok.text))


def dedupe(names: Iterable[str]) -> list[str]:
    """Names in order, each entity once."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = canonical_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out
