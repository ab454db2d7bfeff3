"""The sources the language model sees: knowledge items and match results, numbered and fenced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ler_navigator.kb.loader import KnowledgeBase
from ler_navigator.models.chat import Answer, SearchHit
from ler_navigator.models.knowledge import (
    CredentialProgram,
    Employer,
    KnowledgeItem,
    Occupation,
    Resource,
)

MAX_SOURCE_CHARS = 1500


@dataclass(frozen=True)
class ContextItem:
    """One source the model may cite; its number is its position in the context (from 1)."""

    id: str
    kind: str
    title: str
    url: str
    text: str
    names: tuple[str, ...] = ()


def context_from(
    answer: Answer, kb: KnowledgeBase, hits: Sequence[SearchHit] = ()
) -> list[ContextItem]:
    """The composer's citations (same numbers) and then any other retrieved items, as sources."""
    fits = {f.id: f for f in answer.fits}
    employer_fits = {e.id: e for e in answer.employer_fits}
    items: list[ContextItem] = []
    seen: set[str] = set()
    for citation in sorted(answer.citations, key=lambda c: c.number):
        item = kb.get(citation.id)
        text = _item_text(item) if item else ""
        if citation.id in fits:
            text += "\n" + _fit_text(fits[citation.id])
        if citation.id in employer_fits:
            e = employer_fits[citation.id]
            text += f"\nMatch result: fit {e.score:.0f}/100; shared skills: "
            text += ", ".join(e.matched_skills) or "none"
        items.append(
            ContextItem(
                citation.id,
                citation.kind,
                citation.title,
                citation.url,
                text.strip(),
                _names_of(item, citation.title),
            )
        )
        seen.add(citation.id)
    for hit in hits:
        item = kb.get(hit.parent_id)
        if item is None or item.id in seen:
            continue
        seen.add(item.id)
        items.append(
            ContextItem(
                item.id, item.kind, item.name, item.cite_url, _item_text(item), _names_of(item)
            )
        )
    return items


def _names_of(item: KnowledgeItem | None, title: str | None = None) -> tuple[str, ...]:
    names = [title] if title else []
    if item is not None:
        names += [item.name, *item.aliases]
        if isinstance(item, Occupation):
            names += item.alternate_titles
    return tuple(dict.fromkeys(n for n in names if n))


def _item_text(item: KnowledgeItem) -> str:
    facts: list[str] = []
    if isinstance(item, Occupation):
        facts.append(f"SOC code {item.soc_code}; typical education: {item.typical_education}.")
    elif isinstance(item, CredentialProgram):
        facts.append(f"Issued by {item.issuer} ({item.credential_type}).")
        if item.duration:
            facts.append(f"Typical duration: {item.duration}.")
    elif isinstance(item, Employer):
        facts.append(item.practice)
        if item.degree_optional:
            facts.append("Some roles do not require a degree.")
    elif isinstance(item, Resource):
        facts.append(f"By {item.author}" + (f", {item.year}." if item.year else "."))
    text = " ".join([item.body, *facts]).strip()
    return text[:MAX_SOURCE_CHARS]


def _fit_text(fit: Any) -> str:
    matched = ", ".join(f"{m.name} (+{m.points:.1f})" for m in fit.matched[:8]) or "none yet"
    missing = ", ".join(f"{m.name} (worth {m.points:.1f})" for m in fit.missing[:8]) or "nothing"
    lines = [
        f"Match result: fit {fit.score:.0f}/100.",
        f"Skills the learner has: {matched}.",
        f"Skills missing: {missing}.",
    ]
    for step in fit.next_steps[:2]:
        lines.append(f"Next step: {step.name} from {step.issuer} (+{step.gain:.0f} points).")
    if fit.needs_degree:
        lines.append("Usually needs a bachelor's degree.")
        if fit.stepping_stone is not None:
            lines.append(f"A step reachable without a degree: {fit.stepping_stone.title}.")
    return "\n".join(lines)


def fence(text: str) -> str:
    """``text`` with its angle brackets escaped, so it can sit inside a prompt's tags."""
    # Data may not close (or open) the tags that fence it, whatever it says.
    return text.replace("<", "&lt;").replace(">", "&gt;")


def sources_block(context: Sequence[ContextItem]) -> str:
    """The context as numbered ``<source>`` blocks, the way the prompts expect it."""
    blocks = []
    for number, item in enumerate(context, start=1):
        blocks.append(
            f'<source number="{number}" id="{fence(item.id)}" kind="{item.kind}" '
            f'title="{fence(item.title)}">\n{fence(item.text)}\n</source>'
        )
    return "\n\n".join(blocks)


__all__ = ["ContextItem", "context_from", "fence", "sources_block"]
