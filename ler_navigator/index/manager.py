"""Open the search index for a knowledge base: reuse it while the corpus checksum and the
embedder are unchanged, rebuild it otherwise (never answer from a stale index)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

from ler_navigator.index.documents import IndexDocument, documents_for
from ler_navigator.index.embedder import Embedder
from ler_navigator.index.hybrid import HybridIndex, Progress, built_at
from ler_navigator.index.store import ChromaStore, VectorStore
from ler_navigator.kb.loader import KnowledgeBase
from ler_navigator.models.index import IndexStatus
from ler_navigator.models.knowledge import (
    ECOSYSTEM_KINDS,
    ActionArea,
    KnowledgeItem,
    Resource,
)

COLLECTION_PREFIX = "ler_"


def collection_name(checksum: str, embedder: Embedder, prefix: str = COLLECTION_PREFIX) -> str:
    """Chroma collection name carrying corpus checksum and embedder, so builds never collide."""
    tag = re.sub(r"[^a-z0-9]+", "-", embedder.name.lower()).strip("-")[:40]
    return f"{prefix}{checksum[:16]}_{tag}"


def documents_checksum(kb_checksum: str, documents: list[IndexDocument]) -> str:
    digest = hashlib.sha256(kb_checksum.encode())
    for doc in documents:
        digest.update(doc.model_dump_json().encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def understand_queries(index: HybridIndex, items: list[KnowledgeItem]) -> HybridIndex:
    """Give ``index`` the knowledge base's aliases (typos, acronyms) and names (entity links)."""
    index.with_aliases({item.name: list(item.aliases) for item in items if item.aliases})
    authored: dict[str, list[str]] = {}
    for item in items:
        if isinstance(item, Resource):
            authored.setdefault(item.author, []).append(item.id)
    return index.with_names({item.id: [item.name, *item.aliases] for item in items}, authored)


def plan_index(
    kb: KnowledgeBase,
    embedder: Embedder,
    *,
    kinds: tuple[str, ...] = ECOSYSTEM_KINDS,
    prefix: str = COLLECTION_PREFIX,
) -> tuple[str, list[IndexDocument], str]:
    """Collection name, documents and checksum of the index ``open_index`` would open."""
    items = [item for item in kb.items.values() if item.kind in kinds]
    action_titles = {a.key: a.name for a in kb.by_kind("action_area") if isinstance(a, ActionArea)}
    documents = documents_for(items, action_titles)
    # The checksum covers the documents as indexed, not only the knowledge files, so a change
    # in how documents are built also forces a rebuild.
    checksum = documents_checksum(kb.checksum, documents)
    return collection_name(checksum, embedder, prefix), documents, checksum


def open_index(
    kb: KnowledgeBase,
    embedder: Embedder,
    store: VectorStore,
    data_dir: Path,
    *,
    kinds: tuple[str, ...] = ECOSYSTEM_KINDS,
    prefix: str = COLLECTION_PREFIX,
    progress: Progress | None = None,
    force: bool = False,
) -> tuple[HybridIndex, IndexStatus]:
    """Load the index of ``kinds`` items of ``kb`` from ``data_dir``, or build it.

    Each index lives in its own collection, named by ``prefix``, the corpus checksum and the
    embedder; stale collections with the same prefix are dropped after a build.
    """
    items = [item for item in kb.items.values() if item.kind in kinds]
    name, documents, checksum = plan_index(kb, embedder, kinds=kinds, prefix=prefix)
    folder = data_dir / "index" / name
    manifest = HybridIndex.read_manifest(folder)
    reusable = (
        not force
        and manifest is not None
        and manifest.get("checksum") == checksum
        and manifest.get("embedder") == embedder.name
        and manifest.get("documents") == len(documents)
        and store.has(name, len(documents))
    )
    if reusable:
        if progress:
            progress(1.0, "Index loaded")
        index = HybridIndex.load(folder, embedder, store, name)
        when = str(manifest.get("built_at")) if manifest else None
    else:
        when = built_at()
        index = HybridIndex.build(
            documents,
            embedder,
            store,
            name,
            collection_metadata={"checksum": checksum, "embedder": embedder.name},
            progress=progress,
        )
        index.save(folder, {"checksum": checksum, "embedder": embedder.name, "built_at": when})
        if isinstance(store, ChromaStore):
            store.drop_others(name, prefix)
    understand_queries(index, items)
    counts = Counter(item.kind for item in items)
    origins = Counter(
        source if source.startswith("imported/") else "knowledge"
        for source in (kb.sources.get(item.id, "knowledge") for item in items)
    )
    status = IndexStatus(
        backend=store.backend,
        location=store.describe(),
        collection=name,
        checksum=checksum,
        embedder=embedder.name,
        documents=len(index.documents),
        items=len(items),
        counts_by_kind=dict(sorted(counts.items())),
        sources=dict(sorted(origins.items())),
        fresh=True,
        built_at=when,
        reused=reusable,
    )
    return index, status
