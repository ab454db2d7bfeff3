from pathlib import Path

from ler_navigator.index.manager import collection_name, open_index
from ler_navigator.index.store import ChromaStore
from ler_navigator.kb.loader import build_knowledge
from tests.fakes import FakeEmbedder


def _kb(extra_alias: str | None = None):
    items = [
        {
            "id": "term:badge",
            "name": "Badge",
            "aliases": [extra_alias] if extra_alias else [],
            "body": "A small digital emblem standing for something a person learned.",
            "source_url": "https://example.org/glossary",
            "as_of": "2026-11-29",
        },
        {
            "id": "term:issuer",
            "name": "Issuer",
            "body": "The organization that creates and signs a credential for a learner.",
            "source_url": "https://example.org/glossary",
            "as_of": "2026-11-29",
        },
    ]
    return build_knowledge([("t.yaml", {"kind": "glossary_term", "items": items})])


def test_index_is_reused_while_corpus_and_embedder_are_unchanged(tmp_path: Path):
    store = ChromaStore(tmp_path / "chroma")
    messages: list[str] = []
    _, first = open_index(
        _kb(), FakeEmbedder(), store, tmp_path, progress=lambda f, m: messages.append(m)
    )
    assert not first.reused and "Index ready" in messages
    # A new store object over the same folder, as after a restart.
    _, second = open_index(_kb(), FakeEmbedder(), ChromaStore(tmp_path / "chroma"), tmp_path)
    assert second.reused
    assert second.checksum == first.checksum
    assert second.counts_by_kind == {"glossary_term": 2}


def test_changed_corpus_triggers_a_rebuild_under_a_new_name(tmp_path: Path):
    store = ChromaStore(tmp_path / "chroma")
    _, first = open_index(_kb(), FakeEmbedder(), store, tmp_path)
    index, second = open_index(_kb("Digital badge"), FakeEmbedder(), store, tmp_path)
    assert not second.reused
    assert second.collection != first.collection
    assert index.search("digital badge", k=1)[0].document.id == "term:badge"


def test_collection_name_is_valid_for_chroma():
    name = collection_name("a" * 64, FakeEmbedder())
    assert 3 <= len(name) <= 63
    assert name.startswith("ler_")
