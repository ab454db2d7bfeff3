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
from ler_navigator.settings import Settings


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


class _LocalEmbedder:
    """A model loaded in this process, with a fixed size: ``name``, ``dim`` and the empty case
    are shared; subclasses set ``_name`` and ``_dim`` and turn texts into rows."""

    _name: str
    _dim: int

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return np.ascontiguousarray(np.asarray(self._rows(list(texts)), dtype=np.float32))

    def _rows(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class WordLlamaEmbedder(_LocalEmbedder):
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

    def _rows(self, texts: list[str]) -> np.ndarray:
        return self._model.embed(texts, norm=True)  # type: ignore[attr-defined]


class OpenAICompatibleEmbedder:
    """Embeddings from an OpenAI-compatible ``/embeddings`` endpoint (OpenAI, vLLM, Ollama,
    text-embeddings-inference). Optional: it needs the network or a local server."""

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 2,
    ) -> None:
        from langchain_openai import OpenAIEmbeddings

        self._model = model
        where = base_url or "https://api.openai.com/v1"
        self._name = f"openai-compatible:{model}@{where}"
        self._client = OpenAIEmbeddings(
            model=model,
            base_url=base_url,
            # A local server needs no key; the client insists on some value.
            api_key=api_key or "not-needed",  # type: ignore[arg-type]
            timeout=timeout,
            max_retries=max_retries,
            # Raw strings, not tiktoken ids: servers other than OpenAI expect text.
            check_embedding_ctx_length=False,
        )
        self._dim: int | None = None

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = int(self.embed(["dimension probe"]).shape[1])
        return self._dim

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim or 0), dtype=np.float32)
        try:
            rows = self._client.embed_documents(list(texts))
        except Exception as exc:  # the client raises its own error types per failure
            raise ConfigError(
                f"The embeddings endpoint for '{self._model}' did not answer: {exc}",
                hint="Check LER_NAV_EMBEDDING_BASE_URL, or set LER_NAV_EMBEDDER=wordllama.",
            ) from exc
        matrix = np.asarray(rows, dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix = matrix / np.where(norms == 0, 1.0, norms)
        self._dim = int(matrix.shape[1])
        return np.ascontiguousarray(matrix)


class SentenceTransformerEmbedder(_LocalEmbedder):
    """A sentence-transformers model from a local folder or the local model cache (never
    downloaded: the product stays offline). Optional: it needs PyTorch and
    sentence-transformers installed."""

    def __init__(self, model: str) -> None:
        try:
            import sentence_transformers
        except ImportError as exc:
            raise ConfigError(
                "LER_NAV_EMBEDDER=sentence-transformers needs the sentence-transformers "
                "package (and PyTorch).",
                hint="Install them, or set LER_NAV_EMBEDDER=wordllama.",
            ) from exc
        try:
            self._model = sentence_transformers.SentenceTransformer(
                model, device="cpu", local_files_only=True
            )
        except Exception as exc:  # the library raises OSError, ValueError or its own types
            raise ConfigError(
                f"The sentence-transformers model '{model}' could not be loaded from this "
                f"machine: {exc}",
                hint="Point LER_NAV_EMBEDDING_MODEL at a model folder on disk.",
            ) from exc
        label = Path(model).name or model
        self._name = f"sentence-transformers:{label}@{sentence_transformers.__version__}"
        dimension = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self._dim = int(dimension() or 0)

    def _rows(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(
            texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True
        )


def make_embedder(settings: Settings) -> Embedder:
    """The embedder named in settings: WordLlama offline, a local sentence-transformers
    model, or an OpenAI-compatible endpoint."""
    if settings.embedder == "wordllama":
        return WordLlamaEmbedder(settings.wordllama_dim)
    if settings.embedder == "openai":
        if not settings.embedding_model:
            raise ConfigError(
                "LER_NAV_EMBEDDER=openai needs a model name.",
                hint="Set LER_NAV_EMBEDDING_MODEL (and LER_NAV_EMBEDDING_BASE_URL for a local "
                "server).",
            )
        key = settings.embedding_api_key.get_secret_value() if settings.embedding_api_key else None
        return OpenAICompatibleEmbedder(
            settings.embedding_model,
            base_url=settings.embedding_base_url,
            api_key=key,
            timeout=settings.llm_timeout,
            max_retries=settings.llm_max_retries,
        )
    if settings.embedder == "sentence-transformers":
        if not settings.embedding_model:
            raise ConfigError(
                "LER_NAV_EMBEDDER=sentence-transformers needs a model.",
                hint="Set LER_NAV_EMBEDDING_MODEL to a model folder on disk.",
            )
        return SentenceTransformerEmbedder(settings.embedding_model)
    raise ConfigError(
        f"Unknown embedder '{settings.embedder}'.", hint="Set LER_NAV_EMBEDDER=wordllama."
    )
