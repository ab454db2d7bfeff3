"""The service with a scripted model: the model words answers, the composer stays the oracle."""

from __future__ import annotations

import re

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from ler_navigator.answer.llm import LLMWriter
from ler_navigator.answer.prompts import load_prompts
from ler_navigator.service import NavigatorService


def _service(base: NavigatorService, replies: list[str]) -> NavigatorService:
    model = GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))
    service = NavigatorService(base.settings, kb=base.kb, llm=LLMWriter(model, load_prompts()))
    return service


@pytest.fixture(scope="module")
def base(real_service_for_llm) -> NavigatorService:
    return real_service_for_llm


def test_grounded_model_answer_is_used(base):
    composer = base.ask("What is a digital credential wallet?")
    cited = composer.citations[0]
    reply = f"A wallet app keeps your credentials and lets you share them [{cited.number}]."
    answer = _service(base, [reply]).ask("What is a digital credential wallet?", use_llm=True)
    assert answer.writer == "llm"
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.markdown)} <= {
        c.number for c in answer.citations
    }


def test_ungrounded_model_answer_falls_back_to_the_composer(base):
    bad = "Acme Credential Corp invented wallets in 1999 [42]."
    answer = _service(base, [bad, bad]).ask("What is a digital credential wallet?", use_llm=True)
    assert answer.writer == "composer"
    assert answer.citations


def test_without_use_llm_the_model_is_not_called(base):
    service = _service(base, [])
    assert service.ask("What is a digital credential wallet?").writer == "composer"


def test_stream_ends_with_the_final_answer(base):
    composer = base.ask("What is a digital credential wallet?")
    reply = f"Wallets hold credentials [{composer.citations[0].number}]."
    chunks = list(
        _service(base, [reply]).ask_stream("What is a digital credential wallet?", use_llm=True)
    )
    assert chunks[-1].writer in ("llm", "composer")
    assert all(isinstance(c, str) for c in chunks[:-1])


def test_llm_status_reports_configuration(base):
    assert base.llm_status()["configured"] is False
    bad = NavigatorService(base.settings.model_copy(update={"llm_provider": "nope"}), kb=base.kb)
    status = bad.llm_status()
    assert status["problem"] and "nope" in str(status["problem"])
