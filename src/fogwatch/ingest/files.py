"""Local files and folders → articles, dispatched by extension or, failing that, by sniffing the bytes.

Every check that can be made without reading (size, emptiness) is made by ``os.stat`` first, so a
100 MB stray file costs nothing. Text must be real UTF-8: a bad byte is reported by its offset,
never silently replaced, because replaced characters would move every later offset.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fogwatch.errors import InputError
from fogwatch.ingest import feeds, html, warc
from fogwatch.ingest.article import guarded, make_article
from fogwatch.ingest.limits import DEFAULT_LIMITS, IngestLimits
from fogwatch.model import Article, Rejected

SIDECAR = ".meta.json"
SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
MAGIC: dict[bytes, str] = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive or Office document",
    b"\x1f\x8b": "gzip archive",
}
META_FIELDS = ("url", "title", "outlet", "published", "language")
SNIFF_BYTES = 4096
MAX_CONTROL_SHARE = 0.05  # text has tabs and newlines, almost never other control bytes
TITLE_MAX_CHARS = 150
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_OTHER_CONTROLS = bytes(b for b in (*range(32), 127) if b not in _TEXT_CONTROLS)


def walk(root: Path) -> tuple[list[Path], list[Rejected]]:
    """Every readable file under ``root`` in a stable order, plus the subfolders that could not be listed.

    Hidden files and folders and ``*.meta.json`` sidecars are skipped; sidecars are read with
    the file they describe. Symlinked folders are followed, each real folder once: a link back
    to a folder already read (a loop) is rejected with its reason.
    """
    found: list[Path] = []
    problems: list[Rejected] = []
    seen: set[tuple[int, int]] = set()

    def unlistable(error: OSError) -> None:
        reason = error.strerror or str(error)
        where = str(error.filename or root)
        problems.append(InputError.of("unreadable", where, error=reason).to_rejected())

    for folder, dirnames, filenames in os.walk(root, onerror=unlistable, followlinks=True):
        try:
            here = os.stat(folder)
        except OSError as error:
            unlistable(error)
            dirnames[:] = []
            continue
        if (here.st_dev, here.st_ino) in seen:
            problems.append(InputError.of("symlink_loop", folder).to_rejected())
            dirnames[:] = []
            continue
        seen.add((here.st_dev, here.st_ino))
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found.extend(
            Path(folder, name)
            for name in filenames
            if not name.startswith(".") and not name.endswith(SIDECAR)
        )
    return sorted(found, key=lambda path: path.relative_to(root).parts), problems


def read_folder(
    root: Path, *, max_bytes: int, limits: IngestLimits = DEFAULT_LIMITS
) -> Iterator[Article | Rejected]:
    """Each file in the folder, each failure its own ``Rejected``."""
    paths, problems = walk(root)
    yield from problems
    if not paths and not problems:
        yield InputError.of("empty_folder", str(root)).to_rejected()
    for path in paths:
        yield from guarded(read_file(path, max_bytes=max_bytes, limits=limits), str(path))


def read_file(
    path: Path, *, max_bytes: int, limits: IngestLimits = DEFAULT_LIMITS
) -> Iterator[Article | Rejected]:
    """One file → its articles; raises ``InputError`` when the whole file is unusable."""
    source = str(path)
    kind = kind_of(path)
    if kind == "warc":  # streamed record by record: the limit applies to each record
        yield from warc.read_warc(path, max_bytes=max_bytes, limits=limits)
        return
    data = _read_small(path, max_bytes=max_bytes)
    sniffed = sniff(data[:SNIFF_BYTES])
    if kind is None or (kind == "feed" and sniffed == "html"):
        kind = sniffed
    if kind == "warc":
        yield from warc.read_warc(path, max_bytes=max_bytes, limits=limits)
        return
    check_text_bytes(data, source)
    if kind is None:
        raise InputError.of("unknown_type", source, suffix="".join(path.suffixes) or "no extension")
    if kind == "feed":
        yield from feeds.read_feed(data, source=source)
    elif kind == "json":
        yield from read_json(decode_utf8(data, source), source=source)
    elif kind == "jsonl":
        yield from read_jsonl(decode_utf8(data, source), source=source, format="jsonl")
    else:
        try:
            meta = read_sidecar(path)
        except InputError as error:  # the article still counts; only its metadata is lost
            meta = None
            yield error.to_rejected()
        if kind == "html":
            yield html.read_html(data, source=source, meta=meta)
        else:
            yield read_txt(decode_utf8(data, source), source=source, meta=meta)


def _read_small(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, after ``os.stat`` has ruled out empty and oversized files without reading."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError.of("too_large", source, size=size, limit=max_bytes)
        if size == 0:
            raise InputError.of("empty", source)
        return path.read_bytes()
    except OSError as error:
        raise InputError.of("unreadable", source, error=error.strerror or error) from error


def kind_of(path: Path) -> str | None:
    """The reader a file's extension asks for; ``.warc.gz`` counts as one extension."""
    name = path.name.lower()
    for suffix in (".warc.gz", path.suffix.lower()):
        if name.endswith(suffix) and suffix in SUFFIXES:
            return SUFFIXES[suffix]
    return None


def sniff(head: bytes) -> str | None:
    """The reader the first bytes ask for (warc, feed, html, json), or None."""
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return None
        return "warc" if inner.startswith(b"WARC/") else None
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if start.startswith(b"<?xml"):
        is_feed = any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf"))
        return "html" if b"<html" in start and not is_feed else "feed"
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta")):
        return "html"
    if start.startswith((b"{", b"[")):
        return "json"
    return None


def check_text_bytes(data: bytes, source: str) -> None:
    """Refuse what is not text before decoding it: empty, binary or UTF-16."""
    if not data.strip():
        raise InputError.of("empty" if not data else "blank", source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.of("utf16", source)
    kind = next((name for magic, name in MAGIC.items() if data.startswith(magic)), None)
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _OTHER_CONTROLS))  # counted in C, not byte by byte
    if kind or b"\x00" in data or controls / len(sample) > MAX_CONTROL_SHARE:
        raise InputError.of("binary", source, kind=f" ({kind})" if kind else "")


def decode_utf8(data: bytes, source: str) -> str:
    """Strict UTF-8 (a leading BOM is dropped); the error names the first bad byte's offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise InputError.of("not_utf8", source, offset=offset) from error


def read_txt(text: str, *, source: str, meta: dict[str, str] | None = None) -> Article:
    """A plain-text article; the sidecar's fields win, else a short first line is the title."""
    fields = dict(meta or {})
    fields.setdefault("title", first_line_title(text) or "")
    return make_article(text, source=source, format="txt", **fields)


def first_line_title(text: str) -> str | None:
    """The first line, when it reads as a headline: short, not a sentence, with text below it."""
    head, _, rest = text.strip().partition("\n")
    head = head.strip()
    if not rest.strip() or len(head) > TITLE_MAX_CHARS or head.endswith((".", ",", ";")):
        return None
    return head or None


def sidecar_of(path: Path) -> Path:
    """Where the metadata of ``NAME.txt`` would be: ``NAME.meta.json`` beside it."""
    return path.with_name(path.name.rsplit(".", 1)[0] + SIDECAR)


def file_stamp(path: Path) -> str | None:
    """A regular file's size and modification time, and its sidecar's: what changes when either is
    written again. None for anything else, or where the file cannot be looked at (reading it will
    say why)."""
    try:
        parts = [path.stat()]
        if not stat.S_ISREG(parts[0].st_mode):
            return None
        if (sidecar := sidecar_of(path)).is_file():
            parts.append(sidecar.stat())
    except OSError:
        return None
    return " ".join(f"{st.st_size}:{st.st_mtime_ns}" for st in parts)


def read_sidecar(path: Path) -> dict[str, str] | None:
    """Metadata from ``NAME.meta.json`` beside ``NAME.txt``; raises for a sidecar that is present but bad."""
    sidecar = sidecar_of(path)
    if not sidecar.is_file():
        return None
    try:
        value = json.loads(decode_utf8(sidecar.read_bytes(), str(sidecar)))
    except (OSError, InputError, json.JSONDecodeError) as error:
        raise InputError.of("bad_sidecar", str(sidecar), error=_describe(error)) from error
    if not isinstance(value, dict):
        raise InputError.of("bad_sidecar", str(sidecar), error=f"a JSON {_json_kind(value)}, not an object")
    return {key: value[key] for key in META_FIELDS if isinstance(value.get(key), str)}


def read_json(text: str, *, source: str) -> Iterator[Article | Rejected]:
    """A ``.json`` file: one article object, a list of them, or (forgivingly) JSON lines."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several objects, one per line: JSON lines saved as .json
            yield from read_jsonl(text, source=source, format="json")
            return
        raise InputError.of("bad_json", source, error=_describe(error)) from error
    if isinstance(value, dict):
        yield record_article(value, source=source, format="json")
        return
    if not isinstance(value, list):
        raise InputError.of("not_object", source, found=_json_kind(value))
    if not value:
        raise InputError.of("no_records", source)
    for number, item in enumerate(value, 1):
        where = f"{source}#record {number}"
        try:
            yield record_article(item, source=where, format="json")
        except InputError as error:
            yield error.to_rejected()


def read_jsonl(text: str, *, source: str, format: str) -> Iterator[Article | Rejected]:
    """One article per line; a bad line is rejected as ``FILE#line N`` and the rest go on."""
    found = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        found = True
        where = f"{source}#line {number}"
        try:
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError.of("bad_json", where, error=_describe(error)) from error
            yield record_article(value, source=where, format=format)
        except InputError as error:
            yield error.to_rejected()
    if not found:
        raise InputError.of("blank", source)


def record_article(value: Any, *, source: str, format: str) -> Article:
    """A JSON object with ``text`` and optional metadata strings → an article."""
    if not isinstance(value, dict):
        raise InputError.of("not_object", source, found=_json_kind(value))
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError.of("no_text_field", source)
    fields = {key: value[key] for key in META_FIELDS if isinstance(value.get(key), str)}
    return make_article(text, source=source, format=format, **fields)


def _describe(error: Exception) -> str:
    """A one-line cause: JSON errors with their position, input errors with their reason."""
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno}"
    if isinstance(error, InputError):
        return error.reason
    return str(error)


def _json_kind(value: Any) -> str:
    """JSON's own name for a parsed value's type, for messages."""
    names = {list: "list", str: "string", bool: "boolean", int: "number", float: "number", dict: "object"}
    return names.get(type(value), "null")
