"""What a learner's own words say about which occupations fit: text evidence, text relevance,
the words a match rests on, whether a degree shows, and the work a career changer leaves."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from ler_navigator.index.hybrid import HybridIndex
from ler_navigator.index.query import common_english
from ler_navigator.index.text import STOPWORDS, raw_tokens, stem, tokenize
from ler_navigator.matching.fit import Matcher
from ler_navigator.matching.text_evidence import (
    TextEvidence,
    TextEvidenceFinder,
    split_change_wish,
)
from ler_navigator.models.fit import SkillSignal
from ler_navigator.models.knowledge import Occupation
from ler_navigator.models.ler import LearnerProfile

# How many occupations the learner's own words may lift by text relevance.
RELEVANCE_DEPTH = 15
# Career changers: occupations scoring within this share of the best match for the work
# they describe doing now count as that work.
LEAVING_DEPTH = 3
LEAVING_SHARE = 0.8

_DEGREE = re.compile(
    r"\b(?:bachelor'?s?|master'?s?|b\.?a\.?|b\.?s\.?|m\.?b\.?a|ph\.?d|doctorate|"
    r"four[- ]year degree|college degree|university degree)\b",
    re.I,
)


class CareerHit(Protocol):
    """One occupation found by plain retrieval over the careers index."""

    @property
    def code(self) -> str: ...

    @property
    def score(self) -> float: ...


CareerSearch = Callable[[str, int], Sequence[CareerHit]]


class LearnerWords:
    """Reads the learner's free text for occupation matching.

    Args:
        finder: finds titles, tasks, tools, credentials and military codes in the text.
        matcher: ranks occupations; also names the active ones.
        occupations: every occupation in the knowledge base, to turn SOC codes into ids.
        career_search: plain retrieval of occupations over their text, best first.
        careers: the current careers index, or None when there is none; read on each use
            because a rebuild replaces it.
    """

    def __init__(
        self,
        finder: TextEvidenceFinder,
        matcher: Matcher,
        occupations: Sequence[Occupation],
        career_search: CareerSearch,
        careers: Callable[[], HybridIndex | None],
    ) -> None:
        self.finder = finder
        self.matcher = matcher
        self._by_code = {o.soc_code: o.id for o in occupations}
        self._career_search = career_search
        self._careers = careers
        # The careers index and its word -> document count, for naming shared words.
        self._career_df: tuple[HybridIndex, dict[str, int]] | None = None

    def text_evidence(
        self, profile: LearnerProfile | None, text: str | None
    ) -> tuple[dict[str, TextEvidence], bool | None]:
        """Evidence per occupation from the learner's words, and whether a degree shows."""
        parts = [text or ""]
        if profile is not None:
            shared = profile.shared()
            parts += [e.title or "" for e in shared.employment]
            parts += [e.description or "" for e in shared.employment]
        words = " . ".join(p for p in parts if p.strip())
        evidence = self.finder.find(words) if words.strip() else {}
        if words.strip():
            for occupation_id, share in self._relevance(words).items():
                found = evidence.setdefault(occupation_id, TextEvidence())
                found.relevance = share
                found.shared_words = self._shared_words(words, occupation_id)
        has_degree = shows_degree(profile, words) if (profile or words.strip()) else None
        return evidence, has_degree

    def _relevance(self, text: str) -> dict[str, float]:
        """Occupation id -> where its retrieval score over ``text`` falls between the last and
        the best of the top ``RELEVANCE_DEPTH`` (1 = best, 0 = last).

        Retrieval scores of long occupation texts bunch together, so a share of the best
        score gave a weak match most of the points; spreading them over the top hits keeps
        the points for occupations that stand out.
        """
        hits = self._career_search(text, RELEVANCE_DEPTH)
        if not hits or hits[0].score <= 0:
            return {}
        top, floor = hits[0].score, hits[-1].score
        return {
            self._by_code[hit.code]: (
                round((hit.score - floor) / (top - floor), 4) if top > floor else 1.0
            )
            for hit in hits
            if hit.code in self._by_code
        }

    def _shared_words(self, text: str, occupation_id: str, most: int = 4) -> list[str]:
        """The learner's own words that the occupation's text also uses, rarest first: what
        the text match rests on, for the explanation."""
        index = self._careers()
        doc = index.document(occupation_id) if index is not None else None
        if index is None or doc is None:
            return []
        in_doc = set(tokenize(doc.text))
        if self._career_df is None or self._career_df[0] is not index:
            self._career_df = (index, index.lexical.raw_vocabulary())
        rarity = self._career_df[1]
        words: dict[str, str] = {}
        for raw in raw_tokens(text):
            if raw in STOPWORDS or len(raw) < 3 or raw.isdigit() or common_english(raw):
                continue
            if stem(raw) in in_doc:
                words.setdefault(stem(raw), raw)
        ranked = sorted(words.values(), key=lambda w: (rarity.get(w, 0), w))
        # Shown as the learner wrote them ("HACCP", not "haccp").
        written = {w.lower(): w for w in reversed(re.findall(r"[A-Za-z0-9]+", text))}
        return [written.get(w, w) for w in ranked[:most]]

    def leaving(self, signals: Sequence[SkillSignal], text: str | None) -> set[str]:
        """The occupation the learner describes doing now, when they say they want a change."""
        change = split_change_wish(text or "")
        if change is None or not change[0].strip():
            return set()
        evidence, has_degree = self.text_evidence(None, change[0])
        if any(found.military for found in evidence.values()):
            # A veteran "moving into civilian work" leaves the service; the civilian work
            # their code crosswalks to is where they are heading, not what they leave.
            return set()
        current = self.matcher.rank_occupations(
            signals, LEAVING_DEPTH, text_evidence=evidence, has_degree=has_degree
        )
        if not current:
            return set()
        # Work close to the best guess is the same work under another title ("plastic molding
        # press operator" and "foundry mold maker"), and so is the rest of its SOC broad group
        # (restaurant, fast food and short order cooks): moving there is no change either.
        # Job titles written about the past are work held, too ("line cook").
        anchors = {current[0].id} | {oid for oid, found in evidence.items() if found.titles}
        close = {c.id for c in current if c.score >= LEAVING_SHARE * current[0].score}
        broad = {o.soc_code[:6] for o in self.matcher.occupations if o.id in anchors}
        same = {o.id for o in self.matcher.occupations if o.soc_code[:6] in broad}
        return anchors | close | same


def shows_degree(profile: LearnerProfile | None, text: str) -> bool:
    """True when the learner's words or records mention a bachelor's degree or higher."""
    if _DEGREE.search(text):
        return True
    if profile is None:
        return False
    shared = profile.shared()
    texts = [e.degree or "" for e in shared.education]
    texts += [f"{a.type or ''} {a.title or ''}" for a in shared.achievements]
    return any(_DEGREE.search(t) for t in texts)
