"""The learned attribution tagger: its weights ship with the package, load offline, and add only
what the rules miss, with spans that point into the article text."""

from __future__ import annotations

import tomllib
import zlib
from importlib import resources
from pathlib import Path

import numpy as np

from fogwatch.api import run
from fogwatch.export.records import export_rows
from fogwatch.extract import tagger
from fogwatch.extract.attribution import EXTRACTOR as RULES
from fogwatch.extract.attribution import extract_attributions
from fogwatch.ledger import Ledger
from tests.extract.attribution_support import attributions, parse

ROOT = Path(__file__).resolve().parents[2]


def test_weights_are_package_data() -> None:
    shipped = resources.files("fogwatch.extract") / tagger.WEIGHTS.name
    assert shipped.is_file()
    assert tagger.WEIGHTS.stat().st_size < 5_000_000
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert f"extract/{tagger.WEIGHTS.name}" in package_data["fogwatch"]


def test_model_loads_with_the_shapes_the_features_hash_into() -> None:
    model = tagger.TaggerModel.load()
    assert model.cue.shape == (1 << tagger.HASH_BITS, 2)
    assert model.argument.shape == (1 << tagger.HASH_BITS, len(tagger.ROLES))
    assert model.cue_dense.shape == (tagger.DENSE, 2)
    assert model.argument_dense.shape == (tagger.DENSE, len(tagger.ROLES))
    assert all(0 < p < 1 for p in (model.cue_threshold, model.argument_threshold, model.source_threshold))
    assert np.isfinite(model.cue).all()


def test_hashing_is_stable_across_processes() -> None:
    """CRC-32, not Python's salted `hash`: the trained columns must be found again in any process."""
    mask = (1 << tagger.HASH_BITS) - 1
    assert tagger.hashed(["l=believe"]) == [zlib.crc32(b"l=believe") & mask]
    assert all(0 <= i <= mask for i in tagger.hashed(["a", "b", "c"]))


def test_a_stance_the_rules_miss_is_tagged_with_its_source_and_content() -> None:
    text = "Governor Lena Moreau strongly opposes the new pipeline through the northern valley."
    assert attributions(text) == []  # off by default: the rules alone
    found = extract_attributions(parse(text), learned_cues=True)
    tagged = [a for a in found if a.extractor == tagger.EXTRACTOR]
    assert tagged, [(a.text, a.extractor) for a in found]
    a = tagged[0]
    assert 0 <= a.start < a.end <= len(text) and text[a.start : a.end] == a.text
    assert "pipeline" in a.text
    assert a.cue_start is not None and a.cue_end is not None and text[a.cue_start : a.cue_end] == a.cue
    assert a.source_start is not None and a.source_end is not None
    assert "Moreau" in text[a.source_start : a.source_end]
    assert a.speaker.name is not None and "Moreau" in a.speaker.name


def test_the_rules_keep_their_attributions() -> None:
    text = "Governor Lena Moreau said the pipeline would never cross the northern valley."
    found = extract_attributions(parse(text), learned_cues=True)
    assert [a.extractor for a in found] == [RULES]


def test_tagged_spans_are_valid_offsets_in_every_sentence() -> None:
    text = ("Mayor Tom Ellery wants to close the old bridge by spring.\n\n"
            "Residents fear the detour will add an hour to their commute, and the council's plan to "
            "widen Route 9 has stalled.")
    parsed = parse(text)
    for draft in tagger.tagged_drafts(parsed, [], tagger.shipped_model()):
        assert 0 <= draft.start < draft.end <= len(text)
        assert draft.cue_start is not None and draft.cue_end is not None
        assert 0 <= draft.cue_start < draft.cue_end <= len(text)
        assert text[draft.start : draft.end].strip() == text[draft.start : draft.end]


def test_the_setting_reaches_the_export(tmp_path: Path) -> None:
    """`learned_cues` on: the tagged attribution is exported with the tagger's extractor name; off
    (the default): only the rules' attributions."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "stance.txt").write_text(
        "Senator Ada Rourke said the vote was delayed.\n\n"
        "Rourke strongly opposes the new pipeline through the northern valley.\n", encoding="utf-8")
    extractors = {}
    for learned in (False, True):
        db = tmp_path / f"{learned}.db"
        run([str(folder)], str(db), stages=("ingest", "extract"), learned_cues=learned, workers=1)
        ledger = Ledger(str(db))
        try:
            extractors[learned] = sorted(r["extractor"] for r in export_rows(ledger)
                                         if r["type"] == "attribution")
        finally:
            ledger.close()
    assert extractors[False] == [RULES]
    assert extractors[True] == sorted([RULES, tagger.EXTRACTOR])


def test_turning_the_setting_on_for_a_stored_ledger_extracts_it_again(tmp_path: Path) -> None:
    """Claims found without the tagger are not kept once it is switched on, nor the other way round."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "stance.txt").write_text(
        "Mayor Ivo Brandt said the bridge would close.\n\n"
        "Brandt strongly opposes the new quarry beside the eastern lake.\n", encoding="utf-8")
    db = str(tmp_path / "one.db")
    seen = []
    for learned in (False, True, False):
        run([str(folder)], db, stages=("ingest", "extract"), learned_cues=learned, workers=1)
        ledger = Ledger(db)
        try:
            seen.append(sorted(r["extractor"] for r in export_rows(ledger) if r["type"] == "attribution"))
        finally:
            ledger.close()
    assert seen[0] == seen[2] and set(seen[0]) == {RULES}
    assert tagger.EXTRACTOR in seen[1]
