"""The bounds every input is read under, so no single file, record or URL can exhaust the machine.

A size limit on the file alone is not enough: a 5 MB archive can inflate to gigabytes, a header
line can run without end, a server can trickle one byte a second. Each of those has its own bound
here, and crossing one rejects that input with a reason while the batch goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_TEXT_CHARS = 200_000
DEFAULT_MAX_ARCHIVE_BYTES = 10_000_000_000
DEFAULT_FETCH_DEADLINE = 60.0
MAX_HEADER_LINE = 65_536  # a WARC or HTTP header line; real ones are under a few kilobytes


@dataclass(frozen=True)
class IngestLimits:
    """Bounds beyond the per-file ``max_bytes``."""

    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS  # characters of text per article
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES  # decompressed bytes per WARC archive
    fetch_deadline: float = DEFAULT_FETCH_DEADLINE  # seconds per URL, redirects and body included
    allow_private: bool = False  # fetch loopback, private, link-local and multicast addresses


DEFAULT_LIMITS = IngestLimits()
