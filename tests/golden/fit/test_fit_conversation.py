"""Fit questions in a conversation: follow-ups use what the learner said before."""

from __future__ import annotations

from ler_navigator.models.chat import Turn

FIRST = "I know MIG welding, blueprint reading and forklift operation. Which jobs fit me?"


def test_fit_answer_offers_a_gap_question_that_works(real_service):
    first = real_service.ask(FIRST)
    assert first.fits and not first.needs_profile
    gap_question = first.related_questions[0]
    assert first.fits[0].title in gap_question
    gap = real_service.ask(gap_question)
    assert gap.intent == "gap"
    assert gap.fits[0].id == first.fits[0].id


def test_employer_follow_up_leans_on_earlier_words(real_service):
    first = real_service.ask(FIRST)
    history = [Turn(role="user", text=FIRST), first.turn]
    follow = real_service.ask("Which employers hire for this without a degree?", history=history)
    assert not follow.needs_profile
    assert follow.employer_fits
    alone = real_service.ask("Which employers hire for this without a degree?")
    assert alone.needs_profile
