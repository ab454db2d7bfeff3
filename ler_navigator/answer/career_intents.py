"""Questions about the learner's own fit: which pathways or employers fit, what is missing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

CareerKind = Literal["fit", "gap", "employers", "compare"]

_TARGET = (
    r"(?:become|becoming|be|work as|working as|get a job as|get hired as|qualify as|train as)"
    r"\s+(?:an?\s+|the\s+)?(?P<target>[\w ,'/&-]+?)\s*(?:\?|$|\.|,| and | without | if )"
)
_GAP = re.compile(
    r"\b(?:missing|lack|gaps?|need|take|close|short of|how (?:do|can|could) i)\b.*?" + _TARGET,
    re.I,
)
# "What am I missing for Welders, Cutters, Solderers, and Brazers?": a full O*NET title.
_GAP_FOR = re.compile(r"\bmissing for (?:the |an? )?(?P<target>[^?]+?)\s*(?:\?|$)", re.I)
_FIT = re.compile(
    r"\b(?:fits?|fitting|match(?:es|ing)?|suits?|suited|qualif\w*|"
    r"(?:what|which) (?:jobs?|careers?|pathways?|occupations?|roles?|work)|"
    r"jobs? (?:could|can|might|would) i|careers? (?:for|could) me|"
    r"could i (?:get|do|apply)|can i (?:get|do|apply))\b",
    re.I,
)
_EMPLOYERS = re.compile(
    r"\b(?:(?:employers?|companies|company)\b.*\b(?:hire|hires|hiring|fit|match|for me|"
    r"would take me|without (?:a )?degree)|who(?:'s| is| are)? hiring|hire (?:me|people like me))",
    re.I,
)
_FOR_ME = re.compile(r"\b(?:for me|my|i|me)\b", re.I)
_WITH_MY = re.compile(
    r"\bwith (?:my|a|an)\s+(?P<credential>[\w .+/&-]{2,40}?)\s*(?:\?|$|,| and )", re.I
)


@dataclass(frozen=True)
class CareerIntent:
    kind: CareerKind
    target: str | None = None
    subjects: list[str] = field(default_factory=list)
    credential: str | None = None
    no_degree: bool = False


def detect_career_intent(question: str, compare_subjects: list[str]) -> CareerIntent | None:
    """A career intent when the question is about the learner's fit, else None."""
    text = question.strip()
    no_degree = bool(
        re.search(r"\b(?:without|no|don't have|do not have) (?:a )?degree\b", text, re.I)
    )
    credential_match = _WITH_MY.search(text)
    credential = credential_match.group("credential").strip() if credential_match else None
    if compare_subjects and _FOR_ME.search(text):
        return CareerIntent("compare", subjects=compare_subjects, no_degree=no_degree)
    gap = _GAP_FOR.search(text) or _GAP.search(text)
    if gap:
        return CareerIntent("gap", target=gap.group("target").strip(), no_degree=no_degree)
    if _EMPLOYERS.search(text):
        return CareerIntent("employers", credential=credential, no_degree=no_degree)
    if _FIT.search(text) and (_FOR_ME.search(text) or credential):
        return CareerIntent("fit", credential=credential, no_degree=no_degree)
    return None


_CLAUSES = re.compile(r"(?<=[.!?;])\s+|\s+[-–—]\s+|\n+")


def learner_words(question: str) -> str:
    """The part of a question that describes the learner, without the asking itself.

    "I weld and read blueprints - which jobs fit me?" -> "I weld and read blueprints". The
    asking clause would otherwise be matched against occupation text as if it were evidence.
    """
    kept = []
    for clause in _CLAUSES.split(question):
        clause = clause.strip()
        if not clause:
            continue
        if (
            _FIT.search(clause)
            or _EMPLOYERS.search(clause)
            or _GAP.search(clause)
            or _GAP_FOR.search(clause)
        ):
            continue
        kept.append(clause)
    return " ".join(kept)
