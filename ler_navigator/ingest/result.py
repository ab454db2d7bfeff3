"""What reading one upload produces: the parsed records, or the error that stopped it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ler_navigator.models.ler import (
    Achievement,
    Alignment,
    CredentialRecord,
    EducationEntry,
    EmploymentEntry,
    IssuerRef,
    LearnerSkill,
    SkillOrigin,
    Trust,
)


class SkillText(BaseModel):
    """A piece of text in a record that may name skills, with its provenance.

    Parsers emit these; the skill step (``ingest.skills``) turns them into skill evidence, so
    parsers stay testable without a vocabulary.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    origin: SkillOrigin
    source_key: str
    json_path: str | None = None
    achievement_id: str | None = None
    issuer: IssuerRef | None = None
    trust: Trust = "unverified"
    alignment: Alignment | None = None
    # True when the whole text names one skill (a tag, a competency, a typed entry): the
    # vocabulary looks it up as a name before searching inside it.
    is_name: bool = False


class ParsedFile(BaseModel):
    """Everything read from one upload."""

    model_config = ConfigDict(extra="forbid")

    file: str
    format: str = Field(description="vc-v1, vc-v2, ob3, clr2, ob2, vc-jwt, vp, ler-rs, resume-*")
    container: str | None = Field(None, description="'png' or 'svg' when the badge was baked.")
    document_sha256: str
    credentials: list[CredentialRecord] = Field(default_factory=list)
    achievements: list[Achievement] = Field(default_factory=list)
    employment: list[EmploymentEntry] = Field(default_factory=list)
    education: list[EducationEntry] = Field(default_factory=list)
    skill_texts: list[SkillText] = Field(default_factory=list)
    skills: list[LearnerSkill] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class IngestError(BaseModel):
    """A failed upload, as shown to the learner."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str = Field(description="The error class name, e.g. 'MalformedJsonError'.")
    message: str
    hint: str | None = None


class IngestResult(BaseModel):
    """One file's outcome: ``parsed`` or ``error`` is set, never both."""

    model_config = ConfigDict(extra="forbid")

    file: str
    parsed: ParsedFile | None = None
    error: IngestError | None = None

    @property
    def ok(self) -> bool:
        """True when the file was read."""
        return self.parsed is not None
