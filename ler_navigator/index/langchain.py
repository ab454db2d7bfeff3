"""LangChain adapters: our embedder as ``Embeddings``, the hybrid index as a ``BaseRetriever``."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from ler_navigator.index.embedder import Embedder
from ler_navigator.index.hybrid import HybridIndex


class LangChainEmbeddings(Embeddings):
    """Wraps an ``Embedder`` for LangChain vector stores (e.g. ``langchain_chroma.Chroma``)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._embedder.embed([text])[0].tolist()


class KnowledgeRetriever(BaseRetriever):
    """The hybrid index as a LangChain retriever; metadata carries ids, kind, title and score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: HybridIndex
    k: int = 8
    kinds: Sequence[str] | None = None
    stakeholder: str | None = None
    min_score: float = 0.0

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        results = self.index.search(
            query,
            self.k,
            kinds=self.kinds,
            stakeholder=self.stakeholder,
            min_score=self.min_score,
        )
        return [
            Document(
                id=r.document.id,
                page_content=r.document.text,
                metadata={**r.document.metadata, "id": r.document.id, "score": round(r.score, 6)},
            )
            for r in results
        ]
