"""Lexical search: BM25 (bm25s) plus an absolute query-coverage signal.

BM25 scores are unbounded and only comparable within one query; coverage (the share of the
query's IDF weight that a document contains) is on a fixed 0..1 scale, which is what a
"nothing relevant" threshold needs.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict

import bm25s
import numpy as np

from ler_navigator.index.text import raw_tokens, tokenize

# bm25s logs every index build at DEBUG/INFO; that is noise in the CLI and the app.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalIndex:
    """BM25 over tokenised documents, with postings for coverage."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._tokens = [tokenize(t) for t in texts]
        self._n = len(texts)
        self._bm25 = bm25s.BM25()
        self._bm25.index(self._tokens, show_progress=False)
        postings: dict[str, list[int]] = defaultdict(list)
        for doc_index, tokens in enumerate(self._tokens):
            for token in sorted(set(tokens)):
                postings[token].append(doc_index)
        self._postings = {t: np.asarray(ix, dtype=np.int64) for t, ix in postings.items()}

    def raw_vocabulary(self) -> dict[str, int]:
        """Unstemmed corpus words with their document frequency (for spelling correction)."""
        counts: dict[str, int] = defaultdict(int)
        for text in self._texts:
            for token in set(raw_tokens(text)):
                counts[token] += 1
        return dict(counts)

    @property
    def vocabulary(self) -> set[str]:
        return set(self._postings)

    def document_frequency(self, token: str) -> int:
        postings = self._postings.get(token)
        return 0 if postings is None else len(postings)

    def idf(self, token: str) -> float:
        df = self.document_frequency(token)
        return math.log((self._n - df + 0.5) / (df + 0.5) + 1.0)

    def scores(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """BM25 score and IDF-weighted coverage of the query, for every document."""
        tokens = list(dict.fromkeys(tokenize(query)))
        bm25 = np.zeros(self._n, dtype=np.float32)
        coverage = np.zeros(self._n, dtype=np.float32)
        if not tokens or self._n == 0:
            return bm25, coverage
        known = [t for t in tokens if t in self._postings]
        if known:
            bm25 = np.asarray(self._bm25.get_scores(known), dtype=np.float32)
        weights = {t: self.idf(t) for t in tokens}
        total = sum(weights.values())
        for token in known:
            coverage[self._postings[token]] += weights[token] / total
        return bm25, coverage
