"""Shared readers for the curated occupation tests: the YAML batches, the skills vocabulary and
the O*NET 29.3 text files beside the checkout (read by tests only)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

from ler_navigator.models.knowledge import Occupation

REPO = Path(__file__).resolve().parents[2]
SKILLS_DIR = REPO / "knowledge" / "skills"
ONET_DIR = REPO / ".." / "shared" / "onet"


@cache
def raw_items(path: Path) -> tuple[dict, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["kind"] == "occupation"
    return tuple(data["items"])


@cache
def occupations(path: Path) -> tuple[Occupation, ...]:
    adapter = TypeAdapter(Occupation)
    return tuple(adapter.validate_python({"kind": "occupation", **raw}) for raw in raw_items(path))


def by_code(path: Path) -> dict[str, Occupation]:
    return {occupation.soc_code: occupation for occupation in occupations(path)}


@cache
def skill_documents() -> tuple[tuple[str, dict], ...]:
    return tuple(
        (p.name, yaml.safe_load(p.read_text(encoding="utf-8")))
        for p in sorted(SKILLS_DIR.glob("*.yaml"))
    )


@cache
def vocabulary() -> dict[str, str | None]:
    """Skill id -> O*NET element id (None for skills that are not O*NET elements)."""
    return {
        item["id"]: item.get("onet_element_id")
        for _, document in skill_documents()
        for item in document["items"]
    }


def onet_rows(file_name: str, prefixes: tuple[str, ...] = ("",)) -> Iterator[dict[str, str]]:
    """Rows of one O*NET file whose code starts with one of ``prefixes`` (skip when absent)."""
    path = ONET_DIR / file_name
    if not path.is_file():
        pytest.skip(f"O*NET 29.3 {file_name} is not available next to the checkout")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["O*NET-SOC Code"].startswith(prefixes):
                yield row


@cache
def onet_titles() -> dict[str, tuple[str, str]]:
    """SOC code -> (title, description) for every O*NET occupation."""
    return {
        row["O*NET-SOC Code"]: (row["Title"], row["Description"])
        for row in onet_rows("Occupation Data.txt")
    }


@cache
def onet_importance(prefixes: tuple[str, ...]) -> dict[str, dict[str, float]]:
    """SOC code -> element id -> importance (IM) from Skills.txt and Knowledge.txt."""
    ratings: dict[str, dict[str, float]] = defaultdict(dict)
    for file_name in ("Skills.txt", "Knowledge.txt"):
        for row in onet_rows(file_name, prefixes):
            if row["Scale ID"] == "IM":
                ratings[row["O*NET-SOC Code"]][row["Element ID"]] = float(row["Data Value"])
    return dict(ratings)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())
