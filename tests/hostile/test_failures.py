"""One bad item never stops a batch: failures in splitting, parsing, extracting or storing one
article become a record with a reason; killed runs are resumed; a crash exits 3 with a log."""

from __future__ import annotations

from pathlib import Path

import pytest

import fogwatch.cli as cli
import fogwatch.extract as extract
from fogwatch.cli.console import shown
from fogwatch.extract import ExtractStep
from fogwatch.extract.nlp import MAX_SENTENCE_CHARS, bounded_pieces, parse_articles, split_sentences
from fogwatch.ingest import make_article
from fogwatch.ledger import Ledger
from fogwatch.ledger.runs import RunBook
from fogwatch.pipeline import LocalExecutor

SETTINGS = {"embeddings": False}


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir()
    texts = ["Mayor Ana Berg said on Monday that the pool would reopen in May.",
             "Chief Olaf Dunn said 4 people were hurt when the roof fell on Sunday.",
             "Minister Kai Ruud said the ferry strike would end on Friday."]
    paths = [folder / f"a{n}.txt" for n in range(len(texts))]
    for path, text in zip(paths, texts, strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def test_a_run_on_paragraph_is_split_into_parsable_pieces() -> None:
    """Over spaCy's 1M-character limit in one paragraph, and no full stop: no E088, no piece too long."""
    text = "gravel lantern orchard meadow copper " * 30_000
    spans = split_sentences(text)
    assert spans and max(end - start for start, end in spans) <= MAX_SENTENCE_CHARS
    assert all(text[start:end].strip() == text[start:end] for start, end in spans)
    [parsed] = list(parse_articles([make_article(text, source="long.txt")], parse_all=False))
    assert parsed.failure is None and len(parsed.sentences) == len(spans)


def test_bounded_pieces_cut_at_spaces_and_mid_word_only_when_they_must() -> None:
    text = "abc " * 10 + "x" * 25
    pieces = list(bounded_pieces(text, 0, len(text), 12))
    assert all(end - start <= 12 for start, end in pieces)
    assert "".join(text[s:e] for s, e in pieces).replace(" ", "") == text.replace(" ", "")


def test_an_extraction_failure_is_kept_to_its_article(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [make_article(f"Officer {name} said the road was closed on Monday.", source=f"{name}.txt")
                for name in ("Lund", "Bad", "Voss")]
    real = extract.extract_claims

    def fragile(parsed: extract.ParsedArticle, learned_cues: bool = False) -> extract.ArticleClaims:
        if "Bad" in parsed.article.text:
            raise RuntimeError("boom")
        return real(parsed, learned_cues)

    monkeypatch.setattr(extract, "extract_claims", fragile)
    claims = list(ExtractStep().run(articles))
    assert [c.failure is not None for c in claims] == [False, True, False]
    assert "RuntimeError: boom" in (claims[1].failure or "")
    assert claims[0].attributions and claims[2].attributions


def test_failed_article_is_recorded_and_never_blocks_the_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_articles(tmp_path / "in")
    real = extract.extract_claims

    def fragile(parsed: extract.ParsedArticle, learned_cues: bool = False) -> extract.ArticleClaims:
        if "pool" in parsed.article.text:
            raise ValueError("cannot read this one")
        return real(parsed, learned_cues)

    monkeypatch.setattr(extract, "extract_claims", fragile)
    ledger = Ledger(str(tmp_path / "l.db"))
    summary = LocalExecutor(ledger, SETTINGS).run([str(tmp_path / "in")])
    assert summary.exit_code == 1
    [failed] = summary.rejected
    assert failed.input == str(paths[0]) and failed.code == "extract_failed"
    assert "not extracted" in failed.reason
    assert summary.stats["extract"].seen == 3 and summary.stats["link"].seen == 3
    assert ledger.articles_to_extract(extract.EXTRACTOR_VERSION) == []  # done, not retried forever
    again = LocalExecutor(ledger, SETTINGS).run([str(tmp_path / "in")])
    assert again.stats["extract"].seen == 0 and again.exit_code == 0


def test_an_article_the_ledger_refuses_is_rejected_and_the_rest_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_articles(tmp_path / "in")
    ledger = Ledger(str(tmp_path / "l.db"))
    real = ledger.add_article

    def refusing(article, run_id=None):  # type: ignore[no-untyped-def]
        if "ferry" in article.text:
            raise RuntimeError("disk says no")
        return real(article, run_id)

    monkeypatch.setattr(ledger, "add_article", refusing)
    summary = LocalExecutor(ledger, SETTINGS).run([str(tmp_path / "in")], stages=("ingest",))
    assert [r.code for r in summary.rejected] == ["store_failed"]
    assert summary.rejected[0].input == str(paths[2])
    assert len(ledger.articles()) == 2


def test_an_interrupted_run_is_marked_and_resumed(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in")
    ledger = Ledger(str(tmp_path / "l.db"))
    killed = ledger.begin_run("run", {"inputs": [str(paths[0])]}, {})
    ledger.runs()  # a run killed before it claimed an owner, as an old ledger's would be
    summary = LocalExecutor(ledger, SETTINGS).run([str(paths[1])])
    assert summary.resumed == [killed]
    assert {a.source for a in ledger.articles()} == {str(paths[0]), str(paths[1])}
    runs = {run["id"]: run for run in ledger.runs()}
    assert runs[killed]["status"] == "resumed" and runs[killed]["resumed_by"] == summary.run_id
    assert runs[summary.run_id]["status"] == "finished"
    assert RunBook(ledger).interrupted() == []


def test_a_run_of_another_live_process_is_left_alone(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "l.db"))
    RunBook(ledger).begin("run", {"inputs": []}, {})  # owned by this very process: alive
    assert RunBook(ledger).interrupted() == []


def test_a_crash_exits_3_with_one_line_and_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash() -> None:
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(cli, "app", crash)
    monkeypatch.setenv("FOGWATCH_LOG_DIR", str(tmp_path))
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    [log] = list(tmp_path.glob("fogwatch-failure-*.log"))
    assert "Traceback" in log.read_text() and "the disk caught fire" in log.read_text()
    screen = capsys.readouterr().err
    assert str(log) in screen.replace("\n", "") and "Traceback" not in screen


def test_names_are_escaped_for_the_terminal() -> None:
    assert shown("evil\x1b[31mred\x07.txt") == "evil\\x1b[31mred\\x07.txt"
    assert shown("[bold]x[/bold]") == "\\[bold]x\\[/bold]"
