"""Learner records: what LER Navigator reads out of a learner's credentials and résumés.

A ``LearnerProfile`` gathers achievements (badges, courses, degrees, licences, generic VC
claims), employment and education history, and skills. Every skill keeps the evidence that
supports it: the file, where inside it (a JSON path or a text span), the achievement and issuer,
and a ``trust`` level that the verification step may raise or lower later.

Profiles from several uploads merge: a credential seen twice counts once (identity: its ``id``,
else the sha256 of its canonical JSON), and a skill found in several sources keeps all of its
evidence. Achievements and skills carry an ``excluded`` flag so that learners share only what
they choose.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

# How far a piece of evidence can be trusted. Ingestion sets the first three; verification
# replaces "unverified" with "verified" or "failed" once it has checked the credential.
Trust = Literal["typed", "self_reported", "unverified", "signed_unbound_key", "verified", "failed"]

# Where a skill mention came from inside a record.
SkillOrigin = Literal[
    "alignment",
    "achievement_name",
    "description",
    "criteria",
    "result",
    "tag",
    "field_of_study",
    "competency",
    "claim",
    "free_text",
    "typed",
]


_T = TypeVar("_T")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IssuerRef(_Model):
    """Who issued a record: the issuer's id (URL, DID) and display name, as written."""

    id: str | None = None
    name: str | None = None


class Alignment(_Model):
    """A link from an achievement to a framework entry (skill, competency, standard)."""

    target_name: str | None = None
    target_code: str | None = None
    target_framework: str | None = None
    target_url: str | None = None
    target_type: str | None = None
    target_description: str | None = None


class AchievementResult(_Model):
    """An outcome recorded for the learner (a grade, a level, a status)."""

    name: str | None = Field(None, description="What was measured, e.g. 'Grade'.")
    value: str | None = None
    status: str | None = None
    achieved_level: str | None = None


class AchievementEvidence(_Model):
    """Evidence attached to an award: a link to work, a narrative, or both."""

    id: str | None = None
    name: str | None = None
    narrative: str | None = None
    description: str | None = None
    genre: str | None = None


class Endorsement(_Model):
    """A third party vouching for an achievement or its issuer (not verified here)."""

    credential_id: str | None = None
    issuer: IssuerRef | None = None
    comment: str | None = None


class Association(_Model):
    """A CLR association: this achievement relates to another one (by achievement id)."""

    association_type: str
    target_id: str


class Claim(_Model):
    """One statement of a generic credential subject, flattened to a path and a text value."""

    path: str
    value: str


class SourceRef(_Model):
    """Where a record was read: the file, the format, and the JSON path inside it."""

    file: str
    format: str
    json_path: str | None = None
    container: str | None = Field(None, description="'png' or 'svg' for baked badges.")


class Achievement(_Model):
    """One thing the learner achieved: a badge, course, degree, licence or generic claim."""

    id: str = Field(description="Stable id: 'ach:' + digest of the credential and JSON path.")
    source_id: str | None = Field(None, description="The achievement's own id in the record.")
    credential_key: str | None = Field(None, description="Identity of the carrying credential.")
    title: str | None = None
    type: str | None = Field(None, description="achievementType, or the kind of record.")
    issuer: IssuerRef | None = None
    issued: str | None = Field(None, description="Award or issuance date as written.")
    valid_from: str | None = None
    valid_until: str | None = None
    description: str | None = None
    criteria: str | None = None
    criteria_url: str | None = None
    field_of_study: str | None = None
    credits: str | None = None
    tags: list[str] = Field(default_factory=list)
    results: list[AchievementResult] = Field(default_factory=list)
    alignments: list[Alignment] = Field(default_factory=list)
    evidence: list[AchievementEvidence] = Field(default_factory=list)
    endorsements: list[Endorsement] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    associations: list[Association] = Field(default_factory=list)
    reference: str | None = Field(
        None, description="URL of details that were not inside the file (hosted badges)."
    )
    trust: Trust = "unverified"
    source: SourceRef
    excluded: bool = False


class EmploymentEntry(_Model):
    """A position held, from an LER-RS record or a résumé section."""

    organization: str | None = None
    title: str | None = None
    start: str | None = None
    end: str | None = None
    current: bool | None = None
    location: str | None = None
    description: str | None = None
    trust: Trust = "self_reported"
    source: SourceRef


class EducationEntry(_Model):
    """A course of study, from an LER-RS record or a résumé section."""

    institution: str | None = None
    degree: str | None = None
    field_of_study: str | None = None
    status: str | None = None
    start: str | None = None
    end: str | None = None
    trust: Trust = "self_reported"
    source: SourceRef


class TextSpan(_Model):
    """A span of a text field: ``text == field[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class SkillEvidence(_Model):
    """One place that supports a skill, and how far it can be trusted."""

    file: str
    source_key: str = Field(
        description="Credential identity or document digest; the same source counts once."
    )
    json_path: str | None = None
    span: TextSpan | None = None
    origin: SkillOrigin
    achievement_id: str | None = None
    issuer: IssuerRef | None = None
    method: str = Field(description="How the skill was matched (exact, fuzzy, alignment, ...).")
    confidence: float = Field(ge=0.0, le=1.0)
    trust: Trust

    def identity(self) -> tuple[str, str, int, int, str]:
        """What makes two pieces of evidence the same (the file name does not)."""
        start, end = (self.span.start, self.span.end) if self.span else (-1, -1)
        return (self.source_key, self.json_path or "", start, end, self.origin)


class LearnerSkill(_Model):
    """A skill in the shared vocabulary, the aliases that matched it, and its evidence."""

    skill_id: str
    name: str
    aliases: list[str] = Field(default_factory=list, description="Matched texts, sorted.")
    evidence: list[SkillEvidence] = Field(default_factory=list)
    excluded: bool = False

    @property
    def best_trust(self) -> Trust:
        """The strongest trust level among this skill's evidence."""
        return max((e.trust for e in self.evidence), key=TRUST_RANK.__getitem__, default="typed")


TRUST_RANK: dict[str, int] = {
    "failed": 0,
    "typed": 1,
    "self_reported": 2,
    "unverified": 3,
    "signed_unbound_key": 4,
    "verified": 5,
}


class CredentialRecord(_Model):
    """One credential found in an upload (nested ones too), so verification can find it."""

    key: str = Field(description="Identity: 'id:<credential id>' or 'sha256:<canonical JSON>'.")
    content_sha256: str = Field(description="Digest of the canonical JSON without its proof.")
    id: str | None = None
    types: list[str] = Field(default_factory=list)
    name: str | None = None
    issuer: IssuerRef | None = None
    format: str
    file: str
    json_path: str
    parent_key: str | None = Field(None, description="The CLR or presentation that holds it.")


class LearnerProfile(_Model):
    """Everything read from a learner's uploads, merged, with the learner's sharing choices."""

    files: list[str] = Field(default_factory=list)
    credentials: list[CredentialRecord] = Field(default_factory=list)
    achievements: list[Achievement] = Field(default_factory=list)
    employment: list[EmploymentEntry] = Field(default_factory=list)
    education: list[EducationEntry] = Field(default_factory=list)
    skills: list[LearnerSkill] = Field(default_factory=list)
    unrecognized_skills: list[str] = Field(
        default_factory=list, description="Typed skills the vocabulary does not know."
    )
    warnings: list[str] = Field(default_factory=list)

    def merge(self, *others: LearnerProfile) -> LearnerProfile:
        """A new profile holding this one and ``others``; duplicates count once."""
        merged = self
        for other in others:
            merged = _merge_two(merged, other)
        return merged

    def with_excluded(
        self,
        *,
        skills: list[str] | tuple[str, ...] = (),
        achievements: list[str] | tuple[str, ...] = (),
        excluded: bool = True,
    ) -> LearnerProfile:
        """A copy with the ``excluded`` flag set (or cleared) on the given skill/achievement ids."""
        skill_ids, achievement_ids = set(skills), set(achievements)
        return self.model_copy(
            update={
                "skills": [
                    s.model_copy(update={"excluded": excluded}) if s.skill_id in skill_ids else s
                    for s in self.skills
                ],
                "achievements": [
                    a.model_copy(update={"excluded": excluded}) if a.id in achievement_ids else a
                    for a in self.achievements
                ],
            }
        )

    def shared(self) -> LearnerProfile:
        """Only what the learner chose to share: excluded skills and achievements removed.

        Evidence that points at an excluded achievement is dropped too, and a skill left
        without evidence disappears, so nothing excluded leaks through a skill.
        """
        hidden = {a.id for a in self.achievements if a.excluded}
        skills = []
        for skill in self.skills:
            if skill.excluded:
                continue
            kept = [e for e in skill.evidence if e.achievement_id not in hidden]
            if kept:
                skills.append(skill.model_copy(update={"evidence": kept}))
        return self.model_copy(
            update={
                "achievements": [a for a in self.achievements if not a.excluded],
                "skills": skills,
            }
        )

    def skill(self, skill_id: str) -> LearnerSkill | None:
        """The skill with this vocabulary id, or None."""
        return next((s for s in self.skills if s.skill_id == skill_id), None)


def _merge_two(first: LearnerProfile, second: LearnerProfile) -> LearnerProfile:
    warnings = list(first.warnings)
    credentials = list(first.credentials)
    known = {c.key: c.content_sha256 for c in credentials}
    for record in second.credentials:
        if record.key not in known:
            credentials.append(record)
            known[record.key] = record.content_sha256
        elif known[record.key] != record.content_sha256:
            # Same id, different content: a re-issued or altered credential. Both are kept
            # (their achievements have different ids) and the learner is told.
            credentials.append(record)
            warnings.append(
                f"Two different credentials use the same id {record.id or record.key!r} "
                f"({record.file}); both are kept."
            )

    achievements = {a.id: a for a in first.achievements}
    for achievement in second.achievements:
        if achievement.id in achievements:
            previous = achievements[achievement.id]
            if achievement.excluded and not previous.excluded:
                achievements[achievement.id] = previous.model_copy(update={"excluded": True})
        else:
            achievements[achievement.id] = achievement

    skills = {s.skill_id: s for s in first.skills}
    for skill in second.skills:
        skills[skill.skill_id] = (
            _merge_skill(skills[skill.skill_id], skill) if (skill.skill_id in skills) else skill
        )

    for warning in second.warnings:
        if warning not in warnings:
            warnings.append(warning)

    return LearnerProfile(
        files=sorted({*first.files, *second.files}),
        credentials=sorted(credentials, key=lambda c: (c.key, c.content_sha256)),
        achievements=sort_achievements(achievements.values()),
        employment=_unique(
            [*first.employment, *second.employment],
            lambda e: (e.organization, e.title, e.start, e.end),
        ),
        education=_unique(
            [*first.education, *second.education],
            lambda e: (e.institution, e.degree, e.start, e.end),
        ),
        skills=sorted(skills.values(), key=lambda s: (s.name.casefold(), s.skill_id)),
        unrecognized_skills=sorted({*first.unrecognized_skills, *second.unrecognized_skills}),
        warnings=warnings,
    )


def _merge_skill(first: LearnerSkill, second: LearnerSkill) -> LearnerSkill:
    evidence = {e.identity(): e for e in first.evidence}
    for item in second.evidence:
        evidence.setdefault(item.identity(), item)
    return first.model_copy(
        update={
            "aliases": sorted({*first.aliases, *second.aliases}),
            "evidence": sorted(evidence.values(), key=SkillEvidence.identity),
            # Excluded on either side stays excluded: sharing is opt-in.
            "excluded": first.excluded or second.excluded,
        }
    )


def sort_achievements(achievements: Iterable[Achievement]) -> list[Achievement]:
    """Achievements in display order: title, then stable id."""
    return sorted(achievements, key=lambda a: ((a.title or "").casefold(), a.id))


def _unique(items: list[_T], key: Callable[[_T], Hashable]) -> list[_T]:
    seen: set[Hashable] = set()
    out: list[_T] = []
    for item in items:
        marker = key(item)
        if marker not in seen:
            seen.add(marker)
            out.append(item)
    return out


__all__ = [
    "TRUST_RANK",
    "Achievement",
    "AchievementEvidence",
    "AchievementResult",
    "Alignment",
    "Association",
    "Claim",
    "CredentialRecord",
    "EducationEntry",
    "EmploymentEntry",
    "Endorsement",
    "IssuerRef",
    "LearnerProfile",
    "LearnerSkill",
    "SkillEvidence",
    "SkillOrigin",
    "TextSpan",
    "Trust",
]
