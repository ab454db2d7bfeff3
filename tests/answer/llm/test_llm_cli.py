"""``ler-navigator eval grounding`` against a local OpenAI-compatible server."""

from __future__ import annotations

import json

import pytest
import typer
import yaml
from llm_server import ChatServer, Step
from typer.testing import CliRunner

from ler_navigator.cli import eval_cmds, llm_cmds

pytest.importorskip(
    "langchain_openai", reason="langchain-openai must be added to pyproject to run this test"
)

QUESTIONS = {
    "questions": [
        {"id": "q1", "kind": "glossary", "question": "What is Open Badges?"},
        {"id": "q2", "kind": "glossary", "question": "What is a comprehensive learner record?"},
        {"id": "q3", "kind": "out_of_scope", "question": "What is the airspeed of a swallow?"},
    ]
}


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    eval_cmds.register(app)
    llm_cmds.register(app)
    llm_cmds.register(app)  # registering twice adds the command once
    return app


@pytest.fixture
def questions(tmp_path):
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump(QUESTIONS), encoding="utf-8")
    return path


def test_eval_grounding_counts_grounded_answers(app, questions, navigator_env, monkeypatch):
    with ChatServer() as server:
        monkeypatch.setenv("LER_NAV_LLM_PROVIDER", "openai")
        monkeypatch.setenv("LER_NAV_LLM_MODEL", "local-test-model")
        monkeypatch.setenv("LER_NAV_LLM_BASE_URL", server.base_url)
        server.script(
            Step("Open Badges is a shared format for digital badges [1]."),
            Step("It is a record of courses [4]."),
            Step("It is a record of courses [9]."),
        )
        result = CliRunner().invoke(app, ["eval", "grounding", str(questions), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["model"] == "openai/local-test-model"
    assert (report["questions"], report["asked"], report["not_asked"]) == (3, 2, 1)
    assert (report["grounded"], report["first_try"], report["grounded_share"]) == (1, 1, 0.5)
    rows = {r["id"]: r for r in report["rows"]}
    assert rows["q3"]["asked"] is False
    assert rows["q2"]["grounded"] is False
    assert rows["q2"]["problems"] == [
        "- It cites sources that were not given: [4].",
        "- It cites sources that were not given: [9].",
    ]


def test_eval_grounding_needs_a_configured_model(app, questions, navigator_env):
    result = CliRunner().invoke(app, ["eval", "grounding", str(questions)])
    assert result.exit_code == 1
    assert "No language model is configured" in result.output
