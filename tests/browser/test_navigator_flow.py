"""A navigator's whole session in a real browser, with axe-core checking every main page."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.ui import records
from ler_navigator.report import build_report
from ler_navigator.service import NavigatorService
from tests.app.careers import (
    NURSING_CLR,
    SHARED_FIXTURES,
    careers_env,
    careers_settings,
    ready_service,
)
from tests.browser.axe import AXE_SCRIPT, axe_violations, blocking, describe
from tests.browser.streamlit_server import (
    ASSISTANT_MESSAGE,
    CHROMIUM,
    ask_in_page,
    launch_chromium,
    running_app,
)

pytestmark = pytest.mark.browser

FIT_QUESTION = "which pathways fit my skills?"
TIMEOUT_MS = 60_000


def _needed(path: Path, what: str) -> None:
    if not path.exists():
        message = f"{path} is missing; {what} (see .ci/run)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def careers(tmp_path_factory: pytest.TempPathFactory):
    if not SHARED_FIXTURES.exists():
        pytest.skip("../shared fixtures missing")
    _needed(CHROMIUM, "install Debian's chromium package")
    _needed(AXE_SCRIPT, "run `npm ci` for axe-core")
    settings = careers_settings(tmp_path_factory.mktemp("navigator-browser"))
    return settings, ready_service(settings)


@pytest.fixture
def page(careers, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    settings, _ = careers
    with (
        running_app(careers_env(settings), tmp_path / "streamlit.log") as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
            page.goto(url)
            page.locator("[data-testid=stChatInputTextArea]").wait_for(timeout=TIMEOUT_MS)
            yield page
        finally:
            browser.close()


def assert_accessible(page, where: str) -> None:
    page.wait_for_timeout(300)  # let Streamlit finish drawing before axe reads the page
    found = blocking(axe_violations(page))
    assert not found, f"axe on {where}:\n{describe(found)}"


def expected_report(service: NavigatorService, today: dt.date):
    """The summary the app should hand out for the nursing CLR, built without the app."""
    session: dict = {}
    records.init_records(session)
    records.add_bytes(session, service, NURSING_CLR.read_bytes(), NURSING_CLR.name)
    profile = records.build_profile(session, service)
    return build_report(
        service, records.records(session), profile, learner_name="Learner 1", today=today
    )


def test_navigator_session_from_upload_to_pdf_and_a_second_learner(careers, page, tmp_path: Path):
    from playwright.sync_api import expect

    _, service = careers
    sidebar = page.locator("[data-testid=stSidebar]")
    assert_accessible(page, "the empty chat (learner mode)")
    assert sidebar.get_by_text("Learners", exact=True).count() == 0  # learner mode is simple

    uploader = sidebar.locator("input[type=file]").first
    uploader.set_input_files(str(NURSING_CLR))
    sidebar.get_by_text(NURSING_CLR.name).wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("Your profile:").click()
    page.get_by_text("Signed, but the key is not tied to the issuer").first.wait_for(
        timeout=TIMEOUT_MS
    )
    expect(page.get_by_text("Cardiopulmonary resuscitation").first).to_be_visible()

    ask_in_page(page, FIT_QUESTION, "https://example.org/onet/")
    answer = page.locator(ASSISTANT_MESSAGE).last
    answer.get_by_text("Why this score?").first.wait_for(timeout=TIMEOUT_MS)
    assert "Nursing Assistants" in answer.inner_text()
    assert_accessible(page, "a profile and fit cards")
    page.get_by_text("Find pathways").click()
    page.get_by_role("tab", name="Charts").click()
    page.get_by_text("How much of each pathway you cover").wait_for(timeout=TIMEOUT_MS)
    charts = page.get_by_role("tabpanel", name="Charts")
    charts.locator("[data-testid=stVegaLiteChart]").first.wait_for(timeout=TIMEOUT_MS)
    assert_accessible(page, "the pathway charts")

    # Navigator mode: the workspace and the advising summary appear; nothing is lost.
    # By keyboard: the switch takes focus and Space turns it on.
    switch = sidebar.get_by_role("switch", name="Navigator mode")
    switch.focus()
    page.keyboard.press("Space")
    summary = page.get_by_text("Advising summary for Learner 1")
    summary.wait_for(timeout=TIMEOUT_MS)
    summary.click()
    assert sidebar.get_by_text(NURSING_CLR.name).is_visible()
    assert_accessible(page, "navigator mode")
    with page.expect_download(timeout=TIMEOUT_MS) as download_info:
        page.get_by_role("button", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("advising-summary-learner-1-")
    pdf_path = tmp_path / download.suggested_filename
    download.save_as(pdf_path)

    today = dt.date.fromisoformat(download.suggested_filename[-14:-4])
    expected = expected_report(service, today)
    top = expected.pathways[0]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages)
    flat = "".join(text.split())
    assert top.title == "Nursing Assistants"
    assert "".join(top.title.split()) in flat
    assert f"{top.score:.1f}" in text
    assert expected.citations
    for citation in expected.citations:
        assert "".join(citation.url.split()) in flat

    # A second learner starts empty: no files, no profile, no conversation.
    add = sidebar.get_by_role("button", name="Add learner")
    add.focus()
    page.keyboard.press("Enter")
    page.get_by_text("Advising summary for Learner 2").wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("Try one of these:").wait_for(timeout=TIMEOUT_MS)
    # Elements of the previous run linger until the new run replaces them: wait, then check.
    expect(page.get_by_text("Your profile:")).to_have_count(0, timeout=TIMEOUT_MS)
    expect(sidebar.get_by_text(NURSING_CLR.name)).to_have_count(0)
    expect(page.locator("[data-testid=stChatMessage]")).to_have_count(0)
    expect(sidebar.get_by_role("textbox", name="Skills you have")).to_have_value("")
    page.screenshot(path=str(tmp_path / "second-learner.png"), full_page=True)
