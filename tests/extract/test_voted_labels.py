"""A surname NER tags as an organisation once is still the person the article named before."""

from __future__ import annotations

from tests.extract.attribution_support import attributions, find


def test_he_finds_the_person_whose_surname_was_tagged_an_organisation() -> None:
    text = (
        "Mr. Marlow ran the agency for ten years. Under Mr. Marlow, the agency sent three probes to "
        "Mars, said Ida Kess, a former engineer.\n\n"
        'With a mandate to cut costs, Marlow implemented a "leaner, quicker" approach. In his first '
        'year, the lab "had six probes in flight," he said.'
    )
    assert find(attributions(text), "six probes").speaker.name == "Marlow"
