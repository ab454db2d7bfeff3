"""Paths to the third-party sources the importers read, and small knowledge folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
KNOWLEDGE_DIR = REPO / "knowledge"


def _shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"The shared test data folder '{name}' is missing.")
        pytest.skip(f"The shared test data folder '{name}' is not next to the checkout.")
    return path


@pytest.fixture(scope="session")
def lermap_repo() -> Path:
    """The LER Ecosystem Map repository snapshot (read-only)."""
    return _shared("lermap")


@pytest.fixture(scope="session")
def ctdl_dir() -> Path:
    """Credential Engine CTDL samples (read-only)."""
    return _shared("ctdl")
