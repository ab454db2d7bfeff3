"""Building a ``LearnerProfile`` from uploads, typed skills or a pasted paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ler_navigator.ingest.context import ParseContext
from ler_navigator.ingest.errors import EmptyDocumentError
from ler_navigator.ingest.fields import sha256_hex
from ler_navigator.ingest.limits import IngestLimits
from ler_navigator.ingest.result import IngestResult, ParsedFile
from ler_navigator.ingest.resume import check_resume_text, parse_resume_text
from ler_navigator.ingest.skill_step import Vocabulary, find_skills
from ler_navigator.models.ler import LearnerProfile, LearnerSkill, sort_achievements

TYPED_SOURCE = "typed skills"
PASTED_SOURCE = "pasted text"
_SEPARATORS = re.compile(r"[,;\n\r\t•·|]+")


def profile_from(items: Iterable[ParsedFile | IngestResult]) -> LearnerProfile:
    """One profile from parsed files (failed results are skipped); duplicates count once."""
    profile = LearnerProfile()
    for item in items:
        parsed = item.parsed if isinstance(item, IngestResult) else item
        if parsed is not None:
            profile = profile.merge(_profile_of(parsed))
    return profile


def _profile_of(parsed: ParsedFile) -> LearnerProfile:
    return LearnerProfile(
        files=[parsed.file],
        credentials=sorted(parsed.credentials, key=lambda c: (c.key, c.content_sha256)),
        achievements=sort_achievements(parsed.achievements),
        employment=parsed.employment,
        education=parsed.education,
        skills=parsed.skills,
        warnings=[f"{parsed.file}: {w}" for w in parsed.warnings],
    )


def profile_from_typed_skills(typed: str, vocabulary: Vocabulary) -> LearnerProfile:
    """A profile from a list the learner typed ("Python, welding; customer service").

    Each entry is matched as a whole first; entries the vocabulary does not know are kept in
    ``unrecognized_skills`` rather than invented.
    """
    entries = [e.strip() for e in _SEPARATORS.split(typed) if e.strip()]
    if not entries:
        raise EmptyDocumentError(
            "No skills were typed.", hint="List your skills separated by commas."
        )
    ctx = ParseContext(file=TYPED_SOURCE, limits=IngestLimits(), format="typed")
    source_key = "typed:" + sha256_hex(typed)
    for index, entry in enumerate(entries):
        ctx.add_text(
            entry,
            "typed",
            source_key=source_key,
            json_path=f"$[{index}]",
            trust="typed",
            is_name=True,
        )
    skills = find_skills(ctx.skill_texts, vocabulary, TYPED_SOURCE)
    matched_paths = {e.json_path for s in skills for e in s.evidence}
    unknown = [e for i, e in enumerate(entries) if f"$[{i}]" not in matched_paths]
    return LearnerProfile(
        files=[TYPED_SOURCE],
        skills=skills,
        unrecognized_skills=sorted(set(unknown)),
    )


def profile_from_text(paragraph: str, vocabulary: Vocabulary) -> LearnerProfile:
    """A profile from a pasted résumé paragraph: skills, plus headed experience/education."""
    check_resume_text(paragraph)
    ctx = ParseContext(file=PASTED_SOURCE, limits=IngestLimits(), format="resume-text")
    parse_resume_text(ctx, paragraph)
    skills: list[LearnerSkill] = find_skills(ctx.skill_texts, vocabulary, PASTED_SOURCE)
    return LearnerProfile(
        files=[PASTED_SOURCE],
        employment=ctx.employment,
        education=ctx.education,
        skills=skills,
        warnings=ctx.warnings,
    )
