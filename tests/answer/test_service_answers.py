"""The service end to end over a small knowledge base made here, with the real embedder."""

from pathlib import Path

import pytest
import yaml

from ler_navigator.errors import NavigatorError
from ler_navigator.models.chat import Turn
from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings

SRC = {"source_url": "https://example.org/source", "as_of": "2026-11-29"}

FILES = {
    "terms.yaml": {
        "kind": "glossary_term",
        "items": [
            {
                "id": "term:open-badges",
                "name": "Open Badges",
                "aliases": ["OB", "OB3"],
                "body": "Open Badges is a standard for digital badges that any system can read. "
                "Badges in this format carry who earned them and what they did.",
                "related": ["term:issuer"],
                **SRC,
            },
            {
                "id": "term:issuer",
                "name": "Issuer",
                "body": "The organization or person that creates a credential and signs it. "
                "Colleges, employers and training providers are typical issuers.",
                **SRC,
            },
            {
                "id": "term:digital-wallet",
                "name": "Digital Credential Wallet",
                "aliases": ["wallet"],
                "body": "An app where a learner keeps digital credentials and shares them "
                "with employers or schools when they choose.",
                **SRC,
            },
        ],
    },
    "stakeholders.yaml": {
        "kind": "stakeholder",
        "items": [
            {
                "id": "stakeholder:employers",
                "name": "Employers",
                "body": "Organizations that hire people and can accept LERs as proof of skills.",
                "examples": ["Businesses", "Public agencies"],
                "stages": [
                    {
                        "stage": "issuing",
                        "summary": "Giving LERs to learners",
                        "roles": ["Issue employment records to workers as verifiable credentials"],
                    },
                    {"stage": "using", "summary": "Using LERs", "roles": ["Accept LERs in hiring"]},
                ],
                **SRC,
            }
        ],
    },
    "resources.yaml": {
        "kind": "resource",
        "items": [
            {
                "id": "resource:wallet-guide",
                "name": "A Guide to Digital Wallets",
                "author": "Example Institute",
                "resource_type": "guide",
                "topics": ["wallets"],
                "body": "Explains how learners store and present credentials from a wallet app.",
                **SRC,
            }
        ],
    },
}


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> NavigatorService:
    root = tmp_path_factory.mktemp("kb")
    for name, data in FILES.items():
        (root / name).write_text(yaml.safe_dump(data, allow_unicode=True))
    settings = Settings(knowledge_dir=root, data_dir=tmp_path_factory.mktemp("data"))
    svc = NavigatorService(settings)
    svc.ensure_index()
    return svc


def test_definition_cites_the_term(service):
    answer = service.ask("What are Open Badges?")
    assert answer.known
    assert answer.citations[0].id == "term:open-badges"
    assert "[1]" in answer.lead
    assert answer.citations[0].url == "https://example.org/source"


def test_every_citation_marker_has_a_citation(service):
    answer = service.ask("what is a digital wallet for credentials")
    markers = {int(m) for m in __import__("re").findall(r"\[(\d+)\]", answer.markdown)}
    assert markers == {c.number for c in answer.citations}


def test_follow_up_uses_the_conversation(service):
    first = service.ask("What are Open Badges?")
    history = [Turn(role="user", text="What are Open Badges?"), first.turn]
    follow = service.ask("and who issues them?", history=history)
    cited = [c.id for c in follow.citations]
    assert "term:issuer" in cited or "stakeholder:employers" in cited


def test_roles_answer_lists_stakeholder_sections(service):
    answer = service.ask("who issues employment records to workers?")
    assert answer.intent == "roles"
    assert any("Employers" in b for b in answer.bullets)


def test_resources_answer_only_lists_resources(service):
    answer = service.ask("any guide on digital wallets?")
    assert answer.intent == "resources"
    assert [c.kind for c in answer.citations] == ["resource"]


def test_off_topic_question_gets_i_dont_know(service):
    answer = service.ask("what's the best pizza topping in Naples?")
    assert not answer.known
    assert answer.lead.startswith("I don't know")
    assert answer.citations == []
    assert answer.related_questions


def test_empty_question_is_a_friendly_error(service):
    with pytest.raises(NavigatorError, match="type a question"):
        service.ask("   ")


def test_same_question_same_answer(service):
    assert service.ask("What are Open Badges?") == service.ask("What are Open Badges?")


def test_data_sources_and_examples(service):
    assert any("CC0" in s.license for s in service.data_sources())
    assert len(service.example_questions()) >= 3


def test_index_status_counts(service):
    status = service.index_status()
    assert status.items == 5
    assert status.counts_by_kind["glossary_term"] == 3
    assert Path(status.location.split("(")[-1].rstrip(")")).exists()
