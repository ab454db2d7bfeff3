"""Normalization of skill names and free text into comparable tokens.

Both sides of a match go through the same steps, so a vocabulary alias and a phrase in a
résumé meet on the same token sequence:

1. Unicode NFKC, so full-width letters, ligatures and non-breaking spaces look like ASCII.
2. Tokens are runs of letters and digits. ``+`` and ``#`` stay attached at the end of a token
   (``C++``, ``C#``), a dot stays inside a token and is then dropped (``Node.js`` and
   ``NodeJS`` both become ``nodejs``), and a leading dot stays (``.NET`` is ``.net``, so it
   never meets the word "net"). Everything else — spaces, hyphens, slashes, commas, bullets —
   separates tokens, which makes "CDL-A", "CDL A" and "MIG/TIG" split the same way.
3. Casefold.
4. Simple plural folding on tokens longer than four characters: ``-ies`` → ``-y``,
   ``-sses`` → ``-ss``, a final ``-s`` is dropped unless the word ends in ``ss``, ``us`` or
   ``is``. "Vital signs" and "vital sign" meet; "analysis" and "status" are left alone.
   Verb endings (``-ing``, ``-ed``) are not folded: "welding" and "weld" stay apart, since
   folding them merges nouns and activities that the vocabulary keeps distinct.

Acronyms. Short all-capital forms (``IT``, ``AR``, ``CPR``, ``POS``) collide with ordinary
words once casefolded ("it", "pos"). A vocabulary form whose casefolded text is at most three
characters and which is written in capitals is therefore *guarded*: it only matches text
written in capitals too (see ``is_guarded`` and ``span_satisfies_guard``). A bare ``AR`` or
``AP`` is not an alias at all: it can mean accounts receivable, augmented reality or a state
code, so only the unambiguous spellings (``A/R``, ``A/P``) and the full names are listed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A token: optional leading dot (".NET"), letters/digits, inner dots or apostrophes between
# letters/digits, then optional trailing "+" or "#" ("C++", "C#").
_TOKEN_RE = re.compile(r"(?<![\w.])\.?[^\W_]+(?:[.'’][^\W_]+)*[+#]*")

_GUARD_MAX_LEN = 3


@dataclass(frozen=True)
class Token:
    """One normalized token and the character span of its original text."""

    text: str
    start: int
    end: int


def fold_token(raw: str) -> str:
    """Casefold one raw token, drop inner dots and apostrophes, and fold simple plurals."""
    lead = "." if raw.startswith(".") else ""
    body = raw[len(lead) :].casefold()
    if "." in body:
        # Dotted names ("node.js", "asp.net") are product names, never plurals.
        return lead + body.replace(".", "")
    return lead + fold_plural(body.replace("'", "").replace("’", ""))


def fold_plural(word: str) -> str:
    """Reduce a simple English plural to its singular; short words are left alone."""
    if len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into normalized tokens that keep their offsets into ``text``.

    NFKC can change string length, so offsets are computed on the NFKC form only when the
    length is unchanged; otherwise each character is normalized on its own, which keeps
    positions aligned with the caller's text.
    """
    normalized = _nfkc_same_length(text)
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(normalized):
        folded = fold_token(match.group())
        if folded and folded != ".":
            tokens.append(Token(folded, match.start(), match.end()))
    return tokens


def normalize_phrase(text: str) -> str:
    """The space-joined normalized tokens of ``text``: the key used for lookups."""
    return " ".join(token.text for token in tokenize(text))


def is_guarded(form: str) -> bool:
    """True when a vocabulary form is a short acronym that must match capitals only."""
    key = normalize_phrase(form)
    letters = [c for c in form if c.isalpha()]
    return (
        " " not in key
        and len(key.lstrip(".")) <= _GUARD_MAX_LEN
        and bool(letters)
        and all(c.isupper() for c in letters)
    )


def span_satisfies_guard(span_text: str) -> bool:
    """True when the text written in a document has its letters in capitals."""
    letters = [c for c in span_text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _nfkc_same_length(text: str) -> str:
    full = unicodedata.normalize("NFKC", text)
    if len(full) == len(text):
        return full
    # Character by character: keep one output character per input character so offsets hold.
    out = []
    for char in text:
        mapped = unicodedata.normalize("NFKC", char)
        out.append(mapped if len(mapped) == 1 else char)
    return "".join(out)
