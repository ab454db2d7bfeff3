"""The pathway charts' data: coverage per pathway, skills to build, pathways side by side."""

from __future__ import annotations

from app.ui import charts
from ler_navigator.models.fit import MatchedSkill, MissingSkill, OccupationFit


def _have(skill: str, points: float, importance: float = 0.5) -> MatchedSkill:
    return MatchedSkill(
        skill_id=f"skill:{skill}",
        name=skill.title(),
        importance=importance,
        credit=1.0,
        points=points,
        via="exact",
        learner_skill=skill,
        trust="verified",
    )


def _missing(skill: str, points: float, importance: float = 0.5) -> MissingSkill:
    return MissingSkill(
        skill_id=f"skill:{skill}", name=skill.title(), importance=importance, points=points
    )


def _fit(title: str, score: float, have: list, missing: list) -> OccupationFit:
    return OccupationFit(
        id=f"occupation:{title.lower()}",
        code="00-0000.00",
        title=title,
        score=score,
        matched=have,
        missing=missing,
        typical_education="high_school",
        url="https://example.org/o",
    )


WELDERS = _fit(
    "Welders",
    60.0,
    [_have("welding", 40.0, 0.9), _have("safety", 20.0)],
    [
        _missing("blueprints", 25.0, 0.7),
        _missing("math", 15.0),
    ],
)
MACHINISTS = _fit(
    "Machinists",
    30.0,
    [_have("safety", 30.0)],
    [
        _missing("blueprints", 40.0, 0.8),
        _missing("cnc", 30.0, 0.6),
    ],
)


def test_coverage_rows_sum_points_per_pathway():
    assert charts.coverage_rows([WELDERS, MACHINISTS]) == [
        {"pathway": "Welders (60)", "part": charts.HAVE, "points": 60.0, "order": 0},
        {"pathway": "Welders (60)", "part": charts.BUILD, "points": 40.0, "order": 1},
        {"pathway": "Machinists (30)", "part": charts.HAVE, "points": 30.0, "order": 0},
        {"pathway": "Machinists (30)", "part": charts.BUILD, "points": 70.0, "order": 1},
    ]
    assert charts.coverage_words([WELDERS]) == ("- Welders: 60 skill points covered, 40 to build")


def test_gaps_rank_skills_that_open_more_pathways_first():
    rows = charts.gap_rows([WELDERS, MACHINISTS])
    assert [r["skill"] for r in rows] == ["Blueprints", "Cnc", "Math"]
    assert rows[0] == {
        "skill": "Blueprints",
        "points": 65.0,
        "count": 2,
        "pathways": "Welders, Machinists",
    }
    assert charts.gap_rows([WELDERS, MACHINISTS], limit=1) == rows[:1]
    assert charts.gap_words([MACHINISTS], limit=1) == (
        "- Blueprints: needed for 1 pathway, +40 points in all"
    )


def test_comparison_shows_the_most_important_skills_per_pathway():
    rows = charts.comparison_rows([WELDERS, MACHINISTS], limit=3)
    # Blueprints (0.7 + 0.8) and safety (0.5 + 0.5) weigh most; welding (0.9) comes third.
    assert [(r["skill"], r["pathway"], r["part"]) for r in rows] == [
        ("Blueprints", "Machinists (30)", charts.BUILD),
        ("Blueprints", "Welders (60)", charts.BUILD),
        ("Safety", "Machinists (30)", charts.HAVE),
        ("Safety", "Welders (60)", charts.HAVE),
        ("Welding", "Welders (60)", charts.HAVE),
    ]


def test_charts_carry_a_description_for_screen_readers():
    for chart in (
        charts.coverage_chart([WELDERS, MACHINISTS]),
        charts.gap_chart([WELDERS, MACHINISTS]),
        charts.comparison_chart([WELDERS, MACHINISTS]),
    ):
        spec = chart.to_dict()
        assert spec["description"]
        assert spec["data"]["values"]
