"""Recognise what a question asks for, from its wording alone (no model needed)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

IntentKind = Literal[
    "define",
    "compare",
    "roles",
    "resources",
    "organizations",
    "howto",
    "list",
    "greeting",
    "explain",
]

_COMPARE = [
    re.compile(
        r"(?:difference|differences|distinction)\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)", re.I
    ),
    re.compile(r"compare\s+(?P<a>.+?)\s+(?:and|with|to|vs\.?|versus)\s+(?P<b>.+)", re.I),
    re.compile(r"(?P<a>.+?)\s+(?:vs\.?|versus)\s+(?P<b>.+)", re.I),
    re.compile(r"how (?:is|are|does|do)\s+(?P<a>.+?)\s+differ(?:ent)?\s+from\s+(?P<b>.+)", re.I),
    re.compile(r"is\s+(?P<a>.+?)\s+the same as\s+(?P<b>.+)", re.I),
]
_DEFINE = re.compile(
    r"^(?:so\s+)?(?:what(?:'s| is| are| does)|define|meaning of|explain|tell me about|"
    r"what do you mean by|whats)\b",
    re.I,
)
_ROLES = re.compile(
    r"\b(?:who|role|roles|responsib\w*|workstreams?|do (?:they|employers|funders)|"
    r"part do|fit in|what do|what does|stakeholders?)\b",
    re.I,
)
_RESOURCES = re.compile(
    r"\b(?:resources?|reports?|read(?:ing)?|papers?|playbooks?|toolkits?|guides?|articles?|"
    r"learn more|publications?|studies|study|research on)\b",
    re.I,
)
_ORGS = re.compile(
    r"\b(?:organi[sz]ations?|initiatives?|pilots?|companies|vendors?|providers?|coalitions?|"
    r"programs?|who (?:is|are) (?:working|building|doing)|groups? working)\b",
    re.I,
)
_HOWTO = re.compile(
    r"\b(?:how (?:do|can|should|would) (?:i|we|you|an?|my)|how to|steps? to)\b", re.I
)
_LIST = re.compile(r"\b(?:all|list|every|each of|which are the|what are the)\b", re.I)
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|thanks|thank you|good (?:morning|afternoon|evening)|help)\b[\s!.?]*$",
    re.I,
)
_TRAILING = re.compile(r"[\s?!.]+$")


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    subjects: list[str] = field(default_factory=list)


def _clean_subject(text: str) -> str:
    text = _TRAILING.sub("", text.strip())
    text = re.sub(r"^(?:what is|what are|a|an|the)\s+", "", text, flags=re.I)
    return text.strip(" ,;:'\"")


def detect_intent(question: str) -> Intent:
    """Classify ``question`` into one intent; comparisons carry their two subjects."""
    text = question.strip()
    if _GREETING.match(text):
        return Intent("greeting")
    for pattern in _COMPARE:
        match = pattern.search(text)
        if match:
            a, b = _clean_subject(match.group("a")), _clean_subject(match.group("b"))
            a = re.sub(r"^.*\b(?:between|compare)\s+", "", a, flags=re.I)
            if a and b and len(a) < 80 and len(b) < 80:
                return Intent("compare", [a, b])
    if _HOWTO.search(text):
        return Intent("howto")
    if _RESOURCES.search(text):
        return Intent("resources")
    if _ORGS.search(text):
        return Intent("organizations")
    if _ROLES.search(text):
        return Intent("roles")
    if _LIST.search(text):
        return Intent("list")
    if _DEFINE.search(text):
        return Intent("define")
    return Intent("explain")
