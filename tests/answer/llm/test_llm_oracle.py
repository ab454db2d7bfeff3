"""The composer is the oracle: its own answers must pass the grounding check unchanged."""

from __future__ import annotations

import pytest

from ler_navigator.answer.grounding import check_grounding, entity_names
from ler_navigator.answer.llm import LLMWriter, context_from


@pytest.mark.parametrize(
    "question",
    [
        "What is a comprehensive learner record?",
        "What is the difference between a badge and Open Badges?",
        "What do employers do with LERs?",
        "Which resources cover skills-based hiring?",
    ],
)
def test_composer_answers_are_grounded(navigator_service, prompts, question):
    kb = navigator_service.kb
    answer = navigator_service.ask(question)
    context = context_from(answer, kb)
    assert answer.citations and len(context) == len(answer.citations)
    writer = LLMWriter(object(), prompts, known_names=entity_names(kb.items.values()))  # type: ignore[arg-type]
    ids, names = writer.allowed(context)
    report = check_grounding(answer.markdown, ids, names, writer.known_names)
    assert report.ok, report.problems()
