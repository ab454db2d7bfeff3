"""Checks every curated occupation batch (``knowledge/careers/occupations_*.yaml``) at once
against O*NET 29.3 and the skills vocabulary: one rule set for all batches."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.kb.occupation_support import REPO, occupations, onet_titles, vocabulary, words

BATCHES = sorted((REPO / "knowledge" / "careers").glob("occupations_*.yaml"))
ALL = [(path.name, item) for path in BATCHES for item in occupations(path)]


def _runs(text: str, size: int = 8) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def test_every_code_is_curated_once_across_batches() -> None:
    counts = Counter(item.soc_code for _, item in ALL)
    assert [code for code, n in counts.items() if n > 1] == []
    assert all(item.id == f"occupation:{item.soc_code}" for _, item in ALL)


@pytest.mark.parametrize("batch", BATCHES, ids=lambda path: path.name)
def test_names_equal_onet_titles_and_bodies_are_our_own(batch: Path) -> None:
    titles = onet_titles()
    for item in occupations(batch):
        title, description = titles[item.soc_code]
        assert item.name == title, item.id
        copied = _runs(item.body) & _runs(description)
        assert not copied, f"{item.id} repeats O*NET wording: {sorted(copied)[:1]}"


@pytest.mark.parametrize("batch", BATCHES, ids=lambda path: path.name)
def test_skills_resolve_and_tasks_say_what_people_do(batch: Path) -> None:
    known = vocabulary()
    for item in occupations(batch):
        skills = [entry.skill for entry in item.skills]
        assert len(set(skills)) == len(skills) >= 10, item.id
        assert set(skills) <= set(known), f"{item.id}: {sorted(set(skills) - set(known))}"
        assert len(item.tasks) >= 4, item.id
