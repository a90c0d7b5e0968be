"""Bare totals ("Total 12.") read from invented tally lines."""

from __future__ import annotations

from fogwatch.extract import extract_claims
from fogwatch.extract.nlp import parse_articles
from fogwatch.model import Article, Figure


def _claims(body: str) -> list[Figure]:
    title = "Gunman opens fire at Linden Mall | Example News"
    article = Article(id="t", source="t.txt", text=f"{title}\n{body}", content_hash="h", title=title)
    return list(extract_claims(next(parse_articles([article]))).figures)


def test_a_bare_total_restates_the_worded_count_of_its_value() -> None:
    figures = _claims("Update from the sheriff's office. Official count: 11 victims plus the gunman. "
                      "Total 12.\nA total of 12 people were killed in the attack at Linden Mall.")
    totals = [f for f in figures if f.id.startswith("t-t")]
    assert [(f.text, f.value, f.counted) for f in totals] == [("Total 12", 12, "killed")]


def test_a_bare_total_of_no_worded_count_stays_unread() -> None:
    figures = _claims("Official count: 11 victims plus the gunman. Total 12.\nThe mall reopened on Friday.")
    assert not [f for f in figures if f.id.startswith("t-t")]
