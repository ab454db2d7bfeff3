from langchain_core.documents import Document

from ler_navigator.index.hybrid import HybridIndex
from ler_navigator.index.langchain import KnowledgeRetriever, LangChainEmbeddings
from ler_navigator.index.store import InMemoryStore
from tests.fakes import FakeEmbedder
from tests.index.test_hybrid import DOCS


def test_retriever_returns_documents_in_index_order():
    index = HybridIndex.build(DOCS, FakeEmbedder(), InMemoryStore(), "c")
    retriever = KnowledgeRetriever(index=index, k=3)
    docs = retriever.invoke("which organization issues a credential")
    assert all(isinstance(d, Document) for d in docs)
    expected = [r.document.id for r in index.search("which organization issues a credential", 3)]
    assert [d.metadata["id"] for d in docs] == expected
    assert docs[0].metadata["kind"] == "glossary_term"


def test_retriever_filters_by_kind():
    index = HybridIndex.build(DOCS, FakeEmbedder(), InMemoryStore(), "c")
    docs = KnowledgeRetriever(index=index, k=5, kinds=["resource"]).invoke("employers")
    assert [d.metadata["id"] for d in docs] == ["resource:guide"]


def test_embeddings_adapter_matches_embedder():
    adapter = LangChainEmbeddings(FakeEmbedder())
    assert adapter.embed_query("badge") == FakeEmbedder().embed(["badge"])[0].tolist()
    assert len(adapter.embed_documents(["a", "b"])) == 2
