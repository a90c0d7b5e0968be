"""The sentence model with int8 arithmetic: built once from the shipped model file, then cached.

The shipped all-MiniLM-L6-v2 file stores its weights as int8 but turns them back into floats when
the session loads, so every product is computed in float32. Quantizing the weights per output
channel and the activations on the fly lets onnxruntime multiply in int8 (VNNI, AMX), which embeds
the same texts in half the time; the vectors keep a cosine above 0.97 (mean 0.995) with the float
ones. Building the file takes about a second, so it is done once per machine and kept in the user's
cache folder (``$FOGWATCH_CACHE``, else ``$XDG_CACHE_HOME/fogwatch``, else ``~/.cache/fogwatch``, else,
for a user without a home directory, ``fogwatch`` in the system's temporary folder), under a name that
changes with the source file, onnxruntime's version and this recipe.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

RECIPE = "per-channel-s8.v1"  # changing how the file is built must change this


def cache_folder() -> Path:
    """Where built model files are kept."""
    chosen = os.environ.get("FOGWATCH_CACHE")
    if chosen:
        return Path(chosen)
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "fogwatch"
    try:
        return Path.home() / ".cache" / "fogwatch"
    except (RuntimeError, KeyError):  # a user without a home directory (a bare container)
        return Path(tempfile.gettempdir()) / "fogwatch"


def int8_model(source: Path, rebuild: bool = False) -> Path:
    """The int8 build of ``source``, from the cache, built there first when absent (or when
    ``rebuild``: the cached file would not load). Where the cache folder cannot be written, the file
    is built in a temporary folder for this process."""
    name = f"{source.stem}.{_key(source)}.onnx"
    folder = cache_folder()
    target = folder / name
    if target.is_file() and not rebuild:
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return _build(source, target)
    except OSError:
        scratch = tempfile.mkdtemp(prefix="fogwatch-model-")
        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
        return _build(source, Path(scratch) / name)


def _key(source: Path) -> str:
    """What the built file depends on: the source's bytes, onnxruntime's version, the recipe."""
    import onnxruntime

    digest = hashlib.sha256(f"{onnxruntime.__version__} {RECIPE}".encode())
    with source.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def _build(source: Path, target: Path) -> Path:
    """Fold the stored int8-to-float conversion into plain float weights (onnxruntime's basic graph
    optimisation, which is hardware-independent), then quantize them per channel; written under a
    temporary name and renamed, so two processes building at once leave one whole file."""
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(prefix="fogwatch-model-") as work:
        folded = Path(work) / "folded.onnx"
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        ort.InferenceSession(str(source), sess_options=options, providers=["CPUExecutionProvider"])
        built = Path(work) / target.name
        quiet = _NoPreProcessingAdvice()
        logging.getLogger().addFilter(quiet)  # the library logs its advice to the root logger
        try:
            quantize_dynamic(folded, built, weight_type=QuantType.QInt8, per_channel=True)
        finally:
            logging.getLogger().removeFilter(quiet)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            partial.write_bytes(built.read_bytes())
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)  # a write cut short leaves nothing behind
    return target


class _NoPreProcessingAdvice(logging.Filter):
    """Drops onnxruntime's advice to run its shape-inference pre-processing first (it needs sympy,
    which Fogwatch does not install; the build is measured without it), so a first run prints no
    warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing" not in record.getMessage()
