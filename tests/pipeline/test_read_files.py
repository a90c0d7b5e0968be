"""A run given the same folder again reads only the files that are new or changed since."""

from __future__ import annotations

import os
from pathlib import Path

from fogwatch.ledger import Ledger
from fogwatch.pipeline import LocalExecutor
from fogwatch.pipeline.step import StepStats


def _ingest(db: Path, folder: Path, **settings: object) -> StepStats:
    ledger = Ledger(str(db))
    try:
        return LocalExecutor(ledger, dict(settings)).run([str(folder)], ("ingest",), "ingest").stats["ingest"]
    finally:
        ledger.close()


def _write(path: Path, text: str, later_by_s: int = 0) -> None:
    path.write_text(text, encoding="utf-8")
    if later_by_s:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + later_by_s * 1_000_000_000))


def _folder(root: Path) -> Path:
    folder = root / "feed"
    folder.mkdir()
    _write(folder / "a.txt", "Mayor Ilse Varga said the bridge at Orsk would reopen in May.")
    _write(folder / "b.txt", "The Orsk Health Ministry said 40 people were wounded on Friday.")
    _write(folder / "c.txt", "")  # rejected every time it is read: it is never recorded as read
    return folder


def test_unchanged_files_are_not_read_again(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), tmp_path / "ledger.db"
    first = _ingest(db, folder)
    assert (first.seen, first.kept) == (3, 2)
    again = _ingest(db, folder)
    assert (again.seen, again.kept) == (1, 0)  # only the empty file, rejected again
    assert again.notes["unchanged_files"] == 2
    assert again.dropped["empty"] == 1


def test_a_new_or_changed_file_or_sidecar_is_read(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), tmp_path / "ledger.db"
    _ingest(db, folder)
    _write(folder / "a.txt", "Mayor Ilse Varga said the bridge at Orsk would reopen in June.", later_by_s=5)
    _write(folder / "d.txt", "Governor Marek Holubets said 15,000 people had fled the valley.")
    grown = _ingest(db, folder)
    assert (grown.seen, grown.kept) == (3, 2)  # a.txt changed, d.txt new, c.txt empty
    _write(folder / "b.meta.json", '{"outlet": "Orsk Herald"}')
    described = _ingest(db, folder)
    assert described.seen == 2 and described.notes["unchanged_files"] == 2  # b.txt read with its sidecar


def test_other_ingest_settings_read_every_file_again(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), tmp_path / "ledger.db"
    _ingest(db, folder)
    other = _ingest(db, folder, max_bytes=1_000_000)
    assert other.seen == 3 and "unchanged_files" not in other.notes
    assert other.notes["already_stored"] == 2
