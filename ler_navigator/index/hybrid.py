"""The hybrid index: dense (embedder + vector store) and lexical (BM25) evidence fused, then
re-ranked exactly and sorted by (rounded score desc, id asc) so that the same corpus and the
same question always give the same ranked ids."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ler_navigator.errors import IndexError_, RetrievalError
from ler_navigator.index.documents import IndexDocument
from ler_navigator.index.embedder import Embedder
from ler_navigator.index.lexical import LexicalIndex
from ler_navigator.index.query import (
    EntityLinker,
    QueryRewriter,
    RewrittenQuery,
    comparison_subjects,
)
from ler_navigator.index.store import VectorStore
from ler_navigator.index.text import normalize_text, tokenize
from ler_navigator.models.knowledge import KIND_WORDS

Progress = Callable[[float, str], None]

# Candidates fetched from each retriever before the exact re-rank. A constant, because ANN
# results shift with n_results.
OVERFETCH = 100
EMBED_BATCH = 256
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class FusionWeights:
    """Weights of the three relevance signals and of the ranking rules on top of them; chosen
    on the development set and checked on our own labelled set (see bench)."""

    dense: float = 0.50
    bm25: float = 0.10
    coverage: float = 0.40
    bm25_half: float = 8.0  # BM25 score that maps to 0.5 after saturation
    named: float = 0.05  # an item the query names outright (per matched word, capped at 2)
    authored: float = 0.03  # a resource whose author the query names
    exact: float = 0.30  # the whole query is an item's name or alias ("Badge", "issuer")
    kind_quota: int = 3  # a question naming a kind gets at least this many items of it
    kind_cue: float = 0.16  # the query names the kind of item it wants ("which principles")
    kind_swap: float = 1.5  # an asked-for kind displaces a result scoring at most this times more
    spread: float = 0.05  # a several-word name whose words are spread over the query
    guide: float = 0.06  # the project's own how-to guides yield to the map's pages
    map_prior: float = 0.06  # the map's own content comes first among near-equals
    named_slots: int = 2  # items named by several words each keep a place when two are named

    def combine(self, cosine: np.ndarray, bm25: np.ndarray, coverage: np.ndarray) -> np.ndarray:
        saturated = bm25 / (bm25 + self.bm25_half)
        return (
            self.dense * np.clip(cosine, 0.0, 1.0)
            + self.bm25 * saturated
            + self.coverage * coverage
        )


@dataclass(frozen=True)
class ScoredDocument:
    document: IndexDocument
    score: float
    cosine: float
    bm25: float
    coverage: float
    relevance: float = 0.0  # the score without the source prior; thresholds read this


def rank_key(score: float, doc_id: str) -> tuple[float, str]:
    """Sort key shared by every ranking: rounded score descending, then id ascending."""
    return (-round(float(score), 6), doc_id)


class HybridIndex:
    """Documents with their embeddings, a lexical index and a vector-store collection."""

    def __init__(
        self,
        documents: Sequence[IndexDocument],
        embeddings: np.ndarray,
        embedder: Embedder,
        store: VectorStore,
        collection: str,
        weights: FusionWeights | None = None,
        rewriter: QueryRewriter | None = None,
    ) -> None:
        if len(documents) != len(embeddings):
            raise IndexError_("The index is inconsistent: documents and vectors differ in number.")
        self.documents = list(documents)
        self.embeddings = np.asarray(embeddings, dtype=np.float32)
        self.embedder = embedder
        self.store = store
        self.collection = collection
        self.weights = weights or FusionWeights()
        self._position = {d.id: i for i, d in enumerate(self.documents)}
        self.lexical = LexicalIndex([d.text for d in self.documents])
        self.rewriter = rewriter
        self.linker: EntityLinker | None = None
        self._by_parent: dict[str, list[int]] = {}
        self._kind_of: dict[str, str] = {}
        by_kind: dict[str, list[int]] = {}
        for position, doc in enumerate(self.documents):
            self._by_parent.setdefault(doc.parent_id, []).append(position)
            self._kind_of[doc.parent_id] = doc.kind
            by_kind.setdefault(doc.kind, []).append(position)
        self._kind_positions = {k: np.asarray(v, dtype=np.int64) for k, v in by_kind.items()}
        self._parents_of_kind: dict[str, set[str]] = {}
        for doc in self.documents:
            self._parents_of_kind.setdefault(doc.kind, set()).add(doc.parent_id)
        self._guides = np.asarray(
            [i for i, d in enumerate(self.documents) if d.guide], dtype=np.int64
        )
        self._map_docs = np.asarray(
            [i for i, d in enumerate(self.documents) if d.from_map], dtype=np.int64
        )
        # Rank of each document's id, so ties break by id in numpy without touching strings.
        self._id_rank = np.empty(len(self.documents), dtype=np.int64)
        self._id_rank[sorted(range(len(self.documents)), key=lambda i: self.documents[i].id)] = (
            np.arange(len(self.documents))
        )

    def with_aliases(self, aliases: dict[str, list[str]]) -> HybridIndex:
        """Turn on query rewriting (typos, acronyms) with the knowledge base's aliases."""
        self.rewriter = QueryRewriter(
            self.lexical.raw_vocabulary(), aliases, documents=len(self.documents)
        )
        return self

    def with_names(
        self, names: dict[str, list[str]], authored: dict[str, list[str]] | None = None
    ) -> HybridIndex:
        """Turn on entity linking: items named in a query get a boost and are never missed."""
        self.linker = EntityLinker(names, authored)
        return self

    def _read(self, query: str) -> RewrittenQuery:
        """The query with typos fixed (``corrected``) and aliases spelled out (``text``), read
        once per search."""
        return self.rewriter.rewrite(query) if self.rewriter else RewrittenQuery(query, query)

    def _linked(
        self, query: str, read: RewrittenQuery, cued: set[str]
    ) -> tuple[dict[int, float], list[str]]:
        """Score boosts per position, and the ids (sorted) of the items named outright by a
        phrase of several words ("verifiable credentials", "Open Badges")."""
        if self.linker is None:
            return {}, []
        # Typos fixed first, so "verifable credentials" names Verifiable Credential too.
        named, authored = self.linker.link(read.corrected)
        for parent in self.linker.spread(read.corrected) if self.weights.spread else ():
            named.setdefault(parent, 0)
        whole = len(tokenize(query))
        boosts: dict[int, float] = {}
        phrases: list[str] = []
        for parent, words in named.items():
            # "Which C-BEN principles..." names C-BEN but asks for principles: a named item
            # of another kind than the one asked for gets no boost.
            if cued and words != whole and self._kind_of.get(parent) not in cued:
                continue
            boost = self.weights.named * min(words, 2) if words else self.weights.spread
            if words == whole:
                boost += self.weights.exact
            elif words >= 2:
                phrases.append(parent)
            for position in self._by_parent.get(parent, []):
                boosts[position] = boost
        for parent in authored:
            for position in self._by_parent.get(parent, []):
                boosts[position] = max(boosts.get(position, 0.0), self.weights.authored)
        return boosts, sorted(phrases)

    @staticmethod
    def cued_kinds(query: str) -> set[str]:
        """Kinds of item the query asks for by name ("which principles", "any reports")."""
        text = f" {re.sub(r'[^a-z0-9]+', ' ', normalize_text(query))} "
        return {kind for kind, words in KIND_WORDS.items() if any(f" {w} " in text for w in words)}

    # ------------------------------------------------------------------ building
    @classmethod
    def build(
        cls,
        documents: Sequence[IndexDocument],
        embedder: Embedder,
        store: VectorStore,
        collection: str,
        *,
        collection_metadata: dict[str, str] | None = None,
        progress: Progress | None = None,
    ) -> HybridIndex:
        """Embed ``documents`` (sorted by id) and write them to ``store``."""
        docs = sorted(documents, key=lambda d: d.id)
        ids = [d.id for d in docs]
        if len(set(ids)) != len(ids):
            raise IndexError_("Two index documents share an id; ids must be unique.")
        report = progress or (lambda _f, _m: None)
        vectors = []
        for start in range(0, len(docs), EMBED_BATCH):
            batch = docs[start : start + EMBED_BATCH]
            vectors.append(embedder.embed([d.text for d in batch]))
            report(0.8 * min(1.0, (start + len(batch)) / max(1, len(docs))), "Embedding documents")
        matrix = np.vstack(vectors) if vectors else np.zeros((0, embedder.dim), dtype=np.float32)
        report(0.85, "Writing the vector store")
        store.create(
            collection,
            ids,
            matrix,
            [d.metadata for d in docs],
            [d.text for d in docs],
            collection_metadata or {},
        )
        report(0.95, "Building the keyword index")
        index = cls(docs, matrix, embedder, store, collection)
        report(1.0, "Index ready")
        return index

    def save(self, folder: Path, manifest: dict[str, object]) -> None:
        """Persist documents, vectors and a manifest next to the vector store."""
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "embeddings.npy", self.embeddings)
        with (folder / "documents.jsonl").open("w", encoding="utf-8") as handle:
            for doc in self.documents:
                handle.write(doc.model_dump_json() + "\n")
        # The manifest is written last: its presence marks a complete build.
        payload = {
            **manifest,
            "manifest_version": MANIFEST_VERSION,
            "documents": len(self.documents),
        }
        (folder / "manifest.json").write_text(json.dumps(payload, indent=2, sort_keys=True))

    @classmethod
    def load(
        cls, folder: Path, embedder: Embedder, store: VectorStore, collection: str
    ) -> HybridIndex:
        try:
            embeddings = np.load(folder / "embeddings.npy")
            with (folder / "documents.jsonl").open(encoding="utf-8") as handle:
                documents = [
                    IndexDocument.model_validate_json(line) for line in handle if line.strip()
                ]
        except (OSError, ValueError) as exc:
            raise IndexError_(f"The saved index in {folder} is damaged.") from exc
        return cls(documents, embeddings, embedder, store, collection)

    @staticmethod
    def read_manifest(folder: Path) -> dict[str, object] | None:
        try:
            return json.loads((folder / "manifest.json").read_text())
        except (OSError, ValueError):
            return None

    # ------------------------------------------------------------------ searching
    def score_all(self, query: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Fused, cosine, BM25 and coverage scores for every document (used by evaluation)."""
        read = self._read(query)
        boosts, _ = self._linked(query, read, self.cued_kinds(query))
        query = read.text
        vector = self.embedder.embed([query])[0]
        cosine = self.embeddings @ vector
        bm25, coverage = self.lexical.scores(query)
        fused = self.weights.combine(cosine, bm25, coverage)
        for position, boost in boosts.items():
            fused[position] += boost
        fused += self._source_prior(np.arange(len(self.documents)))
        return fused, cosine, bm25, coverage

    def _source_prior(self, positions: np.ndarray) -> np.ndarray:
        """The map's own content a little up, the project's how-to guides a little down."""
        prior = np.zeros(len(positions), dtype=np.float32)
        if self.weights.map_prior and self._map_docs.size:
            prior[np.isin(positions, self._map_docs)] += self.weights.map_prior
        if self.weights.guide and self._guides.size:
            prior[np.isin(positions, self._guides)] -= self.weights.guide
        return prior

    def search(
        self,
        query: str,
        k: int = 8,
        *,
        kinds: Sequence[str] | None = None,
        stakeholder: str | None = None,
        per_parent: int = 2,
        min_score: float = 0.0,
        decompose: bool = True,
    ) -> list[ScoredDocument]:
        """Top ``k`` documents for ``query``.

        Candidates come from the vector store's ANN search and from BM25; they are then scored
        exactly. Filters restrict to document kinds and to one stakeholder group.
        """
        if not query.strip():
            return []
        read = self._read(query)
        # Typos fixed first, so "whats the diffrence between..." is still a comparison.
        subjects = comparison_subjects(read.corrected) if decompose else []
        try:
            asked_for = self.cued_kinds(query)
            named, phrases = self._linked(query, read, asked_for)
            cued = asked_for if self.weights.kind_cue else set()
            query = read.text
            vector = self.embedder.embed([query])[0]
            bm25, coverage = self.lexical.scores(query)
            if kinds or stakeholder:
                candidates = self._filtered(kinds, stakeholder)
            else:
                hits = self.store.query(self.collection, vector, OVERFETCH)
                dense = [self._position[h.id] for h in hits if h.id in self._position]
                lexical = _top(bm25, OVERFETCH)
                # The strongest keyword matches are never missed, however the ANN ranks them.
                keyword = _top(coverage, OVERFETCH)
                linked = np.fromiter(named, dtype=np.int64, count=len(named))
                candidates = np.unique(
                    np.concatenate([dense, lexical, keyword, linked]).astype(np.int64)
                )
        except IndexError_:
            raise
        except Exception as exc:
            raise RetrievalError("The search could not be run.", hint=str(exc)) from exc
        if candidates.size == 0:
            return []
        cosine = self.embeddings[candidates] @ vector
        fused = self.weights.combine(cosine, bm25[candidates], coverage[candidates])
        if named:
            fused += np.fromiter(
                (named.get(int(c), 0.0) for c in candidates),
                dtype=np.float32,
                count=len(candidates),
            )
        for kind in sorted(cued):
            fused[np.isin(candidates, self._kind_positions.get(kind, _EMPTY))] += (
                self.weights.kind_cue
            )
        # Where an item comes from orders near-equals but says nothing about relevance: the
        # "nothing relevant" threshold reads the score without it.
        relevance = fused.copy()
        fused += self._source_prior(candidates)
        order = np.lexsort((self._id_rank[candidates], -np.round(fused.astype(np.float64), 6)))

        def scored(i: int) -> ScoredDocument:
            c = int(candidates[i])
            return ScoredDocument(
                self.documents[c],
                float(fused[i]),
                float(cosine[i]),
                float(bm25[c]),
                float(coverage[c]),
                float(relevance[i]),
            )

        if subjects:
            # A comparison needs both sides: each document keeps the better of its score for
            # the whole question and its score for either compared subject alone.
            best = {s.document.id: s for s in (scored(int(i)) for i in order[: 4 * k + 10])}
            for subject in subjects:
                for hit in self.search(
                    subject, 2, kinds=kinds, stakeholder=stakeholder, per_parent=1, decompose=False
                ):
                    current = best.get(hit.document.id)
                    if current is None or hit.score > current.score:
                        best[hit.document.id] = hit
            ranked = sorted(best.values(), key=lambda s: rank_key(s.score, s.document.id))
        else:
            ranked = (scored(int(i)) for i in order)
        must = phrases if len(phrases) >= 2 and self.weights.named_slots else []
        ranked = list(ranked) if cued or must else ranked
        results = self._select(ranked, k, per_parent, min_score, cued)
        if must:
            results = self._keep_named(results, ranked, must[: self.weights.named_slots], min_score)
        return results

    @staticmethod
    def _keep_named(
        results: list[ScoredDocument],
        ranked: list[ScoredDocument],
        must: list[str],
        min_score: float,
    ) -> list[ScoredDocument]:
        """A question that names two things ("is CTDL a rival to verifiable credentials?")
        needs both: each named item's best document displaces the weakest unnamed result."""
        have = {r.document.parent_id for r in results}
        for parent in must:
            if parent in have:
                continue
            best = next((r for r in ranked if r.document.parent_id == parent), None)
            if best is None or best.relevance < min_score:
                continue
            for i in range(len(results) - 1, -1, -1):
                if results[i].document.parent_id not in must:
                    del results[i]
                    results.append(best)
                    have.add(parent)
                    break
        results.sort(key=lambda s: rank_key(s.score, s.document.id))
        return results

    def _select(
        self,
        ranked: Iterable[ScoredDocument],
        k: int,
        per_parent: int,
        min_score: float,
        cued: set[str],
    ) -> list[ScoredDocument]:
        """The top ``k`` with at most ``per_parent`` chunks per item; a question that names a
        kind ("which principles...") gets up to ``kind_quota`` items of that kind."""
        results: list[ScoredDocument] = []
        reserve: list[ScoredDocument] = []
        seen: dict[str, int] = {}
        titles: set[str] = set()
        # A kind small enough to list whole ("the four action areas") may fill its own count.
        sizes = [len(self._parents_of_kind.get(kind, ())) for kind in cued]
        small = max((n for n in sizes if n <= k), default=0)
        quota = min(max(self.weights.kind_quota, small), k) if cued else 0
        for item in ranked:
            if item.relevance < min_score:
                continue
            parent = item.document.parent_id
            # Two items under one name (a term and the initiative behind it) would show the
            # reader the same title twice; the better-scored one stands for both.
            title = normalize_text(item.document.title)
            if seen.get(parent, 0) >= per_parent or title in titles:
                continue
            titles.add(title)
            if len(results) < k:
                seen[parent] = seen.get(parent, 0) + 1
                results.append(item)
            elif item.document.kind in cued and len(reserve) < quota:
                seen[parent] = seen.get(parent, 0) + 1
                reserve.append(item)
            if len(results) == k and (not quota or len(reserve) == quota):
                break
        have = sum(1 for r in results if r.document.kind in cued)
        for extra in reserve[: max(0, quota - have)]:
            # Drop the weakest result of another kind to make room, unless it is far stronger.
            for i in range(len(results) - 1, -1, -1):
                if results[i].document.kind not in cued:
                    if extra.score * self.weights.kind_swap < results[i].score:
                        break
                    del results[i]
                    results.append(extra)
                    break
        results.sort(key=lambda s: rank_key(s.score, s.document.id))
        return results

    def _filtered(self, kinds: Sequence[str] | None, stakeholder: str | None) -> np.ndarray:
        if kinds:
            pool = np.unique(
                np.concatenate([self._kind_positions.get(k, _EMPTY) for k in kinds] or [_EMPTY])
            )
        else:
            pool = np.arange(len(self.documents), dtype=np.int64)
        if stakeholder:
            pool = np.asarray(
                [i for i in pool if stakeholder in self.documents[int(i)].stakeholder_groups],
                dtype=np.int64,
            )
        return pool

    def document(self, doc_id: str) -> IndexDocument | None:
        position = self._position.get(doc_id)
        return None if position is None else self.documents[position]


_EMPTY = np.zeros(0, dtype=np.int64)


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` highest positive scores (unordered)."""
    if scores.size <= n:
        return np.flatnonzero(scores > 0)
    top = np.argpartition(-scores, n)[:n]
    return top[scores[top] > 0]


def built_at(clock: Callable[[], dt.datetime] | None = None) -> str:
    now = clock() if clock else dt.datetime.now(dt.UTC)
    return now.replace(microsecond=0).isoformat()
