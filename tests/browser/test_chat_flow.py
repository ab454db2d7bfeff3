"""The chat in a real browser: Debian's Chromium against ``streamlit run``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.app.careers import (
    NURSING_CLR,
    SHARED_FIXTURES,
    careers_env,
    careers_settings,
    ready_service,
)
from tests.browser.streamlit_server import (
    ASSISTANT_MESSAGE,
    CHROMIUM,
    ask_in_page,
    launch_chromium,
    running_app,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing; install Debian's chromium package (see .ci/run)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture
def app_url(navigator_env: dict[str, str], tmp_path: Path):
    # navigator_env comes with the index already built, so the page is up in seconds.
    with running_app(navigator_env, tmp_path / "streamlit.log") as url:
        yield url


def test_question_in_the_browser_gets_a_cited_answer(chromium_path, app_url, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    shot = tmp_path / "chat.png"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(app_url)
            link = ask_in_page(
                page, "what is a comprehensive learner record", "https://example.org/glossary/clr"
            )
            assert link.get_attribute("href") == "https://example.org/glossary/clr"
            answer = page.locator("[data-testid=stChatMessage]").nth(1).inner_text()
            assert "Comprehensive Learner Record" in answer
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000


@pytest.fixture
def careers_url(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory):
    if not SHARED_FIXTURES.exists():
        pytest.skip("../shared fixtures missing")
    settings = careers_settings(tmp_path_factory.mktemp("careers-browser"))
    ready_service(settings)
    with running_app(careers_env(settings), tmp_path / "streamlit.log") as url:
        yield url


def test_uploaded_credential_shows_its_badge_and_fits(chromium_path, careers_url, tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    shot = tmp_path / "records.png"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(careers_url)
            uploader = page.locator("[data-testid=stSidebar] input[type=file]")
            uploader.wait_for(state="attached", timeout=60_000)
            uploader.set_input_files(str(NURSING_CLR))
            sidebar = page.locator("[data-testid=stSidebar]")
            sidebar.get_by_text(NURSING_CLR.name).wait_for(timeout=60_000)
            page.get_by_text("Your profile:").click()
            badge = page.get_by_text("Signed, but the key is not tied to the issuer").first
            badge.wait_for(timeout=30_000)
            expect(page.get_by_text("Cardiopulmonary resuscitation").first).to_be_visible()
            ask_in_page(page, "which pathways fit my skills?", "https://example.org/onet/")
            answer = page.locator(ASSISTANT_MESSAGE).last
            answer.get_by_text("Why this score?").first.wait_for(timeout=30_000)
            text = answer.inner_text()
            assert "Nursing Assistants" in text
            assert "Fit " in text and "/ 100" in text
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
