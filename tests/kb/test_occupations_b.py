"""Checks for ``knowledge/careers/occupations_b.yaml``: SOC groups 37-53 against O*NET 29.3."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ler_navigator.kb.loader import build_knowledge
from ler_navigator.models.knowledge import Occupation
from tests.kb import occupation_support as support

REPO = Path(__file__).resolve().parents[2]
OCCUPATIONS_FILE = REPO / "knowledge" / "careers" / "occupations_b.yaml"
SKILLS_DIR = REPO / "knowledge" / "skills"
ONET_DIR = REPO / ".." / "shared" / "onet"  # O*NET 29.3 text files, read by tests only
AS_OF = dt.date(2026, 11, 29)
MAJOR_GROUPS = ("37", "39", "41", "43", "45", "47", "49", "51", "53")

# The pathways this file must cover: every listed occupation of the major groups above.
EXPECTED_CODES = (
    "37-1011.00",
    "37-1012.00",
    "37-2011.00",
    "37-2021.00",
    "37-3011.00",
    "39-1013.00",
    "39-1022.00",
    "39-2011.00",
    "39-2021.00",
    "39-3011.00",
    "39-3012.00",
    "39-3021.00",
    "39-5012.00",
    "39-9011.00",
    "41-1011.00",
    "41-2011.00",
    "41-2012.00",
    "41-2021.00",
    "41-2022.00",
    "41-2031.00",
    "41-3041.00",
    "41-9011.00",
    "43-1011.00",
    "43-2011.00",
    "43-2021.00",
    "43-3011.00",
    "43-3021.00",
    "43-3031.00",
    "43-3041.00",
    "43-3051.00",
    "43-3061.00",
    "43-3071.00",
    "43-4051.00",
    "43-4171.00",
    "43-5032.00",
    "43-5061.00",
    "43-5071.00",
    "43-6014.00",
    "45-1011.00",
    "45-2011.00",
    "45-2021.00",
    "45-2091.00",
    "45-2093.00",
    "47-1011.00",
    "47-2011.00",
    "47-2021.00",
    "47-2022.00",
    "47-2031.00",
    "47-2041.00",
    "47-2042.00",
    "47-2044.00",
    "47-2053.00",
    "47-2061.00",
    "47-2071.00",
    "47-2072.00",
    "47-2073.00",
    "47-2111.00",
    "47-2152.00",
    "47-2211.00",
    "47-2221.00",
    "47-4011.00",
    "49-1011.00",
    "49-2011.00",
    "49-2021.00",
    "49-2022.00",
    "49-2091.00",
    "49-2092.00",
    "49-2093.00",
    "49-2094.00",
    "49-2095.00",
    "49-2096.00",
    "49-2097.00",
    "49-3023.00",
    "49-3031.00",
    "49-9021.00",
    "49-9041.00",
    "49-9071.00",
    "51-1011.00",
    "51-2011.00",
    "51-2021.00",
    "51-2022.00",
    "51-2023.00",
    "51-2031.00",
    "51-2041.00",
    "51-2051.00",
    "51-2061.00",
    "51-2092.00",
    "51-3011.00",
    "51-3021.00",
    "51-3023.00",
    "51-3091.00",
    "51-4041.00",
    "51-4081.00",
    "51-4121.00",
    "51-8031.00",
    "51-9061.00",
    "51-9161.00",
    "53-1041.00",
    "53-1042.00",
    "53-1043.00",
    "53-2012.00",
    "53-2021.00",
    "53-2022.00",
    "53-2031.00",
    "53-3011.00",
    "53-3032.00",
    "53-3033.00",
    "53-3052.00",
    "53-6051.00",
    "53-7051.00",
    "53-7062.00",
)

# Required Level of Education category (O*NET "RL" scale) -> the model's EducationLevel.
RL_TO_EDUCATION = {
    1: "none",
    2: "high_school",
    3: "postsecondary_certificate",
    4: "some_college",
    5: "associate",
    6: "bachelor",
    7: "bachelor",
    8: "master",
    9: "master",
    10: "doctoral",
    11: "doctoral",
    12: "doctoral",
}

# O*NET rates education only for the specialties of this code, not for the code itself;
# the file uses the most common level across those specialties.
EDUCATION_FROM_SPECIALTIES = {"53-6051.00": ("53-6051.01", "53-6051.07")}


# ---------------------------------------------------------------- loading
def _raw_items() -> tuple[dict, ...]:
    return support.raw_items(OCCUPATIONS_FILE)


def _occupations() -> tuple[Occupation, ...]:
    return support.occupations(OCCUPATIONS_FILE)


def _by_code() -> dict[str, Occupation]:
    return support.by_code(OCCUPATIONS_FILE)


def _onet_rows(file_name: str, prefixes: tuple[str, ...] = MAJOR_GROUPS) -> Iterator[dict]:
    return support.onet_rows(file_name, prefixes)


def _onet_importance() -> dict[str, dict[str, float]]:
    return support.onet_importance(MAJOR_GROUPS)


_skill_documents = support.skill_documents
_vocabulary = support.vocabulary
_onet_occupations = support.onet_titles
_words = support.words


def _rescaled(importance: float) -> float:
    return round((importance - 1) / 4, 2)


# ---------------------------------------------------------------- coverage and ids
def test_every_listed_occupation_is_present_exactly_once() -> None:
    counts = Counter(raw["soc_code"] for raw in _raw_items())
    assert sorted(counts) == sorted(EXPECTED_CODES)
    assert set(counts.values()) == {1}
    assert len(set(EXPECTED_CODES)) == 111


def test_ids_urls_and_dates() -> None:
    for occupation in _occupations():
        assert occupation.id == f"occupation:{occupation.soc_code}"
        assert occupation.major_group in MAJOR_GROUPS
        assert occupation.as_of == AS_OF
        assert str(occupation.source_url) == "https://www.onetcenter.org/database.html"
        assert str(occupation.url) == (
            f"https://www.onetonline.org/link/summary/{occupation.soc_code}"
        )


def test_credential_links_are_left_to_the_credentials_file() -> None:
    for occupation in _occupations():
        assert occupation.related_credentials == []
        assert all(route.credentials == [] for route in occupation.routes)


# ---------------------------------------------------------------- facts from O*NET 29.3
def test_names_are_the_onet_titles() -> None:
    onet = _onet_occupations()
    for occupation in _occupations():
        assert occupation.name == onet[occupation.soc_code][0]


def test_job_zones_match_onet() -> None:
    zones = {row["O*NET-SOC Code"]: int(row["Job Zone"]) for row in _onet_rows("Job Zones.txt")}
    for occupation in _occupations():
        assert occupation.job_zone == zones[occupation.soc_code], occupation.soc_code


def test_typical_education_is_the_most_common_required_level() -> None:
    shares: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for row in _onet_rows("Education, Training, and Experience.txt"):
        if row["Scale ID"] == "RL":
            shares[row["O*NET-SOC Code"]][int(row["Category"])] += float(row["Data Value"])
    for parent, specialties in EDUCATION_FROM_SPECIALTIES.items():
        assert parent not in shares
        for specialty in specialties:
            for category, share in shares[specialty].items():
                shares[parent][category] += share
    for occupation in _occupations():
        by_category = shares[occupation.soc_code]
        assert by_category, occupation.soc_code
        most_common = max(sorted(by_category), key=lambda category: by_category[category])
        assert occupation.typical_education == RL_TO_EDUCATION[most_common], occupation.soc_code


def test_alternate_titles_are_exact_onet_titles() -> None:
    known: dict[str, set[str]] = defaultdict(set)
    for row in _onet_rows("Alternate Titles.txt"):
        known[row["O*NET-SOC Code"]].add(row["Alternate Title"])
    for occupation in _occupations():
        titles = occupation.alternate_titles
        assert 5 <= len(titles) <= 10, occupation.soc_code
        assert len(set(titles)) == len(titles), occupation.soc_code
        assert set(titles) <= known[occupation.soc_code], occupation.soc_code
        assert occupation.name not in titles


def test_tools_are_exact_onet_technology_names() -> None:
    known: dict[str, set[str]] = defaultdict(set)
    for row in _onet_rows("Technology Skills.txt"):
        known[row["O*NET-SOC Code"]].add(row["Example"])
    for occupation in _occupations():
        tools = occupation.tools
        available = known[occupation.soc_code]
        # A few occupations have fewer than five technology examples in O*NET at all.
        assert min(5, len(available)) <= len(tools) <= 10, occupation.soc_code
        assert len(set(tools)) == len(tools), occupation.soc_code
        assert set(tools) <= available, occupation.soc_code


def test_hot_technologies_come_first() -> None:
    flagged: dict[str, set[str]] = defaultdict(set)
    for row in _onet_rows("Technology Skills.txt"):
        if "Y" in (row["Hot Technology"], row["In Demand"]):
            flagged[row["O*NET-SOC Code"]].add(row["Example"])
    for occupation in _occupations():
        hot = [tool in flagged[occupation.soc_code] for tool in occupation.tools]
        assert hot == sorted(hot, reverse=True), occupation.soc_code


def test_onet_elements_carry_the_rescaled_importance() -> None:
    """O*NET skills and knowledge are listed only when rated IM >= 3.0, at (IM - 1) / 4."""
    ratings = _onet_importance()
    vocabulary = _vocabulary()
    checked = 0
    for occupation in _occupations():
        rated = ratings[occupation.soc_code]
        listed = {}
        for required in occupation.skills:
            element = vocabulary.get(required.skill)
            if element is None:
                continue
            assert rated.get(element, 0.0) >= 3.0, (occupation.soc_code, required.skill)
            assert required.importance == _rescaled(rated[element]), (
                occupation.soc_code,
                required.skill,
            )
            listed[element] = required.importance
            checked += 1
        eligible = sorted((e for e, v in rated.items() if v >= 3.0), key=lambda e: -rated[e])
        assert len(listed) == min(14, len(eligible)), occupation.soc_code
        if eligible:
            assert eligible[0] in listed, occupation.soc_code
    assert checked >= 1200


def test_hand_weighted_skills_stay_in_their_band() -> None:
    vocabulary = _vocabulary()
    for occupation in _occupations():
        specific = [s for s in occupation.skills if vocabulary.get(s.skill) is None]
        assert len(specific) >= 4, occupation.soc_code
        for required in specific:
            assert 0.6 <= required.importance <= 0.95, (occupation.soc_code, required.skill)


# ---------------------------------------------------------------- skills and links
def test_each_occupation_has_ten_to_25_skills_that_resolve() -> None:
    vocabulary = _vocabulary()
    for occupation in _occupations():
        ids = [required.skill for required in occupation.skills]
        assert 10 <= len(ids) <= 25, occupation.soc_code
        assert len(set(ids)) == len(ids), occupation.soc_code
        missing = sorted(set(ids) - set(vocabulary))
        assert not missing, f"{occupation.soc_code} links unknown skills {missing}"


def test_skills_are_listed_most_important_first() -> None:
    for occupation in _occupations():
        keys = [(-required.importance, required.skill) for required in occupation.skills]
        assert keys == sorted(keys), occupation.soc_code


@pytest.mark.parametrize(
    ("soc_code", "skill_id"),
    [
        ("51-4121.00", "skill:welding"),
        ("51-4121.00", "skill:gas-metal-arc-welding"),
        ("53-3032.00", "skill:commercial-driving-class-a"),
        ("43-3031.00", "skill:bookkeeping"),
        ("47-2111.00", "skill:electrical-wiring"),
        ("47-2111.00", "skill:national-electrical-code"),
        ("53-7051.00", "skill:forklift-operation"),
        ("49-9021.00", "skill:refrigerant-handling"),
        ("41-2011.00", "skill:cash-handling"),
        ("51-4041.00", "skill:precision-measurement"),
        ("49-3023.00", "skill:automotive-repair"),
        ("39-9011.00", "skill:childcare"),
    ],
)
def test_distinguishing_skills_rank_high(soc_code: str, skill_id: str) -> None:
    skills = {required.skill: required.importance for required in _by_code()[soc_code].skills}
    assert skills.get(skill_id, 0.0) >= 0.8


def test_related_occupations_are_other_known_occupations() -> None:
    onet = _onet_occupations()
    for occupation in _occupations():
        related = occupation.related_occupations
        assert 1 <= len(related) <= 4, occupation.soc_code
        assert len(set(related)) == len(related), occupation.soc_code
        assert occupation.id not in related
        for item_id in related:
            assert item_id.removeprefix("occupation:") in onet, item_id


def test_file_validates_with_the_loader() -> None:
    """Links resolve once stand-ins cover the occupations a sibling file defines."""
    vocabulary = _vocabulary()
    documents: list[tuple[str, object]] = list(_skill_documents())
    documents.append((OCCUPATIONS_FILE.name, yaml.safe_load(OCCUPATIONS_FILE.read_text("utf-8"))))
    ours = {occupation.id for occupation in _occupations()}
    foreign = sorted({i for o in _occupations() for i in o.related_occupations} - ours)
    our_groups = tuple(f"occupation:{group}-" for group in MAJOR_GROUPS)
    assert not [item_id for item_id in foreign if item_id.startswith(our_groups)]
    stand_ins = [
        {
            "id": item_id,
            "name": item_id,
            "soc_code": item_id.removeprefix("occupation:"),
            "typical_education": "none",
            "body": "Stand-in for an occupation that another knowledge file defines.",
            "source_url": "https://www.onetcenter.org/database.html",
            "as_of": "2026-11-29",
            "skills": [{"skill": min(vocabulary), "importance": 0.5}],
        }
        for item_id in foreign
    ]
    documents.append(("stand-ins", {"kind": "occupation", "items": stand_ins}))
    loaded = build_knowledge(documents)
    assert {item.id for item in loaded.by_kind("occupation")} >= ours


# ---------------------------------------------------------------- our own words
def test_bodies_share_no_eight_word_run_with_onet_descriptions() -> None:
    onet = _onet_occupations()
    for occupation in _occupations():
        source = _words(onet[occupation.soc_code][1])
        runs = {tuple(source[i : i + 8]) for i in range(len(source) - 7)}
        body = _words(occupation.body)
        windows = (tuple(body[i : i + 8]) for i in range(len(body) - 7))
        shared = [" ".join(window) for window in windows if window in runs]
        assert not shared, (occupation.soc_code, shared)


def test_bodies_have_two_or_three_sentences() -> None:
    for occupation in _occupations():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", occupation.body) if s]
        assert 2 <= len(sentences) <= 3, occupation.soc_code


def test_tasks_are_short_resume_phrases() -> None:
    for occupation in _occupations():
        tasks = occupation.tasks
        assert 4 <= len(tasks) <= 8, occupation.soc_code
        assert len(set(tasks)) == len(tasks), occupation.soc_code
        for task in tasks:
            assert 2 <= len(task.split()) <= 10, task
            assert task == task.strip() and not task.endswith("."), task


def test_routes_are_one_to_three_ways_in_without_a_degree() -> None:
    for occupation in _occupations():
        types = [route.route_type for route in occupation.routes]
        assert 1 <= len(types) <= 3, occupation.soc_code
        assert len(set(types)) == len(types), occupation.soc_code
        # Every pathway in these groups is open without a four-year degree.
        assert "bachelor_degree" not in types, occupation.soc_code
