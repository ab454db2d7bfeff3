"""Take docs/screenshot.png: the chat with one answered question, in headless Chromium.

    uv run python scripts/screenshot.py ["question"]

Uses the settings from the environment (by default the curated knowledge/ and .data/), so run
`make index` first for a quick start.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.streamlit_server import REPO_ROOT, ask_in_page, launch_chromium, running_app

QUESTION = "What is a Comprehensive Learner Record?"
OUTPUT = REPO_ROOT / "docs" / "screenshot.png"


def main(question: str = QUESTION) -> None:
    """Start the chat, ask ``question``, open the sources and save the screenshot."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_app({}, Path(tmp) / "streamlit.log") as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1250})
            page.goto(url)
            ask_in_page(page, question, "http")
            page.get_by_text("Sources (").first.click()
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUTPUT), full_page=True)
        finally:
            browser.close()
    print(f"Saved {OUTPUT.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
