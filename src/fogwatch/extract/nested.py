"""Speech reported inside another's statement: "Vos said the Velts will not hold any talks", "the
minister told us Kestria's report was wrong", "according to Vos, the dockers complained".

The outer speaker only passes the inner one on, so the inner speech act's speaker is the inner
source (the Velts, Kestria) and its relays are the outer speaker and whoever carried them in turn.
Reporting verbs the cue lexicon knows are found by `indirect` already and the statements around
them make them relayed (`attribution._fold_outer_reports`); here come the rest, inside a
statement's content, where they are speech that another reports, or in the writer's own voice
("The unions' criticism grew", "Lind wrote a sharp comment on the premier's speech"), where they
have no relay but may hold one (the premier's speech reaches us through Lind's comment):
- speech nouns whose owner the words name ("Kestria's report", "the demand by the Velts", "the
  orders of the council", "the union sent complaints");
- verbs of speech outside the cue lexicon ("the ministers discussed the plan", "the council
  requested a delay"), and cue verbs used without content ("the dockers complained").
Each is a speech act, not an attribution: a `SpeechAct` record with a speaker and relays, its
span the words that mention it ("the unions' criticism", "her proposals"). Most such acts give no
content to link or compare. Those that do ("the Velts proposed that talks resume", "Kestria's
claim that the port is closed") were measured as attributions of their clause on PolNeAR dev: 2
more rows and no more matches (content precision 0.885 -> 0.884), nothing gained on MPQA 3.0 dev,
gva_dev unchanged; so they are speech acts too, their words holding the clause. A source given
only as "I", "we", "our" inside a quotation is the quoted speaker again (in the writer's voice,
the writer), and an act without a source in the words is left out: nothing says whose it is.
Acts in the writer's voice measured on MPQA 3.0 dev: speech events found 0.708 -> 0.769, speaker
accuracy 0.791 -> 0.819, rough precision 0.978 -> 0.965.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from fogwatch.extract.cue_syntax import source_of, trim
from fogwatch.extract.cues import CUE_VERBS, FIRST_PERSON, INTENT_VERBS, ORG_WORDS, words
from fogwatch.extract.direct import Draft
from fogwatch.extract.frames import offsets
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence
from fogwatch.extract.speakers import SourcePhrase, describe_source

# Nouns naming a speech act or a text that says something.
SPEECH_NOUNS: frozenset[str] = words(
    """
    statement remark comment report speech address announcement claim accusation allegation
    criticism warning appeal demand request proposal complaint order response memorandum
    declaration testimony promise pledge assurance denial threat plea communique message letter
    dialogue talk recommendation condemnation protest objection rebuttal verdict ruling
    """
)
# Verbs of speech the cue lexicon leaves out, because alone they rarely report content.
SPEECH_VERBS: frozenset[str] = words(
    """
    discuss request propose demand speak talk appeal negotiate recommend plead
    """
)
# Verbs that are speech even where they report nothing: "the dockers complained", "they protested".
ACT_VERBS: frozenset[str] = words(
    """
    deny accuse criticize criticise condemn denounce praise blame warn announce confirm complain
    comment reply respond protest promise pledge vow threaten urge
    """
)
# Objects that make "use" a speech act: "the minister used the words 'shared values'".
WORDING_NOUNS: frozenset[str] = words("word phrase term expression")
_ACT_LEMMAS = SPEECH_VERBS | ACT_VERBS
_MAYBE_ACT_VERBS = _ACT_LEMMAS | {"use"}
# Verbs whose object is a speech act their subject performs: "issued a statement", "sent complaints".
PERFORMING_VERBS: frozenset[str] = words(
    """
    make issue deliver send give produce publish release submit file lodge voice express hold
    repeat present have write
    """
)
# Possessives read as the pronoun coreference knows: "its report" is the report of what "it" is.
_POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
_OWNER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_DEPTH = 3  # a statement inside a statement inside a statement is as deep as news text goes


def _owner_of_noun(noun: Token) -> Token | None:
    """Whose speech act a noun is: its possessor, "by X"/"from X", "of X" when X is a name or an
    institution, a named compound ("the Velt report"), or the subject performing it."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            if child.lower_ != "of" or obj.pos_ == "PROPN" or obj.ent_type_ in _OWNER_LABELS or (
                    obj.lemma_.lower() in ORG_WORDS):
                return obj
    for child in noun.children:
        if child.dep_ == "compound" and (child.pos_ == "PROPN" or child.ent_type_ in _OWNER_LABELS):
            return child
    governed = noun
    while governed.dep_ == "conj" and governed.head.pos_ == "NOUN":
        governed = governed.head  # "sent memorandums or complaints"
    verb = governed.head
    if governed.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in PERFORMING_VERBS:
        return source_of(verb)
    return None


def _span(first: Token, last: Token) -> list[Token]:
    """The tokens from one to the other, edge punctuation trimmed."""
    return trim(list(first.doc[first.i : last.i + 1]))


def _noun_evidence(noun: Token, owner: Token) -> list[Token]:
    """The words that mention a speech noun's act: the noun phrase with what it says ("the unions'
    criticism of the plan", "Kestria's claim that the port is closed"), from its performer on when a
    verb performs it ("the union sent complaints")."""
    first = owner.left_edge if owner.i < noun.left_edge.i and owner.head is not noun else noun.left_edge
    return _span(first, noun.right_edge)


def _verb_evidence(verb: Token, source: Token) -> list[Token]:
    """The words that mention a speech verb's act: its subject to its object, topic or clause ("the
    ministers discussed the plan", "the Velts proposed that talks resume")."""
    tail = [c for c in verb.rights if c.dep_ in ("dobj", "dative", "prt", "ccomp", "xcomp")
            or (c.dep_ == "prep" and c.lower_ in ("of", "about", "on", "for", "with"))]
    last = tail[-1].right_edge if tail else verb
    first = source.left_edge if source.i < verb.i else verb
    return _span(first, last)


def _speech_act(token: Token) -> tuple[Token, list[Token]] | None:
    """The source and the words of a speech act the cue patterns leave to this module, or None. A
    cue verb comes here only without a clause: with one, the cue patterns decided already."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma in SPEECH_NOUNS:
        owner = _owner_of_noun(token)
        return (owner, _noun_evidence(token, owner)) if owner is not None else None
    worded = lemma == "use" and any(t.lemma_.lower() in WORDING_NOUNS  # "the words' ..." parses as owner
                                    for c in token.children if c.dep_ == "dobj" for t in c.subtree)
    if token.pos_ != "VERB" or (lemma not in _ACT_LEMMAS and not worded):
        return None
    if any(c.dep_ == "neg" for c in token.children):
        return None  # "will not discuss": nothing was said
    if token.dep_ == "xcomp" and token.head.lemma_.lower() == "be":
        return None  # "the strike was to protest ...": a purpose, and a strike says nothing
    if lemma in CUE_VERBS | INTENT_VERBS and any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
        return None
    source = source_of(token)
    if source is not None and source.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
        return token.head, _verb_evidence(token, token)  # "the mayor, who spoke after the vote,"
    return (source, _verb_evidence(token, source)) if source is not None else None


def _may_be_act(token: Token) -> bool:
    """Whether :func:`_speech_act` could find an act at this token: the cheap test on its word,
    so most tokens skip the search through the statements found so far."""
    if token.pos_ == "NOUN":
        return token.lemma_.lower() in SPEECH_NOUNS
    return token.pos_ == "VERB" and token.lemma_.lower() in _MAYBE_ACT_VERBS


def _holder(drafts: list[Draft], at: int, cue: tuple[int, int]) -> Draft | None:
    """The innermost statement whose content holds an offset, not one whose cue is this one."""
    holders = [d for d in drafts if d.start <= at < d.end and (d.cue_start, d.cue_end) != cue
               and not (d.cue_start is not None and d.cue_start <= at < (d.cue_end or d.cue_start))]
    return min(holders, key=lambda d: d.end - d.start, default=None)


def _principals(holder: Draft) -> list[SourcePhrase]:
    """"Speaking on behalf of the unions, Holt said ...": the unions speak through Holt, so what his
    statement reports reached him from them; nearest the inner source first, as relays are."""
    cue = holder.cue_token
    if cue is None or holder.frame is None:
        return []
    out = []
    for token in cue.sent:
        if token.lower_ != "behalf" or token.head.lower_ not in ("on", "in"):
            continue
        ancestors = [a for a in token.ancestors if a.i != cue.i and a.dep_ in ("ccomp", "xcomp")]
        if cue not in token.ancestors or any(cue in a.ancestors for a in ancestors):
            continue  # the words are the content's own ("said he acted on behalf of ...")
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        principal = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if principal is not None:
            out.append(describe_source(holder.frame.sentence, principal))
    return out


def _draft(sentence: ParsedSentence, token: Token, drafts: list[Draft]) -> Draft | None:
    """The speech act of one token, relayed by the statement it sits in, if any."""
    cue = offsets(sentence, [token])
    if any(d.cue_start is not None and d.cue_start < cue[1] and cue[0] < (d.cue_end or d.cue_start)
           for d in drafts):
        return None  # the cue patterns found it already
    act = _speech_act(token)
    if act is None:
        return None
    source, words = act
    holder = _holder(drafts, cue[0], cue)
    if source.lower_ in FIRST_PERSON:
        return None  # "we" is the holder again, or the writer
    relays: list[SourcePhrase] = []
    if holder is not None:
        if holder.root.phrase is None:
            return None  # who passed it on is unknown
        relays = [*_principals(holder.root), holder.root.phrase, *holder.root.outer]
    start, end = offsets(sentence, words)
    phrase = describe_source(sentence, source)
    if phrase.kind == "pronoun" and (phrase.name or "").lower() in _POSSESSIVES:
        phrase = replace(phrase, name=_POSSESSIVES[(phrase.name or "").lower()])
    return Draft("indirect", start, end, *cue, phrase, cue_token=token,
                 outer=relays, quoted=True, speech_act=True)


def nested_drafts(parsed: ParsedArticle, drafts: list[Draft]) -> list[Draft]:
    """Speech acts the cue patterns left, each relayed by the speaker of the statement it sits in
    and that statement's own relays, nearest the inner source first; all marked `speech_act`
    (see the module doc)."""
    found: list[Draft] = []
    for _ in range(_DEPTH):
        known = [*drafts, *found]
        fresh: list[Draft] = []
        for sentence in parsed.sentences:
            if sentence.doc is None:
                continue
            for token in sentence.doc:
                if not _may_be_act(token):
                    continue
                draft = _draft(sentence, token, [*known, *fresh])
                if draft is not None:
                    fresh.append(draft)
        if not fresh:
            break
        found.extend(fresh)
    return found
