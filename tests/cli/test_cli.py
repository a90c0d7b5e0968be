"""End to end through the `fogwatch` command: the demo corpus in, a ledger, exports and a report out."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo"

DemoRun = tuple[Path, subprocess.CompletedProcess[str]]  # the work folder and the `fogwatch run` result


def fogwatch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fogwatch.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    work = tmp_path_factory.mktemp("demo")
    return work, fogwatch("run", str(DEMO), cwd=work)


def test_run_on_demo_stores_everything_and_reports(demo_run: DemoRun) -> None:
    work, result = demo_run
    assert result.returncode == 0, result.stderr
    assert (work / "fogwatch.db").exists(), "the default ledger is fogwatch.db in the working directory"
    assert "Most repeated statements" in result.stdout
    assert "Conflicts" in result.stdout


def test_rerun_adds_nothing_twice(demo_run: DemoRun) -> None:
    work, _ = demo_run
    before = json.loads(fogwatch("stats", "--json", cwd=work).stdout)["counts"]
    again = fogwatch("ingest", str(DEMO), cwd=work)
    assert again.returncode == 0, again.stderr
    after = json.loads(fogwatch("stats", "--json", cwd=work).stdout)["counts"]
    assert after["articles"] == before["articles"] >= 10
    assert after["attributions"] == before["attributions"]


def test_jsonl_export_follows_the_contract(demo_run: DemoRun) -> None:
    work, _ = demo_run
    out = work / "ledger.jsonl"
    assert fogwatch("export", "--format", "jsonl", "-o", str(out), cwd=work).returncode == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_type: dict[str, list[dict]] = {}
    for row in rows:
        by_type.setdefault(row["type"], []).append(row)
    assert {"article", "attribution", "figure", "statement"} <= set(by_type)
    texts = {a["id"]: a for a in by_type["article"]}
    assert all(set(a) >= {"id", "source"} for a in by_type["article"])
    for attribution in by_type["attribution"]:
        assert attribution["article"] in texts
        assert {"speaker", "kind", "text", "start", "end", "via"} <= set(attribution)
    for figure in by_type["figure"]:
        assert {"value", "low", "high", "counted", "source", "window", "attribution"} <= set(figure)


def test_offsets_point_at_the_stored_text(demo_run: DemoRun) -> None:
    work, _ = demo_run
    out = work / "with-text.jsonl"
    fogwatch("export", "--text", "-o", str(out), cwd=work)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    text = {r["id"]: r["text"] for r in rows if r["type"] == "article"}
    claims = [r for r in rows if r["type"] in {"attribution", "figure"}]
    assert claims
    for claim in claims:
        assert text[claim["article"]][claim["start"]:claim["end"]] == claim["text"]


def test_csv_export_loads_in_pandas(demo_run: DemoRun) -> None:
    work, _ = demo_run
    out = work / "csv"
    assert fogwatch("export", "--format", "csv", "-o", str(out), cwd=work).returncode == 0
    attributions = pd.read_csv(out / "attributions.csv")
    assert {"speaker_name", "speaker_type", "text", "start", "end"} <= set(attributions.columns)
    assert len(pd.read_csv(out / "articles.csv")) >= 10


def test_rejected_inputs_give_exit_code_1_and_the_rest_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(DEMO / "lowland-courier.txt", folder / "good.txt")
    (folder / "broken.txt").write_bytes(b"caf\xe9 au lait\n")
    (folder / "empty.txt").write_bytes(b"")
    result = fogwatch("ingest", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert "broken.txt" in result.stderr and "empty.txt" in result.stderr
    counts = json.loads(fogwatch("stats", "--json", cwd=tmp_path).stdout)["counts"]
    assert counts["articles"] == 1 and counts["rejected"] == 2


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert fogwatch("run", "--set", "no_such=1", "x", cwd=tmp_path).returncode == 2
    assert fogwatch("export", "--format", "csv", cwd=tmp_path).returncode == 2
    assert fogwatch("bogus-command", cwd=tmp_path).returncode == 2


def test_python_api_gives_dataframes(demo_run: DemoRun) -> None:
    import fogwatch

    work, _ = demo_run
    frames = fogwatch.frames(db=str(work / "fogwatch.db"))
    assert len(frames["articles"]) >= 10
    assert "speaker_name" in frames["attributions"].columns
    assert len(fogwatch.frame("statements", db=str(work / "fogwatch.db"))) >= 1


def test_timeline_lists_prints_charts_and_exports(demo_run: DemoRun) -> None:
    work, _ = demo_run
    listing = fogwatch("timeline", cwd=work)
    assert listing.returncode == 0 and "killed_or_wounded" in listing.stdout
    chart, out = work / "tl.svg", work / "tl.jsonl"
    result = fogwatch("timeline", "killed_or_wounded", "--chart", str(chart), "-o", str(out), cwd=work)
    assert result.returncode == 0, result.stderr
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    points = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert points
    assert all(p["type"] == "timeline" and p["quantity"].startswith("killed_or_wounded") for p in points)
    assert fogwatch("timeline", "no such quantity", cwd=work).returncode == 2


def test_claimreview_and_graph_exports(demo_run: DemoRun) -> None:
    work, _ = demo_run
    reviews, graph = work / "claims.jsonld", work / "graph.graphml"
    assert fogwatch("export", "--format", "claimreview", "-o", str(reviews), cwd=work).returncode == 0
    documents = [json.loads(line) for line in reviews.read_text(encoding="utf-8").splitlines()]
    assert documents
    assert all(d["@type"] == "ClaimReview" and d["itemReviewed"]["@type"] == "Claim" for d in documents)
    assert fogwatch("export", "--format", "graph", "-o", str(graph), cwd=work).returncode == 0
    assert "<graphml" in graph.read_text(encoding="utf-8")
