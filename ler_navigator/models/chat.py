"""Answer models: what the service hands to the UI and the CLI."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ler_navigator.models.fit import EmployerFit, OccupationFit


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SearchHit(_Model):
    """One ranked retrieval result, collapsed to the item a reader would open."""

    id: str = Field(description="Knowledge item id (or chunk id when not collapsed).")
    parent_id: str = Field(description="The knowledge item this hit belongs to.")
    kind: str
    title: str
    url: str
    score: float
    snippet: str = ""
    section: str | None = None


class Citation(_Model):
    """A numbered source an answer refers to as [n]."""

    number: int = Field(ge=1)
    id: str
    kind: str
    title: str
    url: str


Role = Literal["user", "assistant"]


class Turn(_Model):
    """One message of the conversation, kept so follow-ups can lean on it."""

    role: Role
    text: str
    item_ids: list[str] = Field(default_factory=list, description="Items the answer was built on.")


Writer = Literal["composer", "llm"]


class Answer(_Model):
    """A grounded answer: a lead, bullets, numbered citations and follow-up questions."""

    question: str
    intent: str
    lead: str
    bullets: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    related_questions: list[str] = Field(default_factory=list)
    known: bool = Field(True, description="False when the knowledge base had nothing relevant.")
    writer: Writer = "composer"
    fits: list[OccupationFit] = Field(default_factory=list, description="Fit cards, best first.")
    employer_fits: list[EmployerFit] = Field(default_factory=list)
    needs_profile: bool = Field(
        False, description="The question is about the learner's fit but no skills are known yet."
    )

    @property
    def markdown(self) -> str:
        """The answer body as Markdown, with [n] markers and no source list."""
        parts = [self.lead]
        if self.bullets:
            parts.append("\n".join(f"- {b}" for b in self.bullets))
        return "\n\n".join(parts)

    @property
    def turn(self) -> Turn:
        return Turn(
            role="assistant",
            text=self.markdown,
            item_ids=[c.id for c in self.citations],
        )
