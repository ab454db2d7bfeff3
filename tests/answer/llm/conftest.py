"""Fixtures for the LLM writer tests: the knowledge base, prompts, writers, composer answers
and a profile full of personal data."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel
from llm_fixtures import INJECTION, KNOWLEDGE, PERSONAL

from ler_navigator.answer.grounding import entity_names
from ler_navigator.answer.llm import LLMWriter, context_from
from ler_navigator.answer.prompts import load_prompts
from ler_navigator.kb.loader import KnowledgeBase, build_knowledge
from ler_navigator.models.chat import Answer, Citation
from ler_navigator.models.ler import (
    Achievement,
    Claim,
    EmploymentEntry,
    IssuerRef,
    LearnerProfile,
    LearnerSkill,
    SkillEvidence,
    SourceRef,
)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return build_knowledge(KNOWLEDGE)


@pytest.fixture(scope="session")
def prompts():
    return load_prompts()


@pytest.fixture
def make_writer(kb, prompts):
    def make(model: BaseChatModel, **kwargs: Any) -> LLMWriter:
        return LLMWriter(model, prompts, known_names=entity_names(kb.items.values()), **kwargs)

    return make


def _cite(number: int, item_id: str, kb: KnowledgeBase) -> Citation:
    item = kb.get(item_id)
    assert item is not None
    return Citation(number=number, id=item.id, kind=item.kind, title=item.name, url=item.cite_url)


@pytest.fixture
def welding_answer(kb) -> Answer:
    """A composer answer about welding that cites an occupation, a credential and an employer."""
    return Answer(
        question="Which jobs fit my welding skills?",
        intent="fit",
        lead="Based on 2 skills you shared, these pathways fit best.",
        bullets=[
            "**Welders, Cutters, Solderers, and Brazers** (SOC 51-4121.00) — fit **62/100** [1]. "
            "Next step: Northwind Welding Certificate (+12 points) [2].",
            "**Fabrikam Steel** — fit 40/100 [3]: Hires certificate holders without a degree.",
        ],
        citations=[
            _cite(1, "occupation:51-4121.00", kb),
            _cite(2, "credential:northwind-welding-certificate", kb),
            _cite(3, "employer:fabrikam", kb),
        ],
    )


@pytest.fixture
def welding_context(welding_answer, kb):
    return context_from(welding_answer, kb)


def _source(file: str = PERSONAL["file"]) -> SourceRef:
    return SourceRef(file=file, format="vc-v2", json_path="$.credentialSubject")


@pytest.fixture
def personal_profile() -> LearnerProfile:
    """A profile whose records carry every kind of personal data, and one hostile description."""
    evidence = SkillEvidence(
        file=PERSONAL["file"],
        source_key="cred:abc",
        origin="achievement_name",
        achievement_id="ach:welding",
        method="exact",
        confidence=1.0,
        trust="verified",
    )
    welding = Achievement(
        id="ach:welding",
        title="Structural Welding Badge",
        type="Badge",
        issuer=IssuerRef(name="Northwind Technical College"),
        issued="2024-05-01",
        description=(
            f"Awarded to {PERSONAL['name']} ({PERSONAL['email']}, {PERSONAL['phone']}) "
            "for passing the structural welding bend test."
        ),
        claims=[
            Claim(path="name", value=PERSONAL["name"]),
            Claim(path="email", value=PERSONAL["email"]),
            Claim(path="birthDate", value=PERSONAL["birth"]),
            Claim(path="studentId", value=PERSONAL["student_id"]),
            Claim(path="address.streetAddress", value=PERSONAL["street"]),
            Claim(path="achievement.level", value="Advanced"),
        ],
        trust="verified",
        source=_source(),
    )
    hostile = Achievement(
        id="ach:hostile",
        title="Safety Orientation",
        type="Badge",
        description=INJECTION,
        source=_source("orientation.json"),
    )
    hidden = Achievement(
        id="ach:hidden",
        title="Secret Clearance Course",
        description="Something the learner chose not to share.",
        excluded=True,
        source=_source("hidden.json"),
    )
    return LearnerProfile(
        files=[PERSONAL["file"], "orientation.json", "hidden.json"],
        achievements=[welding, hostile, hidden],
        employment=[
            EmploymentEntry(
                organization="Doe Family Farm",
                title="Farm hand",
                location=f"{PERSONAL['street']}, Springfield",
                source=_source(),
            )
        ],
        skills=[LearnerSkill(skill_id="skill:welding", name="Welding", evidence=[evidence])],
    )


@pytest.fixture(scope="session")
def real_service_for_llm(tmp_path_factory):
    """A service over the curated knowledge base, index in a temporary folder."""
    from ler_navigator.service import NavigatorService
    from ler_navigator.settings import Settings

    service = NavigatorService(Settings(data_dir=tmp_path_factory.mktemp("llm-service")))
    service.ensure_index()
    return service
