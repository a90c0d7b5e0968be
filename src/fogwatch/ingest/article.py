"""Turning extracted text into an ``Article``: one normal form, one hash, one id per text.

The stored text is exactly the text that was hashed, so an id always names one text and the
character offsets claims point at never depend on how the file was saved (CRLF, NFD, a
trailing newline).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from fogwatch.errors import InputError
from fogwatch.ingest.language import guess_language
from fogwatch.model import Article, Rejected

log = logging.getLogger(__name__)

# Control characters (tab and newline aside) and lone surrogates: invisible to a reader, refused
# by PostgreSQL (NUL) or by UTF-8 itself (surrogates), so no backend ever sees them.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
CONTROLS_REMOVED = "control_characters_removed"
_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n"})


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line endings, no control characters, no surrounding whitespace: the form that
    is stored and hashed."""
    unified = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    unified = _CONTROLS.sub("", unified)
    return unicodedata.normalize("NFC", unified).strip()


def content_hash(text: str) -> str:
    """sha256 hex of the normal form, so the same article saved two ways hashes the same."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def same_publication(a: Article, b: Article) -> bool:
    """Whether two articles with one text were published once: same address, or same outlet where
    neither has one, or nothing tells them apart."""
    if a.url or b.url:
        return a.url == b.url
    return a.outlet == b.outlet


def as_reprint(article: Article) -> Article:
    """The same text from another outlet or address: a second article (a reprint is evidence of who
    carried the story) with an id of its own, stable across re-runs."""
    where = article.url or article.outlet or article.source
    digest = hashlib.sha256(f"{article.content_hash}\n{where}".encode()).hexdigest()
    return replace(article, id=digest[:16])


def make_article(
    text: str,
    *,
    source: str,
    format: str = "txt",
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = None,
) -> Article:
    """Build the stored article; raises ``InputError`` when no text is left after normalizing.

    ``language`` is guessed from the text when not given; ``published`` is kept only if it
    reads as a date.
    """
    body = normalize_text(text)
    if not body:
        raise InputError.of("blank", source)
    flags = (CONTROLS_REMOVED,) if _CONTROLS.search(text) else ()
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return Article(
        id=digest[:16],
        source=source,
        text=body,
        content_hash=digest,
        url=_clean(url),
        title=_clean(title),
        outlet=_clean(outlet),
        published=iso_date(published),
        language=_clean(language) or guess_language(body),
        format=format,
        flags=flags,
    )


def iso_date(value: str | time.struct_time | None) -> str | None:
    """ISO 8601 from the date shapes feeds and metadata use (ISO, RFC 822, struct_time), else None.

    A bare date stays a date; a datetime keeps its UTC offset, because the local day is what a
    reader means by "on Friday".
    """
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    raw = value.strip()
    if not raw:
        return None
    if len(raw) == 10:
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def guarded(records: Iterator[Article | Rejected], input: str) -> Iterator[Article | Rejected]:
    """Turn any failure inside one input into a ``Rejected`` for it, so the batch goes on."""
    try:
        yield from records
    except InputError as error:
        yield error.to_rejected()
    except Exception as error:  # a crash in a parser must not stop the other inputs
        log.debug("crash while reading %s", input, exc_info=True)
        yield InputError.of("crash", input, error=f"{type(error).__name__}: {error}").to_rejected()


def _clean(value: str | None) -> str | None:
    """Collapse whitespace in a metadata field; an empty field is no field."""
    if not isinstance(value, str):
        return None
    cleaned = " ".join(_CONTROLS.sub("", value).split())
    return cleaned or None
