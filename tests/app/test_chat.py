"""The chat page driven in-process with Streamlit's AppTest."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.ui import render
from ler_navigator.errors import RetrievalError
from ler_navigator.models.chat import Answer
from ler_navigator.models.fit import MatchedSkill, MissingSkill, NextStep, OccupationFit
from ler_navigator.service import NavigatorService

APP = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"


@pytest.fixture
def app(navigator_env, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The chat, started once, over the session's ready index."""
    monkeypatch.setattr(render, "STREAM_DELAY_S", 0.0)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def message_text(at: AppTest, index: int) -> str:
    return "\n".join(md.value for md in at.chat_message[index].markdown)


def test_empty_chat_offers_example_questions(app: AppTest, navigator_service):
    labels = {b.key: b.label for b in app.button if b.key and b.key.startswith("example-")}
    assert sorted(labels.values()) == sorted(navigator_service.example_questions())
    assert labels["example-0"] == navigator_service.example_questions()[0]
    assert app.title[0].value == "LER Navigator"
    assert not app.chat_message


def test_question_gets_an_answer_with_linked_citations(app: AppTest):
    ask(app, "What is a comprehensive learner record?")
    assert [m.name for m in app.chat_message] == ["user", "assistant"]
    body = message_text(app, 1)
    assert "[[1]](https://example.org/glossary/clr)" in body
    sources = app.chat_message[1].expander[0]
    assert sources.label.startswith("Sources (")
    assert "Comprehensive Learner Record (CLR)](https://example.org/glossary/clr)" in (
        sources.markdown[0].value
    )


def test_follow_up_sees_the_conversation(app: AppTest, monkeypatch: pytest.MonkeyPatch):
    seen: list[list[str]] = []
    real_ask = NavigatorService.ask

    def spy(self, question, history=()):
        seen.append([t.role for t in history])
        return real_ask(self, question, history=history)

    monkeypatch.setattr(NavigatorService, "ask", spy)
    ask(app, "What are Open Badges?")
    ask(app, "and who issues them?")
    assert seen == [[], ["user", "assistant"]]
    assert [m.name for m in app.chat_message] == ["user", "assistant"] * 2
    assert "Issuer" in message_text(app, 3) or "Employers" in message_text(app, 3)


def test_example_button_asks_its_question(app: AppTest, navigator_service):
    first = navigator_service.example_questions()[0]
    app.button(key="example-0").click().run()
    assert not app.exception
    assert message_text(app, 0) == first
    assert app.chat_message[1].name == "assistant"
    # Examples are for an empty chat only.
    assert not [b for b in app.button if b.key and b.key.startswith("example-")]


def test_related_question_button_asks_it(app: AppTest):
    ask(app, "What is a comprehensive learner record?")
    related = [b for b in app.button if b.key and b.key.startswith("related-")]
    assert 1 <= len(related) <= 3
    label = related[0].label
    related[0].click().run()
    assert not app.exception
    assert message_text(app, 2) == label
    assert len(app.chat_message) == 4


def test_navigator_error_is_shown_not_raised(app: AppTest, monkeypatch: pytest.MonkeyPatch):
    def fail(self, question, history=()):
        raise RetrievalError("The search index could not be read.", hint="Run `make run`.")

    monkeypatch.setattr(NavigatorService, "ask", fail)
    ask(app, "What is an LER?")
    assert [e.value for e in app.error] == ["The search index could not be read."]
    assert [i.value for i in app.info] == ["Run `make run`."]


def test_unexpected_error_gets_a_generic_message_and_a_log(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    def crash(self, question, history=()):
        raise KeyError("internal detail")

    monkeypatch.setattr(NavigatorService, "ask", crash)
    with caplog.at_level(logging.ERROR, logger=render.logger.name):
        ask(app, "What is an LER?")
    assert [e.value for e in app.error] == [render.GENERIC_ERROR]
    assert "internal detail" not in str(app.error[0].value)
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_unexpected_error_is_raised_in_debug_mode(app: AppTest, monkeypatch: pytest.MonkeyPatch):
    def crash(self, question, history=()):
        raise KeyError("internal detail")

    monkeypatch.setattr(NavigatorService, "ask", crash)
    monkeypatch.setenv("LER_NAV_DEBUG", "1")
    app.chat_input[0].set_value("What is an LER?").run()
    assert app.exception
    assert "internal detail" in app.exception[0].message


def test_bad_setting_is_a_friendly_error(navigator_env, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LER_NAV_TOP_K", "many")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert "LER_NAV_TOP_K" in at.error[0].value


def test_sidebar_shows_sources_and_index_status(app: AppTest, navigator_service):
    sidebar_text = "\n".join(md.value for md in app.sidebar.markdown)
    assert "CC0" in sidebar_text
    status = navigator_service.index_status()
    assert f"{status.documents} passages from {status.items} items" in sidebar_text
    assert app.sidebar.slider[0].value == 8


def test_top_k_slider_reaches_the_service(app: AppTest, monkeypatch: pytest.MonkeyPatch):
    seen: list[int] = []
    real_ask = NavigatorService.ask

    def spy(self, question, history=()):
        seen.append(self.settings.top_k)
        return real_ask(self, question, history=history)

    monkeypatch.setattr(NavigatorService, "ask", spy)
    app.sidebar.slider[0].set_value(3).run()
    ask(app, "What is an LER?")
    assert seen == [3]


def test_clear_conversation(app: AppTest):
    ask(app, "What is an LER?")
    app.sidebar.button[0].click().run()
    assert not app.chat_message
    assert [b for b in app.button if b.key and b.key.startswith("example-")]


def test_first_run_builds_the_index_then_answers(
    sample_knowledge_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("LER_NAV_KNOWLEDGE_DIR", str(sample_knowledge_dir))
    monkeypatch.setenv("LER_NAV_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert not at.get("progress"), "the progress bar is cleared once the index is ready"
    assert "(reused)" not in "\n".join(md.value for md in at.sidebar.markdown)
    assert (tmp_path / "index").is_dir()
    ask(at, "What is a comprehensive learner record?")
    assert at.chat_message[1].expander[0].label.startswith("Sources (")


def test_fit_cards_show_score_skills_and_next_steps(app: AppTest, monkeypatch: pytest.MonkeyPatch):
    fit = OccupationFit(
        id="occupation:15-1252.00",
        code="15-1252.00",
        title="Software Developers",
        score=62.0,
        matched=[
            MatchedSkill(
                skill_id="skill:programming",
                name="Programming",
                importance=4.5,
                credit=1.0,
                points=40.0,
                via="exact",
                learner_skill="Python",
                trust="verified",
            )
        ],
        missing=[MissingSkill(skill_id="skill:testing", name="Testing", importance=3.0, points=9)],
        next_steps=[
            NextStep(
                credential_id="credential:testing-course",
                name="Testing Basics",
                issuer="Example College",
                credential_type="certificate",
                covers=["Testing"],
                gain=9.0,
                url="https://example.org/testing",
            )
        ],
        typical_education="Bachelor's degree",
        url="https://example.org/onet/15-1252.00",
    )
    answer = Answer(
        question="what jobs fit me?", intent="fit", lead="One occupation fits well.", fits=[fit]
    )
    monkeypatch.setattr(NavigatorService, "ask", lambda self, q, history=(), **kw: answer)
    ask(app, "what jobs fit me?")
    card = "\n".join(md.value for md in app.chat_message[1].markdown)
    assert "[Software Developers](https://example.org/onet/15-1252.00)" in card
    assert "[Testing Basics](https://example.org/testing)" in card
    assert app.chat_message[1].get("progress")[0].proto.text == "Fit 62 / 100"
    assert ":green-badge[Programming +40]" in card
    assert ":gray-badge[Testing +9]" in card
    assert "Usually needs a bachelor's degree" not in card
