"""Shared fixtures for verification tests: the third-party credential fixtures and a verifier."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from verify_support import AS_OF, CONTEXTS, CREDENTIALS, STATUS_LIST, STATUS_LIST_URLS

from ler_navigator.verify.contexts import ContextLoader
from ler_navigator.verify.documents import LocalDocuments
from ler_navigator.verify.verifier import Verifier


@pytest.fixture(scope="session")
def fixtures_available() -> None:
    """Skip when the shared credential fixtures are not checked out next to the project."""
    if not (CREDENTIALS / "expected.yaml").is_file():
        pytest.skip("shared credential fixtures are not available")


@pytest.fixture(scope="session")
def local_docs_dir(tmp_path_factory: pytest.TempPathFactory, fixtures_available: None) -> Path:
    """A local documents folder: the fixtures' support documents plus the status list."""
    root = tmp_path_factory.mktemp("local-docs")
    shutil.copytree(CREDENTIALS / "_support", root / "support")
    (root / "status").mkdir()
    shutil.copy(STATUS_LIST, root / "status" / "dcc-status-list.json")
    aliases = {url: "status/dcc-status-list.json" for url in STATUS_LIST_URLS}
    (root / "documents.json").write_text(json.dumps(aliases), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def make_verifier(local_docs_dir: Path) -> Callable[..., Verifier]:
    """Build a verifier over the fixture contexts and documents at a given moment."""

    def build(at: datetime = AS_OF, documents: LocalDocuments | None = None) -> Verifier:
        return Verifier(
            loader=ContextLoader(contexts_dir=CONTEXTS),
            documents=documents or LocalDocuments(local_docs_dir),
            clock=lambda: at,
        )

    return build


@pytest.fixture(scope="session")
def verifier(make_verifier: Callable[..., Verifier]) -> Verifier:
    """A verifier as of 2026-11-29, the date the fixture verdicts were judged."""
    return make_verifier()


@pytest.fixture(scope="session")
def read_fixture(fixtures_available: None) -> Callable[[str], Any]:
    """Read a fixture credential (path relative to the credentials folder) as JSON."""

    def read(relative: str) -> Any:
        return json.loads((CREDENTIALS / relative).read_text(encoding="utf-8"))

    return read
