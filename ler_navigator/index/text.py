"""Text normalisation and tokenisation for lexical search.

Version numbers and single digits stay tokens ("Open Badges 3.0", "version 1"), because people
ask about specific versions and a tokenizer that drops them cannot tell OB 2.0 from OB 3.0.
"""

from __future__ import annotations

import html
import re
import unicodedata

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")

# A short list on purpose: words like "who", "how" and "what" carry intent, not topic.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "did",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "about",
        "also",
        "any",
        "all",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "very",
        "just",
        "should",
        "may",
        "might",
        "must",
        "s",
        "t",
        "don",
        "does",
    ]
)


def normalize_text(text: str) -> str:
    """Unicode-fold, unescape HTML entities and lower-case."""
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.casefold().replace("’", "'").replace("‘", "'")


def stem(token: str) -> str:
    """Fold common English inflections so 'badges', 'badge' and 'badging' meet."""
    if len(token) <= 3 or token[0].isdigit():
        return token
    for suffix, keep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
    ):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            if suffix == "s" and token.endswith(("ss", "us", "is")):
                return token
            token = token[: len(token) - len(suffix)] + keep
            break
    if token.endswith("e") and len(token) > 4:
        token = token[:-1]
    return token


def raw_tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens, stopwords kept."""
    return _TOKEN.findall(normalize_text(text).replace("'s ", " ").replace("-", " "))


def tokenize(text: str) -> list[str]:
    """Tokens for BM25: normalised, stopwords dropped, stemmed."""
    return [stem(t) for t in raw_tokens(text) if t not in STOPWORDS]
