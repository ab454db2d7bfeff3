"""Obvious cases land in the top 5: typed skills and a résumé paragraph for eight common roles."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "obvious_cases.yaml").read_text())["cases"]
PARAMS = [(c["code"], c[field]) for c in CASES for field in ("typed", "paragraph")]
IDS = [f"{c['code']}-{field}" for c in CASES for field in ("typed", "paragraph")]


@pytest.mark.parametrize(("code", "text"), PARAMS, ids=IDS)
def test_obvious_occupation_in_top5(real_service, code, text):
    result = real_service.match(None, text, k=5)
    assert code in [f.code for f in result.occupations], [f.title for f in result.occupations]


@pytest.mark.parametrize(("code", "text"), PARAMS[:4], ids=IDS[:4])
def test_every_suggestion_explains_its_score(real_service, code, text):
    for fit in real_service.match(None, text, k=5).occupations:
        assert fit.score == pytest.approx(sum(e.points for e in fit.evidence), abs=0.05)
        assert fit.skill_coverage == pytest.approx(sum(m.points for m in fit.matched), abs=0.05)
        assert all(m.sources for m in fit.matched)
        assert all(e.label for e in fit.evidence)
