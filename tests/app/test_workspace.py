"""The navigator's workspace in the running app (AppTest): learners never share anything."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from app.ui import records, render, report, workspace
from ler_navigator.models.chat import Turn
from ler_navigator.service import NavigatorService
from tests.app.careers import (
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
TODAY = dt.date(2026, 11, 29)

pytestmark = pytest.mark.skipif(not SHARED_FIXTURES.exists(), reason="../shared fixtures missing")


@pytest.fixture(scope="module")
def careers(tmp_path_factory):
    settings = careers_settings(tmp_path_factory.mktemp("workspace-data"))
    ready_service(settings)
    return settings


@pytest.fixture(scope="module")
def service(careers) -> NavigatorService:
    return NavigatorService(careers)


@pytest.fixture
def app(careers, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    for name, value in careers_env(careers).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(render, "STREAM_DELAY_S", 0.0)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    return at


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, *paths: Path) -> AppTest:
    uploader = next(u for u in at.file_uploader if u.key.startswith("learner_uploader_"))
    uploader.set_value([(p.name, p.read_bytes(), "application/json") for p in paths])
    return run(at)


def ask(at: AppTest, question: str) -> str:
    at.chat_input[0].set_value(question)
    run(at)
    return "\n".join(md.value for md in at.chat_message[-1].markdown)


def navigator_on(at: AppTest) -> AppTest:
    at.toggle(key=workspace.MODE_KEY).set_value(True)
    return run(at)


def add_learner(at: AppTest) -> AppTest:
    at.button(key="workspace_add").click()
    return run(at)


def switch_to(at: AppTest, name: str) -> AppTest:
    # The picker shows names; AppTest picks by position.
    position = list(workspace.names(at.session_state)).index(name)
    at.selectbox(key=workspace.SWITCH_KEY).select_index(position)
    return run(at)


def on_screen(at: AppTest) -> str:
    return at.session_state[workspace.ACTIVE_KEY]


def file_rows(at: AppTest) -> list[str]:
    return [md.value.split("**")[1] for md in at.sidebar.markdown if md.value[:1] in "✅🟡⚪❌📄⚠️"]


def profile_label(at: AppTest) -> str | None:
    return next((e.label for e in at.expander if e.label.startswith("Your profile")), None)


def questions(at: AppTest) -> list[str]:
    return [m.markdown[0].value for m in at.chat_message if m.name == "user"]


# ---------------------------------------------------------------- modes
def test_learner_mode_is_the_default_and_shows_no_workspace_controls(app: AppTest):
    assert app.toggle(key=workspace.MODE_KEY).value is False
    assert not [s for s in app.selectbox if s.key == workspace.SWITCH_KEY]
    assert not [b for b in app.button if b.key == "workspace_add"]
    assert not [e for e in app.expander if e.label.startswith("Advising summary")]
    assert not app.get("download_button")
    navigator_on(app)
    assert on_screen(app) == "learner-1"
    assert [e.label for e in app.expander if e.label.startswith("Advising summary")] == [
        "Advising summary for Learner 1"
    ]
    downloads = sorted(d.proto.label for d in app.get("download_button"))
    assert downloads == ["Download Markdown", "Download PDF", "Export this learner"]


# ---------------------------------------------------------------- isolation
def test_two_learners_never_share_uploads_choices_or_conversations(app: AppTest):
    navigator_on(app)
    upload(app, VERIFIED)
    app.text_input(key="learner_typed_skills").set_value("forklift")
    run(app)
    first_answer = ask(app, FIT_QUESTION)
    assert "Forklift operation +" in first_answer

    add_learner(app)
    assert on_screen(app) == "learner-2"
    assert file_rows(app) == []
    assert profile_label(app) is None
    assert questions(app) == []
    assert app.text_input(key="learner_typed_skills").value == ""
    upload(app, VERIFIED_PYTHON)
    ask(app, "what is a comprehensive learner record?")
    assert file_rows(app) == [VERIFIED_PYTHON.name]

    switch_to(app, "Learner 1")
    assert file_rows(app) == [VERIFIED.name]
    assert app.text_input(key="learner_typed_skills").value == "forklift"
    assert questions(app) == [FIT_QUESTION]
    assert profile_label(app) == "Your profile: 1 achievement, 2 skills"

    switch_to(app, "Learner 2")
    assert file_rows(app) == [VERIFIED_PYTHON.name]
    assert questions(app) == ["what is a comprehensive learner record?"]
    assert app.text_input(key="learner_typed_skills").value == ""
    # The service is asked about this learner's skills only.
    assert ":green-badge[Python +" in ask(app, FIT_QUESTION)
    assert "Forklift operation +" not in app.chat_message[-1].markdown[0].value

    one, two = workspace.learners(app.session_state)
    assert set(one["learner_records"]).isdisjoint(two["learner_records"])
    assert one[workspace.ENTRIES_KEY] is not two[workspace.ENTRIES_KEY]


def test_sharing_choices_stay_with_their_learner(app: AppTest):
    navigator_on(app)
    upload(app, VERIFIED_PYTHON)
    [box] = [c for c in app.checkbox if c.label == "Use in suggestions"]
    box.uncheck()
    run(app)
    add_learner(app)
    upload(app, VERIFIED_PYTHON)  # the same file, for another learner
    [box] = [c for c in app.checkbox if c.label == "Use in suggestions"]
    assert box.value is True
    switch_to(app, "Learner 1")
    [box] = [c for c in app.checkbox if c.label == "Use in suggestions"]
    assert box.value is False


def test_pathway_filters_belong_to_their_learner(app: AppTest):
    navigator_on(app)
    app.text_input(key="learner_typed_skills").set_value("forklift, python")
    run(app)
    app.multiselect(key="pathways_major_groups").set_value(["53"])
    run(app)
    add_learner(app)
    app.text_input(key="learner_typed_skills").set_value("forklift")
    run(app)
    assert app.multiselect(key="pathways_major_groups").value == []
    switch_to(app, "Learner 1")
    assert app.multiselect(key="pathways_major_groups").value == ["53"]


def test_notes_survive_learner_mode_and_stay_with_their_learner(app: AppTest):
    navigator_on(app)
    app.text_area(key=workspace.NOTES_KEY).set_value("Prefers evening classes.")
    run(app)
    app.toggle(key=workspace.MODE_KEY).set_value(False)
    run(app)
    navigator_on(app)
    assert app.text_area(key=workspace.NOTES_KEY).value == "Prefers evening classes."
    add_learner(app)
    assert app.text_area(key=workspace.NOTES_KEY).value == ""
    switch_to(app, "Learner 1")
    assert app.text_area(key=workspace.NOTES_KEY).value == "Prefers evening classes."


def test_rename_and_remove_learners(app: AppTest):
    navigator_on(app)
    app.text_input(key=workspace.NAME_KEY).set_value("  Maria   López ")
    run(app)
    add_learner(app)
    assert workspace.names(app.session_state) == ["Maria López", "Learner 2"]
    app.text_input(key=workspace.NAME_KEY).set_value("   ")
    run(app)
    assert workspace.names(app.session_state) == ["Maria López", "Learner 2"]
    app.button(key="workspace_remove").click()
    run(app)
    assert workspace.names(app.session_state) == ["Maria López"]
    assert on_screen(app) == "learner-1"
    assert app.text_input(key=workspace.NAME_KEY).value == "Maria López"
    app.button(key="workspace_remove").click()
    run(app)
    # The last learner removed leaves a fresh, empty one; numbers are not reused.
    assert workspace.names(app.session_state) == ["Learner 3"]


def test_import_adds_a_new_learner_and_a_bad_file_says_why(app: AppTest, service):
    navigator_on(app)
    upload(app, NURSING_CLR)
    app.text_input(key="learner_typed_skills").set_value("forklift")
    run(app)
    ask(app, FIT_QUESTION)
    exported = workspace.export_learner(workspace.active(app.session_state))

    importer = next(u for u in app.file_uploader if u.key.startswith("workspace_import_"))
    importer.set_value([("workspace.json", exported, "application/json")])
    run(app)
    assert workspace.names(app.session_state) == ["Learner 1", "Learner 1"]
    assert on_screen(app) == "learner-2"
    assert file_rows(app) == [NURSING_CLR.name]
    assert questions(app) == [FIT_QUESTION]
    assert app.text_input(key="learner_typed_skills").value == "forklift"
    assert [t.value for t in app.toast] == ["Imported Learner 1."]

    importer = next(u for u in app.file_uploader if u.key.startswith("workspace_import_"))
    importer.set_value([("notes.json", b'{"hello": 1}', "application/json")])
    run(app)
    assert "not a learner workspace" in app.sidebar.error[0].value
    assert len(workspace.learners(app.session_state)) == 2


# ---------------------------------------------------------------- export format
@pytest.fixture
def filled(service) -> dict:
    session: dict = {}
    workspace.init_workspace(session)
    learner = workspace.active(session)
    records.add_bytes(learner, service, NURSING_CLR.read_bytes(), NURSING_CLR.name)
    records.add_bytes(learner, service, VERIFIED.read_bytes(), VERIFIED.name)
    learner[records.TYPED_SKILLS_KEY] = "forklift, Excel"
    learner[records.HIDDEN_SKILLS_KEY] = ["skill:teamwork"]
    learner[workspace.NOTES_KEY] = "Call back on Monday."
    profile = records.build_profile(learner, service)
    learner[records.share_key(profile.achievements[0].id)] = False
    answer = service.ask(FIT_QUESTION, profile=records.shared_profile(learner, profile))
    learner[workspace.ENTRIES_KEY] = [
        workspace.ChatEntry(Turn(role="user", text=FIT_QUESTION)),
        workspace.ChatEntry(answer.turn, answer),
    ]
    return session


def test_export_then_import_gives_the_same_learner(filled, service):
    original = workspace.active(filled)
    data = workspace.export_learner(original)
    assert data == workspace.export_learner(original)  # deterministic
    session: dict = {}
    workspace.init_workspace(session)
    copy = workspace.import_learner(session, service, data)
    assert workspace.active(session) is copy
    for key in ("learner_records", "learner_raw_files"):
        assert list(copy[key]) == list(original[key])
    for key in ("learner_typed_skills", "learner_hidden_skills", workspace.NOTES_KEY):
        assert copy[key] == original[key]
    shares = {k: v for k, v in original.items() if k.startswith("learner_share:")}
    assert shares and all(copy[k] is v for k, v in shares.items())
    assert [e.turn for e in copy[workspace.ENTRIES_KEY]] == [
        e.turn for e in original[workspace.ENTRIES_KEY]
    ]
    assert copy[workspace.ENTRIES_KEY][1].answer == original[workspace.ENTRIES_KEY][1].answer
    assert workspace.export_learner(copy) == data


@pytest.mark.parametrize(
    ("mangle", "words"),
    [
        (lambda text: "not json", "not readable JSON"),
        (lambda text: text.replace('"ler-navigator-workspace"', '"other"'), "not a learner"),
        (lambda text: text.replace('"version": 1', '"version": 9'), "version 9"),
        (lambda text: text.replace('"notes":', '"surprise": 1, "notes":'), "surprise"),
        (lambda text: text.replace('"data_base64": "', '"data_base64": "!!'), "is damaged"),
        (lambda text: text.replace('"data_base64": "', '"data_base64": "AAAA'), "was changed"),
    ],
)
def test_bad_workspace_files_get_a_friendly_error(filled, mangle, words):
    text = workspace.export_learner(workspace.active(filled)).decode()
    with pytest.raises(workspace.WorkspaceFileError) as caught:
        workspace.parse_workspace_file(mangle(text).encode())
    assert words in caught.value.user_message
    assert caught.value.hint


def test_export_file_name_is_safe():
    learner = workspace.new_learner("learner-7", "María José / O'Neil")
    assert workspace.export_file_name(learner) == "workspace-mar-a-jos-o-neil.json"
    assert workspace.export_file_name(workspace.new_learner("learner-8", "李")) == (
        "workspace-learner-8.json"
    )


# ---------------------------------------------------------------- advising summary
def test_report_holds_the_top_pathway_its_score_notes_and_citations(filled, service):
    learner = workspace.active(filled)
    files = report.report_files(service, learner, today=TODAY)
    top = files.report.pathways[0]
    assert files.report.title == "Advising summary for Learner 1"
    assert f"| 1 | {top.title} [{top.citation.number}] |" in files.markdown
    assert "Call back on Monday." in files.markdown
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(files.pdf)).pages)
    flat = "".join(text.split())
    assert "".join(top.title.split()) in flat
    assert f"{top.score:.1f}" in text
    assert "Call back on Monday." in text
    for citation in files.report.citations:
        assert "".join(citation.url.split()) in flat
    # Left-out skills and unticked achievements stay out of the summary.
    assert "Teamwork" not in [s.name for s in files.report.learner.skills]
    assert report.file_name(learner, TODAY, "pdf") == "advising-summary-learner-1-2026-11-29.pdf"
