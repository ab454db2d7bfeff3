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


def onet_rows(file_name: str) -> Iterator[dict[str, str]]:
    """Rows of one O*NET file (skips the test when the file is absent)."""
    path = ONET_DIR / file_name
    if not path.is_file():
        pytest.skip(f"O*NET 29.3 {file_name} is not available next to the checkout")
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


@cache
def onet_titles() -> dict[str, tuple[str, str]]:
    """SOC code -> (title, description) for every O*NET occupation."""
    return {
        row["O*NET-SOC Code"]: (row["Title"], row["Description"])
        for row in onet_rows("Occupation Data.txt")
    }


@cache
def onet_importance() -> dict[str, dict[str, float]]:
    """SOC code -> element id -> importance (IM) from Skills.txt and Knowledge.txt."""
    ratings: dict[str, dict[str, float]] = defaultdict(dict)
    for file_name in ("Skills.txt", "Knowledge.txt"):
        for row in onet_rows(file_name):
            if row["Scale ID"] == "IM":
                ratings[row["O*NET-SOC Code"]][row["Element ID"]] = float(row["Data Value"])
    return dict(ratings)


@cache
def onet_job_zones() -> dict[str, int]:
    """SOC code -> Job Zone (1-5)."""
    return {row["O*NET-SOC Code"]: int(row["Job Zone"]) for row in onet_rows("Job Zones.txt")}


@cache
def onet_education_shares() -> dict[str, dict[int, float]]:
    """SOC code -> Required Level of Education category (RL scale) -> share of respondents."""
    shares: dict[str, dict[int, float]] = defaultdict(dict)
    for row in onet_rows("Education, Training, and Experience.txt"):
        if row["Scale ID"] == "RL":
            shares[row["O*NET-SOC Code"]][int(row["Category"])] = float(row["Data Value"])
    return dict(shares)


@cache
def onet_alternate_titles() -> dict[str, frozenset[str]]:
    """SOC code -> its alternate titles."""
    titles: dict[str, set[str]] = defaultdict(set)
    for row in onet_rows("Alternate Titles.txt"):
        titles[row["O*NET-SOC Code"]].add(row["Alternate Title"])
    return {code: frozenset(found) for code, found in titles.items()}


@cache
def onet_technologies() -> dict[str, dict[str, bool]]:
    """SOC code -> technology example -> whether O*NET flags it Hot Technology or In Demand."""
    examples: dict[str, dict[str, bool]] = defaultdict(dict)
    for row in onet_rows("Technology Skills.txt"):
        flagged = "Y" in (row["Hot Technology"], row["In Demand"])
        known = examples[row["O*NET-SOC Code"]]
        known[row["Example"]] = known.get(row["Example"], False) or flagged
    return dict(examples)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())
