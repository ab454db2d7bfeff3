"""The optional AI model settings: off by default and honest about what would be sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from streamlit.testing.v1 import AppTest

from app.ui import llm_panel, render
from ler_navigator.answer.llm import LLMWriter
from ler_navigator.answer.prompts import load_prompts

APP = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"


def _model_toggle(at: AppTest):
    return next(t for t in at.toggle if t.key == llm_panel.USE_KEY)


def test_model_is_off_and_disabled_without_configuration(navigator_env):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    toggle = _model_toggle(at)
    assert toggle.value is False and toggle.disabled
    captions = " ".join(c.value for c in at.caption)
    assert "No language model is configured" in captions
    assert llm_panel.PRIVACY_NOTE in captions


def test_configured_model_writes_the_answer_and_says_so(
    navigator_env, navigator_service, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(render, "STREAM_DELAY_S", 0.0)
    monkeypatch.setenv("LER_NAV_LLM_PROVIDER", "openai")
    monkeypatch.setenv("LER_NAV_LLM_MODEL", "test-model")
    monkeypatch.setenv("LER_NAV_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    question = "What is a comprehensive learner record?"
    number = navigator_service.ask(question).citations[0].number
    reply = f"A CLR bundles many achievements into one record [{number}]."
    model = GenericFakeChatModel(messages=iter([AIMessage(content=reply)]))
    writer = LLMWriter(model, load_prompts())
    monkeypatch.setattr("ler_navigator.service.make_writer", lambda settings, kb: writer)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    toggle = _model_toggle(at)
    assert not toggle.disabled
    toggle.set_value(True).run()
    assert "What is sent" in " ".join(m.value for m in at.sidebar.markdown)
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    assistant = at.chat_message[1]
    assert "bundles many achievements" in " ".join(m.value for m in assistant.markdown)
    assert llm_panel.writer_caption("llm") in " ".join(c.value for c in assistant.caption)
