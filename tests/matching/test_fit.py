"""Matching on a small vocabulary made here: scoring rules, explanations and properties."""

import itertools

import pytest

from ler_navigator.matching.evidence import TRUST_WEIGHT, typed_signals
from ler_navigator.matching.fit import Matcher, SkillNeighbours
from ler_navigator.models.fit import SkillSignal
from ler_navigator.models.knowledge import CredentialProgram, Employer, Occupation, Skill
from ler_navigator.skills.vocabulary import SkillVocabulary
from tests.fakes import FakeEmbedder

SRC = {"source_url": "https://example.org/", "as_of": "2026-11-29"}


def _skill(slug, name, broader=()):
    return Skill(id=f"skill:{slug}", name=name, category="skill", broader=list(broader), **SRC)


SKILLS = [
    _skill("welding", "Welding"),
    _skill("gmaw", "Gas Metal Arc Welding", broader=["skill:welding"]),
    _skill("blueprints", "Blueprint Reading"),
    _skill("safety", "Workplace Safety"),
    _skill("machining", "CNC Machining"),
    _skill("patient-care", "Patient Care"),
]
VOCAB = SkillVocabulary(SKILLS)


def _occupation(code, title, skills):
    return Occupation(
        id=f"occupation:{code}",
        name=title,
        soc_code=code,
        body="An occupation used in tests, with enough words to be valid.",
        typical_education="high_school",
        skills=[{"skill": f"skill:{s}", "importance": i} for s, i in skills],
        **SRC,
    )


WELDER = _occupation("51-4121.00", "Welders", [("gmaw", 0.9), ("blueprints", 0.6), ("safety", 0.5)])
MACHINIST = _occupation("51-4041.00", "Machinists", [("machining", 0.9), ("blueprints", 0.7)])
AIDE = _occupation("31-1131.00", "Nursing Assistants", [("patient-care", 0.9), ("safety", 0.4)])
COURSE = CredentialProgram(
    id="credential:welding-cert",
    name="Welding Certificate",
    credential_type="certification",
    issuer="Example Welding Society",
    skills=["skill:gmaw", "skill:blueprints"],
    occupations=["occupation:51-4121.00"],
    body="A test certification that covers welding and print reading.",
    **SRC,
)
SHOP = Employer(
    id="employer:shop",
    name="Example Fabrication",
    practice="Hires welders on skills tests instead of degrees.",
    occupations=["occupation:51-4121.00"],
    skills=["skill:gmaw", "skill:safety"],
    degree_optional=True,
    body="A test employer that hires welders by skills demonstrations.",
    **SRC,
)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher([WELDER, MACHINIST, AIDE], [COURSE], [SHOP], VOCAB)


def _signals(*pairs, trust="typed"):
    return [
        SkillSignal(skill_id=f"skill:{s}", name=s, weight=TRUST_WEIGHT[trust], trust=trust)
        for s in pairs
    ]


def test_welder_ranks_first_and_points_add_up(matcher):
    fits = matcher.rank_occupations(_signals("gmaw", "blueprints"))
    assert fits[0].id == "occupation:51-4121.00"
    top = fits[0]
    assert top.score == pytest.approx(sum(m.points for m in top.matched), abs=0.05)
    assert [m.name for m in top.missing] == ["Workplace Safety"]


def test_full_verified_coverage_scores_100(matcher):
    fits = matcher.rank_occupations(_signals("gmaw", "blueprints", "safety", trust="verified"))
    assert fits[0].score == 100.0
    assert fits[0].missing == []


def test_verified_evidence_outweighs_typed(matcher):
    typed = matcher.rank_occupations(_signals("gmaw", trust="typed"))[0].score
    resume = matcher.rank_occupations(_signals("gmaw", trust="self_reported"))[0].score
    verified = matcher.rank_occupations(_signals("gmaw", trust="verified"))[0].score
    assert typed < resume < verified


def test_narrower_skill_counts_for_broader_requirement():
    needs_general = _occupation("51-9999.00", "General Welders", [("welding", 1.0)])
    m = Matcher([needs_general], [], [], VOCAB)
    fit = m.rank_occupations(_signals("gmaw", trust="verified"))[0]
    assert fit.matched[0].via == "specific"
    assert fit.score == 100.0


def test_broader_skill_gets_half_credit_for_a_specific_requirement(matcher):
    fit = matcher.rank_occupations(_signals("welding", trust="verified"))[0]
    gmaw = next(m for m in fit.matched if m.skill_id == "skill:gmaw")
    assert gmaw.via == "general"
    assert gmaw.credit == pytest.approx(0.5)


def test_next_steps_name_the_credential_that_closes_gaps(matcher):
    fit = matcher.rank_occupations(_signals("safety"), k=3)
    welder = next(f for f in fit if f.id == "occupation:51-4121.00")
    assert welder.next_steps[0].credential_id == "credential:welding-cert"
    assert set(welder.next_steps[0].covers) == {"Gas Metal Arc Welding", "Blueprint Reading"}
    assert welder.next_steps[0].gain > 0
    assert welder.employers == ["employer:shop"]


def test_employers_rank_with_explained_points(matcher):
    employers = matcher.rank_employers(_signals("gmaw", "safety"))
    assert employers[0].id == "employer:shop"
    assert employers[0].score == pytest.approx(
        employers[0].occupation_points + employers[0].skill_points, abs=0.05
    )
    assert employers[0].best_occupation == "occupation:51-4121.00"


def test_no_skills_no_suggestions(matcher):
    assert matcher.rank_occupations([]) == []
    assert matcher.rank_employers([]) == []


def test_filters_by_major_group(matcher):
    fits = matcher.rank_occupations(_signals("blueprints", "safety"), major_groups=["31"])
    assert [f.id for f in fits] == ["occupation:31-1131.00"]


ALL = ["welding", "gmaw", "blueprints", "safety", "machining", "patient-care"]


@pytest.mark.parametrize("base", [c for n in range(0, 4) for c in itertools.combinations(ALL, n)])
def test_adding_a_skill_never_lowers_any_score(matcher, base):
    before = {f.id: f.score for f in matcher.rank_occupations(_signals(*base), k=10)}
    for extra in ALL:
        after = {f.id: f.score for f in matcher.rank_occupations(_signals(*base, extra), k=10)}
        for occupation, score in before.items():
            assert after.get(occupation, 0.0) >= score


@pytest.mark.parametrize("skill", ALL)
def test_raising_evidence_never_lowers_any_score(matcher, skill):
    levels = ["typed", "self_reported", "unverified", "signed_unbound_key", "verified"]
    previous: dict[str, float] = {}
    for level in levels:
        signals = _signals("blueprints") + _signals(skill, trust=level)
        scores = {f.id: f.score for f in matcher.rank_occupations(signals, k=10)}
        for occupation, score in previous.items():
            assert scores.get(occupation, 0.0) >= score
        previous = scores


def test_ties_break_on_id():
    a = _occupation("11-0001.00", "A Job", [("safety", 1.0)])
    b = _occupation("11-0000.00", "B Job", [("safety", 1.0)])
    fits = Matcher([a, b], [], [], VOCAB).rank_occupations(_signals("safety"))
    assert [f.id for f in fits] == ["occupation:11-0000.00", "occupation:11-0001.00"]


def test_near_matches_are_partial_and_labelled():
    needs = _occupation("51-9998.00", "Fabricators", [("welding", 1.0)])
    m = Matcher([needs], [], [], VOCAB, SkillNeighbours(VOCAB, FakeEmbedder()))
    # The fake embedder makes "Welding" and "Gas Metal Arc Welding" share a token; use a
    # learner skill that is only near, not broader/narrower.
    credits = m.credits(_signals("machining"), ["skill:welding"])
    assert all(c.via == "near" for c in credits.values())


def test_typed_signals_use_typed_weight():
    signals = typed_signals([("skill:gmaw", "Gas Metal Arc Welding")])
    assert signals[0].weight == TRUST_WEIGHT["typed"]


@pytest.mark.parametrize("base", [("gmaw",), ("welding", "safety"), ("blueprints", "machining")])
def test_quick_score_equals_the_explained_score(matcher, base):
    signals = _signals(*base, trust="self_reported")
    for occupation in matcher.occupations:
        credits = matcher.credits(signals, [r.skill for r in occupation.skills])
        quick = matcher.quick_score(occupation, credits, None, 1.0, None)
        assert quick == matcher.fit(occupation, credits).score
