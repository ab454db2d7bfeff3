"""Fit models: how well a learner's skills fit an occupation or an employer, and why."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MatchVia = Literal["exact", "specific", "general", "near"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SkillSignal(_Model):
    """One skill of the learner as the matcher sees it: how strongly the evidence backs it."""

    skill_id: str
    name: str
    weight: float = Field(ge=0.0, le=1.0, description="Strength of the best evidence (0..1).")
    trust: str = Field(description="Trust level of the best evidence.")
    sources: list[str] = Field(default_factory=list, description="Where it came from, for people.")


class MatchedSkill(_Model):
    skill_id: str
    name: str
    importance: float
    credit: float = Field(description="0..1: evidence weight × how closely it matches.")
    points: float = Field(description="What this skill adds to the score (points out of 100).")
    via: MatchVia
    learner_skill: str = Field(description="The learner's skill that matched.")
    trust: str
    similarity: float | None = None
    sources: list[str] = Field(default_factory=list)


class MissingSkill(_Model):
    skill_id: str
    name: str
    importance: float
    points: float = Field(description="Points this skill would add with verified evidence.")


class NextStep(_Model):
    """A credential or program in the knowledge base that teaches missing skills."""

    credential_id: str
    name: str
    issuer: str
    credential_type: str
    covers: list[str] = Field(description="Names of the missing skills it covers.")
    gain: float = Field(description="Points the fit would gain once it is earned.")
    url: str


class SteppingStone(_Model):
    """A related occupation reachable without a degree, for a learner whose records show none
    when the suggested one usually needs a bachelor's degree."""

    id: str
    code: str
    title: str
    score: float = Field(description="The learner's fit for it, 0-100.")
    typical_education: str


EvidenceKind = Literal["skills", "title", "tasks", "credential", "military", "degree", "change"]


class FitEvidence(_Model):
    """One component of a fit score, with the learner's words or records that produced it."""

    kind: EvidenceKind
    label: str = Field(description="What produced it, e.g. 'you wrote “88M”'.")
    points: float


class OccupationFit(_Model):
    id: str
    code: str
    title: str
    score: float = Field(ge=0.0, le=100.0, description="The sum of the evidence points.")
    skill_coverage: float = Field(0.0, description="Importance-weighted skill coverage, 0-100.")
    evidence: list[FitEvidence] = Field(default_factory=list)
    matched: list[MatchedSkill]
    missing: list[MissingSkill]
    next_steps: list[NextStep] = Field(default_factory=list)
    employers: list[str] = Field(default_factory=list, description="Employer ids hiring for it.")
    job_zone: int | None = None
    typical_education: str
    needs_degree: bool = False
    stepping_stone: SteppingStone | None = None
    url: str

    @property
    def major_group(self) -> str:
        return self.code[:2]


class EmployerFit(_Model):
    id: str
    name: str
    score: float = Field(ge=0.0, le=100.0)
    best_occupation: str | None = Field(None, description="Occupation id with the best fit.")
    occupation_points: float
    skill_points: float
    matched_skills: list[str]
    degree_optional: bool
    practice: str
    url: str


class MatchResult(_Model):
    occupations: list[OccupationFit]
    employers: list[EmployerFit]
    signals: list[SkillSignal]
    method: Literal["skills"] = "skills"
