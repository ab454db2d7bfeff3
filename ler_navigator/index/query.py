"""Query understanding before retrieval: spelling correction against the corpus vocabulary and
acronym/alias expansion from the knowledge base's own data.

People type "micro credntial", "what's SBHA" or "JFF reports"; the map's text spells things
out and never uses those forms. Both fixes are driven by data (the corpus and the items'
``aliases``), never by a table in code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ler_navigator.index.text import STOPWORDS, normalize_text, raw_tokens

# Below these lengths a "typo" is more likely a different word (e.g. "vc" vs "vs").
MIN_CORRECTABLE = 5
MIN_SIMILARITY = 80.0
_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9.+/&-]{1,9}$")


@dataclass(frozen=True)
class RewrittenQuery:
    original: str
    text: str
    corrections: dict[str, str] = field(default_factory=dict)
    expansions: list[str] = field(default_factory=list)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(_ACRONYM.match(alias)) and sum(c.isupper() for c in letters) >= 2


class QueryRewriter:
    """Corrects typos and expands acronyms and aliases into the names they stand for."""

    def __init__(self, vocabulary: Mapping[str, int], aliases: Mapping[str, Iterable[str]]) -> None:
        """
        Args:
            vocabulary: corpus word -> document frequency (raw, unstemmed tokens).
            aliases: item name -> its aliases, from the knowledge base.
        """
        self._vocabulary = dict(vocabulary)
        self._words = sorted(w for w in self._vocabulary if len(w) >= 3 and not w.isdigit())
        self._expansions: dict[tuple[str, ...], list[str]] = {}
        for name, alias_list in sorted(aliases.items()):
            for alias in alias_list:
                key = tuple(raw_tokens(alias))
                if not key:
                    continue
                # Single-word aliases expand only when they are acronyms; otherwise everyday
                # words ("wallet") would drag one item into every query that uses them.
                if len(key) == 1 and not _is_acronym(alias.strip()):
                    continue
                targets = self._expansions.setdefault(key, [])
                if name not in targets:
                    targets.append(name)
        self._max_len = max((len(k) for k in self._expansions), default=0)

    def correct(self, token: str) -> str:
        """The corpus word closest to ``token`` when ``token`` itself is not in the corpus."""
        if (
            token in self._vocabulary
            or len(token) < MIN_CORRECTABLE
            or token.isdigit()
            or token in STOPWORDS
        ):
            return token
        candidates = process.extract(
            token, self._words, scorer=fuzz.ratio, limit=5, score_cutoff=MIN_SIMILARITY
        )
        if not candidates:
            return token
        # Most similar first; then the more common word; then alphabetical for stability.
        best = sorted(candidates, key=lambda c: (-round(c[1], 3), -self._vocabulary[c[0]], c[0]))
        return best[0][0]

    def rewrite(self, query: str) -> RewrittenQuery:
        tokens = raw_tokens(query)
        corrections: dict[str, str] = {}
        fixed: list[str] = []
        for token in tokens:
            better = self.correct(token)
            if better != token:
                corrections[token] = better
            fixed.append(better)
        expansions: list[str] = []
        for size in range(self._max_len, 0, -1):
            for start in range(0, len(fixed) - size + 1):
                key = tuple(fixed[start : start + size])
                for name in self._expansions.get(key, []):
                    if name not in expansions and normalize_text(name) not in normalize_text(query):
                        expansions.append(name)
        if not corrections and not expansions:
            return RewrittenQuery(query, query)
        text = " ".join(fixed)
        if expansions:
            text += " " + " ".join(expansions)
        return RewrittenQuery(query, text, corrections, expansions)
