"""The chat in a real browser: Debian's Chromium against ``streamlit run``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.streamlit_server import CHROMIUM, ask_in_page, launch_chromium, running_app

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
