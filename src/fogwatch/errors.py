"""Fogwatch's one error tree, so callers catch what they can act on and the CLI maps it to exit codes.

FogwatchError
├── InputError        an input (file, folder, URL, a line or record inside one) that cannot become an article
│   └── ExtractionError   the input was read, but no article text came out of it
├── UsageError        the caller asked for something that cannot work (bad option, unknown setting)
└── StorageError      the ledger could not be opened, read or written

Every error carries a hint: what the user can do about it. Input messages live in ``MESSAGES``,
apart from the code that raises them, so wording can change without touching logic.
"""

from __future__ import annotations

from typing import Any, Self

from fogwatch.model import Rejected

# code -> (reason template, hint template); fields are filled with str.format.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": (
        "no such file or directory",
        "check the path; inputs are files, folders or http(s) URLs",
    ),
    "unreadable": ("cannot read: {error}", "check the file's permissions"),
    "empty_folder": (
        "folder holds no files to read",
        "hidden files and *.meta.json sidecars are skipped; put articles in the folder",
    ),
    "too_large": (
        "{size:,} bytes, over the {limit:,}-byte limit",
        "split the file, or raise the limit (max_bytes / --max-bytes) if you trust it",
    ),
    "symlink_loop": (
        "symbolic link loop: leads back to a folder already read",
        "the folder is read once; remove the looping link to silence this",
    ),
    "empty": ("empty file", "remove it, or put the article text in it"),
    "blank": ("no text: only whitespace", "remove it, or put the article text in it"),
    "binary": (
        "binary file{kind}, not text",
        "Fogwatch reads text, HTML, JSON/JSONL, RSS/Atom and WARC; convert it to one of those first",
    ),
    "utf16": (
        "UTF-16 text, not UTF-8",
        "re-save it as UTF-8 (iconv -f utf-16 -t utf-8 FILE > NEW)",
    ),
    "not_utf8": (
        "invalid UTF-8 at byte {offset}",
        "re-save it as UTF-8; if it is Windows-1252: iconv -f cp1252 -t utf-8 FILE > NEW",
    ),
    "bad_charset": (
        "cannot decode as {charset}: {error}",
        "save the page as UTF-8 text and ingest the file",
    ),
    "unknown_type": (
        "unknown file type '{suffix}'",
        "rename it to say what it is: .txt, .html, .json, .jsonl, .xml/.rss/.atom or .warc/.warc.gz",
    ),
    "no_text": (
        "no extractable text",
        "the page holds only navigation, scripts or boilerplate; save the article page itself, "
        "or paste its text into a .txt file",
    ),
    "bad_json": ("invalid JSON: {error}", "fix the JSON; a .jsonl file holds one JSON object per line"),
    "not_object": (
        "a JSON {found}, not an object",
        'give each article as an object: {{"text": "...", "url": "...", "title": "..."}}',
    ),
    "no_records": ("no articles in the JSON list", "remove the file, or put article objects in the list"),
    "no_text_field": (
        "no 'text' string",
        "give each article a non-empty string 'text'; url, title, published and outlet are optional",
    ),
    "bad_sidecar": (
        "metadata sidecar ignored: {error}",
        'make it one JSON object such as {{"url": "...", "outlet": "...", "published": "2024-12-28"}}',
    ),
    "bad_feed": (
        "not a readable feed: {error}",
        "check that it is RSS or Atom; an HTML page should be saved as .html",
    ),
    "empty_feed": ("the feed has no entries", "check that the feed URL or file is the right one"),
    "entry_no_text": (
        "feed entry has no text",
        "the feed carries only headlines; ingest the linked page instead: {link}",
    ),
    "warc_broken": (
        "archive broken at byte {offset} (record {record}): {error}",
        "the archive is truncated or corrupt; re-download or re-crawl it "
        "({kept} articles before the break were kept)",
    ),
    "archive_too_large": (
        "archive inflates past the {limit:,}-byte limit (at record {record})",
        "a compressed archive this large is likely a decompression bomb; raise max_archive_bytes "
        "if you trust it ({kept} articles before the limit were kept)",
    ),
    "warc_empty": (
        "no HTML responses in the archive",
        "the archive holds no successful text/html response records to read",
    ),
    "bad_url": ("invalid URL: {error}", "check the address; Fogwatch fetches http:// and https:// URLs"),
    "unsupported_scheme": (
        "unsupported URL scheme '{scheme}'",
        "give an http(s) URL, or download the file and ingest it as a path",
    ),
    "private_address": (
        "refused: {host} is a private, loopback, link-local or multicast address ({address})",
        "Fogwatch fetches only public addresses; pass --allow-private to fetch from your own network",
    ),
    "deadline": (
        "took longer than the {seconds:g}-second deadline",
        "the server is too slow; retry later, or save the page and ingest the file",
    ),
    "connect": (
        "could not connect: {error}",
        "check the address and your network connection, or save the page and ingest the file",
    ),
    "timeout": ("timed out: {error}", "the server is slow or unreachable; retry later, or save the page"),
    "redirects": ("too many redirects", "open the URL in a browser and ingest the address it ends at"),
    "download": ("download failed: {error}", "retry later, or save the page and ingest the file"),
    "http_blocked": (
        "HTTP {status} {phrase}",
        "the site refuses automated access; save the page in a browser and ingest the file",
    ),
    "http_missing": ("HTTP {status} {phrase}", "check the URL; the page may have moved or been removed"),
    "http_rate": ("HTTP {status} {phrase}", "the site is rate-limiting; wait and retry"),
    "http_error": ("HTTP {status} {phrase}", "the server failed; retry later, or save the page"),
    "unsupported_content": (
        "unsupported content type '{content_type}'",
        "Fogwatch reads HTML, RSS/Atom and plain text from URLs; download other files and ingest them",
    ),
    "extract_failed": (
        "stored, but not extracted: {error}",
        "the article is kept and skipped by later runs; please report it with the input attached",
    ),
    "store_failed": (
        "could not be stored: {error}",
        "the other inputs went on; check the ledger's health, then re-run to retry this one",
    ),
    "text_too_long": (
        "{size:,} characters of text, over the {limit:,}-character limit",
        "split the article, or raise the limit (max_text_chars) if you trust it",
    ),
    "crash": (
        "unexpected error: {error}",
        "this is a Fogwatch bug; please report it with the input attached",
    ),
}


class FogwatchError(Exception):
    """Base of every error Fogwatch raises on purpose, so one except clause catches them all."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} ({hint})" if hint else message)


class InputError(FogwatchError):
    """An input that cannot become an article; the batch records it and goes on."""

    def __init__(self, input: str, reason: str, hint: str = "", *, code: str = "") -> None:
        self.input = input
        self.reason = reason
        self.code = code
        super().__init__(f"{input}: {reason}", hint)

    @classmethod
    def of(cls, code: str, input: str, **fields: Any) -> Self:
        """Build the error from its ``MESSAGES`` template, so wording stays in one table."""
        reason, hint = MESSAGES[code]
        return cls(input, reason.format(**fields), hint.format(**fields), code=code)

    def to_rejected(self) -> Rejected:
        """The record the ledger and run summary keep for this input."""
        return Rejected(input=self.input, reason=self.reason, hint=self.hint, code=self.code)


class ExtractionError(InputError):
    """The input was read but held no article text (an empty page, a headline-only feed entry)."""


class UsageError(FogwatchError):
    """The caller asked for something that cannot work; the CLI shows it and exits 2."""


class StorageError(FogwatchError):
    """The ledger could not be opened, read or written."""
