import pytest

from ler_navigator.matching.fit import Matcher
from ler_navigator.matching.text_evidence import TextEvidence, TextEvidenceFinder, clauses
from ler_navigator.models.knowledge import CredentialProgram, MilitaryOccupation
from tests.fakes import FakeEmbedder
from tests.matching.test_fit import AIDE, MACHINIST, SRC, VOCAB, WELDER, _occupation

COOK = _occupation("35-2014.00", "Cooks, Restaurant", [("safety", 0.8)]).model_copy(
    update={
        "alternate_titles": ["Line Cook"],
        "tasks": ["prep ingredients for the line", "keep food temperature logs"],
        "tools": ["Point of sale software"],
    }
)
CNA = CredentialProgram(
    id="credential:cna",
    name="Certified Nursing Assistant",
    aliases=["CNA"],
    credential_type="certification",
    issuer="State nurse aide registry",
    skills=["skill:patient-care"],
    occupations=["occupation:31-1131.00"],
    body="A state certification for nurse aides, earned after training and a test.",
    **SRC,
)
MECHANIC = MilitaryOccupation(
    id="military:army-91b",
    name="Wheeled Vehicle Mechanic",
    code="91B",
    aliases=["91 Bravo"],
    branch="army",
    occupations=["occupation:51-4041.00"],
    body="Keeps wheeled military vehicles running: engines, brakes and drive trains.",
    **SRC,
)
OCCUPATIONS = [WELDER, MACHINIST, AIDE, COOK]


@pytest.fixture(scope="module")
def finder() -> TextEvidenceFinder:
    return TextEvidenceFinder(OCCUPATIONS, [CNA], [MECHANIC], FakeEmbedder())


def test_clauses_split_on_punctuation_and_joins():
    assert clauses("I prep the line, keep temperature logs; and then close up.") == [
        "I prep the line",
        "keep temperature logs",
        "close up",
    ]


def test_titles_credentials_codes_and_tools_are_found(finder):
    found = finder.find(
        "Former line cook. I hold my CNA. Served as a 91B. Used point of sale software."
    )
    assert found["occupation:35-2014.00"].titles == ["line cook"]
    assert found["occupation:35-2014.00"].tools == ["point of sale software"]
    assert found["occupation:31-1131.00"].credentials == ["Certified Nursing Assistant"]
    assert found["occupation:51-4041.00"].military == ["91B (Wheeled Vehicle Mechanic)"]


def test_words_inside_other_words_do_not_count(finder):
    assert "occupation:31-1131.00" not in finder.find("I scanned documents")


def test_tasks_meet_similar_phrases(finder):
    found = finder.find("prep ingredients for the line every night")
    tasks = found["occupation:35-2014.00"].tasks
    assert tasks and tasks[0][1] == "prep ingredients for the line"


def test_text_evidence_lifts_an_occupation_and_points_add_up():
    matcher = Matcher(OCCUPATIONS, [CNA], [], VOCAB)
    evidence = {"occupation:35-2014.00": TextEvidence(titles=["line cook"], relevance=1.0)}
    fits = matcher.rank_occupations([], 4, text_evidence=evidence)
    assert fits[0].id == "occupation:35-2014.00"
    assert fits[0].score == pytest.approx(sum(e.points for e in fits[0].evidence), abs=0.05)
    assert {e.kind for e in fits[0].evidence} >= {"title", "tasks"}


def test_degree_occupations_say_so_and_lose_points():
    lawyer = _occupation("23-1011.00", "Lawyers", [("safety", 1.0)]).model_copy(
        update={"typical_education": "doctoral"}
    )
    matcher = Matcher([lawyer], [], [], VOCAB)
    evidence = {lawyer.id: TextEvidence(relevance=1.0)}
    without = matcher.rank_occupations([], 1, text_evidence=evidence, has_degree=False)[0]
    with_degree = matcher.rank_occupations([], 1, text_evidence=evidence, has_degree=True)[0]
    assert without.score < with_degree.score
    assert any(e.kind == "degree" and e.points < 0 for e in without.evidence)
    assert without.needs_degree


def test_a_degree_occupation_offers_a_reachable_stepping_stone():
    lawyer = _occupation("23-1011.00", "Lawyers", [("safety", 1.0)]).model_copy(
        update={"typical_education": "doctoral", "related_occupations": ["occupation:23-2011.00"]}
    )
    paralegal = _occupation("23-2011.00", "Paralegals", [("safety", 0.8)])
    judge = _occupation("23-1023.00", "Judges", [("safety", 1.0)]).model_copy(
        update={"typical_education": "doctoral"}
    )
    matcher = Matcher([lawyer, paralegal, judge], [], [], VOCAB)
    evidence = {lawyer.id: TextEvidence(relevance=1.0)}
    fits = matcher.rank_occupations([], 3, text_evidence=evidence, has_degree=False)
    top = next(f for f in fits if f.id == lawyer.id)
    # The related occupation without a degree, not the other degree occupation.
    assert top.stepping_stone is not None and top.stepping_stone.code == "23-2011.00"
    assert top.stepping_stone.typical_education == "high_school"
    unknown = matcher.rank_occupations([], 3, text_evidence=evidence, has_degree=None)
    assert all(f.stepping_stone is None for f in unknown)


def test_change_wish_splits_past_work_from_the_wish():
    from ler_navigator.matching.text_evidence import split_change_wish

    past, wish = split_change_wish(
        "Ten years fixing brakes at a dealership. I want to get out from under cars."
    )
    assert past == "Ten years fixing brakes at a dealership."
    assert wish == "I want to get out from under cars."
    assert split_change_wish("I weld pipe and read blueprints.") is None


def test_the_work_being_left_loses_points_and_says_why():
    matcher = Matcher(OCCUPATIONS, [], [], VOCAB)
    evidence = {o.id: TextEvidence(relevance=1.0) for o in OCCUPATIONS}
    stay = {f.id: f.score for f in matcher.rank_occupations([], 4, text_evidence=evidence)}
    moving = matcher.rank_occupations(
        [], 4, text_evidence=evidence, leaving={"occupation:35-2014.00"}
    )
    cook = next(f for f in moving if f.id == "occupation:35-2014.00")
    assert cook.score < stay["occupation:35-2014.00"]
    assert any(e.kind == "change" and e.points < 0 for e in cook.evidence)
    assert cook.score == pytest.approx(sum(e.points for e in cook.evidence), abs=0.05)


def test_military_titles_count_only_when_the_text_speaks_of_service(finder):
    civilian = "I was a wheeled vehicle mechanic at a rental fleet"
    assert finder.find(civilian).get("occupation:51-4041.00") is None
    veteran = "Army veteran, wheeled vehicle mechanic for six years"
    assert finder.find(veteran)["occupation:51-4041.00"].military == [
        "91B (Wheeled Vehicle Mechanic)"
    ]
    # Codes and aliases need no context: "91 Bravo" says military on its own.
    assert finder.find("91 Bravo, four years")["occupation:51-4041.00"].military
