"""Extraction: Article -> ArticleClaims (attributions and the speech acts mentioned without
content, then the figures inside or beside the attributions).

Figures take their source from the attribution that encloses them, so attributions come first.
Last comes each article's tally of killed and injured, which also counts the victims it describes
without a number ("a man was shot and killed"). After it come the figures the tally does not read:
bare totals that restate a worded count ("Total 50.") and the harm the article denies ("nobody
was hurt") as figures of zero.
Articles not in English are stored with their language and skipped here for now.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from fogwatch.extract.attribution import extract_speech
from fogwatch.extract.denials import extract_denials
from fogwatch.extract.figures import extract_figures
from fogwatch.extract.nlp import ParsedArticle, parse_articles
from fogwatch.extract.totals import bare_totals
from fogwatch.extract.victims import extract_tally
from fogwatch.model import Article, ArticleClaims

EXTRACTOR_VERSION = "fogwatch.extract.v5"
SUPPORTED_LANGUAGES = frozenset({"en"})


def extractor_version(settings: Mapping[str, Any]) -> str:
    """The version an article's claims are stored under: the rules' version and the settings that
    change what they find, so turning `learned_cues` or `parse_all` on or off extracts stored
    articles again instead of keeping claims found the other way."""
    options = [name for name in ("parse_all", "learned_cues") if settings.get(name)]
    return "+".join([EXTRACTOR_VERSION, *options])


def extract_claims(parsed: ParsedArticle, learned_cues: bool = False) -> ArticleClaims:
    """Every attribution, speech act and figure of one parsed article, and its tally of victims."""
    attributions, speech_acts = extract_speech(parsed, learned_cues=learned_cues)
    figures = extract_figures(parsed, attributions)
    tally = extract_tally(parsed, attributions, figures)
    later = [*bare_totals(parsed, attributions, figures), *extract_denials(parsed, attributions)]
    article = parsed.article
    return ArticleClaims(article.id, tuple(attributions), (*figures, *later), article.language, tally,
                         speech_acts=tuple(speech_acts))


class ExtractStep:
    """The extraction stage as a pipeline step over articles."""

    name = "extract"

    def __init__(self, parse_all: bool = False, learned_cues: bool = False) -> None:
        self.parse_all = parse_all or learned_cues  # the tagger may find a cue in any sentence
        self.learned_cues = learned_cues

    def run(self, items: Iterable[Article]) -> Iterator[ArticleClaims]:
        """Yield each article's claims; articles in other languages yield empty claims with their language."""
        english: list[Article] = []
        for article in items:
            if article.language and article.language not in SUPPORTED_LANGUAGES:
                yield ArticleClaims(article.id, language=article.language)
            else:
                english.append(article)
        for parsed in parse_articles(english, parse_all=self.parse_all):
            if parsed.failure:
                failure = parsed.failure
                yield ArticleClaims(parsed.article.id, language=parsed.article.language, failure=failure)
                continue
            try:
                yield extract_claims(parsed, self.learned_cues)
            except Exception as error:  # one article's failure must not stop the batch
                reason = f"extraction failed: {type(error).__name__}: {error}"[:500]
                yield ArticleClaims(parsed.article.id, language=parsed.article.language, failure=reason)


__all__ = ["EXTRACTOR_VERSION", "ExtractStep", "extract_claims", "extractor_version"]
