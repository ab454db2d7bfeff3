"""Fixtures over the real curated knowledge base, built into temporary data folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ler_navigator.service import NavigatorService
from ler_navigator.settings import PACKAGE_ROOT, Settings

KNOWLEDGE = PACKAGE_ROOT / "knowledge"
GOLDEN = Path(__file__).parent


def update_golden() -> bool:
    """Golden files are rewritten only on explicit request (UPDATE_GOLDEN=1)."""
    return os.environ.get("UPDATE_GOLDEN") == "1"


def build_service(data_dir: Path) -> NavigatorService:
    service = NavigatorService(Settings(knowledge_dir=KNOWLEDGE, data_dir=data_dir))
    service.ensure_index()
    return service


@pytest.fixture(scope="session")
def real_service(tmp_path_factory) -> NavigatorService:
    return build_service(tmp_path_factory.mktemp("real-index"))
