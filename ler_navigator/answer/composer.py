"""The default answer writer: offline, deterministic and grounded.

Every sentence it writes comes from a retrieved knowledge item and carries that item's
citation number; nothing is said that the knowledge base does not hold. It is also the oracle
that an optional language model's answers are checked against.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ler_navigator.answer.intents import Intent
from ler_navigator.kb.loader import KnowledgeBase
from ler_navigator.models.chat import Answer, Citation, SearchHit
from ler_navigator.models.knowledge import (
    Initiative,
    KnowledgeItem,
    Organization,
    Resource,
    Stakeholder,
    Topic,
)

CAPABILITIES = [
    "explain LER terms (verifiable credential, CLR, Open Badges, micro-credential, ...)",
    "say who does what in the LER ecosystem, stage by stage (developing, issuing, using, adopting)",
    "find resources, organizations and initiatives on a topic",
    "walk through how-tos, such as sharing your credentials with an employer",
]

# Words that ask for "all items of one kind"; the kind names are the knowledge model's own.
LIST_KIND_WORDS = {
    "action_area": ("action area",),
    "principle": ("principle",),
    "stakeholder": ("stakeholder", "stakeholder group", "groups"),
    "topic": ("lifecycle stage", "stages"),
}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def sentences(text: str, count: int = 1) -> str:
    """The first ``count`` sentences of ``text``."""
    parts = _SENTENCE_END.split(text.strip())
    return " ".join(parts[:count]).strip()


@dataclass
class CitationBook:
    """Hands out citation numbers in order of first use, one per knowledge item."""

    kb: KnowledgeBase
    citations: list[Citation] = field(default_factory=list)

    def cite(self, item: KnowledgeItem, title: str | None = None) -> str:
        for citation in self.citations:
            if citation.id == item.id:
                return f"[{citation.number}]"
        number = len(self.citations) + 1
        self.citations.append(
            Citation(
                number=number,
                id=item.id,
                kind=item.kind,
                title=title or item.name,
                url=item.cite_url,
            )
        )
        return f"[{number}]"


def _parents(hits: Sequence[SearchHit], kb: KnowledgeBase) -> list[KnowledgeItem]:
    seen: dict[str, KnowledgeItem] = {}
    for hit in hits:
        item = kb.get(hit.parent_id)
        if item is not None and item.id not in seen:
            seen[item.id] = item
    return list(seen.values())


def _summary_bullet(item: KnowledgeItem, book: CitationBook, count: int = 1) -> str:
    return f"**{item.name}**: {sentences(item.body, count)} {book.cite(item)}"


def compose_unknown(question: str, examples: Sequence[str]) -> Answer:
    """An honest "I don't know" that says what the assistant can help with."""
    return Answer(
        question=question,
        intent="unknown",
        lead=(
            "I don't know — I found nothing in the LER knowledge base that answers this, "
            "and I won't guess. Here is what I can help with:"
        ),
        bullets=[c[0].upper() + c[1:] for c in CAPABILITIES],
        related_questions=list(examples)[:3],
        known=False,
    )


def compose_greeting(question: str, examples: Sequence[str]) -> Answer:
    return Answer(
        question=question,
        intent="greeting",
        lead=(
            "Hello! I'm LER Navigator. I answer questions about Learning and Employment Records "
            "from a curated knowledge base and cite every source. I can:"
        ),
        bullets=[c[0].upper() + c[1:] for c in CAPABILITIES],
        related_questions=list(examples)[:3],
    )


def compose(
    question: str,
    intent: Intent,
    hits: Sequence[SearchHit],
    kb: KnowledgeBase,
    *,
    subject_hits: Sequence[Sequence[SearchHit]] = (),
) -> Answer:
    """Write a grounded answer from ranked hits.

    Args:
        question: the learner's words (shown back in the answer).
        intent: what the question asks for.
        hits: ranked hits for the whole question.
        kb: the knowledge base the hits point into.
        subject_hits: for comparisons, the hits of each compared subject.
    """
    book = CitationBook(kb)
    parents = _parents(hits, kb)
    writer = {
        "compare": _compare,
        "roles": _roles,
        "resources": _resources,
        "organizations": _organizations,
        "howto": _howto,
        "list": _list,
    }.get(intent.kind, _define)
    lead, bullets = writer(question, intent, hits, parents, kb, book, subject_hits)
    return Answer(
        question=question,
        intent=intent.kind,
        lead=lead,
        bullets=bullets,
        citations=book.citations,
        related_questions=related_questions(question, parents, kb),
    )


def _define(question, intent, hits, parents, kb, book, subject_hits):
    main = parents[0]
    lead = f"**{main.name}**: {sentences(main.body, 2)} {book.cite(main)}"
    bullets: list[str] = []
    if main.aliases:
        bullets.append(f"Also known as: {', '.join(main.aliases[:5])}. {book.cite(main)}")
    for item in parents[1:4]:
        bullets.append(_summary_bullet(item, book))
    if len(bullets) < 2:
        for related_id in main.related[:2]:
            related = kb.get(related_id)
            if related is not None:
                bullets.append(f"Related: {_summary_bullet(related, book)}")
    return lead, bullets


def _compare(question, intent, hits, parents, kb, book, subject_hits):
    chosen: list[KnowledgeItem] = []
    for group in subject_hits:
        for item in _parents(group, kb):
            if item not in chosen:
                chosen.append(item)
                break
    if len(chosen) < 2:
        chosen = (chosen + [p for p in parents if p not in chosen])[:2]
    if len(chosen) < 2:
        return _define(question, intent, hits, parents, kb, book, subject_hits)
    a, b = chosen[0], chosen[1]
    lead = f"**{a.name}** and **{b.name}** are related, but they are not the same thing:"
    bullets = [_summary_bullet(a, book, 2), _summary_bullet(b, book, 2)]
    if b.id in a.related or a.id in b.related:
        bullets.append(f"The knowledge base lists them as related terms. {book.cite(a)}")
    return lead, bullets


# Verbs that point at one lifecycle stage ("who issues LERs?" -> Issuing).
_STAGE_VERBS = {
    "developing": re.compile(r"\b(?:develop|develops|developing|build|builds|design)\b", re.I),
    "issuing": re.compile(r"\b(?:issue|issues|issuing|award|awards|grant)\b", re.I),
    "using": re.compile(r"\b(?:use|uses|using)\b", re.I),
    "adopting": re.compile(r"\b(?:adopt|adopts|adopting|accept|accepts)\b", re.I),
}


def _stage_of(question: str) -> str | None:
    stages = [stage for stage, verb in _STAGE_VERBS.items() if verb.search(question)]
    return stages[0] if len(stages) == 1 else None


def _roles(question, intent, hits, parents, kb, book, subject_hits):
    stage = _stage_of(question)
    if stage is not None:
        # Every group has a role in every stage; list each group's role for the one asked.
        groups = [i for i in parents if isinstance(i, Stakeholder)] + [
            i for i in kb.by_kind("stakeholder") if isinstance(i, Stakeholder) and i not in parents
        ]
        bullets = []
        for item in groups[:6]:
            roles = next((s for s in item.stages if s.stage == stage), None)
            if roles is not None:
                text = "; ".join(r.rstrip(". ") for r in roles.roles[:2]) + "."
                bullets.append(f"**{item.name}**: {text} {book.cite(item)}")
        if bullets:
            lead = (
                f"Every stakeholder group has a part in {stage} LERs; these matter most "
                "for your question:"
            )
            return lead, bullets
    bullets: list[str] = []
    for hit in hits:
        item = kb.get(hit.parent_id)
        if not isinstance(item, Stakeholder):
            continue
        text = _stakeholder_section_text(item, hit.section)
        label = hit.title
        bullets.append(f"**{label}**: {text} {book.cite(item)}")
        if len(bullets) == 4:
            break
    if not bullets:
        return _define(question, intent, hits, parents, kb, book, subject_hits)
    lead = "Here is who does what, according to the LER Ecosystem Map:"
    return lead, bullets


def _stakeholder_section_text(item: Stakeholder, section: str | None) -> str:
    if section:
        for stage in item.stages:
            if stage.stage == section.lower():
                roles = "; ".join(r.rstrip(". ") for r in stage.roles[:3])
                return f"{stage.summary.rstrip('.')} — {roles}."
        for area in item.action_areas:
            if section.lower().startswith(area.area[:5]):
                return "; ".join(a.rstrip(". ") for a in area.actions[:3]) + "."
        if section == "Business Case":
            return "; ".join(f"{p.title}: {p.description}" for p in item.business_case[:2])
        if section == "Social Case":
            return "; ".join(f"{p.title}: {p.description}" for p in item.social_case[:2])
    return sentences(item.body, 2)


def _resources(question, intent, hits, parents, kb, book, subject_hits):
    bullets = []
    for item in parents:
        if isinstance(item, Resource):
            year = f", {item.year}" if item.year else ""
            bullets.append(
                f"**{item.name}** ({item.author}{year}): {sentences(item.body)} {book.cite(item)}"
            )
        if len(bullets) == 5:
            break
    if not bullets:
        return _define(question, intent, hits, parents, kb, book, subject_hits)
    return "These resources are a good place to start:", bullets


def _organizations(question, intent, hits, parents, kb, book, subject_hits):
    bullets = []
    for item in parents:
        if isinstance(item, Organization | Initiative):
            bullets.append(_summary_bullet(item, book))
        if len(bullets) == 5:
            break
    if not bullets:
        return _define(question, intent, hits, parents, kb, book, subject_hits)
    return "These organizations and initiatives work on it:", bullets


def _howto(question, intent, hits, parents, kb, book, subject_hits):
    main = parents[0]
    if isinstance(main, Topic) and main.sections:
        lead = f"{sentences(main.body, 2)} {book.cite(main)}"
        bullets = [
            f"**{s.heading}**: {sentences(s.text, 2)} {book.cite(main)}" for s in main.sections[:6]
        ]
        return lead, bullets
    return _define(question, intent, hits, parents, kb, book, subject_hits)


def _list(question, intent, hits, parents, kb, book, subject_hits):
    lowered = question.lower()
    for kind, words in LIST_KIND_WORDS.items():
        if any(w in lowered for w in words):
            members = [i for i in kb.by_kind(kind)]
            if kind == "topic":
                break
            members.sort(key=lambda i: (getattr(i, "order", 0), i.name))
            if members:
                lead = f"There are {len(members)}:"
                return lead, [_summary_bullet(m, book) for m in members]
    return _define(question, intent, hits, parents, kb, book, subject_hits)


def related_questions(
    question: str, parents: Sequence[KnowledgeItem], kb: KnowledgeBase
) -> list[str]:
    """Two or three follow-up questions the knowledge base can answer."""
    asked = question.strip().lower()
    out: list[str] = []

    def add(text: str) -> None:
        if text.lower() != asked and text not in out:
            out.append(text)

    for item in parents[:2]:
        if isinstance(item, Stakeholder):
            add(f"What do {item.name} do when issuing LERs?")
            add(f"Which organizations are {item.name}?")
        elif isinstance(item, Resource):
            add(f"Which other resources cover {item.topics[0]}?")
        elif isinstance(item, Organization | Initiative):
            add(f"What does {item.name} do?")
        for related_id in item.related[:2]:
            related = kb.get(related_id)
            if related is not None and related.kind == "glossary_term":
                add(f"What is {related.name}?")
            elif related is not None and related.kind == "stakeholder":
                add(f"What role do {related.name} play?")
        if len(out) >= 3:
            break
    return out[:3]
