"""Career changers: the work they describe doing now, under all its titles, is ranked down and
says why; what they could move to comes first."""

from __future__ import annotations

COOK = (
    "Ten years as a line cook and kitchen manager at a busy diner. I order food, schedule the "
    "crew and train new cooks. I want to get out of the kitchen."
)
MOLDING = (
    "Eight years running plastic injection molding machines on second shift: I clear jams, "
    "change molds and adjust barrel temperatures. I want to move into maintenance and fix the "
    "machines instead."
)


def _codes(service, text):
    signals = service.learner_signals(None, text)
    return {oid.split(":")[1] for oid in service.leaving(signals, text)}


def test_the_held_job_and_its_siblings_are_the_work_being_left(real_service):
    cooks = _codes(real_service, COOK)
    # "line cook" names restaurant cooks; the rest of the cooks' SOC broad group comes along.
    assert {"35-2011.00", "35-2014.00", "35-2015.00"} <= cooks
    assert "51-4072.00" in _codes(real_service, MOLDING)
    assert _codes(real_service, "Ten years as a line cook at a busy diner.") == set()


def _rank(result, code):
    codes = [f.code for f in result.occupations]
    return codes.index(code) if code in codes else len(codes)


def test_work_being_left_says_so_and_moves_down(real_service):
    past = MOLDING.split(" I want")[0]
    staying = real_service.match(None, past, k=20)
    leaving = real_service.match(None, MOLDING, k=20)
    assert _rank(leaving, "51-4072.00") > _rank(staying, "51-4072.00")
    fit = next(f for f in leaving.occupations if f.code == "51-4072.00")
    assert any(e.kind == "change" and e.points < 0 for e in fit.evidence)


def test_a_veteran_moving_to_civilian_work_is_not_leaving_its_crosswalk(real_service):
    text = "Army 88M for six years. I want to move into civilian trucking."
    result = real_service.match(None, text, k=3)
    assert "53-3032.00" in [f.code for f in result.occupations]
    assert not any(e.kind == "change" for f in result.occupations for e in f.evidence)


def test_the_chat_answer_says_why_and_flags_the_work_being_left(real_service):
    answer = real_service.ask(f"{COOK} Which jobs fit me?")
    assert answer.intent == "fit" and answer.bullets
    assert all("Why:" in b for b in answer.bullets[: len(answer.fits)])
    flagged = [
        b
        for b, fit in zip(answer.bullets, answer.fits, strict=False)
        if fit.code.startswith("35-201")
    ]
    assert flagged and all("the work you do now" in b for b in flagged)
