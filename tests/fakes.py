"""Test doubles that behave like the real thing, only smaller."""

from __future__ import annotations

import hashlib

import numpy as np

from ler_navigator.index.text import tokenize


class FakeEmbedder:
    """Hashes each token into a fixed vector: same text, same vector; shared words, closer."""

    name = "fake-hash-64@1"
    dim = 64

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text) or ["<empty>"]:
                digest = hashlib.sha256(token.encode()).digest()
                rows[row, digest[0] % self.dim] += 1.0
                rows[row, digest[1] % self.dim] += 0.5
            norm = np.linalg.norm(rows[row])
            if norm:
                rows[row] /= norm
        return rows
