"""Start the chat with ``streamlit run`` and drive it with Debian's Chromium (tests and scripts)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = REPO_ROOT / "app" / "streamlit_app.py"
CHROMIUM = Path("/usr/bin/chromium")
# Everything but the local server resolves to nothing, so a page can never reach the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
CHAT_INPUT = "[data-testid=stChatInputTextArea]"
ASSISTANT_MESSAGE = "[data-testid=stChatMessage]:has([data-testid=stChatMessageAvatarAssistant])"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def running_app(env: Mapping[str, str], log_path: Path, timeout_s: float = 90.0) -> Iterator[str]:
    """Run the chat headless on a free local port; yields its base URL and stops it after."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command, cwd=REPO_ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + timeout_s
            while not _healthy(f"{base_url}/_stcore/health"):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"Streamlit did not come up:\n{log_path.read_text(errors='replace')}"
                    )
                time.sleep(0.2)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def launch_chromium(playwright: Any) -> Any:
    """Headless Debian Chromium through Playwright (Playwright's own browsers are not used)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def ask_in_page(page: Any, question: str, link_prefix: str, timeout_ms: float = 60_000) -> Any:
    """Type ``question`` into the chat and wait for an answer citing a ``link_prefix`` URL."""
    box = page.locator(CHAT_INPUT)
    box.wait_for(timeout=timeout_ms)
    box.fill(question)
    box.press("Enter")
    link = page.locator(f'{ASSISTANT_MESSAGE} a[href^="{link_prefix}"]').first
    link.wait_for(state="attached", timeout=timeout_ms)
    return link
