"""Embedders: turn texts into L2-normalised vectors.

The default is WordLlama, which ships its weights inside the package and so runs offline.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np

from ler_navigator.errors import ConfigError


@runtime_checkable
class Embedder(Protocol):
    """Anything that embeds texts into unit-length float32 rows."""

    @property
    def name(self) -> str:
        """Model name and version; stored with the index so a change forces a rebuild."""
        ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: list[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dim), each row L2-normalised."""
        ...


class WordLlamaEmbedder:
    """Offline static-embedding model (WordLlama), loaded once per process."""

    _lock = threading.Lock()
    _models: ClassVar[dict[int, object]] = {}

    def __init__(self, dim: int = 256) -> None:
        self._dim = dim
        self._model = self._load(dim)
        from importlib.metadata import version

        self._name = f"wordllama-l2_supercat-{dim}@{version('wordllama')}"

    @classmethod
    def _load(cls, dim: int) -> object:
        with cls._lock:
            if dim not in cls._models:
                root = logging.getLogger()
                level = root.level
                try:
                    # Importing wordllama switches the root logger to INFO; put it back.
                    import wordllama
                    from wordllama import WordLlama
                finally:
                    root.setLevel(level)
                try:
                    # The package ships weights and tokenizer; pointing cache_dir at it and
                    # disabling downloads keeps loading offline.
                    cls._models[dim] = WordLlama.load(
                        cache_dir=Path(wordllama.__file__).parent, dim=dim, disable_download=True
                    )
                except Exception as exc:  # the library raises bare exceptions for missing files
                    raise ConfigError(
                        f"The offline embedding model (WordLlama, {dim} dimensions) could not be "
                        "loaded.",
                        hint="Reinstall the environment with `make run`, or set "
                        "LER_NAV_WORDLLAMA_DIM=256.",
                    ) from exc
                finally:
                    root.setLevel(level)
            return cls._models[dim]

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        vectors = self._model.embed(list(texts), norm=True)  # type: ignore[attr-defined]
        return np.ascontiguousarray(vectors, dtype=np.float32)


def make_embedder(kind: str, dim: int = 256) -> Embedder:
    """The embedder named in settings."""
    if kind == "wordllama":
        return WordLlamaEmbedder(dim)
    raise ConfigError(f"Unknown embedder '{kind}'.", hint="Set LER_NAV_EMBEDDER=wordllama.")
