"""What counts as a cue: the reporting verbs and nouns that introduce what a source said.

One lexicon, read by the quote framer, the dependency patterns and the sentence selector, so a
cue added here is found everywhere. Verbs are kept by lemma (spaCy's lemmatizer gives "say" for
"said", "says", "saying"); the surface forms the cheap sentence selector needs are generated.
Classes decide what the verb's content may be:

- ``CLAUSE``: content is a clause ("said that ...", "..., he said").
- ``OBJECT``: content may also be the direct object ("confirmed the deaths", "described X as Y").
- ``BELIEF``: beliefs and assessments; content must be a clause ("analysts believe that ...").
"""

from __future__ import annotations

from typing import Literal

CueClass = Literal["clause", "object", "belief"]


def words(text: str) -> frozenset[str]:
    """A lexicon written as lines of words, so it reads and diffs like prose."""
    return frozenset(text.split())


CLAUSE_VERBS: frozenset[str] = words(
    """
    say tell state add note claim insist explain argue declare assert maintain contend allege
    reiterate repeat stress emphasize emphasise reply respond concede conclude observe
    remark comment mention complain testify caution hint signal write tweet post boast joke quip
    muse counter retort shout yell whisper recall recount assure reassure inform advise brief
    predict speculate agree disagree acknowledge admit warn announce report confirm reveal
    disclose suggest indicate show find ask wonder point
    """
)
OBJECT_VERBS: frozenset[str] = words(
    """
    confirm describe estimate deny announce report acknowledge admit reveal disclose predict
    characterize characterise label dub cite warn dismiss reject accuse criticize criticise
    praise condemn denounce blame defend endorse mock thank call identify
    """
)
BELIEF_VERBS: frozenset[str] = words(
    """
    believe think assess estimate expect fear hope suspect doubt feel judge calculate reckon
    """
)
# Verbs that really take a clause, so a long object after them is a misparsed clause.
SPEECH_CORE: frozenset[str] = words(
    "say tell write add state claim insist argue explain note warn tweet declare assert"
)
# Verbs whose subject is rarely a person and which are cues only with a clause ("data show that").
WEAK_VERBS: frozenset[str] = frozenset({"show", "find", "suggest", "indicate", "signal", "feel", "post"})
# Verbs that take the addressee as object: "told the BBC (that) ...", "informed reporters".
ADDRESSEE_VERBS: frozenset[str] = frozenset(
    {"tell", "inform", "assure", "reassure", "advise", "brief", "ask"}
)
# Verbs whose content may be an infinitive: "vowed to retake", "urged Russia to stop".
INTENT_VERBS: frozenset[str] = frozenset({"promise", "vow", "pledge", "threaten", "urge", "call"})

CUE_VERBS: frozenset[str] = CLAUSE_VERBS | OBJECT_VERBS | BELIEF_VERBS
# Verbs that answer another's claim rather than pass it on: "Tarvania rejected Kestria's claim that ...".
DISPUTE_VERBS: frozenset[str] = words(
    """
    reject deny dismiss dispute criticize criticise condemn denounce mock question challenge refute
    contradict counter rebut ridicule
    """
)
# Verbs that name a thing with the source's words: "called the shooting a tragedy"; the content
# is the name given (the object predicate), not the thing named.
NAMING_VERBS: frozenset[str] = frozenset({"call", "dub", "label"})
# Passive cues that report without a source: "four people were reported shot", "he is said to have
# fled". Not "is believed to": an assessment the article shares rather than hearsay it passes on.
SOURCELESS_PASSIVES: frozenset[str] = frozenset({"report", "say", "allege", "rumor", "rumour"})
# Adverbs that attribute their clause to unnamed reports: "the man reportedly rented the house".
REPORT_ADVERBS: frozenset[str] = frozenset({"reportedly", "purportedly", "reputedly"})
# Nouns that stand for unnamed sources when nobody owns them: "reports that a victim has died",
# "there is speculation that ...".
HEARSAY_NOUNS: frozenset[str] = frozenset({"report", "speculation", "rumor", "rumour", "word"})

# Verbs that give an estimate only as "put/placed/pegged X at N": "the ministry put its losses at 300".
ESTIMATE_AT_VERBS: frozenset[str] = frozenset({"put", "place", "peg"})

# Verbs naming the act of reproducing someone's text: they introduce a block quotation.
BLOCK_INTRO_VERBS: frozenset[str] = words(
    """
    quote quotes quoted write writes wrote report reports reported note notes noted state states
    stated say says said explain explains explained assess assesses assessed conclude concludes
    concluded put puts tweet tweets tweeted post posts posted
    """
)

# Heads of noun phrases that name a source without naming it.
UNNAMED_NOUNS: frozenset[str] = words(
    """
    report reports analyst analysts official officials source sources expert experts observer
    observers diplomat diplomats spokesperson spokesman spokeswoman spokespeople officer
    officers aide aides witness witnesses resident residents insider insiders assessment
    assessments estimate estimates data figures poll polls survey surveys study studies media
    critic critics commentator commentators blogger bloggers authorities investigators
    investigator researchers researcher person people someone lawmaker lawmakers legislator
    legislators adviser advisers advisor advisors intelligence statement statements document
    documents memo records account accounts
    """
)
# Words marking a noun phrase as an institution when no named entity is found.
ORG_WORDS: frozenset[str] = words(
    """
    ministry service agency office department council committee command government
    administration institute institution army military navy police forces force staff
    directorate bureau commission campaign company corporation university center centre
    foundation party parliament congress senate court union group network organization
    organisation association embassy kremlin pentagon dept schools district
    """
)
PRONOUNS_PERSON: frozenset[str] = frozenset({"he", "she", "him", "her"})
PRONOUNS_GROUP: frozenset[str] = frozenset({"they", "them", "we", "it"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "we", "me", "us", "you"})

_VERB_FORMS = {
    "say": "said says saying", "tell": "told tells telling", "write": "wrote writes writing written",
    "find": "found finds finding", "think": "thought thinks thinking", "feel": "felt feels",
    "show": "shows showed shown showing", "hope": "hopes hoped hoping", "deny": "denies denied",
    "reply": "replies replied", "testify": "testifies testified", "quip": "quipped quips",
    "characterize": "characterized characterizes", "dub": "dubbed dubs",
}


def surface_forms() -> frozenset[str]:
    """Inflected forms of every cue verb, for the cheap pre-parse sentence selector."""
    forms: set[str] = set()
    for lemma in CUE_VERBS | INTENT_VERBS:
        forms.add(lemma)
        forms.update(_VERB_FORMS.get(lemma, "").split())
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({lemma + "s", stem + "ed", stem + "ing", lemma + "d"})
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
    return frozenset(forms)


def cue_classes(lemma: str) -> set[CueClass]:
    """The classes a verb lemma belongs to; empty when it is no cue."""
    lemma = lemma.lower()
    found: set[CueClass] = set()
    if lemma in CLAUSE_VERBS or lemma in INTENT_VERBS:
        found.add("clause")
    if lemma in OBJECT_VERBS:
        found.add("object")
    if lemma in BELIEF_VERBS:
        found.add("belief")
    return found


def is_cue_lemma(lemma: str) -> bool:
    """Whether a verb lemma can introduce reported content."""
    return lemma.lower() in CUE_VERBS


def is_unnamed_head(word: str) -> bool:
    """Whether a noun heads an unnamed-source phrase ("a senior US official", "sources")."""
    return word.lower() in UNNAMED_NOUNS


# Nouns that carry reported content in a that-clause: "the claim that ...", "his warning that ...".
NOUN_CUES: frozenset[str] = words(
    """
    claim statement assertion allegation report warning assessment announcement belief view
    argument suggestion estimate prediction promise vow pledge admission acknowledgment
    acknowledgement insistence contention comment remark remarks testimony conclusion finding
    accusation charge denial confirmation speculation rumor rumour
    """
)
# Participles that make a cue verb's source the subject of a passive: "was quoted as saying".
PASSIVE_FRAMES: frozenset[str] = frozenset({"quote", "cite", "report", "hear", "record"})
# Nouns after "in a ..." that belong to the cue ("said in a statement").
CUE_MEDIA: frozenset[str] = frozenset(
    {"statement", "interview", "post", "tweet", "briefing", "letter", "speech", "email", "video", "release"}
)
