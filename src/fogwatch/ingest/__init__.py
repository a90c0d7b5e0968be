"""Ingest: files, folders, feeds, WARC archives and URLs → ``Article`` records, or ``Rejected`` ones.

Nothing raised inside one input escapes ``read_inputs``: each failure is a ``Rejected`` naming
the input (``FILE#line N`` or ``FILE#record N`` for a part of a file), a reason and a hint, and
the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from fogwatch.errors import InputError
from fogwatch.ingest.addresses import without_credentials
from fogwatch.ingest.article import (
    as_reprint,
    content_hash,
    guarded,
    iso_date,
    make_article,
    normalize_text,
    same_publication,
)
from fogwatch.ingest.fetch import DEFAULT_TIMEOUT, is_url, make_client, read_url
from fogwatch.ingest.files import file_stamp, read_file, read_folder, walk
from fogwatch.ingest.language import guess_language
from fogwatch.ingest.limits import DEFAULT_LIMITS, IngestLimits
from fogwatch.model import Article, Rejected

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READER_VERSION",
    "IngestLimits",
    "IngestStep",
    "as_reprint",
    "content_hash",
    "file_stamp",
    "guess_language",
    "iso_date",
    "make_article",
    "normalize_text",
    "read_inputs",
    "readable_units",
    "same_publication",
]

DEFAULT_MAX_BYTES = 50_000_000
# Bumped when reading a file can give other articles than before (text normalisation, metadata,
# formats), so files a ledger skips as already read are read again.
READER_VERSION = "fogwatch.ingest.v1"


def read_inputs(
    inputs: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    client: httpx.Client | None = None,
    limits: IngestLimits = DEFAULT_LIMITS,
) -> Iterator[Article | Rejected]:
    """One record per article found or per bad input, in input order (folders sorted by path).

    ``client`` lets a caller share a connection pool, or tests pass an ``httpx.MockTransport``.
    An article with more text than ``limits.max_text_chars`` is rejected here, whatever read it.
    """
    for item in inputs:
        name = without_credentials(item) if is_url(item) else item
        for record in guarded(_read_one(item, max_bytes=max_bytes, client=client, limits=limits), name):
            if isinstance(record, Article) and len(record.text) > limits.max_text_chars:
                record = InputError.of(
                    "text_too_long", record.source, size=len(record.text), limit=limits.max_text_chars
                ).to_rejected()
            yield record


class IngestStep:
    """The ingest stage as a pipeline step over input names (paths, folders, URLs)."""

    name = "ingest"

    def __init__(
        self,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = DEFAULT_TIMEOUT,
        client: httpx.Client | None = None,
        limits: IngestLimits = DEFAULT_LIMITS,
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.client = client
        self.limits = limits

    def run(self, items: Iterable[str]) -> Iterator[Article | Rejected]:
        """Yield every article and every rejected input, in input order; one client serves all URLs."""
        if self.client is not None:
            yield from read_inputs(items, max_bytes=self.max_bytes, client=self.client, limits=self.limits)
            return
        with make_client(self.timeout, allow_private=self.limits.allow_private) as client:
            yield from read_inputs(items, max_bytes=self.max_bytes, client=client, limits=self.limits)


def readable_units(inputs: Iterable[str]) -> Iterator[str | Rejected]:
    """The inputs as parts that can be read apart, in input order: each file of a local folder on
    its own, after the problems met listing the folder (as ``read_folder`` gives them), and every
    other input as it is. Reading each part with ``read_inputs`` gives what reading the inputs does."""
    for item in inputs:
        if is_url(item) or "://" in item or not Path(item).is_dir():
            yield item
            continue
        paths, problems = walk(Path(item))
        yield from problems
        if not paths and not problems:
            yield InputError.of("empty_folder", item).to_rejected()
        yield from (str(path) for path in paths)


def _read_one(item: str, *, max_bytes: int, client: httpx.Client | None,
              limits: IngestLimits) -> Iterator[Article | Rejected]:
    """Route one input to the URL, folder or file reader."""
    if is_url(item):
        yield from read_url(item, client=client, max_bytes=max_bytes, limits=limits)
        return
    if "://" in item:
        raise InputError.of("unsupported_scheme", item, scheme=item.split("://", 1)[0])
    path = Path(item)
    if path.is_dir():
        yield from read_folder(path, max_bytes=max_bytes, limits=limits)
    elif path.exists():
        yield from read_file(path, max_bytes=max_bytes, limits=limits)
    else:
        raise InputError.of("missing", item)
