"""The attribute lookup gives every token exactly what spaCy's attribute ruler gives it."""

from __future__ import annotations

import spacy

from fogwatch.extract.attribute_lookup import use_attribute_lookup
from fogwatch.extract.nlp import MODEL_NAME, full_pipeline

SENTENCES = [
    "Deputy Mayor Ilse Varn said on Tuesday that 14 people were hurt when the roof gave way.",
    "\"We ain't gonna let 'em close the clinic,\" she told reporters.  It's y'all's call now.",
    "There were dozens of trucks, and there is still no word from the ministry, according to a memo.",
    "I told you it was mine; you gave it to me, didn't you?\n\nLet's go, c'mon.",
    "Ol' Pete was doin' nothin' and somethin' about the 'nuff said thing, he'll say.",
]


def annotations(nlp: spacy.language.Language) -> list[tuple[str, str, str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_)
            for doc in nlp.pipe(SENTENCES) for t in doc]


def test_lookup_equals_the_ruler_token_by_token() -> None:
    stock = spacy.load(MODEL_NAME)
    assert annotations(full_pipeline()) == annotations(stock)


def test_lookup_takes_the_rulers_place_under_its_name() -> None:
    nlp = use_attribute_lookup(spacy.load(MODEL_NAME))
    assert nlp.pipe_names == spacy.load(MODEL_NAME).pipe_names
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeLookup"


def test_lemma_memo_takes_the_lemmatizers_place_under_its_name() -> None:
    nlp = use_attribute_lookup(spacy.load(MODEL_NAME))
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "LemmaMemo"
    first = annotations(nlp)
    assert annotations(nlp) == first  # remembered answers are the lemmatizer's answers


def test_lemma_memo_gives_the_stock_lemmas_of_words_outside_and_inside_the_index() -> None:
    words = ("The wolves were running past the geese, feeling unbeatable; the boxes lay flattened, "
             "the thieves' hideouts searched, and the oxen grazed by the fiercest unwarrantedly-bent fences.")
    stock = [(t.text, t.lemma_) for t in spacy.load(MODEL_NAME)(words)]
    assert [(t.text, t.lemma_) for t in full_pipeline()(words)] == stock
