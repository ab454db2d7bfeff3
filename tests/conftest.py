"""Fixtures shared by the whole suite: a clean environment, no network, a ready service."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_KNOWLEDGE_DIR = REPO_ROOT / "tests" / "app" / "knowledge"
LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


# ---------------------------------------------------------------- environment
@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's ``LER_NAV_*`` variables."""
    for name in list(os.environ):
        if name.startswith("LER_NAV_"):
            monkeypatch.delenv(name)


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # Unix domain sockets and socketpairs stay on this machine.
    host = str(address[0])
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def block_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse connections to anything but this machine, except in ``integration`` tests."""
    if request.node.get_closest_marker("integration"):
        return
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(address: object) -> None:
        if not _is_loopback(address):
            raise ConnectionRefusedError(f"Tests may not use the network (tried {address!r}).")

    def connect(self: socket.socket, address: object) -> None:
        guard(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        guard(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


# ---------------------------------------------------------------- a ready service
@pytest.fixture(scope="session")
def sample_knowledge_dir() -> Path:
    """A small made-up knowledge base (read-only) for UI and browser tests."""
    return SAMPLE_KNOWLEDGE_DIR


@pytest.fixture(scope="session")
def navigator_settings(tmp_path_factory: pytest.TempPathFactory, sample_knowledge_dir: Path):
    """Settings over the sample knowledge base, with a data dir shared by the whole session."""
    return Settings(
        knowledge_dir=sample_knowledge_dir, data_dir=tmp_path_factory.mktemp("navigator-data")
    )


@pytest.fixture(scope="session")
def navigator_service(navigator_settings: Settings) -> NavigatorService:
    """A service whose index is built once per session; later opens of the data dir reuse it."""
    service = NavigatorService(navigator_settings)
    service.ensure_index()
    return service


@pytest.fixture
def navigator_env(
    monkeypatch: pytest.MonkeyPatch, navigator_settings: Settings, navigator_service
) -> dict[str, str]:
    """``LER_NAV_*`` variables that point the app at the session's ready data dir."""
    env = {
        "LER_NAV_KNOWLEDGE_DIR": str(navigator_settings.knowledge_dir),
        "LER_NAV_DATA_DIR": str(navigator_settings.data_dir),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env
