"""Find vocabulary skills in free text, each with the span of text that supports it.

Three passes, each only over text the earlier passes left unclaimed:

1. **Phrase matching** over normalized tokens, leftmost-longest: at each position the longest
   name or alias wins, so "gas metal arc welding" is one mention, not "welding" plus noise.
   Method ``exact`` for a skill's name, ``alias`` for an alias.
2. **Fuzzy matching** (rapidfuzz) for near spellings ("custmer service"). A window of tokens
   is compared with names and aliases of the same token count. Tokens that differ from the
   vocabulary form must both be at least ``FUZZY_MIN_TOKEN_LEN`` (5) characters long, so
   short words never drift into skills ("it" never becomes "IT"); each differing token pair
   must reach ``FUZZY_TOKEN_THRESHOLD`` (85) and the whole phrase ``FUZZY_THRESHOLD`` (88)
   on rapidfuzz's normalized Indel ratio. At 88 a one-letter slip in a 7+ letter word passes
   and unrelated words that share most letters ("writing"/"waiting", 71) do not.
3. **Semantic matching**, only when an embedder is passed: short items of a list (text
   between commas, semicolons, bullets or line breaks, at most ``SEMANTIC_MAX_TOKENS``
   tokens) that nothing else matched are compared by cosine similarity with every name and
   alias; the best skill at or above the threshold is reported with method ``semantic`` and
   the similarity as its confidence.

Output is sorted by start offset, then skill id; a skill appears at most once per span.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from ler_navigator.skills.normalize import Token, tokenize

if TYPE_CHECKING:
    from ler_navigator.skills.vocabulary import SkillVocabulary, SurfaceForm

Method = Literal["exact", "alias", "fuzzy", "semantic"]

FUZZY_MIN_TOKEN_LEN = 5
FUZZY_THRESHOLD = 88.0
FUZZY_TOKEN_THRESHOLD = 85.0
SEMANTIC_THRESHOLD = 0.80
SEMANTIC_MAX_TOKENS = 6

# Confidence by method: a name is certain, an alias nearly so. A one-word O*NET element name
# found in lower case ("monitoring", "design") is often plain English, so it counts less.
CONFIDENCE_EXACT = 1.0
CONFIDENCE_ALIAS = 0.9
CONFIDENCE_COMMON_WORD = 0.6
FUZZY_CONFIDENCE_SCALE = 0.85

# List items: split on commas, semicolons, colons ("Skills: ..."), pipes, bullets and line breaks.
_ITEM_SPLIT_RE = re.compile(r"[,;:|\n\r\t•·●▪◦‣]+|(?:^|\s)[-*–—](?=\s)")


class TextEmbedder(Protocol):
    """Anything that embeds texts into rows of unit length (cosine = dot product)."""

    def embed(self, texts: list[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dim) with L2-normalised rows."""
        ...


class SkillMention(BaseModel):
    """One skill found in a text, with the exact span that supports it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    skill_id: str
    name: str = Field(description="The skill's vocabulary name.")
    matched_text: str = Field(description="The text exactly as written at [start, end).")
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    method: Method
    confidence: float = Field(ge=0.0, le=1.0)


def extract_mentions(
    vocab: SkillVocabulary,
    text: str,
    *,
    fuzzy: bool = True,
    embedder: TextEmbedder | None = None,
    semantic_threshold: float = SEMANTIC_THRESHOLD,
) -> list[SkillMention]:
    """All skill mentions in ``text``, sorted by start offset then skill id."""
    tokens = tokenize(text)
    covered = [False] * len(tokens)
    mentions = _match_phrases(vocab, text, tokens, covered)
    if fuzzy:
        mentions += _match_fuzzy(vocab, text, tokens, covered)
    if embedder is not None:
        mentions += _match_semantic(vocab, text, tokens, covered, embedder, semantic_threshold)
    unique = {(m.start, m.end, m.skill_id): m for m in mentions}
    return sorted(unique.values(), key=lambda m: (m.start, m.skill_id, m.end))


# ---------------------------------------------------------------------- pass 1: phrases
def _match_phrases(
    vocab: SkillVocabulary, text: str, tokens: list[Token], covered: list[bool]
) -> list[SkillMention]:
    mentions: list[SkillMention] = []
    i = 0
    while i < len(tokens):
        found = None
        for n in range(min(vocab.max_form_tokens, len(tokens) - i), 0, -1):
            key = " ".join(t.text for t in tokens[i : i + n])
            span = text[tokens[i].start : tokens[i + n - 1].end]
            form = _first_allowed(vocab.forms(key), span)
            if form is not None:
                found = (n, form, span)
                break
        if found is None:
            i += 1
            continue
        n, form, span = found
        mentions.append(_mention(vocab, form, span, tokens[i].start, tokens[i + n - 1].end))
        for j in range(i, i + n):
            covered[j] = True
        i += n
    return mentions


def _first_allowed(forms: list[SurfaceForm], span: str) -> SurfaceForm | None:
    for form in forms:
        if form.extractable and form.allows(span):
            return form
    return None


def _mention(
    vocab: SkillVocabulary, form: SurfaceForm, span: str, start: int, end: int
) -> SkillMention:
    skill = vocab.get(form.skill_id)
    assert skill is not None
    if form.is_name:
        common_word = skill.onet_element_id is not None and " " not in form.key and span.islower()
        method: Method = "exact"
        confidence = CONFIDENCE_COMMON_WORD if common_word else CONFIDENCE_EXACT
    else:
        method, confidence = "alias", CONFIDENCE_ALIAS
    return SkillMention(
        skill_id=skill.id,
        name=skill.name,
        matched_text=span,
        start=start,
        end=end,
        method=method,
        confidence=confidence,
    )


# ---------------------------------------------------------------------- pass 2: fuzzy
def _match_fuzzy(
    vocab: SkillVocabulary, text: str, tokens: list[Token], covered: list[bool]
) -> list[SkillMention]:
    by_length = _fuzzy_candidates(vocab)
    mentions: list[SkillMention] = []
    i = 0
    while i < len(tokens):
        if covered[i]:
            i += 1
            continue
        run_end = i
        while run_end < len(tokens) and not covered[run_end]:
            run_end += 1
        found = None
        for n in range(min(vocab.max_form_tokens, run_end - i), 0, -1):
            window = tuple(t.text for t in tokens[i : i + n])
            if all(len(t) < FUZZY_MIN_TOKEN_LEN for t in window):
                continue
            found = _best_fuzzy(window, by_length.get(n))
            if found is not None:
                found = (n, *found)
                break
        if found is None:
            i += 1
            continue
        n, form, score = found
        skill = vocab.get(form.skill_id)
        assert skill is not None
        start, end = tokens[i].start, tokens[i + n - 1].end
        mentions.append(
            SkillMention(
                skill_id=skill.id,
                name=skill.name,
                matched_text=text[start:end],
                start=start,
                end=end,
                method="fuzzy",
                confidence=round(FUZZY_CONFIDENCE_SCALE * score / 100.0, 4),
            )
        )
        for j in range(i, i + n):
            covered[j] = True
        i += n
    return mentions


def _fuzzy_candidates(
    vocab: SkillVocabulary,
) -> dict[int, tuple[list[str], list[SurfaceForm]]]:
    if vocab._fuzzy_index is not None:
        return vocab._fuzzy_index
    index: dict[int, tuple[list[str], list[SurfaceForm]]] = {}
    for form in vocab.all_forms():
        if form.case_rule != "any" or not form.extractable or len(form.key) < FUZZY_MIN_TOKEN_LEN:
            continue
        keys, forms = index.setdefault(len(form.tokens), ([], []))
        keys.append(form.key)
        forms.append(form)
    vocab._fuzzy_index = index
    return index


def _best_fuzzy(
    window: tuple[str, ...], candidates: tuple[list[str], list[SurfaceForm]] | None
) -> tuple[SurfaceForm, float] | None:
    if not candidates:
        return None
    keys, forms = candidates
    query = " ".join(window)
    hits = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=10)
    # Best score first; ties go to the earlier key in the (sorted) index, so runs repeat.
    for _key, score, position in sorted(hits, key=lambda h: (-h[1], h[2])):
        form = forms[position]
        if score < 100.0 and _tokens_fuzzy_compatible(window, form.tokens):
            return form, float(score)
    return None


def _tokens_fuzzy_compatible(window: tuple[str, ...], form_tokens: tuple[str, ...]) -> bool:
    """Differing tokens must both be long enough and close enough on their own."""
    if len(window) != len(form_tokens):
        return False
    for got, want in zip(window, form_tokens, strict=True):
        if got == want:
            continue
        if len(got) < FUZZY_MIN_TOKEN_LEN or len(want) < FUZZY_MIN_TOKEN_LEN:
            return False
        if fuzz.ratio(got, want) < FUZZY_TOKEN_THRESHOLD:
            return False
    return True


# ---------------------------------------------------------------------- pass 3: semantic
def _match_semantic(
    vocab: SkillVocabulary,
    text: str,
    tokens: list[Token],
    covered: list[bool],
    embedder: TextEmbedder,
    threshold: float,
) -> list[SkillMention]:
    items = _uncovered_list_items(text, tokens, covered)
    if not items:
        return []
    matrix, forms = _form_embeddings(vocab, embedder)
    queries = np.asarray(embedder.embed([text[s:e] for s, e in items]), dtype=np.float32)
    scores = queries @ matrix.T
    mentions: list[SkillMention] = []
    for row, (start, end) in enumerate(items):
        best_by_skill: dict[str, float] = {}
        for col in np.flatnonzero(scores[row] >= threshold):
            skill_id = forms[int(col)].skill_id
            value = float(scores[row, col])
            best_by_skill[skill_id] = max(best_by_skill.get(skill_id, value), value)
        if not best_by_skill:
            continue
        skill_id, similarity = min(best_by_skill.items(), key=lambda kv: (-round(kv[1], 6), kv[0]))
        skill = vocab.get(skill_id)
        assert skill is not None
        mentions.append(
            SkillMention(
                skill_id=skill_id,
                name=skill.name,
                matched_text=text[start:end],
                start=start,
                end=end,
                method="semantic",
                confidence=round(min(max(similarity, 0.0), 1.0), 4),
            )
        )
    return mentions


def _uncovered_list_items(
    text: str, tokens: list[Token], covered: list[bool]
) -> list[tuple[int, int]]:
    """Spans of short list items none of whose tokens an earlier pass claimed."""
    items: list[tuple[int, int]] = []
    position = 0
    for piece in [*_ITEM_SPLIT_RE.finditer(text), None]:
        stop = piece.start() if piece is not None else len(text)
        inside = [k for k, t in enumerate(tokens) if t.start >= position and t.end <= stop]
        if 0 < len(inside) <= SEMANTIC_MAX_TOKENS and not any(covered[k] for k in inside):
            items.append((tokens[inside[0]].start, tokens[inside[-1]].end))
        if piece is not None:
            position = piece.end()
    return items


def _form_embeddings(
    vocab: SkillVocabulary, embedder: TextEmbedder
) -> tuple[np.ndarray, list[SurfaceForm]]:
    # Keyed by id() with the embedder kept alive in the entry, so the id cannot be reused.
    cache = vocab._semantic_cache
    hit = cache.get(id(embedder))
    if hit is not None and hit[0] is embedder:
        return hit[1], hit[2]  # type: ignore[return-value]
    forms = [form for form in vocab.all_forms() if form.extractable]
    matrix = np.asarray(embedder.embed([form.text for form in forms]), dtype=np.float32)
    cache[id(embedder)] = (embedder, matrix, forms)
    return matrix, forms
