"""ECB+ evaluator: scores and detokenising on hand-made input, a tiny invented topic scored through
Fogwatch's export (fast), a few real topics (needs ../shared)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from xml.sax.saxutils import escape

import pytest

from fogwatch.link.embeddings import EmbeddingModelMissing, get_embedder

REPO = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"fogwatch_eval_{name}", REPO / "eval" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _ecbplus() -> ModuleType:
    return _load("ecbplus")


def _cromer(name: str, sentences: list[str], killed: str | None) -> str:
    """A CROMER XML document: space-separated tokens per sentence; the first "killed" or "shot" is an
    action mention, joined to the cross-document instance ``killed`` when given."""
    tokens, t_id, anchor = [], 0, None
    for number, sentence in enumerate(sentences):
        for word in sentence.split():
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{number}">{escape(word)}</token>')
            if anchor is None and word in ("killed", "shot"):
                anchor = t_id
    markable = f'<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="{anchor}"/></ACTION_OCCURRENCE>'
    relation = (f'<CROSS_DOC_COREF r_id="1" note="{killed}"><source m_id="1"/><target m_id="9"/>'
                "</CROSS_DOC_COREF>") if killed else ""
    return (f'<Document doc_name="{name}">{"".join(tokens)}<Markables>{markable}</Markables>'
            f"<Relations>{relation}</Relations></Document>")


MALL = ["A gunman killed two shoppers at the Riverside mall on Friday , police said .",
        "Police said two people were killed and three were wounded in the mall shooting ."]
FERRY = ["http://news.example.test/2011/05/02/ferry-shooting",
         "Guard shot on harbour ferry",
         "May 2 , 2011",
         "A security guard was shot on the harbour ferry on Monday , the coast guard said .",
         "The coast guard said one guard was wounded and no passengers were hurt ."]


@pytest.fixture()
def tiny_topic(tmp_path: Path) -> Path:
    """Topic 3 invented: two reports of a mall shooting (ecb), two of a ferry shooting (ecbplus)."""
    folder = tmp_path / "ECB+" / "3"
    folder.mkdir(parents=True)
    for n in (1, 2):
        (folder / f"3_{n}ecb.xml").write_text(_cromer(f"3_{n}ecb.xml", MALL, "ACT1"), encoding="utf-8")
        (folder / f"3_{n}ecbplus.xml").write_text(_cromer(f"3_{n}ecbplus.xml", FERRY, "ACT2"),
                                                  encoding="utf-8")
    return tmp_path


def test_tiny_topic_is_scored_from_the_export(tiny_topic: Path) -> None:
    ecb = _ecbplus()
    report = ecb.evaluate(tiny_topic, {"tiny": (3,)}, embeddings=False)
    stories = report["stories"]["tiny"]
    assert stories["documents"] == 4 and stories["gold_clusters"] == 2
    assert report["baseline"]["tiny"]["b3_f1"] == 1.0  # identical texts per sub-topic: trivially joined
    figures = report["figures"]
    assert figures["figures"] >= 4 and set(figures["per_topic"]) == {3}
    assert figures["annotated_figures"] >= 1
    assert set(figures["conflicts"]) >= {"counts", "figure_pairs", "spanning_predicted_stories"}


def test_reader_gives_the_ecbplus_page_its_url_title_and_date(tiny_topic: Path) -> None:
    reader = _load("ecbplus_reader")
    doc = reader.read_document(tiny_topic / "ECB+" / "3" / "3_1ecbplus.xml")
    assert doc.article.url == FERRY[0] and doc.article.title == FERRY[1]
    assert doc.article.published == "2011-05-02" and doc.story == "3ecbplus"
    assert [m.instance for m in doc.actions] == ["ACT2"]


def test_cluster_scores_on_known_partitions() -> None:
    ecb = _ecbplus()
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    perfect = ecb.cluster_scores(gold, {"a": 1, "b": 1, "c": 2, "d": 2})
    assert perfect["b3_f1"] == perfect["ari"] == perfect["purity"] == 1.0
    lumped = ecb.cluster_scores(gold, dict.fromkeys(gold, 0))
    assert lumped["b3_precision"] == 0.5 and lumped["b3_recall"] == 1.0 and lumped["ari"] == 0.0
    split = ecb.cluster_scores(gold, {"a": 1, "b": 2, "c": 3, "d": 4})
    assert split["b3_precision"] == 1.0 and split["b3_recall"] == 0.5 and split["purity"] == 1.0


def test_detokenising_keeps_token_spans() -> None:
    ecb = _load("ecbplus_reader")
    tokens = ["``", "We", "ca", "n't", "say", ",", "''", "the", "37", "-", "year", "-", "old", "said", "."]
    text, spans = ecb._detokenise(tokens, hyphens=True)
    assert text == '"We can\'t say," the 37-year-old said.'
    assert [text[s:e] for s, e in spans] == ['"', *tokens[1:6], '"', *tokens[7:]]
    assert ecb._detokenise(["$", "30", ",", "000", "on", "Nov", ".", "3", ",", "2009"], False)[0] == (
        "$30,000 on Nov. 3, 2009")


def test_pair_scores_count_only_pairs_across_documents() -> None:
    ecb = _ecbplus()
    labels = {"a1": "e", "a2": "e", "b1": "e", "c1": "f"}
    doc_of = {"a1": "A", "a2": "A", "b1": "B", "c1": "C"}
    scores = ecb.pair_scores(labels, {"a1": 1, "a2": 1, "b1": 1, "c1": 1}, doc_of)
    assert (scores["gold_pairs"], scores["predicted_pairs"]) == (2, 5)
    assert scores["recall"] == 1.0 and scores["precision"] == 0.4


@pytest.mark.shared
def test_reader_on_a_real_document(shared_dir: Path) -> None:
    ecb = _load("ecbplus_reader")
    doc = ecb.read_document(shared_dir / "datasets" / "ecbplus" / "ECB+" / "3" / "3_1ecbplus.xml")
    assert doc.article.url.startswith("http://www.huffingtonpost.com/2009/11/30/")
    assert doc.article.title.startswith("Arcade Joseph Comeaux Jr, Prison Inmate, Pulls Gun")
    assert doc.article.published == "2009-11-30" and doc.story == "3ecbplus"
    assert doc.article.text.startswith(doc.article.title + "\n")
    assert any(m.instance for m in doc.actions)
    assert all(doc.lines[m.line][0] <= m.start < m.end <= doc.lines[m.line][1] for m in doc.actions)


@pytest.mark.shared
def test_three_topics_well_above_chance(shared_dir: Path) -> None:
    """Two shootings (3, 8) and two earthquakes (20): stories must follow the sub-topics, not the topics."""
    try:
        get_embedder()
    except EmbeddingModelMissing as exc:
        pytest.skip(str(exc))
    ecb = _ecbplus()
    report = ecb.evaluate(shared_dir / "datasets" / "ecbplus", {"three": (3, 8, 20)})
    stories = report["stories"]["three"]
    assert stories["documents"] == 55 and stories["gold_clusters"] == 6
    assert stories["b3_f1"] >= 0.75 and stories["ari"] >= 0.6  # a random partition has ARI about 0
    assert stories["separation_error"] <= 0.25  # one story per topic would score 1.0
    figures = report["figures"]
    assert figures["figures"] >= 25 and set(figures["per_topic"]) == {3, 8}
    linked = figures["linking"]["event, annotated figures only / same story + counted"]
    assert linked["precision"] >= 0.8 and linked["recall"] >= 0.5
    conflicts = figures["conflicts"]
    assert conflicts["spanning_predicted_stories"] == conflicts["counts"].get("across sub-topics", 0)
