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


def test_work_being_left_says_so_and_moves_down(real_service):
    result = real_service.match(None, MOLDING, k=10)
    top3 = [f.code for f in result.occupations[:3]]
    assert "51-4072.00" not in top3
    assert any(c.startswith("49-") for c in top3), top3
    for fit in result.occupations:
        if fit.code == "51-4072.00":
            assert any(e.kind == "change" and e.points < 0 for e in fit.evidence)
