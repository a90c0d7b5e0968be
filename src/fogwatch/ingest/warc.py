"""WARC / WARC.gz archives → one article per successful HTML response, streamed record by record.

Archives are often gigabytes, so the size limit applies to each record's payload, not the file.
warcio reads a truncated archive without complaint (a short record just ends early), so each
record's block is read to its end and checked against its Content-Length: a break yields the
articles read so far and one ``Rejected`` that names the byte offset and record where it broke.

warcio reads header lines with no length cap and inflates without a total cap, so a small
archive of compressed zeros would hold gigabytes in one "line". Its reader is swapped for one
that caps each line and counts every decompressed byte against the archive's limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from fogwatch.errors import InputError
from fogwatch.ingest import html
from fogwatch.ingest.article import guarded
from fogwatch.ingest.limits import DEFAULT_LIMITS, MAX_HEADER_LINE, IngestLimits
from fogwatch.model import Article, Rejected

HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_CHUNK = 1 << 16


class BrokenArchive(Exception):
    """The archive cannot be read past this record; ends the read, never escapes this module."""


class ArchiveTooLarge(BrokenArchive):
    """The archive inflates past its limit; reading stops before memory or time runs out."""


class BoundedReader(DecompressingBufferedReader):
    """warcio's reader with a cap on each line and on the bytes it inflates in all."""

    def __init__(self, stream: object, *, max_bytes: int, max_line: int = MAX_HEADER_LINE) -> None:
        super().__init__(stream)
        self.max_bytes = max_bytes
        self.max_line = max_line
        self.inflated = 0

    def readline(self, length: int | None = None) -> bytes:
        """A line of at most ``max_line`` bytes; a longer one is not a header, so the archive is broken."""
        cap = self.max_line if not length or length > self.max_line else length
        line = super().readline(cap)
        if len(line) >= self.max_line and not line.endswith(b"\n"):
            raise BrokenArchive(f"a line of over {self.max_line:,} bytes where a header was expected")
        return line

    def _decompress(self, data: bytes) -> bytes:
        out = super()._decompress(data)
        self.inflated += len(out)
        if self.inflated > self.max_bytes:
            raise ArchiveTooLarge(f"inflates past {self.max_bytes:,} bytes")
        return out


@dataclass(frozen=True)
class Payload:
    """An HTML payload and the URL it was captured from."""

    body: bytes
    url: str | None


def read_warc(
    path: Path, *, max_bytes: int, limits: IngestLimits = DEFAULT_LIMITS
) -> Iterator[Article | Rejected]:
    """Articles from the archive's HTML responses, in archive order, as ``PATH#record N``."""
    source = str(path)
    number, kept, pages = 0, 0, 0
    try:
        stream = path.open("rb")
    except OSError as error:
        raise InputError.of("unreadable", source, error=error.strerror or error) from error
    with stream:
        records = ArchiveIterator(stream)
        records.reader = BoundedReader(stream, max_bytes=limits.max_archive_bytes)
        iterator = iter(records)
        while True:
            number += 1  # counted before reading, so a break names the record it broke in
            where = f"{source}#record {number}"
            try:
                record = next(iterator, None)
                if record is None:
                    break
                payload = read_payload(record, max_bytes=max_bytes, where=where)
            except InputError as error:  # one oversized record; the archive goes on
                yield error.to_rejected()
                continue
            except ArchiveTooLarge:
                yield InputError.of(
                    "archive_too_large", where, limit=limits.max_archive_bytes, record=number, kept=kept
                ).to_rejected()
                return
            except Exception as error:  # warcio, gzip and zlib each signal corruption their own way
                yield InputError.of(
                    "warc_broken", where, offset=records.offset, record=number, error=_clip(error), kept=kept
                ).to_rejected()
                return
            if payload is None:
                continue
            pages += 1
            for item in guarded(_extract(payload, where), where):
                kept += isinstance(item, Article)
                yield item
    if pages == 0:
        yield InputError.of("warc_empty", source).to_rejected()


def _extract(payload: Payload, where: str) -> Iterator[Article]:
    """The extractor as a one-item stream, so ``guarded`` can turn its failure into a ``Rejected``."""
    yield html.read_html(payload.body, source=where, url=payload.url, format="warc")


def read_payload(record: ArcWarcRecord, *, max_bytes: int, where: str) -> Payload | None:
    """The HTML body of a successful response (or resource) record, None for any other record.

    Reads the record's whole block either way, so truncation is caught on every record.
    """
    if record.format != "warc" or not record.rec_type:
        raise BrokenArchive("not a WARC record")
    if not str(record.rec_headers.get_header("Content-Length") or "").isdigit():
        raise BrokenArchive("record has no Content-Length")
    body = None
    if _is_html(record):
        body = record.content_stream().read(max_bytes + 1)
    _drain(record)
    if body is None:
        return None
    if len(body) > max_bytes:
        size = int(record.rec_headers.get_header("Content-Length"))
        raise InputError.of("too_large", where, size=size, limit=max_bytes)
    return Payload(body=body, url=record.rec_headers.get_header("WARC-Target-URI"))


def _is_html(record: ArcWarcRecord) -> bool:
    """A 2xx HTML response, or an HTML resource record (browser-based crawlers write those)."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        content_type = record.http_headers.get_header("Content-Type") or ""
        return status.startswith("2") and content_type.lower().startswith(HTML_TYPES)
    if record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
        return content_type.lower().startswith(HTML_TYPES)
    return False


def _drain(record: ArcWarcRecord) -> None:
    """Read the rest of the block; fewer bytes than Content-Length promised means truncation."""
    raw = record.raw_stream
    while raw.read(READ_CHUNK):
        pass
    if isinstance(raw, LimitReader) and raw.limit > 0:
        raise BrokenArchive(f"record ends {raw.limit} bytes short of its Content-Length")


def _clip(error: Exception, limit: int = 100) -> str:
    """An error as one short printable line; warcio quotes raw archive bytes in its messages."""
    text = " ".join(str(error).split()) or type(error).__name__
    printable = "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"
