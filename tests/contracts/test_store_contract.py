"""One contract for every vector store: in-memory, embedded Chroma and a Chroma server.

The hybrid index must return the same ranked ids whichever store holds the vectors, rebuilds
must not duplicate anything, and ``open_index`` must reuse only complete builds.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from ler_navigator.index.documents import documents_for
from ler_navigator.index.embedder import WordLlamaEmbedder
from ler_navigator.index.hybrid import HybridIndex
from ler_navigator.index.manager import open_index, plan_index
from ler_navigator.index.store import ChromaStore, InMemoryStore, VectorStore
from ler_navigator.kb.loader import KnowledgeBase, build_knowledge

BACKENDS = ("memory", "embedded", "server")
QUERIES = (
    "badge for a skill",
    "who signs a credential",
    "wallet on my phone",
    "check that a credential is genuine",
    "transcript of all my learning",
    "skills-based hiring",
)
TERMS = {
    "term:badge": ("Badge", "A small digital emblem that stands for a skill someone showed."),
    "term:issuer": ("Issuer", "The organization that creates and signs a credential."),
    "term:wallet": ("Wallet", "An app on a phone or the web where a learner keeps credentials."),
    "term:verifier": ("Verifier", "Whoever checks that a credential is genuine and unchanged."),
    "term:clr": ("Comprehensive Learner Record", "One record holding all of a learner's courses."),
    "term:sbha": ("Skills-based hiring", "Hiring people for what they can do, not for degrees."),
    "term:holder": ("Holder", "The person who keeps a credential and decides whom to show it."),
    "term:evidence": ("Evidence", "Work samples and results attached to a credential."),
}
_names = itertools.count()

StoreFactory = Callable[[], VectorStore]


def knowledge(extra_body: str = "") -> KnowledgeBase:
    items = [
        {
            "id": item_id,
            "name": name,
            "body": body + extra_body,
            "source_url": "https://example.org/glossary",
            "as_of": "2026-11-29",
        }
        for item_id, (name, body) in sorted(TERMS.items())
    ]
    return build_knowledge([("glossary.yaml", {"kind": "glossary_term", "items": items})])


@pytest.fixture(scope="module")
def embedder() -> WordLlamaEmbedder:
    return WordLlamaEmbedder()


@pytest.fixture(params=BACKENDS)
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> StoreFactory:
    """A factory of stores of one backend; every call is a new client over the same data."""
    if request.param == "memory":
        shared = InMemoryStore()
        return lambda: shared
    if request.param == "embedded":
        return lambda: ChromaStore(tmp_path / "chroma")
    server = request.getfixturevalue("chroma_server")
    return lambda: ChromaStore(host=server.host, port=server.port)


def unique(prefix: str = "contract") -> str:
    """A collection name no other test uses (server collections outlive a test)."""
    return f"{prefix}_{next(_names)}_{id(_names) % 10_000}"


# ---------------------------------------------------------------- the store itself
def test_create_has_and_query(make_store: StoreFactory):
    store = make_store()
    name = unique()
    vectors = np.eye(3, 4, dtype=np.float32)
    store.create(
        name, ["c", "a", "b"], vectors, [{"k": "c"}, {"k": "a"}, {"k": "b"}], ["C", "A", "B"], {}
    )
    assert store.has(name, 3)
    assert not store.has(name, 2)
    assert not make_store().has(unique("absent"), 1)
    hits = make_store().query(name, np.asarray([0, 1, 0, 0], dtype=np.float32), 3)
    assert hits[0].id == "a"
    assert hits[0].similarity == pytest.approx(1.0, abs=1e-5)
    assert {h.id for h in hits} == {"a", "b", "c"}


def test_recreating_a_collection_replaces_it(make_store: StoreFactory):
    store = make_store()
    name = unique()
    meta = {"kind": "test"}
    store.create(name, ["a", "b"], np.eye(2, dtype=np.float32), [meta, meta], ["A", "B"], {})
    store.create(name, ["x"], np.eye(1, 2, dtype=np.float32), [meta], ["X"], {})
    assert store.has(name, 1)
    assert [h.id for h in make_store().query(name, np.asarray([1, 0], np.float32), 5)] == ["x"]


# ---------------------------------------------------------------- the hybrid index on top
@pytest.fixture(scope="module")
def reference(embedder: WordLlamaEmbedder) -> dict[str, list[str]]:
    """Top ids per query over the exact in-memory store: what every backend must return."""
    kb = knowledge()
    index = HybridIndex.build(documents_for(kb.items.values(), {}), embedder, InMemoryStore(), "r")
    return {q: [s.document.id for s in index.search(q, k=5)] for q in QUERIES}


def test_same_queries_give_the_same_top_ids(make_store, embedder, reference):
    kb = knowledge()
    documents = documents_for(kb.items.values(), {})
    index = HybridIndex.build(documents, embedder, make_store(), unique())
    assert {q: [s.document.id for s in index.search(q, k=5)] for q in QUERIES} == reference
    assert reference["who signs a credential"][0] == "term:issuer"


def test_rebuilding_is_idempotent(make_store, embedder, reference):
    kb = knowledge()
    documents = documents_for(kb.items.values(), {})
    name = unique()
    HybridIndex.build(documents, embedder, make_store(), name)
    again = HybridIndex.build(documents, embedder, make_store(), name)
    assert make_store().has(name, len(documents))
    assert {q: [s.document.id for s in again.search(q, k=5)] for q in QUERIES} == reference


# ---------------------------------------- open_index: reuse only complete builds
@pytest.mark.parametrize("backend", ["embedded", "server"])
def test_open_index_reuses_a_complete_build(backend, request, tmp_path, embedder):
    make = _chroma_factory(backend, request, tmp_path)
    prefix = unique("reuse") + "_"
    kb = knowledge()
    _, first = open_index(kb, embedder, make(), tmp_path / "data", prefix=prefix)
    _, second = open_index(kb, embedder, make(), tmp_path / "data", prefix=prefix)
    assert not first.reused and second.reused
    expected, _, checksum = plan_index(kb, embedder, prefix=prefix)
    assert first.collection == second.collection == expected
    assert checksum[:16] in first.collection and first.checksum == checksum
    _, changed = open_index(
        knowledge(" Changed."), embedder, make(), tmp_path / "data", prefix=prefix
    )
    assert not changed.reused and changed.collection != first.collection


@pytest.mark.parametrize("backend", ["embedded", "server"])
def test_open_index_never_serves_a_half_built_index(backend, request, tmp_path, embedder):
    make = _chroma_factory(backend, request, tmp_path)
    prefix = unique("half") + "_"
    kb = knowledge()
    data_dir = tmp_path / "data"
    name, documents, _ = plan_index(kb, embedder, prefix=prefix)
    # A build that died after writing the collection but before its manifest.
    HybridIndex.build(documents, embedder, make(), name)
    _, status = open_index(kb, embedder, make(), data_dir, prefix=prefix)
    assert not status.reused
    # A manifest whose collection lost documents (a build cut short on the server).
    vectors = embedder.embed([d.text for d in documents[:3]])
    make().create(
        name,
        [d.id for d in documents[:3]],
        vectors,
        [d.metadata for d in documents[:3]],
        ["x"] * 3,
        {},
    )
    index, status = open_index(kb, embedder, make(), data_dir, prefix=prefix)
    assert not status.reused
    assert make().has(name, len(documents))
    assert index.search("who signs a credential", k=1)[0].document.id == "term:issuer"


def _chroma_factory(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> StoreFactory:
    if backend == "embedded":
        return lambda: ChromaStore(tmp_path / "chroma")
    server = request.getfixturevalue("chroma_server")
    return lambda: ChromaStore(host=server.host, port=server.port)
