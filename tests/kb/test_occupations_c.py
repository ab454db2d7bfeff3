"""Checks for ``knowledge/careers/occupations_c.yaml`` against O*NET 29.3 and the skills."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
OCCUPATIONS_FILE = REPO / "knowledge" / "careers" / "occupations_c.yaml"
ONET_DIR = REPO / ".." / "shared" / "onet"  # O*NET 29.3 text files, read by tests only

_EXPECTED_TEXT = """
    13-1081.00 29-2053.00 29-2056.00 31-9011.00 31-9094.00 31-9095.00
    31-9096.00 33-3012.00 33-9021.00 33-9092.00 33-9093.00 35-2011.00
    35-3031.00 35-9021.00 39-5011.00 39-6012.00 39-9031.00 43-4061.00
    43-4081.00 43-4161.00 43-4181.00 43-5031.00 43-5051.00 43-5052.00
    43-6011.00 43-6012.00 43-6013.00 43-9021.00 43-9041.00 43-9061.00
    47-2051.00 47-2081.00 47-2141.00 47-2181.00 47-2231.00 47-4041.00
    49-3011.00 49-3021.00 49-3042.00 49-9043.00 49-9044.00 49-9051.00
    49-9052.00 49-9062.00 49-9081.00 53-3031.00 53-4031.00 53-5011.00
    53-5021.00 53-5022.00 53-7021.00 53-7064.00 53-7065.00 53-7081.00
"""
EXPECTED_CODES = _EXPECTED_TEXT.split()

ITEMS = yaml.safe_load(OCCUPATIONS_FILE.read_text(encoding="utf-8"))["items"]
SKILL_IDS = {
    item["id"]
    for path in sorted((REPO / "knowledge" / "skills").glob("*.yaml"))
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
}


def _onet_rows(name: str) -> dict[str, dict[str, str]]:
    """O*NET rows of one file keyed by SOC code (skips the test when the data is absent)."""
    path = ONET_DIR / name
    if not path.exists():
        pytest.skip("O*NET 29.3 text files are not available next to the checkout")
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["O*NET-SOC Code"]: row for row in reader}


def _word_runs(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = ["".join(c for c in w.lower() if c.isalnum()) for w in text.split()]
    words = [w for w in words if w]
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_every_expected_code_is_present_once() -> None:
    codes = [item["soc_code"] for item in ITEMS]
    assert sorted(codes) == sorted(EXPECTED_CODES)
    assert all(item["id"] == f"occupation:{item['soc_code']}" for item in ITEMS)


def test_names_and_job_zones_match_onet() -> None:
    titles = _onet_rows("Occupation Data.txt")
    zones = _onet_rows("Job Zones.txt")
    for item in ITEMS:
        assert item["name"] == titles[item["soc_code"]]["Title"], item["id"]
        assert item["job_zone"] == int(zones[item["soc_code"]]["Job Zone"]), item["id"]


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item["soc_code"])
def test_skills_resolve_and_tasks_are_listed(item: dict) -> None:
    skills = [entry["skill"] for entry in item["skills"]]
    assert set(skills) <= SKILL_IDS, "every skill must exist in the vocabulary"
    assert len(set(skills)) == len(skills) >= 10
    assert len(item["tasks"]) >= 4


def test_bodies_are_not_copied_from_onet() -> None:
    descriptions = _onet_rows("Occupation Data.txt")
    for item in ITEMS:
        shared = _word_runs(item["body"]) & _word_runs(
            descriptions[item["soc_code"]]["Description"]
        )
        assert not shared, f"{item['id']} repeats O*NET wording: {sorted(shared)[:1]}"
