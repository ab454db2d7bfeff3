"""End to end through the real OpenAI provider client against a local OpenAI-compatible server."""

from __future__ import annotations

import json
import time

import pytest
from llm_fixtures import PERSONAL
from llm_server import ChatServer, Step

from ler_navigator.answer.llm import NOTICE_UNREACHABLE, build_chat_model
from ler_navigator.models.chat import Answer
from ler_navigator.settings import Settings

pytest.importorskip(
    "langchain_openai", reason="langchain-openai must be added to pyproject to run this test"
)

GROUNDED = (
    "Your welding fits **Welders, Cutters, Solderers, and Brazers** at 62/100 [1].\n"
    "- The Northwind Welding Certificate adds 12 points [2]."
)
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")


@pytest.fixture
def server(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with ChatServer() as running:
        yield running


@pytest.fixture
def writer_for(server, make_writer):
    def make(timeout: float = 5.0):
        settings = Settings(
            llm_provider="openai", llm_model="local-test-model", llm_base_url=server.base_url
        )
        model = build_chat_model(settings, timeout=timeout, max_retries=0)
        assert model is not None
        return make_writer(model)

    return make


def test_a_reply_from_the_server_becomes_a_grounded_answer(
    server, writer_for, welding_answer, welding_context
):
    server.script(Step(GROUNDED))
    answer = writer_for().write("Which jobs fit me?", welding_answer, welding_context)
    assert answer.writer == "llm"
    assert [c.number for c in answer.citations] == [1, 2]
    request = server.state.requests[0]
    assert request["model"] == "local-test-model"
    assert request["temperature"] == 0
    assert request["seed"] == 0
    assert [m["role"] for m in request["messages"]] == ["system", "user"]


def test_streaming_through_the_client(server, writer_for, welding_answer, welding_context):
    server.script(Step(GROUNDED))
    parts = list(writer_for().stream("q", welding_answer, welding_context))
    chunks = [p for p in parts if isinstance(p, str)]
    assert len(chunks) > 5 and "".join(chunks) == GROUNDED
    assert isinstance(parts[-1], Answer) and parts[-1].writer == "llm"
    assert server.state.requests[0]["stream"] is True


def test_a_server_error_falls_back_to_the_composer(
    server, writer_for, welding_answer, welding_context
):
    server.script(Step(status=500))
    answer = writer_for().write("q", welding_answer, welding_context)
    assert answer.writer == "composer"
    assert answer.lead.startswith(NOTICE_UNREACHABLE)
    assert answer.bullets == welding_answer.bullets
    assert len(server.state.bodies) == 1  # retries are off in this test


def test_a_timeout_falls_back_to_the_composer(server, writer_for, welding_answer, welding_context):
    server.script(Step(GROUNDED, stall_s=10))
    started = time.monotonic()
    answer = writer_for(timeout=0.5).write("q", welding_answer, welding_context)
    assert time.monotonic() - started < 5
    assert answer.writer == "composer"
    assert answer.lead.startswith(NOTICE_UNREACHABLE)


def test_an_ungrounded_reply_is_asked_again_through_the_server(
    server, writer_for, welding_answer, welding_context
):
    server.script(Step("Contoso hires welders [1]."), Step(GROUNDED))
    answer = writer_for().write("q", welding_answer, welding_context)
    assert answer.writer == "llm"
    retry = server.state.requests[1]["messages"]
    assert [m["role"] for m in retry] == ["system", "user", "assistant", "user"]
    assert "Contoso" in retry[-1]["content"]


def test_no_personal_field_reaches_the_request_body_without_consent(
    server, writer_for, welding_answer, welding_context, personal_profile
):
    server.script(Step(GROUNDED), Step(GROUNDED))
    writer = writer_for()
    question = f"I am {PERSONAL['name']} ({PERSONAL['email']}); which jobs fit me?"
    writer.write(question, welding_answer, welding_context, personal_profile, False)
    body = server.state.bodies[0].decode()
    decoded = json.dumps(json.loads(body), ensure_ascii=False)
    for value in [*PERSONAL.values(), "Jane", "Doe Family Farm"]:
        assert value not in body and value not in decoded

    writer.write(question, welding_answer, welding_context, personal_profile, True)
    consented = json.dumps(server.state.requests[1], ensure_ascii=False)
    assert PERSONAL["email"] in consented and PERSONAL["birth"] in consented
