"""The hostile corpus end to end: every item stored or rejected with a reason, nothing lost, the
batch finishes with exit code 1, peak memory stays bounded, and names print escaped."""

from __future__ import annotations

import json
import resource
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from . import corpus

PEAK_MEMORY_LIMIT = 2 * 1024**3
# the work folder, what each item should become, the run and its peak memory in bytes
HostileRun = tuple[Path, dict[str, str], subprocess.CompletedProcess[str], int]


def fogwatch(*args: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fogwatch.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> HostileRun:
    work = tmp_path_factory.mktemp("hostile")
    expected = corpus.build(work / "corpus")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = fogwatch("run", str(work / "corpus"), "--db", str(work / "ledger.db"), "--no-report",
                      "--set", "embeddings=false", cwd=work)
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) * 1024
    return work, expected, result, peak


def _outcomes(db: Path) -> tuple[dict[str, list], list[tuple[str, str]]]:
    with sqlite3.connect(db) as connection:
        articles = {row[0]: list(row[1:]) for row in connection.execute(
            "SELECT source, text, flags, extracted_with, extract_failure, outlet FROM articles")}
        rejected = list(connection.execute("SELECT input, reason FROM rejected"))
    return articles, rejected


def test_every_item_is_stored_or_rejected_with_a_reason(hostile_run: HostileRun) -> None:
    work, expected, result, _ = hostile_run
    assert result.returncode == 1, result.stderr[-2000:]
    articles, rejected = _outcomes(work / "ledger.db")
    root = str(work / "corpus")
    for name, outcome in expected.items():
        path = f"{root}/{name}"
        stored = any(source == path or source.startswith(path + "#") for source in articles)
        refused = [reason for where, reason in rejected if where == path or where.startswith(path + "#")]
        assert stored or refused, f"{name!r} was lost: neither stored nor rejected"
        if outcome == "stored":
            assert stored, f"{name!r} should be stored; rejected: {refused}"
        elif outcome == "rejected":
            assert refused and all(reason for reason in refused), f"{name!r} should be rejected with a reason"
    for path, (_, _, extracted_with, failure, _) in articles.items():
        assert extracted_with, f"{path} was never extracted"
        assert failure is None, f"{path}: {failure}"


def test_bounds_and_reasons(hostile_run: HostileRun) -> None:
    work, _, _, _ = hostile_run
    articles, rejected = _outcomes(work / "ledger.db")
    reasons = {where.rsplit("/", 1)[-1]: reason for where, reason in rejected}
    assert "header" in reasons["bomb.warc.gz#record 1"]
    assert "over the 200,000-character limit" in reasons["long-paragraph.txt"]
    assert "loop" in " ".join(reason for where, reason in rejected if where.endswith("folder/loop"))
    root = str(work / "corpus")
    text, flags, _, _, outlet = articles[f"{root}/nul.jsonl#line 1"]
    assert "\x00" not in text and json.loads(flags) == ["control_characters_removed"]
    assert outlet == "Dock News"
    assert "library" in articles[f"{root}/nested.html"][0]
    for path, (text, *_rest) in articles.items():
        assert corpus.SECRET not in text, f"{path} leaked a local file through an XML entity"
        assert len(text) < 200_001


def test_peak_memory_is_bounded(hostile_run: HostileRun) -> None:
    _, _, _, peak = hostile_run
    assert peak < PEAK_MEMORY_LIMIT, f"peak memory {peak / 1024**2:.0f} MiB"


def test_names_are_printed_escaped(hostile_run: HostileRun) -> None:
    _, _, result, _ = hostile_run
    screen = result.stdout + result.stderr
    assert "\x1b[31m" not in screen and "\x07" not in screen
    assert "\\x1b[31mred\\x07.txt" in screen or "evil" not in screen


BOMB_READER = textwrap.dedent("""
    import resource, sys, time
    limit = 768 * 1024 ** 2
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from pathlib import Path
    from fogwatch.ingest.warc import read_warc
    started = time.monotonic()
    records = list(read_warc(Path(sys.argv[1]), max_bytes=50_000_000))
    print(repr([(type(r).__name__, getattr(r, "reason", "")) for r in records]), time.monotonic() - started)
""")


def test_gzip_bomb_is_refused_quickly_under_a_memory_cap(tmp_path: Path) -> None:
    """A 1 GiB-of-zeros archive, read in a child limited to 768 MiB of address space: a reader that
    buffers the "header line" dies or reports MemoryError instead of passing."""
    bomb = tmp_path / "bomb.warc.gz"
    corpus.gzip_of_zeros(bomb, 1024)
    started = time.monotonic()
    child = subprocess.run([sys.executable, "-c", BOMB_READER, str(bomb)], capture_output=True, text=True,
                           timeout=120, check=False)
    assert child.returncode == 0, child.stderr[-2000:]
    assert "Rejected" in child.stdout and "header" in child.stdout and "MemoryError" not in child.stdout
    assert time.monotonic() - started < 60
