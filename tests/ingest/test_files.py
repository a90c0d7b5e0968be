"""Text and JSON files, folders and dispatch: what comes in is what is stored, with a stable id."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fogwatch.ingest import (
    content_hash,
    iso_date,
    make_article,
    normalize_text,
    read_inputs,
    readable_units,
)
from fogwatch.ingest.language import guess_language
from fogwatch.model import Article, Rejected

from .samples import PARAGRAPHS, article_page, rss_feed, write

BODY = "\n".join(PARAGRAPHS)


def read(*inputs: Path | str, **options: int) -> list[Article | Rejected]:
    return list(read_inputs([str(item) for item in inputs], **options))


def test_txt_keeps_text_and_takes_a_short_first_line_as_title(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "Troops suffer heavy losses\n" + BODY + "\n")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.text == "Troops suffer heavy losses\n" + BODY
    assert article.title == "Troops suffer heavy losses"
    assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()
    assert article.id == article.content_hash[:16]
    assert article.source == str(path)
    assert article.format == "txt"
    assert article.language == "en"


def test_txt_whose_first_line_is_a_sentence_has_no_title(tmp_path: Path) -> None:
    [article] = read(write(tmp_path / "story.txt", BODY))
    assert isinstance(article, Article)
    assert article.title is None


def test_sidecar_gives_metadata(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", BODY)
    meta = {
        "url": "https://example.com/a",
        "outlet": "Example News",
        "published": "2024-12-28",
        "title": "Losses mount",
        "ignored": 3,
    }
    write(tmp_path / "story.meta.json", json.dumps(meta))
    [article] = read(tmp_path)
    assert isinstance(article, Article)
    assert (article.url, article.outlet, article.published, article.title) == (
        "https://example.com/a",
        "Example News",
        "2024-12-28",
        "Losses mount",
    )


def test_bad_sidecar_is_rejected_but_the_article_still_comes_through(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", BODY)
    sidecar = write(tmp_path / "story.meta.json", "{not json")
    records = read(tmp_path)
    [rejected] = [r for r in records if isinstance(r, Rejected)]
    assert rejected.input == str(sidecar)
    assert rejected.reason.startswith("metadata sidecar ignored: ")
    assert sum(isinstance(r, Article) for r in records) == 1


def test_folder_is_recursive_sorted_and_skips_hidden_files_and_sidecars(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/b/c.txt", "c.txt", ".hidden.txt", ".git/x.txt"):
        write(tmp_path / name, f"{name} " + BODY)
    write(tmp_path / "c.meta.json", "{}")
    sources = [r.source for r in read(tmp_path) if isinstance(r, Article)]
    names = ["a/b/c.txt", "a/z.txt", "b.txt", "c.txt"]
    assert sources == [str(tmp_path / name) for name in names]


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    [rejected] = read(tmp_path)
    assert isinstance(rejected, Rejected)
    assert rejected.input == str(tmp_path)


def test_jsonl_bad_lines_are_rejected_by_line_and_the_rest_go_on(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": BODY,
                "url": "https://example.com/1",
                "title": "One",
                "outlet": "Wire",
                "published": "2024-12-28T09:30:00+01:00",
            }
        ),
        "",
        "{broken",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Second article. " + BODY}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines))
    records = read(path)
    assert [type(r).__name__ for r in records] == ["Article", "Rejected", "Rejected", "Rejected", "Article"]
    first = records[0]
    assert isinstance(first, Article)
    assert (first.source, first.url, first.title, first.outlet, first.published, first.format) == (
        f"{path}#line 1",
        "https://example.com/1",
        "One",
        "Wire",
        "2024-12-28T09:30:00+01:00",
        "jsonl",
    )
    assert [r.input for r in records if isinstance(r, Rejected)] == [
        f"{path}#line 3",
        f"{path}#line 4",
        f"{path}#line 5",
    ]
    assert records[1].reason.startswith("invalid JSON")  # type: ignore[union-attr]
    assert records[2].reason == "no 'text' string"  # type: ignore[union-attr]


def test_json_object_list_and_json_lines_saved_as_json(tmp_path: Path) -> None:
    single = write(tmp_path / "one.json", json.dumps({"text": BODY, "title": "One"}))
    many = write(
        tmp_path / "many.json", json.dumps([{"text": BODY}, {"text": "  "}, {"text": "Two. " + BODY}])
    )
    lines = write(
        tmp_path / "lines.json", json.dumps({"text": BODY}) + "\n" + json.dumps({"text": "X " + BODY})
    )
    [one] = read(single)
    assert isinstance(one, Article) and one.title == "One" and one.source == str(single)
    records = read(many)
    assert [type(r).__name__ for r in records] == ["Article", "Rejected", "Article"]
    assert records[1].input == f"{many}#record 2"
    assert [r.source for r in read(lines) if isinstance(r, Article)] == [f"{lines}#line 1", f"{lines}#line 2"]


def test_dispatch_by_sniffing_when_the_extension_says_nothing(tmp_path: Path) -> None:
    page = write(tmp_path / "saved_page", article_page())
    feed = write(
        tmp_path / "feed.dat",
        rss_feed(["<item><title>T</title><description>" + BODY + "</description></item>"]),
    )
    xhtml = write(tmp_path / "page.xml", '<?xml version="1.0"?>\n' + article_page().split("\n", 1)[1])
    unknown = write(tmp_path / "notes.md", BODY)
    formats = {r.source: r.format for r in read(page, feed, xhtml) if isinstance(r, Article)}
    assert formats == {str(page): "html", f"{feed}#record 1": "feed", str(xhtml): "html"}
    [rejected] = read(unknown)
    assert isinstance(rejected, Rejected)
    assert rejected.reason == "unknown file type '.md'"
    assert ".txt" in rejected.hint


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    [article] = read(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + BODY.encode()))
    assert isinstance(article, Article)
    assert article.text == BODY


def test_non_english_text_is_stored_and_marked(tmp_path: Path) -> None:
    german = (
        "Der Sprecher des Weißen Hauses hat am Samstag erklärt, dass die nordkoreanischen Truppen "
        "in der Region Kursk schwere Verluste erlitten haben und dass die Angriffe weitergehen."
    )
    [article] = read(write(tmp_path / "de.txt", german))
    assert isinstance(article, Article)
    assert (article.language, article.text) == ("de", german)


def test_language_guess() -> None:
    samples = {
        "en": "The spokesman said on Saturday that the troops had suffered heavy losses in the region.",
        "fr": "Le porte-parole a déclaré samedi que les troupes ont subi de lourdes pertes dans la région.",
        "es": "El portavoz dijo el sábado que las tropas han sufrido grandes pérdidas en el norte.",
        "ru": "Представитель заявил в субботу, что войска понесли тяжелые потери, и что это было ожидаемо.",
        "uk": "Речник заявив у суботу, що війська зазнали важких втрат і що це було очікувано для всіх.",
    }
    assert {code: guess_language(text) for code, text in samples.items()} == {c: c for c in samples}
    assert guess_language("Kursk, 2024") is None
    assert guess_language("") is None


def test_iso_date_shapes() -> None:
    assert iso_date("2024-12-28") == "2024-12-28"
    assert iso_date("2024-12-28T10:00:00Z") == "2024-12-28T10:00:00+00:00"
    assert iso_date("Sat, 28 Dec 2024 10:00:00 +0100") == "2024-12-28T10:00:00+01:00"
    assert iso_date("last Friday") is None
    assert iso_date("2024-13-45") is None


@given(st.text(min_size=1))
def test_hash_ignores_line_endings_and_normal_form(text: str) -> None:
    text = text.replace("\r", "")
    variants = {text, text.replace("\n", "\r\n"), unicodedata.normalize("NFD", text), f"  {text}\n"}
    assert len({content_hash(variant) for variant in variants}) == 1


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1).filter(normalize_text))
def test_stored_text_is_what_was_hashed(text: str) -> None:
    article = make_article(text, source="x")
    assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()
    assert article.id == article.content_hash[:16]
    assert make_article(article.text, source="y").id == article.id


def test_readable_units_read_as_their_inputs_do(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Mayor Ilse Varn said the bridge would reopen on Friday.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Police said two people were hurt.", encoding="utf-8")
    (folder / "c.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty").mkdir()
    inputs = [str(folder), str(tmp_path / "empty"), str(tmp_path / "missing.txt")]
    whole = list(read_inputs(inputs))
    parts = [record for unit in readable_units(inputs)
             for record in ([unit] if isinstance(unit, Rejected) else read_inputs([unit]))]
    assert parts == whole
    assert [r.input for r in whole if isinstance(r, Rejected)] == [
        str(folder / "c.bin"), str(tmp_path / "empty"), str(tmp_path / "missing.txt")]
    files = {str(folder / "a.txt"), str(folder / "sub" / "b.txt"), str(folder / "c.bin")}
    missing = str(tmp_path / "missing.txt")
    assert {u for u in readable_units(inputs) if isinstance(u, str)} == files | {missing}
