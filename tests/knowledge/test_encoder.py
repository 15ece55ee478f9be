"""The sentence encoder: a second opinion that may be missing without stopping the bot, and
whose vectors are cached so a start encodes only what changed."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from knowledge.encoder import DIMENSIONS, CachedEncoder, load_encoder
from knowledge.matcher import Verdict
from knowledge.service import build_knowledge


class CountingEncoder:
    """Stands in for the model: a fixed unit vector per text, counting what it encodes."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.encoded += texts
        vectors = np.array(
            [
                np.random.default_rng(abs(hash(text)) % 2**32).normal(size=DIMENSIONS)
                for text in texts
            ],
            dtype=np.float32,
        )
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_missing_model_leaves_a_lexical_bot_and_one_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("BOT_ENCODER_MODEL", str(tmp_path / "nowhere.onnx"))
    with caplog.at_level(logging.WARNING):
        assert load_encoder() is None
    assert [record.levelname for record in caplog.records] == ["WARNING"]
    assert "answering lexically only" in caplog.records[0].getMessage()
    knowledge = build_knowledge(encoder=False)
    assert knowledge.matcher.encoder is None
    assert knowledge.match("见完客户多久发感谢函").verdict is Verdict.ANSWER


def test_a_damaged_model_file_is_a_warning_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"not a model")
    monkeypatch.setenv("BOT_ENCODER_MODEL", str(broken))
    with caplog.at_level(logging.WARNING):
        assert load_encoder() is None
    assert "could not load" in caplog.text


def test_vectors_of_an_index_build_are_cached_for_the_next_start(tmp_path: Path) -> None:
    cache = tmp_path / "vectors.npz"
    texts = [f"问题{i}" for i in range(40)]
    first_model = CountingEncoder()
    first = CachedEncoder(first_model, cache).encode(texts)
    second_model = CountingEncoder()
    second = CachedEncoder(second_model, cache).encode([*texts, "新问题"])
    assert len(first_model.encoded) == 40
    assert second_model.encoded == ["新问题"]
    np.testing.assert_allclose(second[:40], first)


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "vectors.npz"
    cache.write_bytes(b"garbage")
    model = CountingEncoder()
    CachedEncoder(model, cache).encode(["拜访"])
    assert model.encoded == ["拜访"]


def test_questions_asked_one_by_one_are_not_written_to_disk(tmp_path: Path) -> None:
    cache = tmp_path / "vectors.npz"
    encoder = CachedEncoder(CountingEncoder(), cache)
    for question in ("感谢函几天", "招标几点到"):
        encoder.encode([question])
    assert not cache.exists()
