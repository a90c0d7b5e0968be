"""A folder of broken inputs: each one accounted for with a reason, and the good ones still come through."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import httpx
import pytest

from fogwatch.errors import MESSAGES, ExtractionError, FogwatchError, InputError, StorageError, UsageError
from fogwatch.ingest import read_inputs
from fogwatch.model import Article, Rejected

from .samples import NAV_ONLY_PAGE, PARAGRAPHS, article_page, warc_bytes, write

UNREACHABLE = "https://unreachable.example/story"
BODY = "\n".join(PARAGRAPHS)


def unreachable(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)


@pytest.fixture
def broken_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    rng = random.Random(7)
    write(folder / "good.txt", "Good story\n" + BODY)
    write(folder / "good.html", article_page())
    write(folder / "good.jsonl", '{"text": "A line article. ' + PARAGRAPHS[0] + '"}\n{"text": 5}\n')
    write(folder / "image.png", b"\x89PNG\r\n\x1a\n" + rng.randbytes(2000))
    write(folder / "noise.dat", rng.randbytes(4000))
    write(folder / "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    write(folder / "latin1.txt", "Le café est fermé.".encode("latin-1"))
    write(folder / "utf16.txt", "Troops advance".encode("utf-16"))
    write(folder / "empty.txt", b"")
    write(folder / "blank.txt", " \n\t \r\n")
    write(folder / "nav.html", NAV_ONLY_PAGE)
    write(folder / "huge.txt", "word " * 10_000)
    warc = warc_bytes([(f"https://e.com/{n}", article_page(f"Story {n}")) for n in range(3)], extras=False)
    write(folder / "cut.warc.gz", warc[: len(warc) - 400])
    return folder


def test_every_input_is_accounted_for(broken_folder: Path) -> None:
    with httpx.Client(transport=httpx.MockTransport(unreachable)) as client:
        records = list(read_inputs([str(broken_folder), UNREACHABLE], client=client, max_bytes=20_000))
    by_input: dict[str, list[Article | Rejected]] = {}
    for record in records:
        name = record.source if isinstance(record, Article) else record.input
        by_input.setdefault(name.split("#")[0], []).append(record)
    expected = {str(path) for path in broken_folder.iterdir()} | {UNREACHABLE}
    assert set(by_input) == expected

    def reasons(name: str) -> list[str]:
        return [r.reason for r in by_input[str(broken_folder / name)] if isinstance(r, Rejected)]

    assert reasons("image.png") == ["binary file (PNG image), not text"]
    assert reasons("noise.dat") == ["binary file, not text"]
    assert reasons("photo.txt") == ["binary file (PNG image), not text"]
    assert reasons("latin1.txt") == ["invalid UTF-8 at byte 6"]  # "Le caf" is 6 bytes
    assert reasons("utf16.txt") == ["UTF-16 text, not UTF-8"]
    assert reasons("empty.txt") == ["empty file"]
    assert reasons("blank.txt") == ["no text: only whitespace"]
    assert reasons("nav.html") == ["no extractable text"]
    assert reasons("huge.txt") == ["50,000 bytes, over the 20,000-byte limit"]
    assert reasons("good.jsonl") == ["no 'text' string"]
    [cut] = reasons("cut.warc.gz")
    assert cut.startswith("archive broken at byte ") and "(record 4)" in cut
    [connect] = by_input[UNREACHABLE]
    assert isinstance(connect, Rejected)
    assert connect.reason == "could not connect: [Errno -2] Name or service not known"

    good = {r.source for r in records if isinstance(r, Article)}
    assert good == {
        str(broken_folder / "good.txt"),
        str(broken_folder / "good.html"),
        f"{broken_folder / 'good.jsonl'}#line 1",
        f"{broken_folder / 'cut.warc.gz'}#record 2",
        f"{broken_folder / 'cut.warc.gz'}#record 3",
    }
    for record in records:
        if isinstance(record, Rejected):
            assert record.reason and record.hint, record


def test_oversized_file_is_rejected_by_stat_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(100_000_000)  # 100 MB on paper, no blocks on disk
    assert os.stat(sparse).st_size == 100_000_000
    reads: list[Path] = []
    real_read_bytes = Path.read_bytes

    def spy(self: Path) -> bytes:
        reads.append(self)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    started = time.perf_counter()
    [rejected] = list(read_inputs([str(sparse)]))
    assert time.perf_counter() - started < 1.0
    assert rejected == Rejected(
        str(sparse), "100,000,000 bytes, over the 50,000,000-byte limit", rejected.hint
    )
    assert reads == []


def test_missing_path_and_odd_scheme() -> None:
    missing, ftp = list(read_inputs(["/no/such/dir/story.txt", "ftp://example.com/a.txt"]))
    assert missing == Rejected("/no/such/dir/story.txt", "no such file or directory", missing.hint)
    assert isinstance(ftp, Rejected) and ftp.reason == "unsupported URL scheme 'ftp'"


def test_a_crash_inside_a_reader_is_a_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("parser blew up")

    monkeypatch.setattr("fogwatch.ingest.files.read_txt", explode)
    path = write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.html", article_page())
    first, second = list(read_inputs([str(tmp_path)]))
    assert first == Rejected(str(path), "unexpected error: RuntimeError: parser blew up", first.hint)
    assert isinstance(second, Article)


def test_error_tree_and_messages() -> None:
    error = InputError.of("not_utf8", "a.txt", offset=12)
    assert isinstance(error, FogwatchError)
    assert str(error).startswith("a.txt: invalid UTF-8 at byte 12 (re-save it as UTF-8")
    assert error.to_rejected() == Rejected("a.txt", "invalid UTF-8 at byte 12", error.hint)
    assert error.code == "not_utf8"
    assert issubclass(ExtractionError, InputError)
    assert not issubclass(UsageError, InputError) and not issubclass(StorageError, InputError)
    assert all(reason and hint for reason, hint in MESSAGES.values())
