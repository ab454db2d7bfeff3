from pathlib import Path

import numpy as np
import pytest

from ler_navigator.index.documents import IndexDocument
from ler_navigator.index.hybrid import FusionWeights, HybridIndex, rank_key
from ler_navigator.index.store import ChromaStore, InMemoryStore
from tests.fakes import FakeEmbedder


def _doc(doc_id: str, text: str, *, parent: str | None = None, kind: str = "glossary_term"):
    return IndexDocument(
        id=doc_id,
        parent_id=parent or doc_id.split("#")[0],
        kind=kind,
        title=doc_id,
        url="https://example.org/" + doc_id.replace(":", "/"),
        text=text,
        stakeholder_groups=("stakeholder:employers",) if kind == "stakeholder" else (),
    )


DOCS = [
    _doc("term:badge", "Badge. A digital symbol of an achievement or skill."),
    _doc("term:wallet", "Digital wallet. An app where a learner keeps credentials."),
    _doc("term:issuer", "Issuer. The organization that signs and issues a credential."),
    _doc("stakeholder:employers", "Employers hire and verify skills.", kind="stakeholder"),
    _doc("stakeholder:employers#issuing", "Employers issue employment LERs.", kind="stakeholder"),
    _doc("stakeholder:employers#using", "Employers use LERs to hire.", kind="stakeholder"),
    _doc("resource:guide", "A guide to verifiable credentials for employers.", kind="resource"),
]


def _index(store=None, docs=DOCS):
    return HybridIndex.build(docs, FakeEmbedder(), store or InMemoryStore(), "test_collection")


def test_rank_key_breaks_ties_by_id():
    ordered = sorted([("b", 0.5), ("a", 0.5), ("c", 0.7)], key=lambda p: rank_key(p[1], p[0]))
    assert [p[0] for p in ordered] == ["c", "a", "b"]
    # Differences below the rounding precision count as ties, decided by id.
    assert rank_key(0.1234561, "z") < rank_key(0.1234564, "a") or (
        round(0.1234561, 6) == round(0.1234564, 6)
        and rank_key(0.1234564, "a") < rank_key(0.1234561, "z")
    )


def test_equal_documents_tie_on_id():
    twins = [_doc("term:b", "same words here"), _doc("term:a", "same words here")]
    results = _index(docs=twins).search("same words", k=2)
    assert [r.document.id for r in results] == ["term:a", "term:b"]
    assert results[0].score == pytest.approx(results[1].score)


def test_best_match_first_and_scores_descend():
    results = _index().search("which organization issues a credential", k=5)
    assert results[0].document.id == "term:issuer"
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)


def test_at_most_two_chunks_per_parent():
    results = _index().search("employers", k=5)
    parents = [r.document.parent_id for r in results]
    assert parents.count("stakeholder:employers") == 2


def test_kind_and_stakeholder_filters():
    index = _index()
    only_resources = index.search("employers credentials", k=5, kinds=["resource"])
    assert [r.document.id for r in only_resources] == ["resource:guide"]
    grouped = index.search("hire", k=5, stakeholder="stakeholder:employers")
    assert grouped and all(r.document.kind == "stakeholder" for r in grouped)


def test_empty_query_returns_nothing():
    assert _index().search("   ", k=5) == []


def test_min_score_cuts_weak_results():
    index = _index()
    everything = index.search("badge", k=7)
    cut = everything[0].score - 0.01
    results = index.search("badge", k=7, min_score=cut)
    assert [r.document.id for r in results] == ["term:badge"]
    assert len(everything) > len(results)


def test_rebuild_gives_identical_rankings():
    queries = ["badge", "employers hire", "wallet app", "verifiable credentials guide"]
    first, second = _index(), _index()
    for q in queries:
        a = [(r.document.id, round(r.score, 6)) for r in first.search(q, k=5)]
        b = [(r.document.id, round(r.score, 6)) for r in second.search(q, k=5)]
        assert a == b


def test_chroma_and_exact_store_agree(tmp_path: Path):
    exact = _index(InMemoryStore())
    chroma = _index(ChromaStore(tmp_path / "chroma"))
    for q in ["badge", "employers issue", "digital wallet for learners"]:
        assert [r.document.id for r in exact.search(q, k=5)] == [
            r.document.id for r in chroma.search(q, k=5)
        ]


def test_save_and_load_round_trip(tmp_path: Path):
    store = InMemoryStore()
    built = _index(store)
    built.save(tmp_path, {"checksum": "abc"})
    loaded = HybridIndex.load(tmp_path, FakeEmbedder(), store, "test_collection")
    assert HybridIndex.read_manifest(tmp_path)["documents"] == len(DOCS)
    assert [d.id for d in loaded.documents] == [d.id for d in built.documents]
    assert np.array_equal(loaded.embeddings, built.embeddings)


def test_fusion_weights_are_monotone_in_each_signal():
    w = FusionWeights()
    base = w.combine(np.array([0.3]), np.array([2.0]), np.array([0.2]))
    assert w.combine(np.array([0.4]), np.array([2.0]), np.array([0.2])) > base
    assert w.combine(np.array([0.3]), np.array([3.0]), np.array([0.2])) > base
    assert w.combine(np.array([0.3]), np.array([2.0]), np.array([0.4])) > base
