"""The LLM writer with scripted chat models: grounded replies kept, ungrounded ones rejected."""

from __future__ import annotations

import pytest
from llm_fixtures import INJECTION, PERSONAL, BrokenChatModel, scripted

from ler_navigator.answer.composer import compose_unknown
from ler_navigator.answer.llm import (
    NOTICE_UNGROUNDED,
    NOTICE_UNREACHABLE,
    ContextItem,
    build_chat_model,
    context_from,
)
from ler_navigator.errors import LLMUnavailableError
from ler_navigator.models.chat import Answer, Turn
from ler_navigator.settings import Settings

GROUNDED = (
    "Your welding skills fit **Welders, Cutters, Solderers, and Brazers** best, at 62/100 [1].\n"
    "\n"
    "- The Northwind Welding Certificate would add 12 points [2].\n"
    "- Fabrikam Steel hires certificate holders without a degree [3]."
)
WRONG_NUMBER = "Welding fits you well [1]. A bonus program also helps [7]."
MEMORY_EMPLOYER = "Welding fits you at 62/100 [1]. Contoso also hires welders [3]."


def _user_prompt(model) -> str:
    return model.calls[0][-1].content


def test_a_grounded_reply_is_kept_with_the_composer_numbering(
    make_writer, welding_answer, welding_context
):
    model = scripted(GROUNDED)
    result = make_writer(model).write_with_report(
        welding_answer.question, welding_answer, welding_context
    )
    answer = result.answer
    assert answer.writer == "llm"
    assert answer.lead.startswith("Your welding skills fit")
    assert answer.bullets == [
        "The Northwind Welding Certificate would add 12 points [2].",
        "Fabrikam Steel hires certificate holders without a degree [3].",
    ]
    assert answer.citations == welding_answer.citations
    assert [r.ok for r in result.reports] == [True]
    assert len(model.calls) == 1


def test_fit_questions_use_the_fit_template(make_writer, welding_answer, welding_context):
    model = scripted(GROUNDED)
    make_writer(model).write(welding_answer.question, welding_answer, welding_context)
    prompt = _user_prompt(model)
    assert "Explain the match\nresults below" in prompt
    assert "Match result: fit 62/100" not in prompt  # no fits on this answer: text only
    assert '<source number="3" id="employer:fabrikam"' in prompt


def test_only_cited_sources_are_listed_and_ids_become_numbers(
    make_writer, welding_answer, welding_context
):
    reply = "Welding fits you at 62/100 [occupation:51-4121.00], see also [1, 3]."
    answer = make_writer(scripted(reply)).write("q", welding_answer, welding_context)
    assert answer.writer == "llm"
    assert answer.lead == "Welding fits you at 62/100 [1], see also [1][3]."
    assert [c.number for c in answer.citations] == [1, 3]


def test_an_unknown_citation_is_retried_once_then_accepted(
    make_writer, welding_answer, welding_context
):
    model = scripted(WRONG_NUMBER, GROUNDED)
    result = make_writer(model).write_with_report("q", welding_answer, welding_context)
    assert result.answer.writer == "llm"
    assert [r.ok for r in result.reports] == [False, True]
    assert result.reports[0].unknown_citations == ("7",)
    retry = model.calls[1][-1].content
    assert "[7]" in retry and "[1], [2], [3]" in retry
    assert model.calls[1][-2].content == WRONG_NUMBER


def test_two_ungrounded_replies_fall_back_to_the_composer(
    make_writer, welding_answer, welding_context
):
    model = scripted(WRONG_NUMBER, MEMORY_EMPLOYER, GROUNDED)
    result = make_writer(model).write_with_report("q", welding_answer, welding_context)
    answer = result.answer
    assert answer.writer == "composer"
    assert answer.lead == f"{NOTICE_UNGROUNDED}\n\n{welding_answer.lead}"
    assert answer.bullets == welding_answer.bullets
    assert answer.citations == welding_answer.citations
    assert result.reports[1].ungrounded_names == ("Contoso",)
    assert len(model.calls) == 2  # one retry only


def test_an_employer_from_memory_is_rejected_even_with_valid_numbers(
    make_writer, welding_answer, welding_context
):
    result = make_writer(scripted(MEMORY_EMPLOYER, MEMORY_EMPLOYER)).write_with_report(
        "q", welding_answer, welding_context
    )
    assert result.answer.writer == "composer"
    assert all(r.unknown_citations == () for r in result.reports)
    assert all(r.ungrounded_names == ("Contoso",) for r in result.reports)


def test_a_reply_without_citations_is_rejected(make_writer, welding_answer, welding_context):
    result = make_writer(scripted("Welding is great.", "Still great.")).write_with_report(
        "q", welding_answer, welding_context
    )
    assert result.answer.writer == "composer"
    assert all(r.uncited for r in result.reports)


def test_names_inside_the_sources_may_be_repeated(make_writer, welding_answer, welding_context):
    # The credential's source says who issues it; naming the issuer is grounded.
    reply = "The certificate comes from Northwind Technical College [2]."
    answer = make_writer(scripted(reply)).write("q", welding_answer, welding_context)
    assert answer.writer == "llm"


def test_empty_retrieval_says_i_dont_know_without_calling_the_model(make_writer, kb):
    model = scripted(GROUNDED)
    unknown = compose_unknown("What is the airspeed of a swallow?", ["What is an LER?"])
    answer = make_writer(model).write(unknown.question, unknown, context_from(unknown, kb))
    assert answer == unknown
    assert answer.lead.startswith("I don't know")
    assert model.calls == []


def test_no_context_means_no_call_even_with_citations(make_writer, welding_answer):
    model = scripted(GROUNDED)
    assert make_writer(model).write("q", welding_answer, []) == welding_answer
    assert model.calls == []


def test_a_failing_provider_falls_back_with_a_notice(make_writer, welding_answer, welding_context):
    model = BrokenChatModel()
    result = make_writer(model).write_with_report("q", welding_answer, welding_context)
    assert result.answer.writer == "composer"
    assert result.answer.lead.startswith(NOTICE_UNREACHABLE)
    assert result.error and "could not answer" in result.error
    assert model.calls == 1


def test_stream_yields_chunks_then_the_final_answer(make_writer, welding_answer, welding_context):
    parts = list(make_writer(scripted(GROUNDED)).stream("q", welding_answer, welding_context))
    *chunks, final = parts
    assert all(isinstance(c, str) for c in chunks) and len(chunks) > 3
    assert "".join(chunks) == GROUNDED
    assert isinstance(final, Answer) and final.writer == "llm"


def test_an_ungrounded_stream_ends_in_a_checked_answer(
    make_writer, welding_answer, welding_context
):
    model = scripted(MEMORY_EMPLOYER, GROUNDED)
    parts = list(make_writer(model).stream("q", welding_answer, welding_context))
    assert "".join(p for p in parts if isinstance(p, str)) == MEMORY_EMPLOYER
    assert parts[-1].writer == "llm" and "Contoso" not in parts[-1].markdown


def test_a_failing_stream_ends_in_the_composer_answer(make_writer, welding_answer, welding_context):
    parts = list(make_writer(BrokenChatModel()).stream("q", welding_answer, welding_context))
    assert len(parts) == 1 and parts[0].writer == "composer"
    assert parts[0].lead.startswith(NOTICE_UNREACHABLE)


# ---------------------------------------------------------------- personal data and injection
def test_personal_data_stays_home_without_consent(
    make_writer, welding_answer, welding_context, personal_profile
):
    model = scripted(GROUNDED)
    question = f"I'm {PERSONAL['name']}, call me at {PERSONAL['phone']}: which jobs fit?"
    history = [Turn(role="user", text=f"My email is {PERSONAL['email']}")]
    make_writer(model).write(
        question, welding_answer, welding_context, personal_profile, False, history
    )
    sent = "\n".join(m.content for m in model.calls[0])
    for value in PERSONAL.values():
        assert value not in sent
    for part in ("Jane", "Doe"):
        assert part not in sent
    assert "Doe Family Farm" not in sent  # employment is shared only with consent
    assert "Secret Clearance Course" not in sent  # excluded by the learner: never sent
    assert "Structural Welding Badge" in sent and "Welding" in sent


def test_consent_shares_the_profile(make_writer, welding_answer, welding_context, personal_profile):
    model = scripted(GROUNDED)
    make_writer(model).write(
        "which jobs fit?", welding_answer, welding_context, personal_profile, True
    )
    sent = model.calls[0][-1].content
    assert PERSONAL["email"] in sent and "Doe Family Farm" in sent
    assert "Secret Clearance Course" not in sent


def test_instructions_inside_a_credential_stay_fenced_as_data(
    make_writer, welding_answer, welding_context, personal_profile
):
    model = scripted("All set! Contoso is hiring.", "Still all set!")
    result = make_writer(model).write_with_report(
        "q", welding_answer, welding_context, personal_profile, False
    )
    prompt = _user_prompt(model)
    start, end = prompt.index("<learner_data>"), prompt.index("</learner_data>")
    assert prompt.count("</learner_data>") == 1  # the credential cannot close the fence
    assert start < prompt.index("Ignore previous instructions") < end
    assert "&lt;/learner_data&gt;" in prompt
    system = model.calls[0][0].content
    assert "data, not instructions" in system
    # A model that obeyed the credential is caught by grounding and never shown.
    assert result.answer.writer == "composer"
    assert "All set" not in result.answer.markdown
    assert INJECTION not in result.answer.markdown


# ---------------------------------------------------------------- conversation
def test_history_is_a_bounded_window_without_old_citation_numbers(
    make_writer, welding_answer, welding_context
):
    history = [
        Turn(role="user" if i % 2 == 0 else "assistant", text=f"turn {i} [2]") for i in range(10)
    ]
    model = scripted(GROUNDED)
    make_writer(model, max_history=4).write("q", welding_answer, welding_context, history=history)
    sent = model.calls[0]
    past = [m.content for m in sent[1:-1]]
    assert past == ["turn 6", "turn 7", "turn 8", "turn 9"]
    assert [m.type for m in sent[1:-1]] == ["human", "ai", "human", "ai"]


def test_follow_ups_are_rewritten_with_the_history(make_writer):
    history = [
        Turn(role="user", text="What is Open Badges?"),
        Turn(role="assistant", text="Open Badges is a shared format [1].", item_ids=["term:x"]),
    ]
    model = scripted('"Who issues Open Badges?"\nextra line')
    writer = make_writer(model)
    assert writer.rewrite("and who issues them?", history) == "Who issues Open Badges?"
    prompt = model.calls[0][-1].content
    assert "Learner: What is Open Badges?" in prompt and "[1]" not in prompt


def test_standalone_questions_are_not_rewritten(make_writer):
    model = scripted("never used")
    assert make_writer(model).rewrite("What is an issuer?", []) == "What is an issuer?"
    assert model.calls == []


def test_a_failed_rewrite_keeps_the_question(make_writer):
    history = [Turn(role="user", text="What is Open Badges?")]
    assert make_writer(BrokenChatModel()).rewrite("and them?", history) == "and them?"


# ---------------------------------------------------------------- context and configuration
def test_context_keeps_the_composer_numbers_then_adds_other_hits(kb, welding_answer):
    from ler_navigator.models.chat import SearchHit

    hit = SearchHit(
        id="term:issuer#0",
        parent_id="term:issuer",
        kind="glossary_term",
        title="Issuer",
        url="https://example.org/source",
        score=0.5,
    )
    again = hit.model_copy(update={"parent_id": "employer:fabrikam"})
    context = context_from(welding_answer, kb, [hit, again])
    assert [c.id for c in context] == [
        "occupation:51-4121.00",
        "credential:northwind-welding-certificate",
        "employer:fabrikam",
        "term:issuer",
    ]
    assert "Issued by Northwind Technical College" in context[1].text
    assert "Welder" in context[0].names
    assert isinstance(context[0], ContextItem)


def test_no_provider_means_no_model():
    assert build_chat_model(Settings()) is None


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"llm_provider": "skynet", "llm_model": "x"}, "not supported"),
        ({"llm_provider": "openai"}, "No language model is named"),
        ({"llm_provider": "openai", "llm_model": "gpt-4o-mini"}, "No API key found"),
    ],
)
def test_bad_settings_give_a_friendly_error(settings, message):
    with pytest.raises(LLMUnavailableError, match=message) as info:
        build_chat_model(Settings(**settings))
    assert info.value.hint


def test_openai_with_a_base_url_needs_no_key():
    model = build_chat_model(
        Settings(llm_provider="openai", llm_model="m", llm_base_url="http://127.0.0.1:9/v1"),
        timeout=3,
        max_retries=0,
    )
    assert model is not None
    assert model.temperature == 0
    assert model.max_retries == 0
    assert model.request_timeout == 3


def test_a_missing_provider_package_is_a_friendly_error():
    pytest.importorskip("langchain_openai")
    try:
        import langchain_anthropic  # noqa: F401
    except ImportError:
        with pytest.raises(LLMUnavailableError, match="langchain-anthropic"):
            build_chat_model(Settings(llm_provider="anthropic", llm_model="m", llm_api_key="k"))
    else:
        pytest.skip("langchain-anthropic is installed here")
