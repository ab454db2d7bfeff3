"""Query understanding before retrieval: spelling correction against the corpus vocabulary and
acronym/alias expansion from the knowledge base's own data.

People type "micro credntial", "what's SBHA" or "JFF reports"; the map's text spells things
out and never uses those forms. Both fixes are driven by data (the corpus and the items'
``aliases``), never by a table in code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from ler_navigator.index.text import STOPWORDS, normalize_text, raw_tokens, tokenize

# Below these lengths a "typo" is more likely a different word (e.g. "vc" vs "vs").
MIN_CORRECTABLE = 5
MIN_SIMILARITY = 80.0
# Shorter unknown words are more often acronyms or names ("cben", "ksao") than typos.
MIN_ENGLISH_FIX = 7
COMMON_ENGLISH = 300
# An acronym used in more than this share of documents ("LER" in an LER knowledge base) adds
# nothing but noise when spelled out.
MAX_EXPANSION_DF = 0.05
_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9.+/&-]{1,9}$")


@dataclass(frozen=True)
class RewrittenQuery:
    original: str
    text: str
    corrections: dict[str, str] = field(default_factory=dict)
    expansions: list[str] = field(default_factory=list)

    @property
    def corrected(self) -> str:
        """The query with typos fixed and nothing appended: what entity linking reads."""
        if not self.corrections:
            return self.original
        return " ".join(self.corrections.get(t, t) for t in raw_tokens(self.original))


@lru_cache(maxsize=1)
def _checker():
    # pyspellchecker ships an English word-frequency list, so this works offline.
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


@lru_cache(maxsize=1)
def _english() -> Callable[[str], bool]:
    known = _checker().word_frequency.dictionary
    return lambda word: word in known


@lru_cache(maxsize=1)
def _most_common_english() -> frozenset[str]:
    counts = _checker().word_frequency.dictionary
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return frozenset(word for word, _ in ranked[:COMMON_ENGLISH])


def common_english(word: str) -> bool:
    """True for the few hundred most frequent English words ("get", "keep", "new"): true of
    any text, so never what a match rests on."""
    return word.lower() in _most_common_english()


@lru_cache(maxsize=4096)
def english_fix(word: str) -> str:
    """The everyday English word one edit away from ``word``, or ``word`` itself."""
    fixed = _checker().correction(word)
    return fixed if fixed and fixed != word and _english()(fixed) else word


def english_word(word: str) -> bool:
    """True for everyday English words: those are never "corrected" into corpus words."""
    return _english()(word.lower())


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(_ACRONYM.match(alias)) and sum(c.isupper() for c in letters) >= 2


class QueryRewriter:
    """Corrects typos and expands acronyms and aliases into the names they stand for."""

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        aliases: Mapping[str, Iterable[str]],
        *,
        documents: int | None = None,
        is_word: Callable[[str], bool] = english_word,
    ) -> None:
        """
        Args:
            vocabulary: corpus word -> document frequency (raw, unstemmed tokens).
            aliases: item name -> its aliases, from the knowledge base.
            documents: corpus size, for the document-frequency limit on expansions.
            is_word: tells everyday words (left alone) from typos.
        """
        self._vocabulary = dict(vocabulary)
        self._is_word = is_word
        self._words = sorted(w for w in self._vocabulary if len(w) >= 3 and not w.isdigit())
        self._expansions: dict[tuple[str, ...], list[str]] = {}
        # Acronyms that are also everyday words ("DID", "IT") expand only when typed in capitals.
        self._case_sensitive: dict[tuple[str, ...], str] = {}
        limit = MAX_EXPANSION_DF * documents if documents else None
        for name, alias_list in sorted(aliases.items()):
            for alias in alias_list:
                key = tuple(raw_tokens(alias))
                if not key:
                    continue
                # Single-word aliases expand only when they are acronyms; otherwise everyday
                # words ("wallet") would drag one item into every query that uses them.
                if len(key) == 1 and not _is_acronym(alias.strip()):
                    continue
                if limit is not None and len(key) == 1 and vocabulary.get(key[0], 0) > limit:
                    continue
                if len(key) == 1 and is_word(key[0]):
                    self._case_sensitive[key] = alias.strip()
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
            or self._is_word(token)
        ):
            return token
        candidates = process.extract(
            token, self._words, scorer=fuzz.ratio, limit=5, score_cutoff=MIN_SIMILARITY
        )
        if not candidates:
            # Not a corpus word either: a misspelt question word ("diffrence") still matters
            # to how the question is read.
            return english_fix(token) if len(token) >= MIN_ENGLISH_FIX else token
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
                exact = self._case_sensitive.get(key)
                if exact and not re.search(rf"(?<![\w]){re.escape(exact)}(?![\w])", query):
                    continue
                for name in self._expansions.get(key, []):
                    if name not in expansions and normalize_text(name) not in normalize_text(query):
                        expansions.append(name)
        if not corrections and not expansions:
            return RewrittenQuery(query, query)
        text = " ".join(fixed)
        if expansions:
            text += " " + " ".join(expansions)
        return RewrittenQuery(query, text, corrections, expansions)


class EntityLinker:
    """Finds knowledge items named in a query ("issuer vs verifier", "what has JFF published").

    Names and aliases are matched as whole stemmed phrases, longest first and without overlap,
    so "skill framework" links to Skill Framework rather than to Skill. A weaker link goes from
    an organization's name to the resources it authored.
    """

    def __init__(
        self,
        names: Mapping[str, Iterable[str]],
        authored: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """
        Args:
            names: item id -> its name and aliases.
            authored: author name -> ids of the resources it wrote.
        """
        self._phrases: dict[tuple[str, ...], set[str]] = {}
        for item_id, item_names in sorted(names.items()):
            for name in item_names:
                for variant in _name_variants(name):
                    key = tuple(tokenize(variant))
                    if key:
                        self._phrases.setdefault(key, set()).add(item_id)
        self._authored: dict[tuple[str, ...], set[str]] = {}
        for author, resources in sorted((authored or {}).items()):
            key = tuple(tokenize(author))
            if key:
                self._authored.setdefault(key, set()).update(resources)
        self._longest = max((len(k) for k in [*self._phrases, *self._authored]), default=0)
        # Several-word names also count when their words are spread over the question
        # ("if a credential is 'verifiable'..." names Verifiable Credential).
        self._spread: dict[str, list[tuple[frozenset[str], tuple[str, ...]]]] = {}
        for key in sorted(self._phrases):
            words = frozenset(key)
            if len(words) >= 2:
                self._spread.setdefault(min(words), []).append((words, key))

    def link(self, query: str) -> tuple[dict[str, int], set[str]]:
        """Items named in ``query`` (id -> words matched) and resources by named authors."""
        named: dict[str, int] = {}
        authored: set[str] = set()
        for _start, size, hits, books in self.spans(tokenize(query)):
            for item_id in hits:
                named[item_id] = max(named.get(item_id, 0), size)
            authored |= books
        return named, authored

    def spans(self, tokens: list[str]) -> list[tuple[int, int, set[str], set[str]]]:
        """Named phrases in stemmed ``tokens``: (start, length, item ids, authored resource ids),
        longest first and without overlap."""
        used = [False] * len(tokens)
        found: list[tuple[int, int, set[str], set[str]]] = []
        for size in range(min(self._longest, len(tokens)), 0, -1):
            for start in range(0, len(tokens) - size + 1):
                if any(used[start : start + size]):
                    continue
                key = tuple(tokens[start : start + size])
                hits = self._phrases.get(key, set())
                books = self._authored.get(key, set())
                if not hits and not books:
                    continue
                found.append((start, size, hits, books))
                for i in range(start, start + size):
                    used[i] = True
        return found

    def spread(self, query: str) -> set[str]:
        """Items whose several-word name has all its words in ``query``, in any order."""
        present = set(tokenize(query))
        found: set[str] = set()
        for token in sorted(present):
            for words, key in self._spread.get(token, []):
                if words <= present:
                    found |= self._phrases[key]
        return found


def _name_variants(name: str) -> list[str]:
    """A name as written, and without a trailing parenthesised acronym."""
    variants = [name]
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
    if bare and bare != name:
        variants.append(bare)
    return variants


_COMPARISONS = [
    re.compile(
        r"(?:difference|differences|distinction)\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)", re.I
    ),
    re.compile(r"compare\s+(?P<a>.+?)\s+(?:and|with|to|vs\.?|versus)\s+(?P<b>.+)", re.I),
    re.compile(r"(?P<a>.+?)\s+(?:vs\.?|versus)\s+(?P<b>.+)", re.I),
    re.compile(r"how (?:is|are|does|do)\s+(?P<a>.+?)\s+differ(?:ent)?\s+from\s+(?P<b>.+)", re.I),
    re.compile(r"is\s+(?P<a>.+?)\s+the same as\s+(?P<b>.+)", re.I),
]
_TRAILING = re.compile(r"[\s?!.]+$")
_LEADING = re.compile(
    r"^(?:.*\b(?:between|compare)\s+)?(?:what(?:'s| is| are)?|whats|a|an|the)\s+", re.I
)


def _subject(text: str) -> str:
    text = _TRAILING.sub("", text.strip())
    text = re.split(r"[?!.;]|\s[-–—]\s|,\s*(?:and|or|but|what|which|how|who)\b", text)[0]
    while True:
        stripped = _LEADING.sub("", text).strip()
        if stripped == text:
            break
        text = stripped
    return text.strip(" ,;:'\"")


def comparison_subjects(query: str) -> list[str]:
    """The two things a comparison question sets side by side, or [] when it is not one."""
    for pattern in _COMPARISONS:
        match = pattern.search(query)
        if match:
            a, b = _subject(match.group("a")), _subject(match.group("b"))
            if a and b and len(a) < 80 and len(b) < 80 and a.lower() != b.lower():
                return [a, b]
    return []
