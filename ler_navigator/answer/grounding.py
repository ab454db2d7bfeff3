"""Grounding: a language model's answer may only cite, and name, what it was given.

Two checks run on the model's text. Every citation marker (``[2]``, or an id such as
``[occupation:51-4121.06]``) must be one of the sources in the prompt. Every employer,
occupation, credential, organization or initiative of the knowledge base that the text names must
be one of those sources too (or be named inside them): a model that recommends a well-known
employer it was not given is answering from memory, not from the knowledge base.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from ler_navigator.models.knowledge import KnowledgeItem

# Kinds whose names must never appear in an answer unless retrieved or matched.
ENTITY_KINDS = ("credential", "employer", "initiative", "occupation", "organization")

_MARKER = re.compile(r"\[([^\[\]\n]{1,160})\](?!\()")
_TOKEN = re.compile(r"^(?:\d{1,3}|[a-z][a-z_]*:[^\s,;\[\]]+)$")
_URL = re.compile(r"https?://\S+")
_MIN_NAME_LENGTH = 3


@dataclass(frozen=True)
class GroundingReport:
    """What a grounding check found; ``ok`` when nothing is out of bounds."""

    cited: tuple[str, ...]
    unknown_citations: tuple[str, ...] = ()
    ungrounded_names: tuple[str, ...] = ()
    uncited: bool = False

    @property
    def ok(self) -> bool:
        return not (self.unknown_citations or self.ungrounded_names or self.uncited)

    def problems(self) -> list[str]:
        """One line per problem, for the retry prompt and the evaluation report."""
        lines = []
        if self.uncited:
            lines.append("- The answer cites no source.")
        if self.unknown_citations:
            shown = ", ".join(f"[{c}]" for c in self.unknown_citations)
            lines.append(f"- It cites sources that were not given: {shown}.")
        if self.ungrounded_names:
            shown = ", ".join(self.ungrounded_names)
            lines.append(f"- It names items that are not in the sources: {shown}.")
        return lines


def citation_markers(text: str) -> list[str]:
    """Citation tokens in order of first use: ``"[1, 3] ... [employer:ibm]"`` → 1, 3, id."""
    found: list[str] = []
    for match in _MARKER.finditer(text):
        for part in re.split(r"[,;]\s*|\]\s*\[", match.group(1)):
            token = part.strip()
            if _TOKEN.match(token) and token not in found:
                found.append(token)
    return found


def entity_names(items: Iterable[KnowledgeItem]) -> dict[str, tuple[str, ...]]:
    """Names and aliases of the knowledge base's entities, each with the ids it may mean."""
    names: dict[str, set[str]] = {}
    for item in items:
        if item.kind not in ENTITY_KINDS:
            continue
        for name in [item.name, *item.aliases]:
            if len(name.strip()) >= _MIN_NAME_LENGTH:
                names.setdefault(name.strip(), set()).add(item.id)
    return {name: tuple(sorted(ids)) for name, ids in sorted(names.items())}


def _name_pattern(name: str) -> re.Pattern[str]:
    # Single words ("Target", "Bakers") only count capitalised as written, so that everyday
    # words do not read as names; longer names count in any case.
    flags = re.I if " " in name else 0
    return re.compile(rf"(?<![\w&]){re.escape(name)}(?![\w&])", flags)


def _spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for name in names:
        if len(name) >= _MIN_NAME_LENGTH and name.casefold() in text.casefold():
            pattern = re.compile(rf"(?<![\w&]){re.escape(name)}(?![\w&])", re.I)
            spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return spans


def check_grounding(
    text: str,
    allowed_ids: Collection[str],
    allowed_names: Collection[str],
    known_entity_names: Mapping[str, Collection[str]],
) -> GroundingReport:
    """Check ``text`` against the sources it was given.

    Args:
        text: the model's answer.
        allowed_ids: the tokens a citation may hold: source numbers ("1") and item ids.
        allowed_names: names the answer may use (the sources' names, aliases, names inside them).
        known_entity_names: every entity name of the knowledge base with the ids it may mean.
    """
    allowed = set(allowed_ids)
    cited = citation_markers(text)
    unknown = tuple(c for c in cited if c not in allowed)
    plain = _URL.sub(" ", _MARKER.sub(" ", text))
    allowed_folded = {n.casefold() for n in allowed_names}
    spans = _spans(plain, allowed_names)
    lowered = plain.casefold()
    ungrounded: list[str] = []
    for name, ids in known_entity_names.items():
        if name.casefold() not in lowered or name.casefold() in allowed_folded:
            continue
        if any(i in allowed for i in ids):
            continue
        for match in _name_pattern(name).finditer(plain):
            inside = any(s <= match.start() and match.end() <= e for s, e in spans)
            if not inside and name not in ungrounded:
                ungrounded.append(name)
    return GroundingReport(
        cited=tuple(cited),
        unknown_citations=unknown,
        ungrounded_names=tuple(sorted(ungrounded)),
        uncited=not cited,
    )
