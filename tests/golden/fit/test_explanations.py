"""Every suggestion says which of the learner's own words, credentials or codes produced it."""

from __future__ import annotations

import re

import pytest

TEXTS = [
    "I prep the line, keep the HACCP logs and run the fryer station on weekends",
    "CompTIA A+ and Network+, help desk tickets, imaging laptops",
    "Army 88M for six years, hauled fuel and ammo in convoys",
]


def _quotes(label: str) -> list[str]:
    return re.findall(r"“([^”]+)”", label)


@pytest.mark.parametrize("text", TEXTS)
def test_each_top_suggestion_quotes_what_produced_it(real_service, text):
    for fit in real_service.match(None, text, k=3).occupations:
        earned = [e for e in fit.evidence if e.points > 0]
        assert any(_quotes(e.label) for e in earned), (fit.title, [e.label for e in earned])
        for evidence in earned:
            if evidence.label.startswith("what you wrote reads like this work"):
                # The text match names the learner's own words, as they wrote them.
                words = _quotes(evidence.label)
                assert words and all(w in text for w in words), evidence.label
