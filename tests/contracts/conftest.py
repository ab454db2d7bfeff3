"""A real Chroma server for the store contract, started from the chromadb package."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class ChromaServer:
    host: str
    port: int


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _chroma_executable() -> Path | None:
    candidate = Path(sys.executable).parent / "chroma"
    return candidate if candidate.is_file() else None


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # loopback only
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    """``chroma run`` on a free loopback port over a temporary folder; stopped at the end."""
    executable = _chroma_executable()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("The `chroma` executable of the chromadb package is missing.")
        pytest.skip("The `chroma` executable of the chromadb package is not installed.")
    port = _free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    log = (folder / "server.log").open("wb")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen(
        [
            str(executable),
            "run",
            "--path",
            str(folder / "db"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    heartbeat = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while not _ready(heartbeat):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                output = (folder / "server.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"The Chroma server did not start:\n{output}")
            time.sleep(0.2)
        yield ChromaServer("127.0.0.1", port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
