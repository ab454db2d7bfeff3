"""Recognise what a question asks for, from its wording alone (no model needed)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ler_navigator.index.query import comparison_subjects

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
# "What are the stakeholder groups?" asks for every item of one kind, not for roles.
_LIST_KINDS = re.compile(
    r"\b(?:stakeholder groups?|stakeholders|action areas?|principles|lifecycle stages)\b", re.I
)
_LIST = re.compile(r"\b(?:all|list|every|each of|which are the|what are the)\b", re.I)
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|thanks|thank you|good (?:morning|afternoon|evening)|help)\b[\s!.?]*$",
    re.I,
)


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    subjects: list[str] = field(default_factory=list)


def detect_intent(question: str) -> Intent:
    """Classify ``question`` into one intent; comparisons carry their two subjects."""
    text = question.strip()
    if _GREETING.match(text):
        return Intent("greeting")
    subjects = comparison_subjects(text)
    if subjects:
        return Intent("compare", subjects)
    if _LIST.search(text) and _LIST_KINDS.search(text):
        return Intent("list")
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
