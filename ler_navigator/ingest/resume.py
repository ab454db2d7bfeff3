"""Plain-text and Markdown résumés (also the text of PDF and Word résumés).

The whole text is offered to the skill step as free text (``self_reported``). Headed sections
("Experience", "Education") give simple employment and education entries: one per line that is
not a bullet, with the bullets below it as the description.
"""

from __future__ import annotations

import re

from ler_navigator.ingest.context import ParseContext
from ler_navigator.ingest.errors import EmptyDocumentError, NotACredentialError
from ler_navigator.ingest.fields import sha256_hex
from ler_navigator.models.ler import EducationEntry, EmploymentEntry

_NQUAD_RE = re.compile(r"^\s*(?:<[^>\s]*>|_:\S+)\s+<[^>\s]*>\s+.+\s\.\s*$")
_MARKDOWN_RE = re.compile(r"^(?:#{1,6}\s|\s*[-*+]\s|\s*\d+\.\s)|\*\*|__|\[[^\]]+\]\([^)]+\)", re.M)
_HEADING_RE = re.compile(r"^\s*(?:#{1,6}\s*)?(?P<title>[A-Za-z][A-Za-z &/]{2,40}?)\s*:?\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-*+•·▪]|\d+[.)])\s+")
_EMPLOYMENT_HEADINGS = frozenset(
    {
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
    }
)
_EDUCATION_HEADINGS = frozenset({"education", "education and training", "training", "academic"})
_EMPHASIS_RE = re.compile(r"\*\*|__|`")
_MIN_LETTER_SHARE = 0.4


def text_format(text: str) -> str:
    """'resume-markdown' when the text uses Markdown syntax, else 'resume-text'."""
    return "resume-markdown" if len(_MARKDOWN_RE.findall(text)) >= 2 else "resume-text"


def check_resume_text(text: str) -> None:
    """Refuse empty text and machine data (RDF N-Quads, dumps) that is no résumé."""
    stripped = text.strip()
    if not stripped:
        raise EmptyDocumentError(
            "This file is empty, so there is nothing to read.",
            hint="Upload your résumé or a credential file, or type your skills instead.",
        )
    lines = [line for line in stripped.splitlines() if line.strip()]
    if sum(1 for line in lines if _NQUAD_RE.match(line)) >= max(1, len(lines) // 2):
        raise NotACredentialError(
            "This file holds RDF statements (N-Quads), not a credential or a résumé.",
            hint="Upload the credential itself (JSON, JWT or a badge image) instead.",
        )
    letters = sum(1 for c in stripped if c.isalpha())
    if letters / len(stripped) < _MIN_LETTER_SHARE:
        raise NotACredentialError(
            "This file looks like data or code, not a résumé or a credential we read.",
            hint="Upload a credential (JSON, JWT, badge image) or a résumé (PDF, Word, text).",
        )


def parse_resume_text(ctx: ParseContext, text: str) -> None:
    """Read a résumé's text: free text for skills, plus headed employment/education lines."""
    check_resume_text(text)
    if len(text) > ctx.limits.max_text_chars:
        text = text[: ctx.limits.max_text_chars]
        ctx.warnings.append("Only the beginning of this long document was read.")
    source_key = "doc:" + sha256_hex(text)
    ctx.add_text(text, "free_text", source_key=source_key, json_path=None, trust="self_reported")
    _read_sections(ctx, text)


def _read_sections(ctx: ParseContext, text: str) -> None:
    section: str | None = None
    last_job: int | None = None
    for line in text.splitlines():
        if not line.strip():
            continue
        heading = _HEADING_RE.match(line)
        name = heading.group("title").strip().casefold() if heading else ""
        if name in _EMPLOYMENT_HEADINGS or name in _EDUCATION_HEADINGS:
            section = "employment" if name in _EMPLOYMENT_HEADINGS else "education"
            last_job = None
            continue
        if heading and (line.lstrip().startswith("#") or line.strip().endswith(":")):
            section, last_job = None, None  # another headed section
            continue
        content = _EMPHASIS_RE.sub("", _BULLET_RE.sub("", line)).strip().strip("#").strip()
        if section == "employment":
            if _BULLET_RE.match(line) and last_job is not None:
                entry = ctx.employment[last_job]
                joined = f"{entry.description}\n{content}" if entry.description else content
                ctx.employment[last_job] = entry.model_copy(update={"description": joined})
            else:
                ctx.employment.append(EmploymentEntry(title=content, source=ctx.source(None)))
                last_job = len(ctx.employment) - 1
        elif section == "education" and not _BULLET_RE.match(line):
            ctx.education.append(EducationEntry(degree=content, source=ctx.source(None)))
