"""Vector stores behind one small interface: Chroma (embedded or server) and exact in-memory.

Chroma's ANN order can shift between rebuilds; callers therefore over-fetch a constant number
of candidates and re-rank them exactly (see ``hybrid.py``).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from ler_navigator.errors import IndexError_

# Chroma's add() rejects batches above its max batch size (5,461 on SQLite builds).
ADD_BATCH = 5000

HNSW_CONFIG = {"hnsw": {"space": "cosine", "ef_search": 500, "ef_construction": 200}}


@dataclass(frozen=True)
class StoredHit:
    id: str
    similarity: float


class VectorStore(Protocol):
    """What the hybrid index needs from a vector store."""

    backend: str

    def has(self, name: str, expected_count: int) -> bool: ...

    def create(
        self,
        name: str,
        ids: Sequence[str],
        embeddings: np.ndarray,
        metadatas: Sequence[dict[str, str]],
        documents: Sequence[str],
        collection_metadata: dict[str, str],
    ) -> None: ...

    def query(self, name: str, embedding: np.ndarray, n: int) -> list[StoredHit]: ...

    def describe(self) -> str: ...


class InMemoryStore:
    """Exact cosine search over numpy arrays: the reference the ANN store is checked against."""

    backend = "memory"

    def __init__(self) -> None:
        self._collections: dict[str, tuple[list[str], np.ndarray]] = {}

    def has(self, name: str, expected_count: int) -> bool:
        entry = self._collections.get(name)
        return entry is not None and len(entry[0]) == expected_count

    def create(self, name, ids, embeddings, metadatas, documents, collection_metadata) -> None:
        self._collections[name] = (list(ids), np.asarray(embeddings, dtype=np.float32))

    def query(self, name: str, embedding: np.ndarray, n: int) -> list[StoredHit]:
        ids, matrix = self._collections[name]
        sims = matrix @ embedding
        order = sorted(range(len(ids)), key=lambda i: (-round(float(sims[i]), 6), ids[i]))[:n]
        return [StoredHit(ids[i], float(sims[i])) for i in order]

    def describe(self) -> str:
        return "in-memory"


class ChromaStore:
    """Chroma: an embedded ``PersistentClient`` in a folder, or an ``HttpClient`` to a server."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        host: str | None = None,
        port: int = 8000,
    ) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        logging.getLogger("chromadb").setLevel(logging.WARNING)
        client_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        try:
            if host:
                self.backend = "chroma-server"
                self._where = f"http://{host}:{port}"
                self._client = chromadb.HttpClient(host=host, port=port, settings=client_settings)
            else:
                if path is None:
                    raise IndexError_("No folder was given for the embedded Chroma store.")
                path.mkdir(parents=True, exist_ok=True)
                self.backend = "chroma-embedded"
                self._where = str(path)
                self._client = chromadb.PersistentClient(path=str(path), settings=client_settings)
        except IndexError_:
            raise
        except Exception as exc:
            raise IndexError_(
                f"The Chroma vector store at {path or host} could not be opened.",
                hint="Delete the data folder to rebuild it, or check LER_NAV_CHROMA_HOST.",
            ) from exc
        self._open: dict[str, object] = {}
        # Collection sizes, remembered so a query does not pay a count() round trip.
        self._counts: dict[str, int] = {}

    def describe(self) -> str:
        return f"{self.backend} ({self._where})"

    @property
    def client(self) -> object:
        """The underlying chromadb client (for baselines that use it directly)."""
        return self._client

    def _collection(self, name: str):
        if name not in self._open:
            self._open[name] = self._client.get_collection(name, embedding_function=None)
        return self._open[name]

    def has(self, name: str, expected_count: int) -> bool:
        try:
            count = self._collection(name).count()  # type: ignore[attr-defined]
        except Exception:  # chromadb raises NotFoundError/ValueError by version
            self._open.pop(name, None)
            return False
        self._counts[name] = count
        return count == expected_count

    def create(self, name, ids, embeddings, metadatas, documents, collection_metadata) -> None:
        try:
            with contextlib.suppress(Exception):  # absent already: nothing to delete
                self._client.delete_collection(name)
            self._open.pop(name, None)
            collection = self._client.create_collection(
                name,
                embedding_function=None,
                configuration=HNSW_CONFIG,  # type: ignore[arg-type]
                # Chroma rejects an empty metadata mapping.
                metadata=collection_metadata or None,
            )
            # Sorted ids in, so the HNSW graph is built the same way each time.
            order = sorted(range(len(ids)), key=lambda i: ids[i])
            for start in range(0, len(order), ADD_BATCH):
                batch = order[start : start + ADD_BATCH]
                collection.add(
                    ids=[ids[i] for i in batch],
                    embeddings=np.asarray(embeddings[batch], dtype=np.float32),
                    metadatas=[metadatas[i] for i in batch],
                    documents=[documents[i] for i in batch],
                )
            self._open[name] = collection
            self._counts[name] = len(ids)
        except Exception as exc:
            raise IndexError_(f"Building the Chroma collection '{name}' failed: {exc}") from exc

    def query(self, name: str, embedding: np.ndarray, n: int) -> list[StoredHit]:
        try:
            collection = self._collection(name)
            if name not in self._counts:
                self._counts[name] = collection.count()  # type: ignore[attr-defined]
            n = min(n, self._counts[name])
            if n == 0:
                return []
            result = collection.query(  # type: ignore[attr-defined]
                query_embeddings=[np.asarray(embedding, dtype=np.float32)],
                n_results=n,
                include=["distances"],
            )
        except Exception as exc:
            raise IndexError_(f"The Chroma query failed: {exc}") from exc
        ids = result["ids"][0]
        distances = result["distances"][0]
        return [StoredHit(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def drop_others(self, keep: str, prefix: str) -> None:
        """Delete stale collections of earlier builds (same prefix, other name)."""
        for collection in self._client.list_collections():
            name = getattr(collection, "name", collection)
            if isinstance(name, str) and name.startswith(prefix) and name != keep:
                # A concurrent reader may still hold it; keeping it is harmless.
                with contextlib.suppress(Exception):
                    self._client.delete_collection(name)
