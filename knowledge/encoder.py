"""A multilingual sentence encoder: questions and norms as vectors, near when they mean alike.

The model is Universal Sentence Encoder Multilingual v3 (Google, Apache-2.0), converted to ONNX
and quantized (72 MB): Chinese and English in one space, 512 dimensions, about a millisecond a
sentence on one core. It runs with onnxruntime and onnxruntime-extensions (its tokenizer is a
custom op). The model file is installed as the package `sentence_encoder_model` (see
encoder-model/ in the repository); when it is missing, the matcher works lexically and this
says so once.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

logger = logging.getLogger(__name__)

MODEL_ENV = "BOT_ENCODER_MODEL"  # a path to another copy of the model file, or "off"
CACHE_ENV = "BOT_ENCODER_CACHE"  # the vector cache file; "off" for none
DIMENSIONS = 512
SAVE_AFTER_NEW_TEXTS = 16
MAX_CACHED_TEXTS = 50_000


class SentenceEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One unit-length row per text."""
        ...


class OnnxSentenceEncoder:
    """The ONNX model in one onnxruntime session, one thread (the bot has other work too)."""

    def __init__(self, model_path: Path) -> None:
        import onnxruntime
        from onnxruntime_extensions import get_library_path

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # its own warnings go to stderr, not through logging
        options.register_custom_ops_library(get_library_path())
        self._session = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = np.asarray(
            self._session.run(["outputs"], {"inputs": list(texts)})[0], dtype=np.float32
        )
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


class CachedEncoder:
    """Remembers the vector of every text it encoded: rebuilding the index after a curator's
    decision, or for each cross-validation fold, encodes only what is new.

    With a cache file, the vectors of an index build (a call with many new texts) are kept on
    disk too, so the next start encodes only what changed: two seconds less for every start.
    The file is replaced atomically; a damaged or foreign one is ignored.
    """

    def __init__(self, encoder: SentenceEncoder, cache_file: Path | None = None) -> None:
        self._encoder = encoder
        self._cache_file = cache_file
        self._vectors: dict[str, NDArray[np.float32]] = _read_cache(cache_file)

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        missing = list(dict.fromkeys(text for text in texts if text not in self._vectors))
        for start in range(0, len(missing), 64):
            batch = missing[start : start + 64]
            for text, vector in zip(batch, self._encoder.encode(batch), strict=True):
                self._vectors[text] = vector
        if len(missing) >= SAVE_AFTER_NEW_TEXTS:
            _write_cache(self._cache_file, self._vectors)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._vectors[text] for text in texts])


def _read_cache(path: Path | None) -> dict[str, NDArray[np.float32]]:
    if path is None or not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as stored:
            texts, vectors = stored["texts"], stored["vectors"]
            if vectors.shape[1:] != (DIMENSIONS,) or len(texts) != len(vectors):
                return {}
            return {str(text): vector for text, vector in zip(texts, vectors, strict=True)}
    except (OSError, ValueError, KeyError, EOFError) as error:
        logger.info("sentence vector cache %s not used: %s", path, error)
        return {}


def _write_cache(path: Path | None, vectors: dict[str, NDArray[np.float32]]) -> None:
    if path is None:
        return
    kept = list(vectors.items())[-MAX_CACHED_TEXTS:]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp.npz")
        np.savez(
            temporary,
            texts=np.array([text for text, _ in kept]),
            vectors=np.stack([vector for _, vector in kept]),
        )
        temporary.replace(path)
    except OSError as error:  # a read-only home: start-up is slower, nothing else
        logger.info("sentence vector cache %s not written: %s", path, error)


def packaged_model_path() -> Path | None:
    """Where the installed model package keeps the model file, if it is installed."""
    spec = importlib.util.find_spec("sentence_encoder_model")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model.onnx"
    return path if path.is_file() else None


def load_encoder() -> SentenceEncoder | None:
    """The encoder, or None (with one warning) when its model or runtime is not installed."""
    setting = os.environ.get(MODEL_ENV, "")
    if setting.lower() == "off":
        logger.info("sentence encoder switched off (%s=off): matching lexically", MODEL_ENV)
        return None
    path = Path(setting) if setting else packaged_model_path()
    if path is None or not path.is_file():
        logger.warning(
            "sentence encoder model not found (%s): answering lexically only",
            path or "package sentence_encoder_model not installed",
        )
        return None
    try:
        encoder = OnnxSentenceEncoder(path)
    except Exception as error:  # onnxruntime missing or the file damaged: degrade, don't die
        logger.warning("sentence encoder could not load (%s): answering lexically only", error)
        return None
    return CachedEncoder(encoder, cache_path(path))


def cache_path(model: Path) -> Path | None:
    """Where the vectors of this model are cached: BOT_ENCODER_CACHE, or the user's cache
    directory (~/.cache/kehu-zhushou), named after the model file's size."""
    setting = os.environ.get(CACHE_ENV, "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "kehu-zhushou" / f"sentence-vectors-{model.stat().st_size}.npz"


@cache
def shared_encoder() -> SentenceEncoder | None:
    """The process's one encoder (the model loads once; its vectors are remembered)."""
    return load_encoder()
