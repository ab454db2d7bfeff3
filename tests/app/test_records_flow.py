"""The learner's records in the running chat (AppTest): upload, profile, sharing, fit answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.ui import fit, render
from app.ui.fit import score_sum_line, skill_sum_line
from ler_navigator.models.chat import Answer
from ler_navigator.models.fit import FitEvidence, MatchedSkill, OccupationFit
from ler_navigator.service import NavigatorService
from tests.app.careers import (
    BROKEN_BADGE,
    NURSING_CLR,
    SHARED_FIXTURES,
    VERIFIED,
    VERIFIED_PYTHON,
    careers_env,
    careers_settings,
    ready_service,
)

APP = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
FIT_QUESTION = "which pathways fit my skills?"

pytestmark = pytest.mark.skipif(not SHARED_FIXTURES.exists(), reason="../shared fixtures missing")


@pytest.fixture(scope="module")
def careers(tmp_path_factory):
    settings = careers_settings(tmp_path_factory.mktemp("careers-data"))
    ready_service(settings)
    return settings


@pytest.fixture
def app(careers, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    for name, value in careers_env(careers).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(render, "STREAM_DELAY_S", 0.0)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    return at


def upload(at: AppTest, *paths: Path) -> AppTest:
    at.file_uploader[0].set_value([(p.name, p.read_bytes(), "application/json") for p in paths])
    at.run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> str:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return "\n".join(md.value for md in at.chat_message[-1].markdown)


def profile_panel(at: AppTest):
    panels = [e for e in at.expander if e.label.startswith("Your profile")]
    return panels[0] if panels else None


def file_rows(at: AppTest) -> list[str]:
    return [md.value for md in at.sidebar.markdown if "**" in md.value and "  \n" in md.value]


def test_upload_shows_badge_summary_details_and_skills(app: AppTest):
    upload(app, VERIFIED)
    assert file_rows(app) == [
        f"✅ **{VERIFIED.name}**  \nOpen Badges 3.0 · 1 achievement · 1 skill"
    ]
    panel = profile_panel(app)
    assert panel is not None and panel.label == "Your profile: 1 achievement, 1 skill"
    text = "\n".join(md.value for md in panel.markdown)
    assert "**Teamwork**  \nExample Corp · issued 2010-01-01" in text
    assert ":green-badge[✅ Verified]" in text
    assert "**From your credentials**  \n:green-badge[✅ Teamwork]" in text
    assert "Signed by Example Corp and unchanged since it was issued." in [
        c.value for c in panel.caption
    ]
    details = panel.expander[0]
    assert details.label == "Verification details"
    assert "**DID method:** did:key" in details.markdown[0].value
    assert "**Signing key tied to the issuer:** yes" in details.markdown[0].value


def test_same_file_twice_adds_nothing(app: AppTest):
    upload(app, VERIFIED)
    upload(app, VERIFIED)
    assert len(file_rows(app)) == 1
    assert [t.value for t in app.toast] == [f"“{VERIFIED.name}” is already in your records."]


def test_bad_file_shows_an_error_and_keeps_the_session(app: AppTest):
    upload(app, VERIFIED, BROKEN_BADGE)
    assert len(app.error) == 1
    assert "broken" in app.error[0].value
    assert profile_panel(app).label == "Your profile: 1 achievement, 1 skill"


def test_typed_skills_answer_a_fit_question_and_leaving_one_out_removes_it(app: AppTest):
    app.text_input(key="learner_typed_skills").set_value("welding, Excel, forklift").run()
    panel = profile_panel(app)
    assert "Not in our skills list yet, so not used for matching: Excel" in [
        c.value for c in panel.caption
    ]
    answer = ask(app, FIT_QUESTION)
    assert "Gas metal arc welding +" in answer  # typed "welding" counts for the welders' GMAW
    app.multiselect(key="learner_hidden_skills").set_value(["skill:welding"]).run()
    assert ":gray-badge[🚫 Welding · left out]" in "\n".join(
        md.value for md in profile_panel(app).markdown
    )
    answer = ask(app, FIT_QUESTION)
    assert "Gas metal arc welding +" not in answer
    assert "Forklift operation +" in answer


def test_unticking_an_achievement_removes_its_skills_from_answers(app: AppTest):
    upload(app, VERIFIED_PYTHON)
    assert ":green-badge[Python +" in ask(app, FIT_QUESTION)
    [box] = [c for c in app.checkbox if c.label == "Use in suggestions"]
    box.uncheck().run()
    answer = ask(app, FIT_QUESTION)
    assert ":green-badge[Python +" not in answer


def test_fit_question_without_skills_nudges_to_add_records(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
):
    seen = []
    nudge = Answer(question=FIT_QUESTION, intent="fit", lead="I need skills.", needs_profile=True)

    def fake_ask(self, question, history=(), **kwargs):
        seen.append(kwargs)
        return nudge

    monkeypatch.setattr(NavigatorService, "ask", fake_ask)
    ask(app, FIT_QUESTION)
    assert seen == [{}]  # nothing shared, so no profile is passed
    assert [i.value for i in app.chat_message[-1].info] == [render.PROFILE_NUDGE]


def test_remove_one_file_then_clear_everything(app: AppTest):
    upload(app, VERIFIED, NURSING_CLR)
    app.text_input(key="learner_typed_skills").set_value("forklift").run()
    assert len(file_rows(app)) == 2
    remove = [b for b in app.sidebar.button if b.key and b.key.startswith("learner_remove_")]
    remove[0].click().run()
    assert [row.split("**")[1] for row in file_rows(app)] == [NURSING_CLR.name]
    assert "Teamwork" not in profile_panel(app).label
    app.button(key="learner_clear_all").click().run()
    assert not app.exception
    assert file_rows(app) == []
    assert profile_panel(app) is None
    assert app.text_input(key="learner_typed_skills").value == ""


def test_fit_cards_explain_the_score_with_a_chart(app: AppTest):
    upload(app, NURSING_CLR)
    ask(app, FIT_QUESTION)
    message = app.chat_message[-1]
    why = [e for e in message.expander if e.label == "Why this score?"]
    assert why
    lines = [md.value for md in why[0].markdown]
    assert any(line.startswith("Skill points: ") for line in lines)
    assert any("your score of" in line for line in lines)
    assert message.get("vega_lite_chart")
    assert "Employers hiring for it: Example Health" in [c.value for c in message.caption]


def test_gap_question_offers_a_next_step(app: AppTest):
    app.text_input(key="learner_typed_skills").set_value("teamwork").run()
    answer = ask(app, "what am I missing to become an electrician?")
    assert "[Electricians](https://example.org/onet/47-2111.00)" in answer
    assert (
        "[Electrical Apprenticeship](https://example.org/programs/electrical-apprenticeship)"
        in (answer)
    )
    assert ":gray-badge[Electrical wiring +" in answer


def test_find_pathways_filters_by_group_and_education(app: AppTest):
    panel = next(e for e in app.expander if e.label == "Find pathways")
    assert "Add your records" in panel.caption[0].value
    app.text_input(key="learner_typed_skills").set_value("teamwork, python, forklift").run()
    titles = pathway_titles(app)
    assert "Software Developers" in titles and "Industrial Truck and Tractor Operators" in titles
    app.multiselect(key="pathways_major_groups").set_value(["53"]).run()
    assert pathway_titles(app) == ["Industrial Truck and Tractor Operators"]
    app.multiselect(key="pathways_major_groups").set_value([]).run()
    app.multiselect(key="pathways_education").set_value(["bachelor"]).run()
    assert pathway_titles(app) == ["Software Developers"]
    panel = next(e for e in app.expander if e.label == "Find pathways")
    assert fit.DEGREE_NOTE in [c.value for c in panel.caption]


def pathway_titles(at: AppTest) -> list[str]:
    panel = next(e for e in at.expander if e.label == "Find pathways")
    return [
        md.value.split("](")[0].lstrip("*[")
        for md in panel.markdown
        if md.value.startswith("**[") and "O*NET-SOC" in md.value
    ]


def _fit(score: float, points: list[float], evidence: list[float]) -> OccupationFit:
    return OccupationFit(
        id="occupation:1",
        code="51-4121.00",
        title="Welders",
        score=score,
        evidence=[
            FitEvidence(kind="skills", label=f"part {i}", points=p) for i, p in enumerate(evidence)
        ],
        matched=[
            MatchedSkill(
                skill_id=f"skill:{i}",
                name=f"S{i}",
                importance=0.5,
                credit=1.0,
                points=p,
                via="exact",
                learner_skill=f"S{i}",
                trust="verified",
            )
            for i, p in enumerate(points)
        ],
        missing=[],
        typical_education="high_school",
        url="https://example.org/w",
    )


def test_score_lines_add_up():
    fit = _fit(45.5, [30.0, 15.5], [45.5])
    assert skill_sum_line(fit) == "Skill points: 30.0 + 15.5 = **45.5** of 100 the work needs."
    assert score_sum_line(fit) == "45.5 = **45.5** points, your score of 46 / 100."
    mixed = _fit(37.5, [30.0, 15.5], [22.8, 24.7, -10.0])
    assert score_sum_line(mixed) == "22.8 + 24.7 − 10.0 = **37.5** points, your score of 38 / 100."
    # Parts that do not reach the score are not passed off as adding up.
    assert "the score shown is 90" in score_sum_line(_fit(90.0, [30.0], [30.0]))
