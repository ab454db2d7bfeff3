"""Fixtures for the skills tests: the project's vocabulary, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from ler_navigator.skills import SkillVocabulary

REPO_ROOT = Path(__file__).resolve().parents[2]
SKILLS_DIR = REPO_ROOT / "knowledge" / "skills"


@pytest.fixture(scope="session")
def vocab() -> SkillVocabulary:
    """The vocabulary built from the project's ``knowledge/skills`` files only."""
    return SkillVocabulary.from_knowledge_dir(SKILLS_DIR)
