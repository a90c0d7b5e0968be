"""The cue's own words and who speaks through it, read off the dependency parse.

Shared by the reported-speech patterns (`indirect`) and the quotation framer (`direct`): which
tokens make the cue ("has repeatedly said", "said in a statement"), which token is the speaker
(the subject, a shared subject up a chain of verbs, a passive's agent), and when the parser's
labels mislead (a past tense tagged as a participle, a main verb hung on a name).
"""

from __future__ import annotations

from spacy.tokens import Token

from fogwatch.extract import cues

# Prepositions that belong to the cue and introduce its content: "called for", "said of", "warned about".
CUE_PREPOSITIONS = frozenset({"of", "about", "for", "on", "against"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Verbs whose object, not subject, does what their infinitive says: "urged the premier to call on".
_OBJECT_CONTROL = frozenset({"urge", "ask", "press", "persuade", "encourage", "invite", "order", "tell",
                             "request", "call", "implore", "advise"})
# Verbs that send words to someone, and the things sent: "sent a letter to the mayor urging ...".
_SENDING_VERBS = frozenset({"send", "write", "address", "deliver", "submit", "hand", "mail", "forward"})
_MESSAGE_NOUNS = frozenset({"letter", "message", "e-mail", "email", "memorandum", "memo", "note", "petition",
                            "appeal", "statement", "telegram", "cable", "fax"})
_TRIM_LEFT = frozenset({"that", ",", ";", ":", "—", "–", "-", "and", "but"})


def cue_tokens(verb: Token) -> list[Token]:
    """The cue words: auxiliaries, negation and adverbs before the verb ("has repeatedly said");
    a particle, an adverb or day ("said Tuesday"), a preposition that introduces the content
    ("called for", "said of") and "in a statement" after it."""
    doc = verb.doc
    clause_content = any(c.dep_ == "ccomp" for c in verb.children)
    left = verb.i
    while left > 0:
        prev = doc[left - 1]
        if prev.head == verb and prev.dep_ in ("aux", "auxpass", "neg", "advmod"):
            left -= 1
        else:
            break
    right = verb.i
    for child in verb.rights:
        if child.i != right + 1:
            continue
        bare_adverb = child.dep_ == "advmod" and child.n_rights == 0 and child.n_lefts == 0
        content_prep = child.dep_ == "prep" and child.lower_ in CUE_PREPOSITIONS and not clause_content
        if child.dep_ == "prt" or bare_adverb or content_prep:
            right = child.i
        elif child.dep_ == "prep" and child.lower_ == "in":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in cues.CUE_MEDIA and obj.right_edge.i - child.i <= 4:
                right = obj.right_edge.i
    return list(doc[left : right + 1])


def source_of(verb: Token) -> Token | None:
    """The subject that says: the verb's own, a shared one up a chain of conjuncts or participles
    ("said ... and added", "..., adding"), the agent of a passive, or the subject of "was quoted"."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        # "The ministry, said Ivo Lind, recommends ...": the name after an inverted cue is its subject
        subject = next((c for c in subjects if c.i > node.i), None) if len(subjects) > 1 else None
        subject = subject or next(iter(subjects), None)
        sender = _sender(node)
        if sender is not None:
            node = sender
            continue
        if subject is not None:
            return subject
        passive = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            if node.lemma_.lower() in cues.PASSIVE_FRAMES and node is not verb:
                return passive
            agent = next((c for c in node.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            return obj
        agent = next((c for c in node.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ in ("VERB", "AUX"):
            node = node.head.head  # "was quoted by TASS as saying ..."
            continue
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _OBJECT_CONTROL:
            asked = next((c for c in node.head.children if c.dep_ in ("dobj", "dative")), None)
            if asked is not None:
                return asked  # "urged the premier to call on Vos": the premier calls on Vos
        climbs = node.dep_ in ("conj", "advcl", "xcomp") and node.head is not node
        if climbs and node.head.pos_ in ("VERB", "AUX"):
            node = node.head
            if passive_without_agent(node):
                return None  # "Asked to describe the device, he said": not his description
            continue
        break
    return left_subject(verb)


def _sender(node: Token) -> Token | None:
    """"X sent a letter to Y urging ...", "X wrote to Y demanding ...": the verb that sent the words
    a participle hangs on, whose subject speaks (the parser hangs the participle on Y or the letter)."""
    if node.tag_ != "VBG":
        return None
    noun = node.head
    if node.dep_ == "pcomp" and noun.lower_ == "to":
        verb = noun.head  # "to Y urging": the parser reads Y as the participle's subject
    elif node.dep_ != "acl":
        return None
    elif noun.dep_ == "pobj" and noun.head.lower_ == "to":
        verb = noun.head.head
    elif noun.dep_ == "dobj" and noun.lemma_.lower() in _MESSAGE_NOUNS:
        verb = noun.head
    else:
        return None
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in _SENDING_VERBS else None


def left_subject(verb: Token) -> Token | None:
    """The name just before a cue the parser left without subject ("Ramos, 58, told AFP",
    "..., former president Bill Clinton said"), skipping an age or title in commas."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and verb.i - i <= 6:
        tok = doc[i]
        if tok.is_quote or tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.is_punct or tok.pos_ in ("NUM", "ADV") or tok.dep_ in ("advmod", "neg", "aux"):
            i -= 1
            continue
        if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG"):
            while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
                tok = tok.head
            return tok
        return None
    return None


def passive_without_agent(verb: Token) -> bool:
    """A past participle that is not a perfect tense and has no "by" agent: a passive cue, whose
    subject (if any) is the addressee or the content, never the speaker."""
    if verb.tag_ != "VBN":
        return False
    children = list(verb.children)
    if any(c.dep_ == "nsubj" for c in children):
        return False  # "X, the region's governor, reported ...": a past tense the tagger took for VBN
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children):
        return False
    return not any(c.dep_ == "agent" for c in children)


def is_verb(tok: Token) -> bool:
    """A verb used as one: not a modifier, and a reduced clause only with a subject of its own
    ("UPDATE: SFD tells us ...", which the parser hangs on "UPDATE")."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound", "nmod"):
        return False
    return tok.dep_ != "acl" or any(c.dep_ == "nsubj" for c in tok.children)


def misparsed_main_verb(verb: Token) -> bool:
    """"Colonel X, the ministry's spokesperson, reported on March 12 that ...": the parser hung the
    cue on the name as a reduced relative clause; a that-clause and no "by" agent show it is the
    sentence's own verb, with the name as its subject."""
    return (
        verb.dep_ == "acl" and verb.head.i < verb.i
        and (verb.head.pos_ == "PROPN" or verb.head.ent_type_ in ("PERSON", "ORG"))
        and not any(c.dep_ == "agent" for c in verb.children)
        and any(c.dep_ == "ccomp" and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
                for c in verb.children)
    )


_PLURAL_FORMS = frozenset({"are", "were", "have", "do"})
_SINGULAR_FORMS = frozenset({"is", "was", "has", "does"})
_PLURAL_PRONOUNS = frozenset({"they", "we"})


def _number(subject: Token | None) -> str | None:
    """"plural" or "singular" for a subject, None where the words do not say."""
    if subject is None:
        return None
    if subject.tag_ in ("NNS", "NNPS") or subject.lower_ in _PLURAL_PRONOUNS or any(
            c.dep_ == "conj" for c in subject.children):
        return "plural"
    if subject.tag_ in ("NN", "NNP") or subject.lower_ in ("he", "she", "it", "this", "that"):
        return "singular"
    return None


def _agreement(verb: Token) -> str | None:
    """The number a subjectless finite verb agrees with ("are still investigating": plural)."""
    finite = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i] + [verb]
    for tok in finite:
        if tok.lower_ in _PLURAL_FORMS:
            return "plural"
        if tok.lower_ in _SINGULAR_FORMS or tok.tag_ == "VBZ":
            return "singular"
    return None


def cue_predicate(clause: Token, cue_subject: Token | None) -> Token | None:
    """A verb phrase coordinated into the content that belongs to the cue's subject: "Police believe
    the shooting was an accident but are still investigating": "are" agrees with "police", not with
    "the shooting", so the investigating is the police's own, not what they believe."""
    own = _number(next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None))
    theirs = _number(cue_subject)
    if own is None or theirs is None or own == theirs:
        return None
    return next((c for c in clause.children if c.dep_ == "conj" and is_verb(c) and c.i > clause.i
                 and not any(s.dep_ in SUBJECT_DEPS for s in c.children) and _agreement(c) == theirs), None)


def given_name(verb: Token, thing: Token | None, goal: Token | None) -> list[Token]:
    """"called the fire a 'terrible mistake'", "a teacher they called the heart of the town":
    a quoted name, or the name given to the noun a relative clause hangs on, is the source's words
    and the thing named is not; an unquoted name stays with its object (the general object rule)."""
    after = thing.right_edge.i if thing is not None else verb.i
    if thing is None and verb.dep_ != "relcl":
        return []
    bare_goal = goal is not None and not any(a.dep_ == "aux" and a.lower_ == "to" for a in goal.children)
    name = next((c for c in verb.rights if c.dep_ in ("oprd", "attr", "acomp")
                 or (bare_goal and goal is not None and c.i == goal.i)), None)
    if name is None or name.i <= after:
        return []
    content = trim([t for t in name.subtree if t.i > after])
    mark = next((i for i, t in enumerate(content) if t.is_quote), None)
    if mark is not None and all(t.pos_ == "DET" for t in content[:mark]):
        return content[mark:]
    return content if thing is None else []


def trim(tokens: list[Token]) -> list[Token]:
    """Content without the complementizer, edge punctuation and dangling conjunctions."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].lower_ in _TRIM_LEFT or (tokens[0].is_punct and not tokens[0].is_quote)):
        tokens = tokens[1:]
    while tokens and ((tokens[-1].is_punct and not tokens[-1].is_quote) or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens
