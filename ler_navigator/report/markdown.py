"""The advising summary as Markdown: readable as plain text, renders cleanly as a page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ler_navigator.report.model import AdvisingReport, ReportSkill
from ler_navigator.verify.validity import format_day

SCORE_NOTE = (
    "Fit scores run from 0 to 100: the share of an occupation's skills, weighted by how much "
    "each matters, that the learner's evidence covers. A skill backed by a verified credential "
    "counts more than the same skill typed in or read from a résumé."
)
NO_NOTES = "No notes were added."
MAX_LISTED = 10

# Characters that would start emphasis, links or headings when a name is printed as written.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def render_markdown(report: AdvisingReport) -> str:
    """The report as a Markdown document (same report, same text)."""
    lines = [f"# {_text(report.title)}", "", f"Date: {report_day(report)}", "", f"_{SCORE_NOTE}_"]
    lines += _section("Learner profile", _learner(report))
    lines += _section("Credentials and verification", _credentials(report))
    lines += _section("Top pathways", _pathways(report))
    lines += _section("Next steps", _next_steps(report))
    lines += _section("Employers that fit", _employers(report))
    lines += _section("Resources", _resources(report))
    lines += _section("Navigator's notes", _notes(report))
    lines += _section("Citations", _citations(report))
    return "\n".join(lines).rstrip() + "\n"


def report_day(report: AdvisingReport) -> str:
    """The report's date in words, e.g. '29 November 2026'."""
    return format_day(dt.datetime.combine(report.date, dt.time()))


def listed(names: Sequence[str], limit: int = MAX_LISTED) -> str:
    """'a, b, c and 4 more' (or 'none')."""
    if not names:
        return "none"
    shown = ", ".join(names[:limit])
    rest = len(names) - limit
    return f"{shown} and {rest} more" if rest > 0 else shown


def skill_evidence(skill: ReportSkill) -> str:
    """Where a skill comes from; each source already names how far it can be trusted."""
    return "; ".join(skill.evidence) or skill.trust


def _section(heading: str, body: list[str]) -> list[str]:
    return ["", f"## {heading}", "", *body]


def _text(value: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(value.split()))


def _cite(number: int) -> str:
    return f"[{number}]"


def _learner(report: AdvisingReport) -> list[str]:
    learner = report.learner
    lines = []
    if learner.name:
        lines.append(f"- Name: {_text(learner.name)}")
    files = ", ".join(_text(f) for f in learner.files) or "none (skills were typed in)"
    lines.append(f"- Files read: {files}")
    if not learner.skills:
        lines.append("- Skills: none recognized yet")
    else:
        lines.append(f"- Skills ({len(learner.skills)}):")
        for skill in learner.skills:
            lines.append(f"  - **{_text(skill.name)}**: {_text(skill_evidence(skill))}")
    if learner.unrecognized_skills:
        unknown = ", ".join(_text(s) for s in learner.unrecognized_skills)
        lines.append(f"- Typed skills not in the skills vocabulary: {unknown}")
    if learner.employment:
        lines.append("- Work history:")
        lines += [f"  - {_text(e)}" for e in learner.employment]
    if learner.education:
        lines.append("- Education:")
        lines += [f"  - {_text(e)}" for e in learner.education]
    for warning in learner.warnings:
        lines.append(f"- Note: {_text(warning)}")
    return lines


def _credentials(report: AdvisingReport) -> list[str]:
    if not report.credentials and not report.unread_files:
        return ["No credential files were uploaded."]
    lines = []
    for entry in report.credentials:
        issuer = f" from {_text(entry.issuer)}" if entry.issuer else ""
        lines.append(f"- **{_text(entry.title)}**{issuer} (file {_text(entry.file)})")
        lines.append(f"  - Status: **{_text(entry.status)}**. {_text(entry.details)}")
    for unread in report.unread_files:
        hint = f" {_text(unread.hint)}" if unread.hint else ""
        lines.append(f"- {_text(unread.file)}: could not be read. {_text(unread.message)}{hint}")
    return lines


def _pathways(report: AdvisingReport) -> list[str]:
    if not report.pathways:
        return ["No pathway fits yet: add skills or upload credentials to see fitting pathways."]
    lines = [
        "| # | Pathway | SOC code | Fit score | Typical education |",
        "|---|---|---|---:|---|",
    ]
    for p in report.pathways:
        lines.append(
            f"| {p.rank} | {_text(p.title)} {_cite(p.citation.number)} | {p.code} "
            f"| {p.score:.1f} | {_text(p.typical_education)} |"
        )
    for p in report.pathways:
        lines += [
            "",
            f"**{p.rank}. {_text(p.title)}** ({p.code}, fit {p.score:.1f} of 100)",
            "",
            f"- Skills you have ({len(p.matched)}): {_text(listed(p.matched))}",
            f"- Skills to build ({len(p.missing)}): {_text(listed(p.missing))}",
        ]
        if p.stepping_stone:
            lines.append(
                f"- Usually needs a bachelor's degree; a step reachable without one: "
                f"{_text(p.stepping_stone)}"
            )
    return lines


def _next_steps(report: AdvisingReport) -> list[str]:
    if not report.next_steps:
        return ["No credential or program in the knowledge base closes these gaps yet."]
    lines = []
    for step in report.next_steps:
        lines.append(
            f"- **{_text(step.name)}** ({_text(step.credential_type)}, {_text(step.issuer)}) "
            f"{_cite(step.citation.number)}: covers {_text(listed(step.covers))}; adds up to "
            f"{step.gain:.1f} points for {_text(', '.join(step.pathways))}"
        )
    return lines


def _employers(report: AdvisingReport) -> list[str]:
    if not report.employers:
        return ["No employer in the knowledge base fits these skills yet."]
    lines = []
    for employer in report.employers:
        lines.append(
            f"- **{_text(employer.name)}** (fit {employer.score:.1f}) "
            f"{_cite(employer.citation.number)}: {_text(employer.practice)}"
        )
        if employer.best_pathway:
            lines.append(f"  - Best-fitting pathway: {_text(employer.best_pathway)}")
        if employer.matched_skills:
            lines.append(
                f"  - Skills they look for that you have: {_text(listed(employer.matched_skills))}"
            )
        if employer.degree_optional:
            lines.append("  - Has dropped four-year degree requirements for some roles")
    return lines


def _resources(report: AdvisingReport) -> list[str]:
    if not report.resources:
        return ["No resource in the knowledge base matched."]
    lines = []
    for resource in report.resources:
        by = ", ".join(str(p) for p in (resource.author, resource.year) if p)
        lines.append(
            f"- **{_text(resource.title)}**"
            + (f" ({_text(by)})" if by else "")
            + f" {_cite(resource.citation.number)}: {_text(resource.summary)}"
        )
    return lines


def _notes(report: AdvisingReport) -> list[str]:
    paragraphs = [p for p in re.split(r"\n\s*\n", report.notes) if p.strip()]
    if not paragraphs:
        return [NO_NOTES]
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [_text(paragraph), ""]
    return lines[:-1]


def _citations(report: AdvisingReport) -> list[str]:
    if not report.citations:
        return ["No sources were cited."]
    return [f"{c.number}. {_text(c.title)}: <{c.url}>" for c in report.citations]


__all__ = ["listed", "render_markdown", "report_day", "skill_evidence"]
