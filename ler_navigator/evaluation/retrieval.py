"""Score retrieval against a labelled question file.

The file format and matching rule are those of the public development set for the LER
Ecosystem Map: each question lists expected item *names* (an inner list means "any one of"),
and resource/organization questions may list expected URLs by position. A result hits an
expected item when its normalised title, or one " — " part of it, equals the normalised name,
or when its URL equals the expected URL.
"""

from __future__ import annotations

import html
import re
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field

from ler_navigator.errors import NavigatorError
from ler_navigator.index.documents import TITLE_SEPARATOR
from ler_navigator.index.hybrid import HybridIndex, rank_key


class EvalQuestion(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    question: str
    kind: str
    expected: list[str | list[str]] = Field(default_factory=list)
    expected_urls: list[str | None] = Field(default_factory=list)

    @property
    def in_scope(self) -> bool:
        return self.kind != "out_of_scope"

    @property
    def text(self) -> str:
        return " ".join(self.question.split())


@dataclass(frozen=True)
class RankedResult:
    id: str
    title: str
    url: str
    score: float


Ranker = Callable[[str, int], list[RankedResult]]


@dataclass
class MethodReport:
    method: str
    recall_at_k: float
    mrr: float
    in_scope: int
    misses: list[dict[str, object]] = field(default_factory=list)
    out_of_scope_above: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies_ms, 95)

    def summary(self) -> dict[str, object]:
        return {
            "method": self.method,
            "recall_at_k": round(self.recall_at_k, 4),
            "mrr": round(self.mrr, 4),
            "in_scope": self.in_scope,
            "misses": len(self.misses),
            "out_of_scope_above_threshold": self.out_of_scope_above,
            "p50_ms": round(self.p50_ms, 3),
            "p95_ms": round(self.p95_ms, 3),
        }


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read a question file (``questions: [...]``)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        return [EvalQuestion.model_validate(q) for q in data["questions"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise NavigatorError(
            f"Cannot read the question file {path}: {exc}",
            hint="It must hold a 'questions' list with id, question, kind and expected.",
        ) from exc


def normalize_name(text: str) -> str:
    text = html.unescape(text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def _normalize_url(url: str) -> str:
    url = url.strip()
    if url.endswith("/"):
        url = url[:-1]
    return url.casefold()


def _names_of(title: str) -> set[str]:
    parts = [title, *title.split(TITLE_SEPARATOR)]
    return {normalize_name(p) for p in parts}


def hit_rank(question: EvalQuestion, results: Sequence[RankedResult], position: int) -> int | None:
    """1-based rank of the first result matching expected item ``position``, or None."""
    wanted = question.expected[position]
    names = {normalize_name(n) for n in ([wanted] if isinstance(wanted, str) else wanted)}
    url = question.expected_urls[position] if position < len(question.expected_urls) else None
    target_url = _normalize_url(url) if url else None
    for rank, result in enumerate(results, start=1):
        if names & _names_of(result.title):
            return rank
        if target_url and result.url and _normalize_url(result.url) == target_url:
            return rank
    return None


def evaluate(
    method: str,
    ranker: Ranker,
    questions: Sequence[EvalQuestion],
    *,
    k: int = 5,
    threshold: float | None = None,
) -> MethodReport:
    """recall@k, MRR and misses for one ranking method."""
    recalled = 0
    reciprocal: list[float] = []
    misses: list[dict[str, object]] = []
    above: list[str] = []
    latencies: list[float] = []
    in_scope = [q for q in questions if q.in_scope]
    for question in questions:
        started = time.perf_counter()
        results = ranker(question.text, k)[:k]
        latencies.append((time.perf_counter() - started) * 1000)
        if not question.in_scope:
            if threshold is not None and any(r.score >= threshold for r in results):
                above.append(question.id)
            continue
        ranks = [hit_rank(question, results, i) for i in range(len(question.expected))]
        found = [r for r in ranks if r is not None]
        reciprocal.append(1.0 / min(found) if found else 0.0)
        if found and len(found) == len(ranks):
            recalled += 1
        else:
            misses.append(
                {
                    "id": question.id,
                    "question": question.text,
                    "expected": question.expected,
                    "got": [r.title for r in results],
                }
            )
    total = max(1, len(in_scope))
    return MethodReport(
        method=method,
        recall_at_k=recalled / total,
        mrr=sum(reciprocal) / total,
        in_scope=len(in_scope),
        misses=misses,
        out_of_scope_above=above,
        latencies_ms=latencies,
    )


# ---------------------------------------------------------------- rankers
def hybrid_ranker(index: HybridIndex) -> Ranker:
    def rank(query: str, k: int) -> list[RankedResult]:
        return [
            RankedResult(r.document.id, r.document.title, r.document.url, r.relevance)
            for r in index.search(query, k)
        ]

    return rank


def _rank_array(index: HybridIndex, scores: np.ndarray, k: int) -> list[RankedResult]:
    top = np.argsort(-scores, kind="stable")[: k * 4]
    ordered = sorted(top, key=lambda i: rank_key(float(scores[i]), index.documents[i].id))[:k]
    return [
        RankedResult(
            index.documents[i].id,
            index.documents[i].title,
            index.documents[i].url,
            float(scores[i]),
        )
        for i in ordered
    ]


def bm25_ranker(index: HybridIndex) -> Ranker:
    def rank(query: str, k: int) -> list[RankedResult]:
        bm25, _ = index.lexical.scores(query)
        return _rank_array(index, bm25, k)

    return rank


def dense_ranker(index: HybridIndex) -> Ranker:
    def rank(query: str, k: int) -> list[RankedResult]:
        vector = index.embedder.embed([query])[0]
        return _rank_array(index, index.embeddings @ vector, k)

    return rank


def langchain_chroma_ranker(index: HybridIndex, client: object) -> Ranker:
    """Plain ``langchain_chroma.Chroma.similarity_search`` over the same collection."""
    from langchain_chroma import Chroma

    from ler_navigator.index.langchain import LangChainEmbeddings

    store = Chroma(
        client=client,  # type: ignore[arg-type]
        collection_name=index.collection,
        embedding_function=LangChainEmbeddings(index.embedder),
    )

    def rank(query: str, k: int) -> list[RankedResult]:
        pairs = store.similarity_search_with_score(query, k=k)
        return [
            RankedResult(
                str(doc.id or doc.metadata.get("parent_id", "")),
                str(doc.metadata.get("title", "")),
                str(doc.metadata.get("url", "")),
                1.0 - float(distance),
            )
            for doc, distance in pairs
        ]

    return rank
