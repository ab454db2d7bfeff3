"""Answers about the learner's own fit, written from match results.

Every number shown comes from the matcher's explanation (points per skill add up to the
score); every occupation, credential and employer named is a knowledge item and is cited.
"""

from __future__ import annotations

from collections.abc import Sequence

from ler_navigator.answer.composer import CitationBook
from ler_navigator.kb.loader import KnowledgeBase
from ler_navigator.models.chat import Answer
from ler_navigator.models.fit import EmployerFit, OccupationFit, SkillSignal

MAX_CARDS = 5


def _names(items: Sequence[str], limit: int = 4) -> str:
    shown = list(items[:limit])
    more = len(items) - len(shown)
    text = ", ".join(shown)
    return f"{text} and {more} more" if more > 0 else text


def _fit_line(fit: OccupationFit, book: CitationBook, kb: KnowledgeBase) -> str:
    occupation = kb.get(fit.id)
    cite = book.cite(occupation) if occupation else ""
    matched = _names([m.name for m in fit.matched]) or "none yet"
    missing = _names([m.name for m in fit.missing], 3) or "nothing"
    line = f"**{fit.title}** (SOC {fit.code}) — fit **{fit.score:.0f}/100** {cite}."
    why = _why(fit)
    if why:
        line += f" Why: {why}."
    line += f" You have: {matched}. Missing: {missing}."
    change = [e for e in fit.evidence if e.kind == "change" and e.points < 0]
    if change:
        line += f" Note: {change[0].label}."
    if fit.needs_degree:
        line += " Usually needs a bachelor's degree" + _stepping_stone(fit) + "."
    if fit.next_steps:
        step = fit.next_steps[0]
        credential = kb.get(step.credential_id)
        line += f" Next step: {step.name} (+{step.gain:.0f} points) {book.cite(credential)}."
    return line


def _stepping_stone(fit: OccupationFit) -> str:
    stone = fit.stepping_stone
    if stone is None:
        return ""
    return (
        f"; a step you can reach without one: **{stone.title}** (SOC {stone.code}, "
        f"fit {stone.score:.0f}/100)"
    )


def _why(fit: OccupationFit, most: int = 2) -> str:
    """The strongest evidence from the learner's own words (titles, tasks, credentials, codes):
    the skills part is listed separately."""
    found = sorted(
        (e for e in fit.evidence if e.points > 0 and e.kind != "skills"),
        key=lambda e: -e.points,
    )
    return "; ".join(e.label for e in found[:most])


def _employer_line(fit: EmployerFit, book: CitationBook, kb: KnowledgeBase) -> str:
    employer = kb.get(fit.id)
    cite = book.cite(employer) if employer else ""
    degree = " Degree not required for some roles." if fit.degree_optional else ""
    return f"**{fit.name}** — fit {fit.score:.0f}/100 {cite}: {fit.practice}{degree}"


def compose_need_profile(question: str) -> Answer:
    return Answer(
        question=question,
        intent="fit",
        lead=(
            "To tell you which pathways fit, I need to know your skills first. Upload your "
            "LERs (badges, a CLR, a résumé) or type a few skills, for example: "
            '"I know welding, blueprint reading and forklift operation — which jobs fit me?"'
        ),
        needs_profile=True,
        related_questions=[
            "What is a Learning and Employment Record?",
            "How do I share my credentials with an employer?",
        ],
    )


def compose_fit(
    question: str,
    signals: Sequence[SkillSignal],
    fits: Sequence[OccupationFit],
    employers: Sequence[EmployerFit],
    kb: KnowledgeBase,
) -> Answer:
    """Which pathways (and employers) fit the learner's skills, and what closes the gap."""
    book = CitationBook(kb)
    cards = list(fits[:MAX_CARDS])
    if not cards:
        return Answer(
            question=question,
            intent="fit",
            lead=(
                f"None of the {len(signals)} skills I know of you matched the skills of the "
                "occupations in the knowledge base. Add more skills or upload an LER."
            ),
            needs_profile=True,
        )
    verified = sum(1 for s in signals if s.trust == "verified")
    lead = (
        f"Based on {len(signals)} skills you shared"
        + (f" ({verified} backed by verified credentials)" if verified else "")
        + " and what you wrote, these pathways fit best. Each score adds up its evidence: the "
        "share of the occupation's skills you cover (weighted by importance and by how strong "
        "your evidence is), and the job titles, tasks, credentials and military codes in your "
        "own words."
    )
    bullets = [_fit_line(fit, book, kb) for fit in cards]
    for employer in employers[:3]:
        bullets.append(_employer_line(employer, book, kb))
    best = cards[0]
    return Answer(
        question=question,
        intent="fit",
        lead=lead,
        bullets=bullets,
        citations=book.citations,
        related_questions=[
            f"What am I missing for {best.title}?",
            "Which employers hire for this without a degree?",
        ],
        fits=cards,
        employer_fits=list(employers[:3]),
    )


def compose_gap(
    question: str, fit: OccupationFit, employers: Sequence[EmployerFit], kb: KnowledgeBase
) -> Answer:
    """What the learner has and lacks for one occupation, and the shortest route to close it."""
    book = CitationBook(kb)
    occupation = kb.get(fit.id)
    lead = (
        f"Your fit for **{fit.title}** (SOC {fit.code}) is **{fit.score:.0f}/100** "
        f"{book.cite(occupation) if occupation else ''}."
    )
    bullets: list[str] = []
    if fit.matched:
        bullets.append(
            "You already have: "
            + "; ".join(f"{m.name} (+{m.points:.1f})" for m in fit.matched[:6])
            + "."
        )
    if fit.missing:
        bullets.append(
            "Missing, most important first: "
            + "; ".join(f"{m.name} (worth {m.points:.1f})" for m in fit.missing[:6])
            + "."
        )
    for step in fit.next_steps:
        credential = kb.get(step.credential_id)
        bullets.append(
            f"Next step: **{step.name}** from {step.issuer} covers {_names(step.covers)} "
            f"(+{step.gain:.0f} points) {book.cite(credential)}."
        )
    if fit.needs_degree:
        bullets.append(f"This occupation usually needs a bachelor's degree{_stepping_stone(fit)}.")
    for employer in employers[:3]:
        bullets.append(_employer_line(employer, book, kb))
    return Answer(
        question=question,
        intent="gap",
        lead=lead,
        bullets=bullets,
        citations=book.citations,
        related_questions=["Which pathways fit my skills?"],
        fits=[fit],
        employer_fits=list(employers[:3]),
    )


def compose_compare(question: str, fits: Sequence[OccupationFit], kb: KnowledgeBase) -> Answer:
    book = CitationBook(kb)
    ordered = sorted(fits, key=lambda f: (-f.score, f.id))
    bullets = [_fit_line(fit, book, kb) for fit in ordered]
    if len(ordered) >= 2:
        a, b = ordered[0], ordered[1]
        lead = (
            f"For you, **{a.title}** fits better ({a.score:.0f}/100) than **{b.title}** "
            f"({b.score:.0f}/100)."
            if a.score != b.score
            else f"**{a.title}** and **{b.title}** fit you equally ({a.score:.0f}/100)."
        )
    else:
        lead = "Here is how that pathway fits you:"
    return Answer(
        question=question,
        intent="compare_fit",
        lead=lead,
        bullets=bullets,
        citations=book.citations,
        fits=list(ordered),
    )


def compose_employers(question: str, employers: Sequence[EmployerFit], kb: KnowledgeBase) -> Answer:
    book = CitationBook(kb)
    if not employers:
        return Answer(
            question=question,
            intent="employers",
            lead="I found no employer in the knowledge base that hires for your skills yet.",
            known=False,
        )
    lead = (
        "These employers have public skills-based hiring practices and hire for occupations "
        "that fit your skills:"
    )
    return Answer(
        question=question,
        intent="employers",
        lead=lead,
        bullets=[_employer_line(e, book, kb) for e in employers[:MAX_CARDS]],
        citations=book.citations,
        employer_fits=list(employers[:MAX_CARDS]),
        related_questions=["Which pathways fit my skills?"],
    )
