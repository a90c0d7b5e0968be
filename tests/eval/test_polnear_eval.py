"""The PolNeAR evaluator: its brat reader, matching and offset alignment on a tiny generated pair
scored through Fogwatch's export, and the full dev run (slow) against recorded floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
POLNEAR = REPO.parent / "shared" / "datasets" / "polnear" / "data"


@pytest.fixture(scope="module")
def polnear() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fogwatch_eval_polnear", REPO / "eval" / "polnear.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fogwatch_eval_polnear"] = module
    spec.loader.exec_module(module)
    return module


TEXT = (  # a decomposed "ñ" and a trailing newline: the stored text differs from the file
    "Budget talks stall in Montan\u0303a.\n\n"
    "Finance Minister Carla Ruiz said that the deficit would shrink next year. "
    "“We are on track,” Ruiz told reporters. “Nobody should panic.”\n"
)


def _ann(text: str) -> str:
    def at(s: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(s, start + 1)
        return start, start + len(s)

    src1, cue1, con1 = (
        at("Finance Minister Carla Ruiz"),
        at("said"),
        at("that the deficit would shrink next year"),
    )
    src2, cue2 = at("Ruiz", 1), at("told")
    q1, q2 = at("“We are on track,”"), at("“Nobody should panic.”")
    return "\n".join([
        f"T1\tSource {src1[0]} {src1[1]}\tFinance Minister Carla Ruiz",
        f"T2\tCue {cue1[0]} {cue1[1]}\tsaid",
        f"T3\tContent {con1[0]} {con1[1]}\tthat the deficit would shrink next year",
        f"T4\tAttribution {cue1[0]} {cue1[1]}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {src2[0]} {src2[1]}\tRuiz",
        f"T6\tCue {cue2[0]} {cue2[1]}\ttold",
        f"T7\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\tquotes",
        f"T8\tAttribution {cue2[0]} {cue2[1]}\ttold",
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        "#1\tAnnotatorNotes T1\ta note the reader skips",
    ]) + "\n"


@pytest.fixture()
def tiny_split(tmp_path: Path) -> Path:
    for folder in ("text", "attributions"):
        (tmp_path / "dev" / folder).mkdir(parents=True)
    (tmp_path / "dev" / "text" / "doc_one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "doc_one_aaaa.ann").write_text(_ann(TEXT), encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "doc_one_bbbb.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_brat_reader_reads_events_and_discontinuous_spans(polnear: ModuleType) -> None:
    relations = polnear.read_ann(_ann(TEXT))
    assert len(relations) == 2
    assert TEXT[slice(*relations[0].source[0])] == "Finance Minister Carla Ruiz"
    assert len(relations[1].content) == 2


def test_first_annotation_file_by_name_is_used(polnear: ModuleType, tiny_split: Path) -> None:
    docs = polnear.read_split(tiny_split, "dev")
    assert len(docs) == 1 and len(docs[0].relations) == 2


def test_token_matching(polnear: ModuleType) -> None:
    text = "that the deficit would shrink"
    whole = polnear.tokens(text, ((0, len(text)),), content=True)
    assert whole == polnear.tokens(text, ((5, len(text)),), content=True)  # leading "that" never counts
    half = frozenset(sorted(whole)[:2])
    assert polnear.overlap(whole, half) == pytest.approx(2 * 0.5 * 1.0 / 1.5)
    assert polnear.pair([whole], [whole], 1.0) == {0: 0}
    assert polnear.pair([whole], [frozenset()], 0.5) == {}


def test_offsets_move_onto_the_stored_text(polnear: ModuleType) -> None:
    raw = "Se\u0301n\u0303or Ruiz said so.\n"
    stored = "Señor Ruiz said so."
    where = polnear.offset_map(raw, stored)
    start = raw.index("Ruiz")
    assert stored[where[start]:where[start + 4]] == "Ruiz"
    assert where[len(raw)] == len(stored)
    assert polnear.offset_map("  text \n", "text")[2:7] == [0, 1, 2, 3, 4]


def test_exported_rows_become_relations(polnear: ModuleType) -> None:
    """Two pieces of one quotation around one cue are one content, as PolNeAR annotates them."""
    rows = [
        {"start": 0, "end": 10, "cue_start": 20, "cue_end": 24, "source_start": 12, "source_end": 18},
        {"start": 30, "end": 40, "cue_start": 20, "cue_end": 24, "source_start": None, "source_end": None},
        {"start": 50, "end": 60, "cue_start": None, "cue_end": None, "source_start": 44, "source_end": 48},
    ]
    merged, alone = polnear.predicted(rows)
    assert merged.content == ((30, 40), (0, 10)) and merged.source == ((12, 18),)
    assert alone.cue == () and alone.source == ((44, 48),)


def test_naive_baseline_finds_a_plain_report(polnear: ModuleType) -> None:
    text = "The council met on Monday. Mayor Ann Lee said the bridge would reopen in May."
    (relation,) = polnear.naive_relations(text)
    assert [text[s:e] for s, e in relation.cue] == ["said"]
    assert text[slice(*relation.source[0])].strip() == "Mayor Ann Lee"
    assert text[slice(*relation.content[0])].strip() == "the bridge would reopen in May."


def test_export_scores_on_the_tiny_split(polnear: ModuleType, tiny_split: Path) -> None:
    result = polnear.evaluate(tiny_split, "dev")
    scores = result["scores"]
    assert scores["content.overlap50"]["r"] == 1.0
    assert scores["source.overlap50"]["r"] == 1.0
    assert scores["cue.exact"]["r"] == 1.0
    assert scores["content.exact"]["r"] == 1.0
    assert result["source_misses"] == []
    assert result["baseline"]["cue.exact"]["tp"] >= 1


@pytest.mark.slow
def test_full_dev_split_stays_above_floors(polnear: ModuleType) -> None:
    if not (POLNEAR / "dev" / "text").is_dir():
        pytest.skip("PolNeAR is not here (../shared/datasets/polnear)")
    scores = polnear.evaluate(POLNEAR, "dev")["scores"]
    assert scores["content.overlap50"]["p"] >= 0.80
    assert scores["source.overlap50"]["f1"] >= 0.55
    assert scores["content.overlap50"]["f1"] >= 0.55
    assert scores["cue.overlap50"]["f1"] >= 0.55
