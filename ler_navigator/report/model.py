"""The advising summary: what a navigator hands a learner after a session, ready to render.

Every string is display-ready (verification verdicts are already in plain words), so the
Markdown and PDF renderers only lay it out and always say the same thing. Every item taken
from the knowledge base carries its numbered citation.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from ler_navigator.models.chat import Citation


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportSkill(_Model):
    """One of the learner's skills and what backs it, in words."""

    name: str
    trust: str = Field(description="Trust level of the best evidence.")
    evidence: list[str] = Field(default_factory=list, description="Where it came from.")


class LearnerSection(_Model):
    """Who the report is for and what their records and typed skills show."""

    name: str | None = None
    files: list[str] = Field(default_factory=list)
    skills: list[ReportSkill] = Field(default_factory=list)
    unrecognized_skills: list[str] = Field(default_factory=list)
    employment: list[str] = Field(default_factory=list, description="'Title, Org (dates)'.")
    education: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class CredentialEntry(_Model):
    """One credential the learner uploaded, with its verification status in plain words."""

    file: str
    title: str
    issuer: str | None = None
    format: str
    status: str = Field(description="Short verdict, e.g. 'Verified' or 'Not signed'.")
    details: str = Field(description="The verifier's explanation for a learner.")
    trust: str | None = Field(None, description="Verifier trust level; None when not checked.")


class UnreadFile(_Model):
    """An upload that could not be read, and what to do about it."""

    file: str
    message: str
    hint: str | None = None


class PathwayEntry(_Model):
    """A fitting occupation: its score and the skills the learner has and still needs."""

    rank: int = Field(ge=1)
    occupation_id: str
    title: str
    code: str = Field(description="O*NET-SOC code.")
    score: float = Field(ge=0.0, le=100.0)
    matched: list[str]
    missing: list[str]
    typical_education: str = Field(description="In words, e.g. 'High school diploma'.")
    stepping_stone: str | None = Field(
        None, description="A related occupation reachable without a degree, 'Title (code)'."
    )
    citation: Citation


class NextStepEntry(_Model):
    """A credential or program that would close gaps in one or more of the pathways."""

    credential_id: str
    name: str
    issuer: str
    credential_type: str
    covers: list[str] = Field(description="Missing skills it teaches.")
    gain: float = Field(description="Most points it adds to any listed pathway.")
    pathways: list[str] = Field(description="Titles of the pathways it helps with.")
    citation: Citation


class EmployerEntry(_Model):
    """An employer whose skills-based hiring fits the learner."""

    employer_id: str
    name: str
    score: float = Field(ge=0.0, le=100.0)
    matched_skills: list[str]
    degree_optional: bool
    practice: str
    best_pathway: str | None = Field(None, description="Title of the best-fitting occupation.")
    citation: Citation


class ResourceEntry(_Model):
    """A guide, report or toolkit worth reading next."""

    resource_id: str
    title: str
    author: str | None = None
    year: int | None = None
    summary: str
    citation: Citation


class AdvisingReport(_Model):
    """The whole advising summary, sections in reading order, citations numbered from 1."""

    title: str
    date: dt.date
    learner: LearnerSection
    credentials: list[CredentialEntry] = Field(default_factory=list)
    unread_files: list[UnreadFile] = Field(default_factory=list)
    pathways: list[PathwayEntry] = Field(default_factory=list)
    next_steps: list[NextStepEntry] = Field(default_factory=list)
    employers: list[EmployerEntry] = Field(default_factory=list)
    resources: list[ResourceEntry] = Field(default_factory=list)
    notes: str = ""
    citations: list[Citation] = Field(default_factory=list)


__all__ = [
    "AdvisingReport",
    "CredentialEntry",
    "EmployerEntry",
    "LearnerSection",
    "NextStepEntry",
    "PathwayEntry",
    "ReportSkill",
    "ResourceEntry",
    "UnreadFile",
]
